"""The server side of uploads: size limit, template downloads, and what an upload does.

- ``MAX_CONTENT_LENGTH`` caps every request body (:func:`configure_uploads`): the largest file
  the check accepts (``Limits.max_bytes``, 20 MB), base64-encoded as ``dcc.Upload`` sends it (4/3
  of its size), plus room for the rest of the callback request. A larger request is refused by
  Flask before it is read; the refusal is a sentence in the page's language (the page's address
  is the request's ``Referer``), as the upload's status when it is a callback, never a raw 413
  page.
- ``/exchange/template.csv`` and ``/exchange/template.xlsx`` (in the request's language).
- :func:`receive` checks an upload's contents and stores them in the requester's workspace (a
  new dataset or a replacement), only when valid or when the valid rows are explicitly kept;
  a failed check or a refused request stores nothing.
"""

from __future__ import annotations

import base64
import binascii
import math
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import Flask, Response, jsonify, request

from dashboard import ids
from dashboard.exchange.checks import check_bytes
from dashboard.exchange.errors import ExchangeError
from dashboard.exchange.problems import Plural, Reason
from dashboard.exchange.reading import DEFAULT_LIMITS
from dashboard.exchange.results import CheckResult
from dashboard.exchange.store import DatasetInfo
from dashboard.exchange.template import template_csv, template_filename, template_xlsx
from dashboard.text import Message
from dashboard.text import upload as words
from dashboard.web import workspace as workspaces
from dashboard.web.address import at_address, current_text, parse

MB = 1024 * 1024
#: The largest file, in MB (the check's own limit).
MAX_FILE_MB = DEFAULT_LIMITS.max_bytes // MB
#: A callback request carrying the largest file: base64 (4/3) and 1 MB for everything else.
MAX_CONTENT_LENGTH = math.ceil(DEFAULT_LIMITS.max_bytes * 4 / 3) + MB


def decode_contents(contents: object) -> bytes:
    """The bytes of a ``dcc.Upload`` ``contents`` value (``data:…;base64,…``), or
    :class:`ValueError`."""
    if not isinstance(contents, str) or "," not in contents:
        raise ValueError("not a data URL")
    header, _, payload = contents.partition(",")
    if not header.endswith(";base64"):
        raise ValueError("not base64")
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError) as error:
        raise ValueError("bad base64") from error


@dataclass(frozen=True)
class Received:
    """What an upload did: the check's result (``None`` when the contents could not be read),
    the dataset stored (``None``: nothing was), and the sentence to show."""

    result: CheckResult | None
    stored: DatasetInfo | None
    message: Reason  # render with dashboard.exchange.problems.render


def receive(
    contents: object,
    filename: object,
    *,
    target: str | None = None,
    keep_valid_rows: bool = False,
) -> Received:
    """Check an upload and store it in the requester's workspace (see the module)."""
    try:
        data = decode_contents(contents)
    except ValueError:
        return Received(None, None, Message(words.NOT_BASE64))
    name = str(filename or "upload")[:255]
    result = check_bytes(data, name)
    try:
        upload = result.upload(keep_valid_rows=keep_valid_rows)
    except ExchangeError:
        return Received(result, None, Message(words.NOTHING_STORED))
    if target and workspaces.current_workspace() is None:  # nothing to replace: no workspace
        return Received(result, None, Message(words.NO_SUCH_DATASET, {"dataset": target[:40]}))
    try:
        workspace = workspaces.workspace_for_upload()
        if target:
            stored = workspace.replace_dataset(target, upload)
            workspaces.forget(target)
            workspaces.audit("upload", stored.id, "replaced")
            fields = {"title": stored.title, "filename": name, "cells": stored.cells}
            return Received(result, stored, Message(words.REPLACED, fields))
        stored = workspace.add_dataset(upload)
        workspaces.audit("upload", stored.id)
    except ExchangeError as error:
        return Received(result, None, error.reason)
    if upload.rows_left_out:
        message = Plural(*words.STORED_VALID, upload.rows_left_out, {"title": stored.title})
    else:
        message = Message(words.STORED, {"title": stored.title, "cells": stored.cells})
    return Received(result, stored, message)


def _too_large() -> Response:
    """A body over ``MAX_CONTENT_LENGTH``: the limit said in the page's language."""
    page = urlsplit(request.referrer or "").query
    with at_address(parse(page)):
        message = current_text().gettext(words.TOO_LARGE, size=MAX_FILE_MB)
    if request.path.endswith("/_dash-update-component"):
        # A callback answer the page applies: the message in the upload's status.
        answer = {"multi": True, "response": {ids.UPLOAD_STATUS: {"children": message}}}
        return jsonify(answer)
    return Response(message, status=413, mimetype="text/plain")


def configure_uploads(server: Flask) -> None:
    """The request size limit and its message, and the template downloads."""
    if server.config.get("MAX_CONTENT_LENGTH") is None:  # Flask's default: None, no limit
        server.config["MAX_CONTENT_LENGTH"] = MAX_CONTENT_LENGTH
    server.register_error_handler(413, lambda _error: _too_large())

    @server.route("/exchange/template.csv")
    def template_csv_download() -> Response:
        name = template_filename("csv", current_text().lang)
        return Response(
            template_csv(),
            mimetype="text/csv",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    @server.route("/exchange/template.xlsx")
    def template_xlsx_download() -> Response:
        text = current_text()
        name = template_filename("xlsx", text.lang)
        return Response(
            template_xlsx(text),
            mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
