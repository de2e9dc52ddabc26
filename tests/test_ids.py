"""Component ids come from one place, and no two share a value."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from dashboard import ids

PAGES = Path(__file__).resolve().parents[2] / "dashboard" / "pages"


def test_every_id_is_unique():
    values = [v for k, v in vars(ids).items() if k.isupper() and isinstance(v, str)]
    duplicated = [value for value, n in Counter(values).items() if n > 1]
    assert duplicated == []


def test_pages_take_their_ids_from_the_ids_module():
    literal_id = re.compile(r"\bid=\"[^\"]+\"")
    offenders = {
        path.name: literal_id.findall(path.read_text(encoding="utf-8"))
        for path in PAGES.glob("*.py")
    }
    assert {name: found for name, found in offenders.items() if found} == {}
