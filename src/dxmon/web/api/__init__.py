"""JSON API routers, one module per domain: parse → service → return."""
