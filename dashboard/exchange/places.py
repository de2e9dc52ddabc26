"""Countries as uploads write them, resolved to the dashboard's codes.

An uploaded cell may give a country as its ISO 3166-1 alpha-3 code (``TUN``), its alpha-2 code
(``TN``, as HTCDS and CTDC files do; ``XK`` for Kosovo), or a name the country reference already
knows: the English, French and Arabic names of ``data/countries.csv``, the country labels of
the GLOTIP alias file (``dashboard/pipeline/aliases/glotip_labels.csv``: other languages,
demonyms, known misspellings) and a few names of the region's countries listed by hand in
``reference/names.csv`` (short Arabic names, World Bank names), each with its reason. Names are
compared without case, accents or punctuation. There is no fuzzy matching: a value none of
these know is an error naming it.

Besides countries, the non-country origins of the baseline's ``nodes`` table (``unknown``,
``group:stateless`` …) are accepted by token or English name, and a few words for "unknown".
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from dashboard.exchange.columns import header_key

ALPHA2_FILE = Path(__file__).resolve().parent / "reference" / "alpha2.csv"
NAMES_FILE = Path(__file__).resolve().parent / "reference" / "names.csv"
UNKNOWN = "unknown"
#: Words for "not known" (compared as :func:`~dashboard.exchange.columns.header_key`).
UNKNOWN_WORDS = (
    "unknown",
    "not known",
    "not stated",
    "n/a",
    "inconnu",
    "inconnue",
    "non connu",
    "non précisé",
    "غير معروف",
    "غير محدد",
)
#: Codes people write that ISO 3166 reserves for other uses: the United Kingdom and Greece.
EXTRA_ALPHA2 = {"UK": "GBR", "EL": "GRC"}


def read_alpha2(path: Path = ALPHA2_FILE) -> dict[str, str]:
    """ISO 3166-1 alpha-2 code → alpha-3 code (``XK`` → ``XKX``), from ``reference/alpha2.csv``."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["alpha2"]: row["iso3"] for row in csv.DictReader(handle)}


def read_names(path: Path = NAMES_FILE) -> pd.DataFrame:
    """The names listed by hand (``label, iso3, comment``), as an alias table."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    return pd.DataFrame({"label": table["label"], "class": "country", "code": table["iso3"]})


@dataclass(frozen=True)
class Places:
    """What a country cell may say → the dashboard's code (see the module's docstring)."""

    #: ISO3 codes of the country reference.
    countries: frozenset[str]
    #: Alpha-2 code → ISO3.
    alpha2: Mapping[str, str]
    #: Name key (:func:`header_key`) → ISO3 code or node token.
    names: Mapping[str, str]
    #: Node tokens accepted as they are (``unknown``, ``group:stateless`` …).
    tokens: frozenset[str]

    def resolve(self, value: str) -> str | None:
        """The code ``value`` stands for, else ``None``.

        Examples
        --------
        >>> places = default_places()
        >>> [places.resolve(v) for v in ("TUN", "tn", "Tunisie", "تونس", "Tunisia ")]
        ['TUN', 'TUN', 'TUN', 'TUN', 'TUN']
        >>> places.resolve("Inconnu"), places.resolve("Narnia")
        ('unknown', None)
        """
        text = value.strip()
        upper = text.upper()
        if upper in self.countries:
            return upper
        if upper in self.alpha2:
            return self.alpha2[upper]
        if text.lower() in self.tokens:
            return text.lower()
        return self.names.get(header_key(text))

    def is_country(self, code: str) -> bool:
        return code in self.countries


def build_places(
    countries: pd.DataFrame,
    nodes: pd.DataFrame,
    alpha2: Mapping[str, str],
    aliases: pd.DataFrame | None = None,
) -> Places:
    """A :class:`Places` from the country reference, the nodes table, the alpha-2 codes and the
    GLOTIP alias table (its ``country`` rows; columns ``label, class, code``).

    A name two countries share is left out rather than guessed (none do today).
    """
    codes = frozenset(countries["iso3"])
    candidates: dict[str, set[str]] = {}

    def add(names: Iterable[object], targets: Iterable[str]) -> None:
        for name, target in zip(names, targets, strict=True):
            key = header_key(name)
            if key and isinstance(name, str):
                candidates.setdefault(key, set()).add(target)

    for column in ("name_en", "name_fr", "name_ar"):
        add(countries[column], countries["iso3"])
    if aliases is not None:
        rows = aliases[(aliases["class"] == "country") & aliases["code"].isin(codes)]
        add(rows["label"], rows["code"])
    others = nodes[nodes["kind"].isin(["group", "unknown"])]
    add(others["name_en"], others["token"])
    add(UNKNOWN_WORDS, [UNKNOWN] * len(UNKNOWN_WORDS))
    # The reference's own names win over aliases that say something else.
    names: dict[str, str] = {}
    for key, targets in candidates.items():
        if len(targets) == 1:
            names[key] = next(iter(targets))
    for column in ("name_en", "name_fr", "name_ar"):
        for name, code in zip(countries[column], countries["iso3"], strict=True):
            names[header_key(name)] = code
    mapped = {code: iso3 for code, iso3 in {**alpha2, **EXTRA_ALPHA2}.items() if iso3 in codes}
    tokens = frozenset(others["token"]) | {UNKNOWN}
    return Places(countries=codes, alpha2=mapped, names=names, tokens=tokens)


@lru_cache(maxsize=1)
def default_places() -> Places:
    """The places of the bundled country reference and nodes (read once per process)."""
    from dashboard.paths import DATA_DIR
    from dashboard.pipeline.labels import read_aliases
    from dashboard.tables import read_table

    return build_places(
        read_table("countries", DATA_DIR),
        read_table("nodes", DATA_DIR),
        read_alpha2(),
        pd.concat([read_aliases(), read_names()], ignore_index=True),
    )
