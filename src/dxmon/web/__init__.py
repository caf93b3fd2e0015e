"""Web layer: the dashboard pages and the JSON API."""
