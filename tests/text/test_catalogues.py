"""The French and Arabic catalogues: in step with the code, well formed, with CLDR's plurals."""

from __future__ import annotations

import gettext
import re

import pytest
from babel import Locale
from babel.messages.pofile import read_po

from dashboard.text.catalogue import compile_po, extract_messages, po_path

LANGUAGES = ("fr", "ar")
FIELD = re.compile(r"\{(\w*)[^{}]*\}")


def catalog(lang):
    with po_path(lang).open("rb") as handle:
        return read_po(handle, locale=lang)


def _ids(message) -> tuple:
    return (message.context, message.id if isinstance(message.id, str) else message.id[0])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_catalogue_holds_every_message_of_the_code(lang):
    extracted = {_ids(m) for m in extract_messages() if m.id}
    held = {_ids(m) for m in catalog(lang) if m.id}  # obsolete entries are kept apart
    assert extracted - held == set(), "run: .venv/bin/python scripts/catalogues.py update"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_every_field_and_pass_babels_checks(lang):
    for message in catalog(lang):
        if not message.id or not message.string:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        wanted = set(FIELD.findall(ids[-1]))
        for string in strings:
            if string:
                assert set(FIELD.findall(string)) <= wanted | {"n"}, (message.id, string)
                assert set(FIELD.findall(string)) >= wanted - {"n"}, (message.id, string)
        assert not list(message.check(catalog(lang))), message.id


def test_no_message_reads_as_a_percent_format():
    """The messages take ``{name}`` fields; one that Babel reads as a ``%`` format (“% of”
    reads as ``% o``) would need that placeholder in every translation (“% des”, “% من” fail
    Babel's check): write “(%)” or “share” instead."""
    flagged = [m.id for m in extract_messages() if m.id and "python-format" in m.flags]
    assert flagged == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_only_fuzzy_messages_keep_their_previous_text(lang):
    """A ``#| msgid`` (read back as the comment ``| msgid``) tells a translator what a fuzzy
    message used to say; on a corrected message it would only mislead."""
    stale = [
        m.id
        for m in catalog(lang)
        if m.id and not m.fuzzy and any(re.match(r"\| msg", c) for c in m.user_comments)
    ]
    assert stale == [], "run: .venv/bin/python scripts/catalogues.py update"


def test_arabic_plural_forms_are_cldrs():
    translations = gettext.GNUTranslations(__import__("io").BytesIO(compile_po(po_path("ar"))))
    rule = Locale("ar").plural_form
    order = ["zero", "one", "two", "few", "many", "other"]
    for n in range(0, 1200):
        # gettext's plural index of n is the position of CLDR's category of n.
        assert translations.plural(n) == order.index(rule(n)), n


def test_french_plural_forms():
    translations = gettext.GNUTranslations(__import__("io").BytesIO(compile_po(po_path("fr"))))
    assert [translations.plural(n) for n in (0, 1, 2, 10)] == [0, 0, 1, 1]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(lang):
    """Every message has a translation in every plural form, and none is a fuzzy guess (after
    ``scripts/catalogues.py update``, new or changed messages fail here until translated)."""
    untranslated, fuzzy = [], []
    for message in catalog(lang):
        if not message.id:
            continue
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        if not strings or not all(strings):
            untranslated.append(message.id)
        if message.fuzzy:
            fuzzy.append(message.id)
    assert untranslated == [], f"{len(untranslated)} untranslated: {untranslated[:5]}"
    assert fuzzy == [], f"{len(fuzzy)} fuzzy: {fuzzy[:5]}"
