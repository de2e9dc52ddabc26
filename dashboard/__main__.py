"""``python -m dashboard``: see :mod:`dashboard.cli`."""

from dashboard.cli import main

raise SystemExit(main())
