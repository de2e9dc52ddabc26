"""Who may do what, on the server: each role against each kind of request, forged directly
(no page in between). Allowed requests succeed; the others get 403 (the read of a view answers
with the public data and its refusal notice instead), and change nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from dashboard.accounts.models import AuditEvent
from dashboard.db.models import Dataset as DatasetRecord
from tests.accounts.conftest import csrf, sign_in

ROLES = ("anonymous", "partner", "stranger", "owner", "other_focal_point", "admin")
ACTIONS = ("read", "download", "share", "withdraw", "delete", "audit")
ALLOWED = {
    "anonymous": set(),
    "partner": {"read", "download"},
    "stranger": set(),
    "owner": set(ACTIONS),
    "other_focal_point": set(),
    "admin": set(ACTIONS),
}


def _client(server, world, role):
    client = server.test_client()
    if role != "anonymous":
        assert sign_in(client, getattr(world, role).email).status_code == 302
    else:
        client.get("/account/login")  # a session with a token, to forge well-formed posts
    return client


def _request(client, world, action):
    dataset, headers = world.dataset, {"X-CSRF-Token": csrf(client)}
    if action == "read":
        return client.get(f"/health?dataset={dataset}")
    if action == "download":
        return client.get(f"/download/flows/flows.csv?dataset={dataset}&countries=TUN")
    if action == "share":
        form = {"audience": "members"}
        return client.post(f"/account/datasets/{dataset}/share", data=form, headers=headers)
    if action == "withdraw":
        return client.post(f"/account/shares/{world.share}/withdraw", headers=headers)
    if action == "delete":
        return client.post(f"/account/datasets/{dataset}/delete", headers=headers)
    return client.get(f"/account/audit.csv?dataset={dataset}")


def _datasets(world) -> int:
    with world.platform.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(DatasetRecord)).scalar_one()


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_the_role_matrix(server, world, role, action):
    client = _client(server, world, role)
    shares_before = world.platform.shares(world.owner, world.dataset)
    answer = _request(client, world, action)
    allowed = action in ALLOWED[role]
    if action == "read":
        label = answer.get_json()["dataset"]
        assert label == (f"upload:{world.dataset}" if allowed else "bundled")
        return
    if not allowed:
        assert answer.status_code == 403, answer.get_data(as_text=True)[:200]
        assert _datasets(world) == 1
        assert world.platform.shares(world.owner, world.dataset) == shares_before
        return
    assert answer.status_code in (200, 303), answer.get_data(as_text=True)[:300]
    if action == "download":
        assert answer.mimetype == "text/csv"
    elif action == "share":
        audiences = [s.audience for s in world.platform.shares(world.owner, world.dataset)]
        assert audiences == ["countries", "members"]
    elif action == "withdraw":
        (share,) = world.platform.shares(world.owner, world.dataset)
        assert share.withdrawn_at is not None
    elif action == "delete":
        assert _datasets(world) == 0
    else:
        lines = answer.get_data(as_text=True).splitlines()
        assert lines[0].lstrip("\ufeff") == "at,actor,action,dataset,title,detail"
        assert any(",share," in line for line in lines[1:])


def test_a_withdrawal_is_enforced_at_once(server, world):
    client = _client(server, world, "partner")
    route = f"/download/flows/flows.csv?dataset={world.dataset}&countries=TUN"
    assert client.get(route).status_code == 200
    world.platform.withdraw(world.owner, world.share)
    assert client.get(route).status_code == 403
    assert client.get(f"/health?dataset={world.dataset}").get_json()["dataset"] == "bundled"


def test_a_span_of_years_shares_those_years_only(server, world):
    world.platform.withdraw(world.owner, world.share)
    world.platform.share(world.owner, world.dataset, "countries", ["JOR"], (2021, 2021))
    (seen,) = world.platform.visible_datasets(world.stranger)
    assert (seen.relation, seen.years, seen.owner) == ("shared", ((2021, 2021),), "TUN")
    view = world.platform.view_dataset(world.stranger, world.dataset, _baseline(server))
    assert set(view.flows["year"]) == {2021}
    own = world.platform.view_dataset(world.owner, world.dataset, _baseline(server))
    assert set(own.flows["year"]) == {2020, 2021, 2022}


def test_published_datasets_are_seen_by_everyone_with_small_counts_suppressed(server, world):
    world.platform.share(world.owner, world.dataset, "public")
    anonymous = world.platform.visible_datasets(None)
    assert [(d.id, d.relation) for d in anonymous] == [(world.dataset, "public")]
    client = server.test_client()
    answer = client.get(f"/download/flows/flows.csv?dataset={world.dataset}&countries=TUN")
    assert answer.status_code == 200
    (nigeria,) = [line for line in answer.get_data(as_text=True).splitlines() if "NGA" in line]
    assert ",3,3," not in nigeria and ",1,4," in nigeria  # 3 < k=5: an interval, never 3
    assert world.platform.visible_datasets(world.stranger)[0].relation == "public"


def test_visible_datasets_label_the_owner(world):
    assert [(d.relation, d.owner) for d in world.platform.visible_datasets(world.owner)] == [
        ("own", "TUN")
    ]
    assert [(d.relation, d.owner) for d in world.platform.visible_datasets(world.partner)] == [
        ("shared", "TUN")
    ]
    assert world.platform.visible_datasets(world.stranger) == []
    assert world.platform.visible_datasets(None) == []
    assert [d.relation for d in world.platform.visible_datasets(world.admin)] == ["admin"]


def test_a_focal_point_shares_its_own_countrys_data_only(world):
    from dashboard.accounts.sharing import ShareError
    from tests.accounts.conftest import upload

    workspace = world.platform.workspace_of(world.other_focal_point)
    egypt = world.platform.members.get(world.other_focal_point.id)
    foreign = workspace.add_dataset(upload(), "Tunisia's figures").id
    with pytest.raises(ShareError, match="own country"):
        world.platform.share(egypt, foreign, "members")


def test_downloads_of_shared_data_are_audited(server, world):
    client = _client(server, world, "partner")
    client.get(f"/download/flows/flows.csv?dataset={world.dataset}&countries=TUN")
    events = world.platform.audit_events(world.owner)
    assert [e["action"] for e in events][:2] == ["download", "share"]
    assert events[0]["actor"] == world.partner.email
    assert world.platform.audit_events(world.partner) == []  # not the owner, not an admin
    with world.platform.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(AuditEvent)).scalar_one() == 2


def _baseline(server):
    from dashboard.registry import registry_of

    return registry_of(server).baseline


def test_the_hooks_for_the_upload_page(server, world):
    from dashboard.accounts import web

    client = server.test_client()
    sign_in(client, world.owner.email)
    with server.test_request_context("/"):
        assert web.member_workspace() is None  # anonymous
        assert web.visible_datasets() == []
        assert [d.id for d in web.visible_datasets(world.partner)] == [world.dataset]
    with client:
        client.get("/account")
        workspace = web.member_workspace()
        assert workspace is not None and [d.id for d in workspace.datasets()] == [world.dataset]
        web.record("upload", world.dataset, "tunisia.csv")
        assert [d.relation for d in web.visible_datasets()] == ["own"]
    assert world.platform.audit_events(world.owner)[0]["action"] == "upload"


@pytest.mark.parametrize("role", ROLES)
def test_a_forged_dash_callback_gets_the_views_refusal(server, world, role):
    from dashboard.callback_requests import find_callback, request_body

    client = _client(server, world, role)
    dependency = find_callback(client.get("/_dash-dependencies").get_json(), "flows-graph.figure")
    search = f"?dataset={world.dataset}&lang=en"
    values = {
        "url.search": search,
        "flows-measure.value": "trafficking-victims",
        "flows-countries.value": ["TUN"],
        "flows-years.value": [2020, 2022],
        "flows-top.value": 10,
    }
    body = request_body(dependency, values, values)
    answer = client.post(
        "/_dash-update-component", json=body, headers={"X-CSRF-Token": csrf(client)}
    )
    assert answer.status_code == 200
    text = answer.get_data(as_text=True)
    if "read" in ALLOWED[role]:
        assert "Tunisia 2020-2022" in text  # the source line names the dataset
    else:
        # The public data instead (the id itself comes back only in the view's own query).
        assert "Tunisia 2020-2022" not in text and "UNODC" in text
