"""The parties to a UN treaty in a given year: every country of the UN snapshot, with its date
and how sure that is (see the reading rules of :mod:`dashboard.analytics.milestones`).

Pure functions on the ``milestones`` table; no Dash, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from dashboard.analytics.milestones import first_rows, period, snapshot_dates
from dashboard.schemas import PARTY_ACTIONS

#: A country's standing towards a treaty in a year (:func:`parties_in_year`), in legend order.
PARTY_STATUSES = (
    "party",
    "party-as-of-snapshot",
    "signatory",
    "not-yet-party",
    "signatory-as-of-snapshot",
    "not-party-as-of-snapshot",
    "not-known",
)


def parties_in_year(
    milestones: pd.DataFrame,
    year: int,
    treaty: str = "palermo-protocol",
    countries: Iterable[str] = (),
) -> pd.DataFrame:
    """Every country's standing towards ``treaty`` at the end of ``year``.

    Parameters
    ----------
    milestones
        The table (or any part of it holding the treaty's rows).
    year
        The year asked about.
    treaty
        ``untoc``, ``palermo-protocol`` or ``smuggling-protocol``.
    countries
        Countries to report even without any row (e.g. every country of a map): they are "not
        a party as of the snapshot".

    Returns
    -------
    pandas.DataFrame
        One row per country with a row of the treaty or in ``countries``, sorted by code:
        ``iso3, status`` (:data:`PARTY_STATUSES`), ``party_date, party_precision,
        party_action, signature_date, signature_precision, as_of`` (the snapshot day; empty
        when the table holds none).

    Examples
    --------
    >>> rows = pd.DataFrame({"iso3": ["FRA", "PSE", "JPN"], "milestone": ["untoc"] * 3,
    ...     "action": ["ratification", "accession", "signature"],
    ...     "date": ["2002-10-29", "2017-12-06", "2000-12-12"], "date_precision": ["day"] * 3,
    ...     "as_of": ["2014-01-27", None, "2014-01-27"]})
    >>> parties_in_year(rows, 2010, "untoc", ["MAR"])["status"].tolist()
    ['party', 'signatory-as-of-snapshot', 'not-party-as-of-snapshot', 'not-yet-party']
    >>> parties_in_year(rows, 2018, "untoc")["status"].tolist()
    ['party-as-of-snapshot', 'signatory-as-of-snapshot', 'party']
    """
    rows = milestones[milestones["milestone"] == treaty]
    snapshot = snapshot_dates(milestones).get(treaty)
    # Each country's first party act and signature as plain dicts (a frame's row lookup per
    # country took most of the time).
    columns = ["date", "date_precision", "action"]
    parties = first_rows(rows[rows["action"].isin(PARTY_ACTIONS)])[columns].to_dict("index")
    signed = first_rows(rows[rows["action"] == "signature"])[columns].to_dict("index")
    codes = sorted(set(rows["iso3"]) | set(countries))
    out = []
    for code in codes:
        party = parties.get(code)
        signature = signed.get(code)
        signed_by = signature is not None and int(signature["date"][:4]) <= year
        if party is not None and int(party["date"][:4]) <= year:
            start = period(party["date"], party["date_precision"])[0]
            late = snapshot is not None and year >= int(snapshot[:4])
            as_of = late and start <= pd.Timestamp(snapshot)
            status = "party-as-of-snapshot" if as_of else "party"
        elif party is not None:
            status = "signatory" if signed_by else "not-yet-party"
        elif snapshot is not None:
            status = "signatory-as-of-snapshot" if signed_by else "not-party-as-of-snapshot"
        else:
            status = "not-known"
        out.append(
            {
                "iso3": code,
                "status": status,
                "party_date": None if party is None else party["date"],
                "party_precision": None if party is None else party["date_precision"],
                "party_action": None if party is None else party["action"],
                "signature_date": None if signature is None else signature["date"],
                "signature_precision": None if signature is None else signature["date_precision"],
                "as_of": snapshot,
            }
        )
    columns = ["iso3", "status", "party_date", "party_precision", "party_action"]
    columns += ["signature_date", "signature_precision", "as_of"]
    return pd.DataFrame(out, columns=columns)
