"""Pure figure builders: ``(tidy frame, options) -> plotly Figure``; no Dash, no I/O."""
