"""Reusable pieces of page layout (no callbacks that read data)."""
