"""The message catalogues: gettext translations per language, read from ``dashboard/locale``.

Catalogues are kept as ``.po`` files (committed, reviewed by people) and compiled in memory the
first time a process needs a language, so that nothing has to be compiled by hand on a fresh
machine; a ``.mo`` file next to its ``.po`` (``pybabel compile``) is used when it is newer.

English needs no catalogue: messages are written in English and are their own keys. The
pseudo-language (:data:`dashboard.text.languages.PSEUDO`) translates every message by marking
it, keeping its ``{fields}``, HTML tags and plotly ``%{…}`` templates intact, so that text which
bypasses the catalogue is easy to find: it is the text without the marks.
"""

from __future__ import annotations

import gettext
import io
import re
from functools import cache
from pathlib import Path

from dashboard.text.languages import PSEUDO

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"
#: Marks around every pseudo-translated message.
PSEUDO_OPEN, PSEUDO_CLOSE = "⟦", "⟧"
_ACCENTED = str.maketrans(
    "AaCcEeIiOoUuYyNn",
    "ÅåÇçÉéÎîÖöÛûÝýÑñ",
)
# Kept as they are: {fields} (and {{ }}), <tags>, &entities; and plotly's %{templates}.
_PROTECTED = re.compile(r"(\{\{|\}\}|%?\{[^{}]*\}|<[^<>]*>|&[a-z]+;)")


def pseudo(message: str) -> str:
    """``message`` marked and accented, its fields, tags and templates kept; each line
    (``<br>``) marked on its own, since plotly.js draws each line as its own text element.

    Examples
    --------
    >>> pseudo("{n} countries <b>in</b> %{x}")
    '⟦{n} çöûñtrîés <b>îñ</b> %{x}⟧'
    >>> pseudo("Detected victims<br>(lower bound)")
    '⟦Détéçtéd vîçtîms⟧<br>⟦(löwér böûñd)⟧'
    """
    return "<br>".join(_marked(line) if line else line for line in message.split("<br>"))


def _marked(line: str) -> str:
    parts = _PROTECTED.split(line)
    marked = "".join(
        part if index % 2 else part.translate(_ACCENTED) for index, part in enumerate(parts)
    )
    return f"{PSEUDO_OPEN}{marked}{PSEUDO_CLOSE}"


class PseudoTranslations(gettext.NullTranslations):
    """Every message translated by :func:`pseudo` (plural forms as in English).

    It also records what it was asked for (``asked``: ``(context, message, plural)``), so a
    test can check that every message the app uses at run time is one the extractor finds.
    """

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[tuple[str | None, str, str | None]] = set()

    def gettext(self, message: str) -> str:
        self.asked.add((None, message, None))
        return pseudo(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        self.asked.add((None, singular, plural))
        return pseudo(singular if n == 1 else plural)

    def pgettext(self, context: str, message: str) -> str:
        self.asked.add((context, message, None))
        return pseudo(message)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        self.asked.add((context, singular, plural))
        return pseudo(singular if n == 1 else plural)


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The translations of ``lang`` (read once per process; English: none)."""
    if lang == PSEUDO:
        return PseudoTranslations()
    po = po_path(lang)
    if not po.is_file():
        return gettext.NullTranslations()
    mo = po.with_suffix(".mo")
    if mo.is_file() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    return gettext.GNUTranslations(io.BytesIO(compile_po(po)))


def compile_po(po: Path) -> bytes:
    """The ``.mo`` bytes of a ``.po`` file (fuzzy entries left out, as gettext does)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


#: How the extractor finds messages (``pybabel extract -k …``): the Text methods and the
#: markers of :mod:`dashboard.text.core` (``N_``, ``NP_`` with a context, ``NN_`` plural).
KEYWORDS = {
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "N_": None,
    "NP_": ((1, "c"), 2),
    "NN_": (1, 2),
}
#: The same for the command line: ``pybabel extract -F babel.cfg <these> -o … dashboard``.
PYBABEL_KEYWORDS = ["-k", "N_", "-k", "NP_:1c,2", "-k", "NN_:1,2"]


def extract_messages(package_dir: Path | None = None):
    """Every message of the package, as ``pybabel extract`` finds it (a Babel ``Catalog``)."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    root = package_dir or LOCALE_DIR.parent
    catalog = Catalog(project="medflows-dashboard", fuzzy=False)
    method_map = [("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
        str(root), method_map, keywords=KEYWORDS, comment_tags=("Translators:",)
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog
