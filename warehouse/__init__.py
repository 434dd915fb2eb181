"""warehouse: the DuckDB file a researcher queries — schema, loads, dedupe, views, exports."""
from warehouse.db import DEFAULT_DB, connect, session, transaction, upgrade
from warehouse.export import EXPORTS, export
from warehouse.load import LoadReport, load_records
from warehouse.query import query, render, stats
from warehouse.units import load_units

__all__ = ["DEFAULT_DB", "EXPORTS", "LoadReport", "connect", "export", "load_records", "load_units",
           "query", "render", "session", "stats", "transaction", "upgrade"]
