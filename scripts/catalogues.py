"""Keep the message catalogues in step with the code: extract, update, report.

    .venv/bin/python scripts/catalogues.py update    # extract messages, merge into fr and ar
    .venv/bin/python scripts/catalogues.py report    # what is untranslated or fuzzy

``update`` writes ``dashboard/locale/messages.pot`` (every message the code marks, as
``pybabel extract -F babel.cfg -k N_ -k NP_:1c,2 -k NN_:1,2`` finds them) and merges it into
``dashboard/locale/<lang>/LC_MESSAGES/messages.po`` as ``pybabel update`` does: a new message
is added untranslated, a changed one is kept as a fuzzy guess for a translator to check, a
removed one is kept as obsolete. The Arabic header carries CLDR's six plural forms in CLDR's
order (zero, one, two, few, many, other); French has gettext's two. Nothing needs compiling:
the app reads the ``.po`` files at start.
"""

from __future__ import annotations

import re
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dashboard.text.catalogue import LOCALE_DIR, extract_messages, po_path  # noqa: E402

LANGUAGES = ("fr", "ar")
#: gettext's plural rule for Arabic, in CLDR's order of categories: zero, one, two, few (3–10),
#: many (11–99), other (100–102 …). (``pybabel init -l ar`` has written forms 4 and 5 swapped.)
#: French: one for 0 and 1, other from 2 (gettext's usual rule; CLDR adds a "many" form for
#: exact millions, which no count here reaches, and Babel's catalogues would ask for it).
PLURALS = {
    "ar": (
        6,
        "(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
        "n%100>=11 && n%100<=99 ? 4 : 5)",
    ),
    "fr": (2, "(n > 1)"),
}
#: A previous msgid as Babel reads it back (a translator comment).
PREVIOUS = re.compile(r"\| (msgctxt|msgid|msgid_plural) ")
HEADER = (
    "Messages of the Southern Mediterranean trafficking-in-persons dashboard.\n"
    "Written by the project; review by native speakers is welcome (see README, Languages)."
)


def _write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, sort_output=False, include_previous=True)


def _drop_stale_previous_ids(catalog: Catalog) -> None:
    """Babel's ``read_po`` keeps a fuzzy message's ``#| msgid`` (its previous text) as a
    translator comment (``# | msgid``), which would stay after the translation is corrected:
    keep it only while the message is fuzzy."""
    for message in catalog:
        if message.id and not message.fuzzy:
            message.user_comments = [c for c in message.user_comments if not PREVIOUS.match(c)]


def update() -> None:
    template = extract_messages()
    template.header_comment = f"# {HEADER.replace(chr(10), chr(10) + '# ')}"
    template.revision_date = template.creation_date = datetime(2026, 1, 1, tzinfo=UTC)
    _write(template, LOCALE_DIR / "messages.pot")
    for lang in LANGUAGES:
        path = po_path(lang)
        if path.is_file():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=lang)
        else:
            catalog = Catalog(locale=lang, project="medflows-dashboard")
        catalog.update(template, update_header_comment=False)
        _drop_stale_previous_ids(catalog)
        catalog.header_comment = template.header_comment
        catalog.revision_date = catalog.creation_date = template.creation_date
        catalog._num_plurals, catalog._plural_expr = PLURALS[lang]
        _write(catalog, path)
        print(f"{path.relative_to(ROOT)}: {len(catalog)} messages")


def report() -> int:
    problems = 0
    for lang in LANGUAGES:
        with po_path(lang).open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        messages = [m for m in catalog if m.id]
        untranslated = [m for m in messages if not m.string or not all(m.string)]
        fuzzy = [m for m in messages if m.fuzzy]
        print(f"{lang}: {len(messages)} messages, {len(untranslated)} untranslated, "
              f"{len(fuzzy)} fuzzy")  # fmt: skip
        problems += len(untranslated) + len(fuzzy)
    return 1 if problems else 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "update"
    if command == "update":
        update()
    elif command == "report":
        sys.exit(report())
    else:
        sys.exit(f"unknown command {command!r}: update or report")
