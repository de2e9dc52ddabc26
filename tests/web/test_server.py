"""The server as deployed: /health, and identical answers from several gunicorn workers."""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from dashboard.app import app
from dashboard.callback_requests import find_callback, request_body

ROOT = Path(__file__).resolve().parents[2]
ACCESS_LOG = Path("/tmp") / f"dashboard-gunicorn-{socket.gethostname()}.log"
ERROR_LOG = ACCESS_LOG.with_suffix(".errors.log")
MAP_INPUTS = {
    "map-indicator.value": "victims-per-100k",
    "map-exploitation.value": "total",
    "map-year.value": 2018,
    "map-measure.value": "trafficking-victims",
    "map-layers.value": ["lines", "incidents"],
    "map-focus.data": "JOR",
}


def test_health_reports_every_table():
    response = app.server.test_client().get("/health")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok"
    assert body["rows"]["flows"] > 1000 and body["rows"]["countries"] >= 240


def test_unknown_address_gets_the_not_found_page():
    client = app.server.test_client()
    assert client.get("/no/such/view").status_code == 200  # Dash renders /404 in the page
    body = {"output": "..", "inputs": []}
    assert client.post("/_dash-update-component", json=body).status_code >= 400


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _post(url: str, body: dict) -> bytes:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read()


@pytest.fixture(scope="module")
def gunicorn_url():
    gunicorn = Path(sys.executable).with_name("gunicorn")
    if not gunicorn.exists():
        gunicorn = shutil.which("gunicorn")
    port = _free_port()
    process = subprocess.Popen(
        [
            str(gunicorn),
            "dashboard.app:server",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            str(ACCESS_LOG),
            "--access-logformat",
            "%(p)s %(U)s",
        ],
        cwd=ROOT,
        # gunicorn.conf.py means production, where the app needs a secret key shared by workers.
        env={**os.environ, "SECRET_KEY": secrets.token_hex(32)},
        stdout=subprocess.DEVNULL,
        stderr=ERROR_LOG.open("w"),  # a file, not a pipe: an unread pipe can block gunicorn
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"gunicorn did not start: {ERROR_LOG.read_text()[-2000:]}")
            time.sleep(0.5)
    yield url
    process.terminate()
    process.wait(timeout=20)


def _workers_seen() -> set[str]:
    lines = ACCESS_LOG.read_text().splitlines()
    return {line.split()[0] for line in lines if "_dash-update-component" in line}


def test_two_workers_give_identical_answers(gunicorn_url):
    with urllib.request.urlopen(f"{gunicorn_url}/_dash-dependencies", timeout=30) as response:
        dependencies = json.load(response)
    body = request_body(find_callback(dependencies, "map-graph.figure"), MAP_INPUTS)
    ACCESS_LOG.write_text("")
    answers: set[bytes] = set()
    # Concurrent requests, so that a busy worker leaves some to the other one.
    url = f"{gunicorn_url}/_dash-update-component"
    with ThreadPoolExecutor(max_workers=6) as pool:
        for _ in range(5):
            answers |= set(pool.map(lambda _: _post(url, body), range(6)))
            if len(_workers_seen()) >= 2:
                break
    assert len(_workers_seen()) == 2, "both workers answered"
    assert len(answers) == 1, "the same request got different answers"
    figure = json.loads(answers.pop())["response"]["map-graph"]["figure"]
    assert figure["data"], "the answer holds a drawn figure"


def test_gunicorn_warms_the_app_up_before_forking_its_workers(gunicorn_url):
    """gunicorn.conf.py (read from the working directory, as the Procfile names it) preloads the
    app and renders every view once in the master: the workers start warm."""
    log = ERROR_LOG.read_text()
    warmed = log.index("warmed up: /")
    assert warmed < log.index("Booting worker"), log[-2000:]


def test_story_export_is_a_plain_download_and_bad_links_get_a_message():
    from dashboard.stories import Slide, Story, encode_link

    client = app.server.test_client()
    story = Story("Seminar", (Slide("/flows", "?measure=border-crossings", "Crossings", ""),))
    response = client.get(f"/export/story.html?s={encode_link(story)}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="story_seminar.html"'
    assert b"Crossings" in response.data and b"<script" in response.data
    bad = client.get("/export/story.html?s=not-a-story")
    assert bad.status_code == 400
    assert bad.data.decode() == "The story link is damaged or too long."


def test_a_failing_callback_answers_with_a_plain_message_not_a_trace(monkeypatch):
    from dashboard.views.map import MAP

    def fail(*_):  # a bug in a view (junk values no longer get this far: web.boundary)
        raise RuntimeError("a bug")

    monkeypatch.setattr(MAP, "process", fail)
    client = app.server.test_client()
    dependencies = client.get("/_dash-dependencies").get_json()
    body = request_body(find_callback(dependencies, "map-graph.figure"), MAP_INPUTS)
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200
    answer = response.get_json()
    assert answer["response"] == {}  # the figure and controls keep what they showed
    message = answer["sideUpdate"]["shell-error-banner"]["children"]
    assert message.startswith("Something went wrong while updating this view")
    assert "Traceback" not in response.data.decode()


def test_what_the_app_loads_is_frozen_out_of_full_garbage_collections():
    """A full collection walked everything loaded (about 100 ms, added to one request)."""
    import gc

    assert gc.get_freeze_count() > 50_000


def test_gunicorn_without_a_secret_key_stops_with_a_clear_message(tmp_path):
    gunicorn = Path(sys.executable).with_name("gunicorn")
    if not gunicorn.exists():
        gunicorn = shutil.which("gunicorn")
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DASHBOARD_ENV")}
    result = subprocess.run(
        [str(gunicorn), "dashboard.app:server", "--bind", f"127.0.0.1:{_free_port()}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set, and DASHBOARD_ENV=production" in result.stderr


def test_an_upload_is_served_alike_by_every_worker(gunicorn_url):
    """The workspace and its datasets live in the database, never in a worker: whichever worker
    answers, the owner gets the same file, and another browser a 403 (gunicorn.conf.py preloads
    the app and forks after warming it up: each worker opens the database itself)."""
    import base64
    import http.cookiejar

    jar = http.cookiejar.CookieJar()
    owner = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with owner.open(f"{gunicorn_url}/_dash-dependencies", timeout=30) as response:
        dependencies = json.load(response)
    fixture = ROOT / "tests" / "exchange" / "fixtures" / "tunisia-utf8-bom.csv"
    values = {
        "upload-file.contents": "data:text/csv;base64,"
        + base64.b64encode(fixture.read_bytes()).decode(),
        "upload-file.filename": "tunisia.csv",
        "upload-target.value": "",
        "url.search": "?lang=en",
    }
    body = request_body(find_callback(dependencies, "upload-status.children"), values, values)
    request = urllib.request.Request(
        f"{gunicorn_url}/_dash-update-component",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    with owner.open(request, timeout=60) as response:
        answer = json.load(response)["response"]
    assert "was stored" in answer["upload-status"]["children"]
    (dataset,) = set(re.findall(r"dataset=([A-Za-z0-9_-]+)", json.dumps(answer)))
    address = f"{gunicorn_url}/download/flows/flows.csv?countries=TUN&dataset={dataset}"

    def fetch(_):
        with owner.open(address, timeout=30) as response:
            return response.read()

    ACCESS_LOG.write_text("")
    files: set[bytes] = set()
    with ThreadPoolExecutor(max_workers=6) as pool:
        for _ in range(5):
            files |= set(pool.map(fetch, range(6)))
            lines = ACCESS_LOG.read_text().splitlines()
            if len({line.split()[0] for line in lines if "/download/" in line}) >= 2:
                break
    lines = ACCESS_LOG.read_text().splitlines()
    assert len({line.split()[0] for line in lines if "/download/" in line}) == 2
    assert len(files) == 1 and b"small-count-suppression-k5" in files.pop()
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(address, timeout=30)  # no cookie: not the owner
    assert refused.value.code == 403  # the dataset exists, and is not theirs
