"""Interactive dashboard of trafficking-in-persons flows in the Southern Mediterranean."""

__version__ = "0.1.0"
