"""Where the project's files live. Nothing here reads them."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("DASHBOARD_DATA_DIR", PROJECT_ROOT / "data"))
METADATA_DIR = DATA_DIR / "meta"
ASSETS_DIR = PROJECT_ROOT / "assets"
TOPOJSON_DIR = ASSETS_DIR / "topojson"
#: The raw public files are not in the repository; a checkout beside ``shared/`` finds them here.
DEFAULT_RAW_DIR = PROJECT_ROOT.parent / "shared" / "data" / "raw"
