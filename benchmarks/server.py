"""The dashboard served as ``Procfile`` says (gunicorn), on a free local port, for benchmarks.

The ``web:`` line of the Procfile is run as it is written, with ``$PORT`` set to a free port and
``WEB_CONCURRENCY`` to the number of workers asked for; only the bind address is changed to
127.0.0.1 (a benchmark talks to this machine only) and ``gunicorn`` is this Python's. Extra
gunicorn flags (``--threads``, ``--worker-class``) are appended. ``root`` chooses the checkout
whose Procfile and code are served (another checkout of the project can be measured side by
side with this one).
"""

from __future__ import annotations

import os
import re
import secrets
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class ServerOptions:
    """How gunicorn runs: workers, and optionally threads and worker class."""

    workers: int = 2
    threads: int | None = None
    worker_class: str | None = None

    def label(self) -> str:
        parts = [f"{self.workers} worker{'s' if self.workers != 1 else ''}"]
        if self.worker_class:
            parts.append(self.worker_class)
        if self.threads:
            parts.append(f"{self.threads} threads")
        return ", ".join(parts)


def procfile_command(root: Path = ROOT) -> str:
    """The ``web:`` command of ``root``'s Procfile."""
    for line in (root / "Procfile").read_text(encoding="utf-8").splitlines():
        if line.startswith("web:"):
            return line.removeprefix("web:").strip()
    raise RuntimeError(f"no web: line in {root / 'Procfile'}")


def gunicorn_command(port: int, options: ServerOptions, root: Path = ROOT) -> list[str]:
    """The Procfile's command as an argument list, for a local port."""
    command = procfile_command(root)
    command = re.sub(
        r"\$\{WEB_CONCURRENCY(:-\d+)?\}|\$WEB_CONCURRENCY", str(options.workers), command
    )
    command = re.sub(r"\$\{PORT(:-\d+)?\}|\$PORT", str(port), command).replace(
        "0.0.0.0", "127.0.0.1"
    )
    argv = shlex.split(command)
    if argv[0] != "gunicorn":
        raise RuntimeError(f"the Procfile's web command is not gunicorn: {command}")
    argv = [sys.executable, "-m", "gunicorn", *argv[1:]]
    if options.threads:
        argv += ["--threads", str(options.threads)]
    if options.worker_class:
        argv += ["--worker-class", options.worker_class]
    return argv


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=5):
                return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the dashboard server did not start") from None
            time.sleep(0.2)


@contextmanager
def procfile_server(
    options: ServerOptions | None = None,
    root: Path = ROOT,
    log: Path | None = None,
    pid: list[int] | None = None,
) -> Iterator[str]:
    """The Procfile's server on a free local port (its URL), stopped afterwards; the master's
    process id is appended to ``pid`` if given.

    ``/health`` answers once a worker runs; the block starts then. Its answer is the one request
    the server has had (a first visitor right after a start still finds the other workers
    untouched).
    """
    port = free_port()
    env = dict(
        os.environ, PORT=str(port), WEB_CONCURRENCY=str((options or ServerOptions()).workers)
    )
    # gunicorn.conf.py means production, which needs a secret key: one for this server's run.
    env.setdefault("SECRET_KEY", secrets.token_hex(32))
    out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        gunicorn_command(port, options or ServerOptions(), root),
        cwd=root,
        env=env,
        stdout=out,
        stderr=out,
    )
    url = f"http://127.0.0.1:{port}"
    if pid is not None:
        pid.append(process.pid)
    try:
        wait_until_up(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if log:
            out.close()
