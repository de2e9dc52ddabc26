"""Uploads in Chromium: a national file uploaded, seen in Flows with three layers, downloaded
with small counts suppressed; and a second browser that can neither see it nor reach it, by
the address or by a forged callback request or CSV address."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from dashboard import ids
from dashboard.callback_requests import find_callback, request_body
from tests.browser.helpers import assert_clean
from tests.browser.test_flows import GRAPH, sankey_data, settle
from tests.exchange.conftest import csv_bytes
from tests.exchange.test_web_upload import BESIDE_UNODC

FIXTURE = Path(__file__).resolve().parents[1] / "exchange" / "fixtures" / "tunisia-utf8-bom.csv"
TRANSIT = "Mali → Algeria"


def _upload(page, path: Path = FIXTURE) -> str:
    """Upload the Tunisian fixture (or the file at ``path``) on /upload; the new dataset's id."""
    page.goto(f"{page.base_url}/upload?lang=en")
    try:
        page.wait_for_selector(f"#{ids.UPLOAD_FILE}", timeout=45_000)
    except Exception as error:  # once in CI the page never drew: say what it had instead
        shown = page.evaluate(
            "() => (document.getElementById('_pages_content') || {outerHTML: 'none'})"
            ".outerHTML.slice(0, 2000)"
        )
        raise AssertionError(
            f"/upload never drew its form: {page.watch.console_errors}; {shown}"
        ) from error
    page.set_input_files(f"#{ids.UPLOAD_FILE} input[type=file]", str(path))
    page.wait_for_function(
        "id => (document.getElementById(id) || {}).textContent.includes('was stored')",
        arg=ids.UPLOAD_STATUS,
        timeout=30_000,
    )
    assert "1–4" in page.inner_text(f"#{ids.UPLOAD_PREVIEW}")  # the preview is suppressed
    link = page.locator(f"#{ids.UPLOAD_DATASETS} a", has_text="Flows").first
    return parse_qs(urlparse(link.get_attribute("href")).query)["dataset"][0]


def _flows_body(page, dataset: str) -> dict:
    dependencies = page.request.get(f"{page.base_url}/_dash-dependencies").json()
    values = {
        "flows-measure.value": "trafficking-victims",
        "flows-years.value": None,
        "flows-countries.value": ["TUN"],
        "flows-top.value": 10,
        "flows-exploitation.value": "total",
        "flows-sex.value": "total",
        "flows-age.value": "total",
        "url.search": f"?lang=en&dataset={dataset}",
    }
    return request_body(find_callback(dependencies, "flows-graph.figure"), values, values)


def test_an_upload_is_seen_in_flows_downloaded_suppressed_and_kept_private(page, browser, tmp_path):
    dataset = _upload(page)
    cookies = page.context.cookies()
    (cookie,) = [c for c in cookies if c["name"] == "dashboard_workspace"]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    assert page.evaluate("() => document.cookie").find("dashboard_workspace") < 0

    page.locator(f"#{ids.UPLOAD_DATASETS} a", has_text="Flows").first.click()
    page.wait_for_url(f"**/flows?*dataset={dataset}*")
    settle(page)
    page.wait_for_function(
        "([selector, label]) => (document.querySelector(selector).data[0].node || {label: []})"
        ".label.includes(label)",
        arg=[GRAPH, TRANSIT],
    )
    shown = sankey_data(page)
    assert TRANSIT in shown["labels"]
    layers = page.evaluate(
        "selector => new Set(document.querySelector(selector).data[0].node.x).size", GRAPH
    )
    assert layers == 3  # origin → transit → destination
    notice = page.inner_text(".page-flows .notices")
    assert "You are viewing your uploaded dataset “tunisia-utf8-bom.csv”" in notice
    # Its filters are offered (uploaded flows have sex, age and form of exploitation).
    assert page.locator(f"#{ids.FLOWS_SEX}").is_enabled()
    assert page.locator(".breakdown-controls .note").count() == 0
    chooser = page.locator(f"#{ids.DATASET_CHOOSER} [aria-current='true']")
    assert chooser.inner_text() == "tunisia-utf8-bom.csv"
    # Views keep the dataset in their links (here: the Map in the navigation).
    assert f"dataset={dataset}" in page.locator(".nav a", has_text="Map").get_attribute("href")

    with page.expect_download() as info:
        page.click(f"#{ids.FLOWS_DOWNLOAD_BUTTON}")
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
    assert rows and {row["rule_code"] for row in rows} == {"small-count-suppression-k5"}
    ivorian = [row for row in rows if row["origin"] == "CIV" and row["year"] == "2022"]
    # 12 + a count under 5: never exact (13–16), the rule named in the file.
    assert [(r["count_low"], r["count_high"]) for r in ivorian] == [("13", "16")]
    assert all(row["rule"].startswith("Small counts are suppressed") for row in rows)
    download_url = info.value.url
    assert_clean(page)

    # A second browser: its own cookies (none), the same addresses.
    other = browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        stranger = other.new_page()
        errors: list[str] = []
        stranger.on("pageerror", lambda error: errors.append(str(error)))
        stranger.base_url = page.base_url
        stranger.goto(f"{page.base_url}/flows?countries=TUN&dataset={dataset}&lang=en")
        settle(stranger)
        notices = stranger.inner_text(".page-flows .notices")
        assert "There is no dataset" in notices and "public data are shown" in notices
        assert TRANSIT not in sankey_data(stranger)["labels"]
        assert stranger.locator(f"#{ids.DATASET_CHOOSER} a").count() == 0
        assert "uploaded data only" in stranger.inner_text(".breakdown-controls .note")
        assert stranger.locator(f"#{ids.FLOWS_SEX}").is_disabled()

        # The dataset exists but is not the stranger's: refused (403, issue 13's rule).
        forged_csv = stranger.request.get(download_url)
        assert forged_csv.status == 403
        assert "CIV" not in forged_csv.text()
        assert "You may not download this dataset." in forged_csv.text()
        forged = stranger.request.post(
            f"{page.base_url}/_dash-update-component",
            data=json.dumps(_flows_body(stranger, dataset)),
            headers={"Content-Type": "application/json"},
        )
        assert forged.status == 200
        figure = forged.json()["response"][ids.FLOWS_GRAPH]["figure"]
        assert TRANSIT not in json.dumps(figure, ensure_ascii=False)
        assert errors == []
    finally:
        other.close()

    # The owner's own forged-looking request (the same body) does reach it.
    owned = page.request.post(
        f"{page.base_url}/_dash-update-component",
        data=json.dumps(_flows_body(page, dataset)),
        headers={"Content-Type": "application/json"},
    )
    assert TRANSIT in json.dumps(owned.json()["response"][ids.FLOWS_GRAPH], ensure_ascii=False)


def test_the_public_data_are_set_beside_an_upload_in_flows_and_the_map(page, tmp_path):
    """The chooser's switch sets the public data beside the upload: two Sankeys side by side
    (the upload's with its transit layer, the public data's without), kept across views."""
    path = tmp_path / "tn.csv"  # 2019–2023: UNODC's flows have Tunisia's in 2019–2020
    path.write_bytes(
        csv_bytes(
            [*BESIDE_UNODC, ["TUN", 2020, "CIV", "MLI;DZA", "TUN", "female", "adult", "other", 7]]
        )
    )
    dataset = _upload(page, path)
    page.goto(f"{page.base_url}/flows?countries=TUN&lang=en&dataset={dataset}")
    settle(page)
    switch = page.locator(f"#{ids.DATASET_CHOOSER} .beside-switch")
    assert switch.get_attribute("aria-checked") == "false"
    assert switch.inner_text() == "Beside the public data"
    switch.click()
    page.wait_for_url("**beside=public*")
    public = f"#beside-{ids.FLOWS_GRAPH} .js-plotly-plot"
    page.wait_for_function(
        "selector => ((document.querySelector(selector) || {}).data || []).length === 1",
        arg=public,
    )
    settle(page)
    assert (
        page.locator(f"#{ids.DATASET_CHOOSER} .beside-switch").get_attribute("aria-checked")
        == "true"
    )
    own, theirs = (page.locator(s).bounding_box() for s in (GRAPH, public))
    assert theirs["x"] >= own["x"] + own["width"] - 1  # side by side at 1280 px
    layers = page.evaluate(
        "selector => new Set(document.querySelector(selector).data[0].node.x).size", public
    )
    assert layers == 2 and TRANSIT not in page.inner_text(f"#{ids.beside_panel('flows')}")
    assert "Public data (UNODC and other sources)" in page.inner_text(".beside-panel h2")
    # A control changes both: the public Sankey follows the upload's countries.
    assert TRANSIT in sankey_data(page)["labels"]

    # Every view's links keep it; the map of 2020 draws both maps, the public one the region.
    href = page.locator(".nav a", has_text="Map").get_attribute("href")
    assert "beside=public" in href and f"dataset={dataset}" in href
    page.goto(f"{page.base_url}{href}&year=2020")
    page.wait_for_selector(f"#beside-{ids.MAP_GRAPH} .choroplethlocation", state="attached")
    page.wait_for_function(
        "id => document.querySelectorAll(`#${id} .choroplethlocation`).length > 10",
        arg=f"beside-{ids.MAP_GRAPH}",
    )
    assert page.locator(".map-graph .js-plotly-plot").count() == 2
    assert_clean(page)
