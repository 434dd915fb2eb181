"""warehouse: the DuckDB file a researcher queries — schema, loads, dedupe, views, exports."""
from warehouse.db import connect, session, transaction, upgrade
from warehouse.export import EXPORTS, FORMATS, export
from warehouse.load import LoadReport, load_records
from warehouse.query import RENDERINGS, check_format, query, render, stats
from warehouse.units import load_units

__all__ = ["EXPORTS", "FORMATS", "RENDERINGS", "LoadReport", "check_format", "connect", "export",
           "load_records", "load_units", "query", "render", "session", "stats", "transaction", "upgrade"]
