"""Snapshot every view's answers for the benchmark's cases, and compare two snapshots.

A refactor keeps behaviour: this script records, for every case of
:mod:`benchmarks.scenarios` (callbacks and CSV download routes), what the app answers,
through Dash's real request path (the Flask test client), and compares two such records.

    .venv/bin/python scripts/compare_outputs.py snapshot DIR   # record the current code
    .venv/bin/python scripts/compare_outputs.py compare OLD NEW

A snapshot holds one JSON file per callback case (``component.property`` → value of each
output; every plotly figure normalised to its JSON) and one file per download case (the CSV's
bytes). ``compare`` reports, separately, figures, CSV files and other outputs (text, layout)
that differ, and exits 1 when a figure or a CSV differs.

Callbacks are found by the output a case names, so a callback may gain a ``State`` (e.g. the
language) or change its other outputs and still be compared. ``--lang`` adds ``lang=`` to each
request (the address's query and the language store) for snapshots of other languages.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("DASHBOARD_VALIDATE_FIGURES", "0")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _slug(text: str) -> str:
    keep = "".join(c if c.isalnum() or c in "-_." else "_" for c in text)
    return keep[:90] + "-" + hashlib.sha1(text.encode()).hexdigest()[:8]


def _normalise(value):
    """Plain JSON (sorted keys), so that two runs compare by content."""
    return json.loads(json.dumps(value, sort_keys=True, default=str))


def _outputs(dependency: dict, answer: dict) -> dict:
    """``component.property`` → value of each output in a callback's answer."""
    response = answer.get("response", {})
    found = {}
    for component, props in response.items():
        for prop, value in props.items():
            found[f"{component}.{prop}"] = value
    return found


def snapshot(directory: Path, lang: str | None) -> None:
    from benchmarks.callbacks import case_key, cases_for, server_callbacks
    from benchmarks.scenarios import DOWNLOADS
    from dashboard.app import app
    from dashboard.callback_requests import request_body

    directory.mkdir(parents=True, exist_ok=True)
    client = app.server.test_client()
    extra = {}
    if lang:
        extra = {"url.search": f"?lang={lang}", "shell-language-store.data": lang}
    done = 0
    for dependency in server_callbacks(app):
        key = case_key(dependency)
        if key is None:
            print(f"no case for {dependency['output'][:80]}", file=sys.stderr)
            continue
        for case, values in cases_for(dependency, key).items():
            values = {**extra, **values}
            if lang and "_pages_location.search" in values:
                search = values["_pages_location.search"]
                values["_pages_location.search"] = (search + "&" if search else "?") + (
                    f"lang={lang}"
                )
            body = request_body(dependency, values, values)
            response = client.post("/_dash-update-component", json=body)
            record = {"status": response.status_code, "callback": key, "case": case}
            if response.status_code == 200:
                record["outputs"] = _normalise(_outputs(dependency, response.get_json()))
            name = _slug(f"{key}__{case}")
            (directory / f"{name}.json").write_text(
                json.dumps(record, sort_keys=True, ensure_ascii=False, indent=0)
            )
            done += 1
    for route, cases in DOWNLOADS.items():
        for case, query in cases.items():
            if lang:
                query = (query + "&" if query else "?") + f"lang={lang}"
            response = client.get(route + query)
            name = _slug(f"{route}__{case}")
            (directory / f"{name}.csv").write_bytes(
                f"status={response.status_code}\n".encode() + response.get_data()
            )
            done += 1
    print(f"{done} answers written to {directory}")


def _figures(value, path=""):
    """Every plotly figure inside an output value, by the id of the graph holding it (by its
    path in the layout when it has none), so that a layout rearranged around it compares."""
    if isinstance(value, dict):
        if isinstance(value.get("data"), list) and isinstance(value.get("layout"), dict):
            yield path, value
            return
        props = value.get("props")
        if isinstance(props, dict) and "figure" in props and "id" in props:
            yield from _figures(props["figure"], f"graph:{props['id']}")
            return
        for key, item in value.items():
            yield from _figures(item, f"{path}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _figures(item, f"{path}[{index}]")


def _without_figures(value):
    if isinstance(value, dict):
        if isinstance(value.get("data"), list) and isinstance(value.get("layout"), dict):
            return "<figure>"
        return {k: _without_figures(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_figures(v) for v in value]
    return value


def compare(old: Path, new: Path, show: int) -> int:
    names = sorted({p.name for p in old.iterdir()} | {p.name for p in new.iterdir()})
    figures_same = figures_diff = csv_same = csv_diff = other_diff = 0
    missing = []
    for name in names:
        a, b = old / name, new / name
        if not a.exists() or not b.exists():
            missing.append(f"{name}: only in {'new' if b.exists() else 'old'}")
            continue
        if name.endswith(".csv"):
            if a.read_bytes() == b.read_bytes():
                csv_same += 1
            else:
                csv_diff += 1
                print(f"CSV differs: {name}")
            continue
        ra, rb = json.loads(a.read_text()), json.loads(b.read_text())
        if ra["status"] != rb["status"]:
            print(f"status differs: {name}: {ra['status']} -> {rb['status']}")
            other_diff += 1
            continue
        oa, ob = ra.get("outputs", {}), rb.get("outputs", {})
        fa = {f"{k}{p}": f for k, v in oa.items() for p, f in _figures(v)}
        fb = {f"{k}{p}": f for k, v in ob.items() for p, f in _figures(v)}
        for path in sorted(set(fa) | set(fb)):
            if fa.get(path) == fb.get(path):
                figures_same += 1
            else:
                figures_diff += 1
                print(f"figure differs: {name} {path}")
        for key in sorted(set(oa) | set(ob)):
            if key not in oa or key not in ob:
                continue  # an output added or removed: reported below
            if _without_figures(oa[key]) != _without_figures(ob[key]):
                other_diff += 1
                if other_diff <= show:
                    print(f"output differs: {name} {key}")
        for key in sorted(set(oa) ^ set(ob)):
            print(f"output {'added' if key in ob else 'removed'}: {name} {key}")
    for line in missing:
        print(line)
    print(
        f"figures: {figures_same} identical, {figures_diff} different; "
        f"CSV files: {csv_same} identical, {csv_diff} different; "
        f"other outputs different: {other_diff}; answers only in one snapshot: {len(missing)}"
    )
    return 1 if figures_diff or csv_diff or missing else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    snap = sub.add_parser("snapshot")
    snap.add_argument("directory", type=Path)
    snap.add_argument("--lang", default=None)
    comp = sub.add_parser("compare")
    comp.add_argument("old", type=Path)
    comp.add_argument("new", type=Path)
    comp.add_argument("--show", type=int, default=20, help="other differences to list")
    args = parser.parse_args()
    if args.command == "snapshot":
        snapshot(args.directory, args.lang)
        return 0
    return compare(args.old, args.new, args.show)


if __name__ == "__main__":
    sys.exit(main())
