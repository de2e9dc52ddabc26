#!/usr/bin/env python3
"""The two set-up commands, needing nothing but Python 3.11+ and pip.

    python3 tasks.py serve    run the dashboard on the bundled data, print its local address
    python3 tasks.py test     run the whole test suite, browser tests included

Both create a virtual environment in ``.venv`` and install the project into it when needed
(again whenever ``pyproject.toml`` changes). Standard library only: this runs before anything
is installed.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed-from"
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def say(message: str) -> None:
    print(f"[tasks] {message}", flush=True)


def run(*command: str | Path, env: dict | None = None) -> int:
    return subprocess.call([str(c) for c in command], cwd=ROOT, env=env)


def ensure_environment(extra: str) -> None:
    """Create ``.venv`` and install the project with ``extra`` unless already up to date."""
    if sys.version_info < (3, 11):  # noqa: UP036 - this runs under any python3
        sys.exit(f"Python 3.11 or newer is needed (found {sys.version.split()[0]}).")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extra.encode()).hexdigest()
    if PYTHON.exists() and STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    if not PYTHON.exists():
        say(f"creating a virtual environment in {VENV}")
        subprocess.check_call([sys.executable, "-m", "venv", str(VENV)])
    say(f"installing the dashboard and its dependencies ({extra or 'app only'})")
    subprocess.check_call(
        [str(PYTHON), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], cwd=ROOT
    )
    target = f".[{extra}]" if extra else "."
    subprocess.check_call([str(PYTHON), "-m", "pip", "install", "--quiet", "-e", target], cwd=ROOT)
    STAMP.write_text(wanted)


def find_chromium() -> str | None:
    """Path of a Chromium-family browser: ``$CHROMIUM_PATH`` first, then the usual names."""
    explicit = os.environ.get("CHROMIUM_PATH")
    if explicit and Path(explicit).exists():
        return explicit
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def install_chromium() -> None:
    """Install Debian's Chromium where we can (Debian/Ubuntu, as root)."""
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        say("installing Chromium with apt-get (Debian/Ubuntu, root)")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.call(["apt-get", "update", "-qq"], env=env)
        subprocess.call(["apt-get", "install", "-y", "-qq", "chromium"], env=env)


def serve(args: argparse.Namespace) -> int:
    ensure_environment("")
    return run(PYTHON, "-m", "dashboard", "serve", "--host", args.host, "--port", str(args.port))


def test(args: argparse.Namespace) -> int:
    ensure_environment("test")
    pytest_args = ["-m", "pytest", *args.pytest_args]
    browser = find_chromium()
    if browser is None:
        print("\n" + "!" * 78 + "\n!! No Chromium found: browser tests need one.\n" + "!" * 78)
        install_chromium()
        browser = find_chromium()
    env = dict(os.environ)
    if browser is None:
        if args.require_browser:
            say("FAILED: no Chromium could be found or installed, and browser tests are required.")
            return 1
        print("!! Still no Chromium: SKIPPING THE BROWSER TESTS. Install Chromium (or set")
        print("!! CHROMIUM_PATH) to run them. Every other test runs.\n" + "!" * 78)
        pytest_args += ["-m", "not browser"]
    else:
        say(f"browser tests use {browser}")
        env["CHROMIUM_PATH"] = browser
    if args.require_browser:
        env["REQUIRE_BROWSER"] = "1"
    return run(PYTHON, *pytest_args, env=env)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    serve_parser = commands.add_parser("serve", help="run the dashboard")
    serve_parser.add_argument("--host", default="127.0.0.1")
    serve_parser.add_argument("--port", type=int, default=8050)
    test_parser = commands.add_parser("test", help="run every test")
    test_parser.add_argument(
        "--require-browser", action="store_true", help="fail instead of skipping browser tests"
    )
    # Anything else after "test" goes to pytest (e.g. -k map, -x).
    args, args.pytest_args = parser.parse_known_args()
    if args.command != "test" and args.pytest_args:
        parser.error("unrecognized arguments: " + " ".join(args.pytest_args))
    return {"serve": serve, "test": test}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
