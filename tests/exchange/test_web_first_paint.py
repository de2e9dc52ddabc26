"""The Map view's first paint over an upload (web/first_paint.py): the owner's index holds the
upload's map, drawn by the same functions as Dash's page; nobody else's holds it."""

from __future__ import annotations

import json
import re

from dashboard import ids
from dashboard.app import app
from tests.exchange.test_web_beside import _by_id, _owner

FIGURE = re.compile(r'<script id="first-paint-figure" type="application/json">(.*?)</script>', re.S)


def _painted(client, address: str) -> dict:
    return json.loads(FIGURE.search(client.get(address).get_data(as_text=True)).group(1))


def test_the_owner_gets_the_uploads_first_map_and_nobody_else_does(served, dependencies):
    owner, info = _owner(served, dependencies)
    address = f"/?lang=en&dataset={info.id}"
    painted = _painted(owner, address)
    shell = owner.get("/_dash-layout", headers={"Referer": f"http://localhost{address}"})
    assert painted["figure"] == _by_id(shell.get_json())[ids.MAP_GRAPH]["props"]["figure"]
    public = _painted(app.server.test_client(), "/?lang=en")
    assert painted["figure"] != public["figure"]
    # Another browser naming the upload gets the public map (with the views' notice).
    stranger = app.server.test_client()
    page = stranger.get(address).get_data(as_text=True)
    assert json.loads(FIGURE.search(page).group(1))["figure"] == public["figure"]
    assert info.title not in page
