"""Take the README's screenshot of each view in headless Chromium (1280×720).

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]
    .venv/bin/python scripts/screenshots.py --lang fr ar --views map flows

Starts the dashboard on a free local port, opens each view's address (in each ``--lang``),
waits until every graph has drawn, and saves ``<view>.png`` (English) or ``<view>-<lang>.png``.
Needs a Chromium (``$CHROMIUM_PATH`` or ``chromium``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VIEWS = {
    "map": "/?year=2018&indicator=detected-victims&lines=1",
    "flows": "/flows?measure=trafficking-victims&from=2010&to=2021&countries=JOR,LBN,TUN,MAR,EGY",
    "compare": "/compare?countries=JOR,LBN,TUN,MAR,EGY,DZA&indicator=share-children",
    "country": "/country/JOR",
    "reforms": "/reforms?country=TUN&milestone=national-law_2016-08-03",
    "data": "/data?kind=flows&measure=trafficking-victims&countries=JOR,LBN&from=2015&to=2021",
    "sources": "/sources",
    "present": "/flows?measure=border-crossings&from=2015&to=2024&countries=TUN,MAR,DZA,EGY,LBY"
    "&present=1",
}
WAIT_FOR_DASH = """() => !document.querySelector('[data-dash-is-loading="true"]')
    && Array.from(document.querySelectorAll('.dash-graph'))
            .every(g => g.querySelector('.main-svg'))"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument(
        "--lang", nargs="+", default=["en"], choices=["en", "fr", "ar"], help="languages"
    )
    parser.add_argument("--views", nargs="+", choices=list(VIEWS), default=list(VIEWS))
    args = parser.parse_args()
    browser_path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not browser_path:
        print("error: no Chromium found (set CHROMIUM_PATH)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "serve", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/health", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        args.out.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=browser_path,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            for lang in args.lang:
                for name in args.views:
                    path = VIEWS[name]
                    page.goto(f"{base}{path}{'&' if '?' in path else '?'}lang={lang}")
                    page.wait_for_load_state("networkidle")
                    page.wait_for_function(WAIT_FOR_DASH, timeout=30_000)
                    page.wait_for_timeout(800)  # let transitions settle
                    shot = args.out / (f"{name}.png" if lang == "en" else f"{name}-{lang}.png")
                    page.screenshot(path=str(shot))
                    print(f"wrote {shot}")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
