"""Tests of the label classifier and of the GLOTIP alias file (expectations written by hand)."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.paths import DEFAULT_RAW_DIR
from dashboard.pipeline.labels import (
    AliasFileError,
    UnclassifiedLabelError,
    check_aliases,
    classify,
    normalise,
    read_aliases,
)

GLOTIP_XLSX = DEFAULT_RAW_DIR / "unodc" / "data_glotip.xlsx"


@pytest.fixture(scope="module")
def aliases() -> pd.DataFrame:
    return read_aliases()


def _aliases(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["label", "class", "code"])
    frame["comment"] = ""
    return frame


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("  Marruecos ", "marruecos"),
        ("MORROCAN", "morrocan"),
        ("Bosnia  and \t Herzegovina", "bosnia and herzegovina"),
        ("Cote d\u2019Ivoire", "cote d\u2019ivoire"),  # no quote folding: the file lists it
        ("Gu\u0069\u0301nee", "gu\u00ednee"),  # decomposed accent → composed
        (None, ""),
        (float("nan"), ""),
    ],
)
def test_normalise(label: object, expected: str) -> None:
    assert normalise(label) == expected


@pytest.mark.parametrize(
    ("label", "cls", "code"),
    [
        ("Marruecos", "country", "MAR"),
        ("Maroc", "country", "MAR"),
        ("Moroco", "country", "MAR"),
        ("MORROCAN", "country", "MAR"),
        ("Ethiopie", "country", "ETH"),
        ("Alemania", "country", "DEU"),
        ("Tunisa", "country", "TUN"),
        ("Phillipines", "country", "PHL"),
        ("Eritrean", "country", "ERI"),
        ("Espa\ufffda", "country", "ESP"),
        ("ESPA\ufffdA", "country", "ESP"),
        ("T\u00c3\u00bcrkiye", "country", "TUR"),
        ("Venezuela (Bolivarian Republic of)", "country", "VEN"),
        ("Kosovo under UNSCR 1244", "country", "XKX"),
        ("Palestine", "country", "PSE"),
        ("State of Palestine", "country", "PSE"),
        ("Libya", "country", "LBY"),
        ("Lybia", "country", "LBY"),
        ("Egypt", "country", "EGY"),
        ("Algeria", "country", "DZA"),
        ("Lebanon", "country", "LBN"),
        ("Libanon", "country", "LBN"),
        ("Jordan", "country", "JOR"),
        ("Nationals", "domestic", ""),
        ("own country", "domestic", ""),
        ("Ciudadanos de su pa\ufffds", "domestic", ""),
        ("Unknown", "unknown", "unknown"),
        ("Desconocido", "unknown", "unknown"),
        ("Inconnue", "unknown", "unknown"),
        ("NO DETERMINADA", "unknown", "unknown"),
        ("N/A", "unknown", "unknown"),
        ("", "unknown", "unknown"),
        ("Africa others", "group", "group:africa-others"),
        ("EU-28 others", "group", "group:eu-28-others"),
        ("M49 Region: Asia", "group", "group:asia"),
        ("Former Yugoslavia", "group", "group:former-yugoslavia"),
        ("TOTAL", "total", ""),
        ("TOTAL POR A\u00d1O", "total", ""),
    ],
)
def test_alias_file_classifies_known_traps(
    aliases: pd.DataFrame, label: str, cls: str, code: str
) -> None:
    result = classify([label], aliases)
    assert result.loc[0, "class"] == cls
    assert result.loc[0, "code"] == code


def test_free_text_with_two_countries_is_not_split(aliases: pd.DataFrame) -> None:
    result = classify(["3 nig\u00e9riens et 1 tunisien"], aliases)
    assert result.loc[0, "class"] == "group"
    assert result.loc[0, "code"] not in ("NER", "TUN")


def test_classify_missing_value_is_empty_label(aliases: pd.DataFrame) -> None:
    result = classify([None, float("nan")], aliases)
    assert result["label"].tolist() == ["", ""]
    assert result["code"].tolist() == ["unknown", "unknown"]


def test_unclassified_labels_are_all_named() -> None:
    table = _aliases([("Maroc", "country", "MAR")])
    with pytest.raises(UnclassifiedLabelError) as err:
        classify(["Maroc", "Atlantis", "Narnia", "Atlantis"], table)
    assert err.value.labels == ["Atlantis", "Narnia"]
    assert "'Atlantis'" in str(err.value)
    assert "'Narnia'" in str(err.value)


def test_no_fuzzy_matching() -> None:
    table = _aliases([("Morocco", "country", "MAR")])
    with pytest.raises(UnclassifiedLabelError, match="Morocc"):
        classify(["Moroccco"], table)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([("Maroc", "country", "Morocco")], "not ISO3"),
        ([("Maroc", "nation", "MAR")], "unknown class"),
        ([("?", "unknown", "")], "needs code 'unknown'"),
        ([("Nationals", "domestic", "MAR")], "takes no code"),
        ([("Somewhere", "group", "group:nowhere")], "named group"),
        ([("Maroc", "country", "MAR"), (" MAROC", "country", "MAR")], "normalise to"),
    ],
)
def test_check_aliases_rejects_bad_rows(rows: list, message: str) -> None:
    with pytest.raises(AliasFileError, match=message):
        check_aliases(_aliases(rows))


def test_alias_file_has_every_column_and_a_comment_per_label(aliases: pd.DataFrame) -> None:
    assert list(aliases.columns) == ["label", "class", "code", "comment", "key"]
    assert (aliases["comment"].str.len() > 0).all()
    assert len(aliases) > 390


@pytest.mark.raw
@pytest.mark.skipif(not GLOTIP_XLSX.is_file(), reason="raw GLOTIP workbook not present")
def test_every_workbook_label_is_in_the_alias_file(aliases: pd.DataFrame) -> None:
    from dashboard.pipeline.glotip import read_workbook

    raw = read_workbook(GLOTIP_XLSX)
    linked = raw[raw["Dimension"].isin(["by citizenship", "by country of repatriation"])]
    assert linked["Category"].nunique() == 432  # 431 labels + "N/A" (empty cells not counted)
    result = classify(linked["Category"].tolist(), aliases)
    assert len(result) == len(linked)
