"""The documentation that is generated from the code is up to date."""

from __future__ import annotations

import subprocess
import sys

from dashboard.paths import PROJECT_ROOT


def test_the_data_dictionary_is_the_schemas():
    script = PROJECT_ROOT / "scripts" / "data_dictionary.py"
    result = subprocess.run([sys.executable, str(script), "--check"], check=False)
    assert result.returncode == 0, "run: .venv/bin/python scripts/data_dictionary.py"
