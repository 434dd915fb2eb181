"""warehouse: the DuckDB file a researcher queries — schema, loads, dedupe, views, exports."""
from warehouse.db import connect, session, transaction, upgrade

__all__ = ["connect", "session", "transaction", "upgrade"]
