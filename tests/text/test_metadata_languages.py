"""Every source's metadata in French and Arabic (data/meta/*.json, read by ``Text.meta``)."""

from __future__ import annotations

import re

import pytest

from dashboard.dataset import read_metadata
from dashboard.paths import METADATA_DIR
from dashboard.text import text_for

#: The fields the Sources page and the source notes show in the reader's language.
TRANSLATED = ("producer", "title", "licence", "version", "processing", "caveats")
METADATA = read_metadata(METADATA_DIR)


@pytest.mark.parametrize("source", sorted(METADATA))
@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_every_shown_field_is_translated_item_by_item(source, lang):
    meta = METADATA[source]
    for field in TRANSLATED:
        english, translated = meta[field], meta.get(f"{field}_{lang}")
        assert translated, (source, field, lang)
        if isinstance(english, list):
            assert isinstance(translated, list) and len(translated) == len(english)
            assert all(isinstance(item, str) and item for item in translated)
        assert text_for(lang).meta(meta, field) == translated
    assert f"citation_{lang}" not in meta  # citations stay as the producer wrote them


@pytest.mark.parametrize("source", sorted(METADATA))
def test_arabic_keeps_latin_digits(source):
    meta = METADATA[source]
    for field in TRANSLATED:
        value = meta[f"{field}_ar"]
        for item in value if isinstance(value, list) else [value]:
            assert not re.search("[\u0660-\u0669\u06f0-\u06f9]", item), (source, field)
