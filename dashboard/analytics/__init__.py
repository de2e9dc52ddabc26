"""Pure analytics on tidy frames and flow graphs (no Dash, no I/O)."""
