"""The web side of the dashboard: the request's address, serving, downloads."""
