"""The text of one language: translated messages, filled and formatted.

A :class:`Text` is what every function that writes a sentence takes: ``text.gettext(message,
**fields)`` translates a whole sentence and fills its named fields; ``text.ngettext`` chooses
the plural form the language needs; ``text.number``, ``text.percent``, ``text.interval``,
``text.span`` and ``text.join`` format values as the language writes them
(:mod:`dashboard.text.formats`), ``text.date`` a date to its precision
(:mod:`dashboard.text.dates`). Nothing is translated at import: constants are marked with
:func:`N_` (so the extractor finds them) and translated where they are shown.
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

from dashboard.text import dates, formats
from dashboard.text.catalogue import pseudo, translations
from dashboard.text.languages import DEFAULT_LANGUAGE, PSEUDO, direction

#: Fields of a :class:`Message` that hold years (written as they are, never grouped).
_YEARS = frozenset({"year", "first", "last", "year_from", "year_to", "y0", "y1"})


def N_(message: str) -> str:  # noqa: N802 - the name gettext's tools look for
    """Mark ``message`` for extraction without translating it (translate it where shown)."""
    return message


def NP_(context: str, message: str) -> str:  # noqa: N802
    """Mark ``message`` in ``context`` for extraction (translate it with ``text.pgettext``)."""
    return message


def NN_(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802
    """Mark a message with plural forms for extraction (translate it with ``text.ngettext``)."""
    return singular, plural


@dataclass(frozen=True)
class Message:
    """A message to translate later, with its fields: what language-free code returns
    (notices from a view's checks, for instance) and :meth:`Text.render` writes out.

    With ``plural`` and ``count``, the message has plural forms (``ngettext``).
    """

    message: str
    fields: Mapping[str, object] = field(default_factory=dict)
    plural: str | None = None
    count: int | None = None

    def __hash__(self) -> int:
        fields = tuple(sorted((k, str(v)) for k, v in self.fields.items()))
        return hash((self.message, fields, self.plural, self.count))


@dataclass(frozen=True, eq=False)
class Text:
    """Messages and formats of one language (see the module's docstring)."""

    lang: str

    @property
    def translations(self) -> gettext.NullTranslations:
        return translations(self.lang)

    @property
    def direction(self) -> str:
        return direction(self.lang)

    def gettext(self, message: str, /, **fields: object) -> str:
        """``message`` in this language, its ``{fields}`` filled (values as given: format
        numbers with :meth:`number` first)."""
        translated = self.translations.gettext(message)
        return translated.format(**fields) if fields else translated

    def ngettext(self, singular: str, plural: str, n: int, /, **fields: object) -> str:
        """The form of a message for ``n`` (``{n}`` is filled with ``n`` formatted unless
        given)."""
        translated = self.translations.ngettext(singular, plural, n)
        fields.setdefault("n", self.number(n))
        return translated.format(**fields)

    def pgettext(self, context: str, message: str, /, **fields: object) -> str:
        """``message`` in ``context`` (the same English may need two translations)."""
        translated = self.translations.pgettext(context, message)
        return translated.format(**fields) if fields else translated

    def data(self, english: str, translations: Mapping[str, object] | None = None) -> str:
        """Words that are data, not messages (a source's title, a region's name): their
        translation into this language where the data give one (``translations``: language →
        text), else the English. The pseudo-language marks them, as it marks messages."""
        if self.lang == PSEUDO:
            return pseudo(english) if english else english
        translated = (translations or {}).get(self.lang)
        return translated if isinstance(translated, str) and translated else english

    def meta(self, metadata: Mapping[str, object], field: str) -> object:
        """A field of a dataset's metadata in this language (``title_fr`` for ``title`` in
        French; lists of text are translated item by item)."""
        value = metadata.get(field)
        localised = metadata.get(f"{field}_{self.lang}")
        if isinstance(value, list):
            if isinstance(localised, list) and len(localised) == len(value):
                return localised
            return [self.data(str(item)) for item in value]
        if not isinstance(value, str):
            return value
        return self.data(value, {self.lang: localised} if isinstance(localised, str) else None)

    def render(self, message: Message) -> str:
        """A :class:`Message` in this language (numbers in its fields formatted)."""
        fields = {
            key: self.number(value) if isinstance(value, int) and key not in _YEARS else value
            for key, value in message.fields.items()
        }
        if message.plural is not None and message.count is not None:
            return self.ngettext(message.message, message.plural, message.count, **fields)
        return self.gettext(message.message, **fields)

    # Formats -------------------------------------------------------------------------------

    def number(self, value: float, digits: int = 0) -> str:
        return formats.number(value, self.lang, digits)

    def percent(self, fraction: float, digits: int = 0) -> str:
        return formats.percent(fraction, self.lang, digits)

    def interval(self, low: float, high: float, digits: int = 0, percent: bool = False) -> str:
        return formats.interval(low, high, self.lang, digits, percent)

    def percent_suffix(self) -> str:
        return formats.percent_suffix(self.lang)

    def span(self, first: int, last: int) -> str:
        return formats.span(first, last, self.lang)

    def join(self, items: Sequence[str]) -> str:
        return formats.join(items, self.lang)

    def date(self, date_string: str, precision: str) -> str:
        """A date to its source's ``precision`` (``day``, ``month`` or ``year``): "March 2009",
        never a day the source does not give (:func:`dashboard.text.dates.format_date`)."""
        return dates.format_date(date_string, precision, self.lang)


@cache
def text_for(lang: str) -> Text:
    """The :class:`Text` of ``lang`` (one per language and process)."""
    return Text(lang)


#: English, for code outside any request (the command line, doctests).
ENGLISH = text_for(DEFAULT_LANGUAGE)
