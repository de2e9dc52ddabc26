"""Choosing countries: the one rule for a list of countries taken from a control."""

from __future__ import annotations

from collections.abc import Iterable

from dashboard.state import MAX_COUNTRIES
from dashboard.text import NN_, Message

TOO_MANY = NN_(
    "At most {n} country can be chosen; the first is kept.",
    "At most {n} countries can be chosen; the first {n} are kept.",
)


def chosen_countries(
    codes: Iterable[str] | None, maximum: int = MAX_COUNTRIES
) -> tuple[tuple[str, ...], list[Message]]:
    """The codes chosen in a control, each once, in order, at most ``maximum`` of them (with a
    notice when some were dropped).

    Examples
    --------
    >>> chosen_countries(["TUN", "MAR", "TUN"])
    (('TUN', 'MAR'), [])
    >>> codes, notices = chosen_countries([f"C{i:02}" for i in range(14)])
    >>> len(codes), notices[0].fields
    (12, {'n': 12})
    """
    unique = tuple(dict.fromkeys(codes or ()))
    if len(unique) <= maximum:
        return unique, []
    return unique[:maximum], [Message(TOO_MANY[0], {"n": maximum}, TOO_MANY[1], maximum)]
