"""A dataset that lacks tables and measures gives empty states, never an exception.

The tiny dataset holds only flows of detected victims by citizenship into two countries
(Tunisia and Morocco), no indicators, no border crossings, no context; it is served beside the
bundled data under its own key, and every view's callbacks and downloads are asked for it.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from dashboard.app import app
from dashboard.registry import registry_of
from tests.pages.answers import callback_answers, download_answers
from tests.pages.layout_tree import text_of

KEY = "tiny"


@pytest.fixture(scope="module")
def tiny(dataset):
    flows = dataset.flows
    kept = flows.loc[
        (flows["measure"] == "trafficking-victims") & flows["destination"].isin(["TUN", "MAR"])
    ]
    empty = {
        name: getattr(dataset, name).iloc[:0]
        for name in (
            "indicators",
            "repatriations",
            "incidents",
            "context_indicators",
            "migrant_stocks",
            "refugees",
            "milestones",
        )
    }
    small = replace(
        dataset,
        flows=kept.reset_index(drop=True),
        **empty,
        metadata={k: v for k, v in dataset.metadata.items() if k == "unodc-glotip"},
        label=KEY,
        settings={},
        derived=type(dataset.derived)(),
    )
    sources = registry_of(app.server).sources
    sources[KEY] = small
    yield small
    del sources[KEY]


def test_every_callback_answers_for_a_dataset_without_indicators(tiny):
    answers = callback_answers(app, dataset=KEY)
    assert len(answers) > 60
    # Pages that cannot draw say so in words.
    pages = {case: answer for case, answer in answers.items() if "_pages_content" in case}
    shown = " ".join(str(answer) for answer in pages.values())
    assert "This dataset has no country indicators to map." in shown
    assert "This dataset has no country indicators to compare." in shown


def test_every_download_answers_for_a_dataset_without_indicators(tiny):
    files = download_answers(app, dataset=KEY)
    assert len(files) > 8
    flows = files["/download/flows/flows.csv / focus countries"]
    rows = pd.read_csv(__import__("io").BytesIO(flows), encoding="utf-8-sig")
    assert len(rows) > 0 and set(rows["destination"]) <= {"TUN", "MAR"} | set(rows["origin"])


def test_the_flows_view_of_the_small_dataset(tiny):
    client = app.server.test_client()
    from dashboard.pages import flows as flows_page
    from dashboard.web.address import at_address

    with app.server.test_request_context(), at_address({"dataset": KEY}):
        layout = flows_page.layout(measure="border-crossings")
    assert "This dataset has no flows of this measure." in text_of(layout)
    assert client.get(f"/flows?dataset={KEY}").status_code == 200


def test_an_unknown_dataset_is_said_never_silently_replaced():
    client = app.server.test_client()
    from dashboard.pages import flows as flows_page
    from dashboard.web.address import at_address

    with app.server.test_request_context(), at_address({"dataset": "nowhere"}):
        layout = flows_page.layout(dataset="nowhere")
    assert "There is no dataset “nowhere” here" in text_of(layout)  # shown, then the public data
    response = client.get("/download/flows/flows.csv?dataset=nowhere&countries=TUN")
    assert response.status_code == 404  # a file never holds other data than it was asked for
    assert response.get_data(as_text=True) == "There is no dataset “nowhere” here."
