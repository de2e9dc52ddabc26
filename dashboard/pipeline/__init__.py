"""Importers: one module per source, from the raw public files to the tidy tables in ``data/``."""
