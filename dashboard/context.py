"""Which :class:`~dashboard.dataset.Dataset` the current request is answered from.

The app keeps its dataset on the Flask app (``server.config``), not in a module global, so a
second app (a user's own national data, a test fixture) can serve another dataset with the same
views. Loaded data are read-only and identical in every gunicorn worker.
"""

from __future__ import annotations

import flask

from dashboard.dataset import Dataset, bundled_dataset

CONFIG_KEY = "DASHBOARD_DATASET"


def current_dataset() -> Dataset:
    """The dataset of the app answering this request (the bundled one outside a request)."""
    if flask.has_app_context():
        dataset = flask.current_app.config.get(CONFIG_KEY)
        if dataset is not None:
            return dataset
    return bundled_dataset()
