"""Shared fixtures: the bundled dataset, the raw-data folder (skipping when absent)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Figures are validated by plotly.py while the tests run (and in the servers they start);
# the app skips it when serving (see dashboard/figures/compare.py).
os.environ.setdefault("DASHBOARD_VALIDATE_FIGURES", "1")
# Uploads go to a database of the test run (servers the tests start inherit it), never to the
# project's instance/ folder.
os.environ.setdefault("DASHBOARD_INSTANCE_DIR", tempfile.mkdtemp(prefix="dashboard-tests-"))

# Accounts' passwords hashed with argon2's cheapest parameters (dashboard/accounts/passwords.py):
# the platform tests make hundreds of accounts; one test checks the production parameters.
os.environ.setdefault("DASHBOARD_FAST_PASSWORD_HASHES", "1")

from dashboard.paths import DEFAULT_RAW_DIR


@pytest.fixture(scope="session")
def dataset():
    """The bundled dataset in ``data/``, loaded (and validated) once."""
    from dashboard.dataset import bundled_dataset

    return bundled_dataset()


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    """The raw public files (``../shared/data/raw``); tests needing them skip when absent."""
    if not (DEFAULT_RAW_DIR / "unodc" / "data_glotip.xlsx").is_file():
        pytest.skip(f"raw data not found at {DEFAULT_RAW_DIR}")
    return DEFAULT_RAW_DIR
