"""A signed-in member's uploads: in their account's workspace (no workspace cookie), on the
audit log; their deletion is audited too and removes the dataset's shares."""

from __future__ import annotations

from dashboard import ids
from dashboard.callback_requests import find_callback, request_body
from dashboard.web import workspace as workspaces
from tests.accounts.conftest import csrf, sign_in
from tests.exchange.test_web_upload import TUNISIA_BYTES, _contents


def _post(client, output: str, values: dict, changed: str | None = None) -> dict:
    dependencies = client.get("/_dash-dependencies").get_json()
    body = request_body(find_callback(dependencies, output), values, values)
    if changed:
        body["changedPropIds"] = [changed]
    headers = {"X-CSRF-Token": csrf(client)}
    answer = client.post("/_dash-update-component", json=body, headers=headers)
    assert answer.status_code == 200, answer.data[:300]
    return answer.get_json()["response"]


def test_a_members_upload_and_deletion_are_their_workspaces_and_on_record(server, world):
    workspaces.use_store(server, world.platform.store)
    try:
        client = server.test_client()
        assert sign_in(client, world.owner.email).status_code == 302
        before = {d.id for d in world.platform.workspace_of(world.owner).datasets()}
        values = {
            "upload-file.contents": _contents(TUNISIA_BYTES),
            "upload-file.filename": "tunisia.csv",
            "upload-target.value": "",
            "url.search": "?lang=en",
        }
        answer = _post(client, "upload-status.children", values)
        assert "was stored" in answer[ids.UPLOAD_STATUS]["children"]
        assert client.get_cookie(workspaces.COOKIE) is None  # the account's workspace instead
        after = {d.id for d in world.platform.workspace_of(world.owner).datasets()}
        (added,) = after - before
        events = world.platform.audit_events(world.owner, added)
        assert [e["action"] for e in events] == ["upload"]

        # The shared dataset, deleted from the upload page: gone with its shares, on record.
        assert world.platform.shares(world.owner, world.dataset)
        deleted = _post(
            client,
            "upload-status.children",
            {
                "upload-chosen.value": world.dataset,
                "upload-title.value": "",
                "upload-k.value": 5,
                "url.search": "?lang=en",
                "upload-delete.n_clicks": 1,
            },
            "upload-delete.n_clicks",
        )
        assert "were deleted" in deleted[ids.UPLOAD_STATUS]["children"]
        remaining = {d.id for d in world.platform.workspace_of(world.owner).datasets()}
        assert remaining == {added}
        actions = [e["action"] for e in world.platform.audit_events(world.owner, world.dataset)]
        assert actions[0] == "delete"
    finally:
        server.extensions.pop("dashboard_store", None)
