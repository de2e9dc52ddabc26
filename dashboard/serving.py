"""How responses travel: compression and cache headers (measured by ``python -m benchmarks``).

- Every text response is compressed (flask-compress: zstd, br or gzip as the browser accepts),
  CSV downloads included.
- Dash's component scripts never change for an installed version, nor do fingerprinted assets
  (the plotly.js bundle among them), so each is compressed once per worker and kept (a bounded
  cache of identical bytes in every worker); that lets them use stronger levels than a
  per-request compression could afford (the full plotly.js: 1.41 MB at br 4 in 0.3 s per
  request → 1.29 MB at br 5, compressed once).
- Assets are fingerprinted by Dash (``?m=<mtime>``), so those URLs are cached for a year;
  un-fingerprinted ones (the map shapes plotly fetches) are revalidated with their ETag and
  answered ``304 Not Modified`` (flask-compress re-evaluates the condition after compressing).
"""

from __future__ import annotations

from flask import Flask, Response, request
from flask_compress import Compress

#: Endpoint of Dash's assets blueprint (``/assets/<path>``), served as a stream by Flask.
DASH_ASSETS_ENDPOINT = "_dash_assets.static"
#: Compression levels for responses (component scripts are compressed once, then cached).
BR_LEVEL = 5
ZSTD_LEVEL = 9
ONE_YEAR = 31_536_000
_SUITES_PREFIX = "/_dash-component-suites/"


class ComponentSuitesCache:
    """Compressed bytes of immutable scripts, by algorithm and URL; nothing else.

    flask-compress offers every compressed response to the cache; only keys from
    :func:`_cache_key` (component scripts, fingerprinted assets) are kept, at most ``size`` of
    them, so callback answers are never cached.
    """

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self.data: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        return self.data.get(key)

    def set(self, key: str, value: bytes) -> None:
        # flask-compress asks with "<algorithm>;<key>": an empty key means "not cacheable".
        if not key.endswith(";") and len(self.data) < self.size:
            self.data[key] = value


def _cache_key(req) -> str:
    """The URL of an immutable script (its bytes never change), else ``""`` (not cached)."""
    if req.method != "GET":
        return ""
    fingerprinted_asset = req.endpoint == DASH_ASSETS_ENDPOINT and "m" in req.args
    if req.path.startswith(_SUITES_PREFIX) or fingerprinted_asset:
        return req.full_path
    return ""


def _long_cache_for_fingerprinted(response: Response) -> Response:
    """Assets with Dash's ``?m=`` fingerprint (and the versioned favicon) are immutable."""
    fingerprinted = (request.endpoint == DASH_ASSETS_ENDPOINT and "m" in request.args) or (
        request.path == "/_favicon.ico" and "v" in request.args
    )
    if fingerprinted and response.status_code == 200:
        response.cache_control.public = True
        response.cache_control.max_age = ONE_YEAR
        response.cache_control.no_cache = None
        response.cache_control.immutable = True
    return response


def configure_serving(server: Flask) -> None:
    """Compression and cache headers of ``server`` (before Dash registers its routes)."""
    server.config.update(
        COMPRESS_BR_LEVEL=BR_LEVEL,
        COMPRESS_ZSTD_LEVEL=ZSTD_LEVEL,
        COMPRESS_CACHE_BACKEND=ComponentSuitesCache,
        COMPRESS_CACHE_KEY=_cache_key,
        # Streamed files (assets) answer If-None-Match with 304 after compression too.
        COMPRESS_STREAMING_ENDPOINT_CONDITIONAL=["static", DASH_ASSETS_ENDPOINT],
    )
    compress = Compress(server)
    # CSV downloads (dashboard/downloads.py) are text too; flask-compress leaves text/csv out.
    compress.compress_mimetypes_set.add("text/csv")
    server.after_request(_long_cache_for_fingerprinted)
