"""The views, one module each; importing this package registers them in order."""

from dashboard.pages import home, not_found_404, sources  # noqa: F401
