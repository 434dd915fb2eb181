"""Records shared by every stage, and the one error type commands turn into `Error: …`."""
from schema.errors import ThiduaError
from schema.records import (EVENT_TYPES, ROLES, UNIT_TYPES, Article, Cluster, EventRecord, Movement,
                            Official, Page, Span, Unit)

__all__ = ["Article", "Cluster", "EventRecord", "Movement", "Official", "Page", "Span", "Unit",
           "ThiduaError", "EVENT_TYPES", "ROLES", "UNIT_TYPES"]
