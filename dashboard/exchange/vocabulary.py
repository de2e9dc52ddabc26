"""The values an upload's cells may hold, and what each means in the dashboard's codes.

Each ``parse_*`` function takes one cell's text (already stripped, never empty) and returns the
dashboard's value, or raises :class:`InvalidValueError` with the reason. Words are compared
without case, accents, spaces or punctuation (:func:`~dashboard.exchange.columns.header_key`).
Besides the template's codes, the words of IOM's HTCDS (``Feminine``, ``TransgenderMasculine``,
``NonSpecifiedUnknown``; ``Forced labour``, ``Servitude``, ``Forced marriage`` …) and of CTDC
(``Woman``, ``Trans/Transgender/NonConforming``; age bands ``0--8`` … ``48+``; ``Adult`` and
``Minor``) are recognised, and a few French and Arabic words.

How other standards' exploitation types become the dashboard's four (its baseline, UNODC's
GLOTIP, has sexual exploitation, forced labour and other purposes): servitude and child labour
count as forced labour, as GLOTIP counts domestic servitude; forced marriage, begging,
criminality, military service, organ removal, adoption and surrogacy count as other; a row
naming several forms (``Forced labour; Sexual exploitation``) is ``mixed``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from dashboard.exchange.columns import header_key
from dashboard.text import N_, Message

SEXES = ("female", "male", "other", "unknown")
AGES = ("adult", "child", "unknown")
EXPLOITATIONS = ("sexual-exploitation", "forced-labour", "other", "mixed", "unknown")
STATUSES = ("provisional", "final")
RECORD_TYPES = ("aggregate", "case")
FIRST_YEAR = 1990  # the first year the dashboard's tables hold (schemas: year >= 1990)


class InvalidValueError(ValueError):
    """A cell's value is not allowed: ``code`` and the reason (its fields raw)."""

    def __init__(self, code: str, message: str, **fields: object) -> None:
        super().__init__(code)
        self.code = code
        self.reason = Message(message, fields)


def _words(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {header_key(word): code for code, words in table.items() for word in (code, *words)}


_TOTAL_WORDS = frozenset(header_key(w) for w in ("total", "all", "both", "ensemble", "المجموع"))

_SEX = _words(
    {
        "female": ("f", "woman", "women", "feminine", "femme", "femmes", "féminin", "أنثى", "إناث"),
        "male": ("m", "man", "men", "masculine", "homme", "hommes", "masculin", "ذكر", "ذكور"),
        "other": (
            "trans/transgender/nonconforming",  # CTDC
            "transgender/nonconforming",  # HTCDS 1.0
            "transgender",
            "transgenderfeminine",  # HTCDS 2.0
            "transgendermasculine",
            "nonconforming",
            "non-binary",
            "autre",
            "أخرى",
            "آخر",
        ),
        "unknown": ("u", "nonspecifiedunknown", "not stated", "inconnu", "inconnue", "غير معروف"),
    }
)
_SEX_INVALID = N_(
    "“{value}” is not a sex the dashboard knows: write female, male, other or unknown."
)
_SEX_TOTAL = N_(
    "“{value}” is a total: give one row per sex (female, male, other, unknown); the dashboard "
    "adds them up itself."
)


def parse_sex(value: str) -> str:
    """``female``, ``male``, ``other`` or ``unknown``.

    Examples
    --------
    >>> [parse_sex(v) for v in ("F", "Woman", "Masculine", "Trans/Transgender/NonConforming")]
    ['female', 'female', 'male', 'other']
    """
    key = header_key(value)
    if key in _SEX:
        return _SEX[key]
    if key in _TOTAL_WORDS:
        raise InvalidValueError("sex.total", _SEX_TOTAL, value=value)
    raise InvalidValueError("sex.invalid", _SEX_INVALID, value=value)


_AGE = _words(
    {
        "adult": ("adults", "18+", "adulte", "adultes", "majeur", "majeure", "بالغ", "بالغون"),
        "child": (
            "children",
            "minor",  # CTDC majorityStatus
            "minors",
            "under 18",
            "enfant",
            "enfants",
            "mineur",
            "mineure",
            "mineurs",
            "طفل",
            "أطفال",
            "قاصر",
        ),
        "unknown": ("not stated", "inconnu", "inconnue", "غير معروف"),
    }
)
_BAND = re.compile(r"^(\d{1,3})\s*(?:-+|–|to|à)\s*(\d{1,3})$")
_OPEN_BAND = re.compile(r"^(\d{1,3})\s*\+$")
_AGE_INVALID = N_(
    "“{value}” is not an age group the dashboard knows: write adult, child or unknown."
)
_AGE_SPANS = N_(
    "The age band “{value}” holds both children and adults: write adult, child or unknown."
)
_AGE_TOTAL = N_(
    "“{value}” is a total: give one row per age group (adult, child, unknown); the dashboard "
    "adds them up itself."
)


def parse_age(value: str) -> str:
    """``adult``, ``child`` (under 18) or ``unknown``; an age or an age band is classified.

    Examples
    --------
    >>> [parse_age(v) for v in ("Adult", "Minor", "09--17", "48+", "16", "mineur")]
    ['adult', 'child', 'child', 'adult', 'child', 'child']
    """
    text = value.strip()
    band = _BAND.match(text)
    if band:
        low, high = int(band.group(1)), int(band.group(2))
        if low <= high <= 17:
            return "child"
        if high >= low >= 18:
            return "adult"
        raise InvalidValueError("age.spans", _AGE_SPANS, value=value)
    open_band = _OPEN_BAND.match(text)
    if open_band and int(open_band.group(1)) >= 18:
        return "adult"
    if text.isdecimal() and len(text) <= 3 and int(text) <= 120:
        return "child" if int(text) < 18 else "adult"
    key = header_key(text)
    if key in _AGE:
        return _AGE[key]
    if key in _TOTAL_WORDS:
        raise InvalidValueError("age.total", _AGE_TOTAL, value=value)
    raise InvalidValueError("age.invalid", _AGE_INVALID, value=value)


_EXPLOITATION = _words(
    {
        "sexual-exploitation": (
            "sexual",
            "sex",
            "sexual exploitation",
            "sexual exploit",
            "exploitation sexuelle",
            "الاستغلال الجنسي",
        ),
        "forced-labour": (
            "forced labour",
            "forced labor",
            "labour",
            "labor",
            "labour exploitation",
            "labor exploitation",
            "child labour",  # HTCDS 2.0
            "servitude",
            "domestic servitude",
            "travail forcé",
            "العمل القسري",
        ),
        "other": (
            "other",
            "other purposes",
            "forced marriage",
            "forced military (by non-state actors)",
            "forced military",
            "organ removal",
            "forced begging",
            "begging",
            "forced criminality",
            "forced criminal activity",
            "forced adoption",
            "surrogacy",
            "slavery and practices",
            "autre",
            "autres",
            "mariage forcé",
            "mendicité forcée",
            "أخرى",
        ),
        "mixed": ("mixed", "several", "sexual and labour", "mixte", "مختلط"),
        "unknown": ("not stated", "inconnu", "inconnue", "غير معروف"),
    }
)
_EXPLOITATION_INVALID = N_(
    "“{value}” is not a form of exploitation the dashboard knows: write sexual-exploitation, "
    "forced-labour, other, mixed or unknown."
)
_EXPLOITATION_TOTAL = N_(
    "“{value}” is a total: give one row per form of exploitation; the dashboard adds them up "
    "itself."
)


def parse_exploitation(value: str) -> str:
    """One of :data:`EXPLOITATIONS`; several forms separated by ``;`` or ``,`` are ``mixed``.

    Examples
    --------
    >>> [parse_exploitation(v) for v in ("Forced labour", "Servitude", "Forced marriage")]
    ['forced-labour', 'forced-labour', 'other']
    >>> parse_exploitation("Sexual exploitation; Forced labour")
    'mixed'
    """
    parts = [part.strip() for part in re.split(r"[;,|]", value) if part.strip()]
    codes = set()
    for part in parts:
        key = header_key(part)
        if key in _EXPLOITATION:
            codes.add(_EXPLOITATION[key])
        elif key in _TOTAL_WORDS:
            raise InvalidValueError("exploitation.total", _EXPLOITATION_TOTAL, value=value)
        else:
            raise InvalidValueError("exploitation.invalid", _EXPLOITATION_INVALID, value=value)
    known = codes - {"unknown"}
    if len(known) > 1 or "mixed" in known:
        return "mixed"
    return known.pop() if known else "unknown"


_FLAG = {"1": True, "0": False, "true": True, "false": False, "yes": True, "no": False}
_FLAG_INVALID = N_("“{value}” is not a yes/no flag: write 1 or 0 (or leave it empty).")


def parse_flag(value: str) -> bool:
    """A CTDC yes/no column: ``1`` (or ``1.0``, ``true``, ``yes``) or ``0``.

    Examples
    --------
    >>> parse_flag("1.0"), parse_flag("0"), parse_flag("TRUE")
    (True, False, True)
    """
    text = value.strip().lower()
    if re.fullmatch(r"[01]\.0+", text):
        text = text[0]
    if text in _FLAG:
        return _FLAG[text]
    raise InvalidValueError("flag.invalid", _FLAG_INVALID, value=value)


_GROUPED = re.compile(r"^\d{1,3}(?:[,\s\u00a0\u202f']\d{3})+$")
_WHOLE_FLOAT = re.compile(r"^\d+\.0+$")
_BELOW = re.compile(r"^<\s*(\d+)$")
_COUNT_INVALID = N_(
    "“{value}” is not a count: write a whole number (0 or more) or a suppressed count such as <5."
)
_COUNT_NEGATIVE = N_("“{value}” is negative: a count is 0 or more.")
_COUNT_BELOW = N_("“{value}” says nothing: a suppressed count is written <2 or more (such as <5).")


def parse_count(value: str) -> tuple[int, int]:
    """``(low, high)``: a whole number ``n`` is ``(n, n)``; a suppressed ``<N`` is ``(1, N-1)``.

    Digits of any script are read; thousands may be grouped (``1,282``, ``1 282``).

    Examples
    --------
    >>> parse_count("12"), parse_count("1 282"), parse_count("<5"), parse_count("7.0")
    ((12, 12), (1282, 1282), (1, 4), (7, 7))
    """
    text = unicodedata.normalize("NFKC", value).strip()
    if text.isdecimal():
        number = int(text)
        return number, number
    if _GROUPED.match(text):
        number = int(re.sub(r"\D", "", text))
        return number, number
    if _WHOLE_FLOAT.match(text):
        number = int(text.split(".")[0])
        return number, number
    below = _BELOW.match(text)
    if below:
        limit = int(below.group(1))
        if limit < 2:
            raise InvalidValueError("count.invalid", _COUNT_BELOW, value=value)
        return 1, limit - 1
    if re.fullmatch(r"-\s*\d+(?:\.\d+)?", text):
        raise InvalidValueError("count.negative", _COUNT_NEGATIVE, value=value)
    raise InvalidValueError("count.invalid", _COUNT_INVALID, value=value)


_YEAR = re.compile(r"^(\d{4})(?:\.0+|-\d{2}-\d{2}(?:[T ][\d:.]+)?)?$")
_YEAR_INVALID = N_("“{value}” is not a year: write four digits, such as 2023.")
_YEAR_RANGE = N_("{value} is outside the years the dashboard takes ({first}–{last}).")


def parse_year(value: str, today: dt.date | None = None) -> int:
    """A year from :data:`FIRST_YEAR` to this year (a date gives its year).

    Examples
    --------
    >>> parse_year("2021"), parse_year("2021.0"), parse_year("2021-03-04")
    (2021, 2021, 2021)
    """
    text = unicodedata.normalize("NFKC", value).strip()
    match = _YEAR.match(text)
    if not match:
        raise InvalidValueError("year.invalid", _YEAR_INVALID, value=value)
    year = int(match.group(1))
    last = (today or dt.date.today()).year
    if not FIRST_YEAR <= year <= last:
        raise InvalidValueError(
            "year.range", _YEAR_RANGE, value=str(year), first=str(FIRST_YEAR), last=str(last)
        )
    return year


_STATUS = _words(
    {
        "provisional": ("preliminary", "provisoire", "préliminaire", "مؤقت", "أولي"),
        "final": ("definitive", "définitif", "définitive", "نهائي"),
    }
)
_STATUS_INVALID = N_("“{value}” is not a status: write provisional or final (or leave it empty).")


def parse_status(value: str) -> str:
    """``provisional`` or ``final``."""
    key = header_key(value)
    if key in _STATUS:
        return _STATUS[key]
    raise InvalidValueError("status.invalid", _STATUS_INVALID, value=value)


_RECORD_TYPE = _words(
    {
        "aggregate": ("aggregated", "count", "agrégé", "agrégat", "مجمع"),
        "case": ("individual", "person", "cas", "individuel", "حالة", "فردي"),
    }
)
_RECORD_TYPE_INVALID = N_(
    "“{value}” is not a record type: write aggregate (a count) or case (one person)."
)


def parse_record_type(value: str) -> str:
    """``aggregate`` or ``case``."""
    key = header_key(value)
    if key in _RECORD_TYPE:
        return _RECORD_TYPE[key]
    raise InvalidValueError("record_type.invalid", _RECORD_TYPE_INVALID, value=value)
