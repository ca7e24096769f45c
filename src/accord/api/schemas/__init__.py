"""The API's request and response shapes, one module per domain.

Response schemas are built from model rows by the functions next to them (`*_out`),
which read only what the caller fetched (select_related / prefetch_related), so that
building a representation never runs a query of its own.
"""
