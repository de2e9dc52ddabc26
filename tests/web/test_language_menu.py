"""The header's language menu: links to the same address in each language, and the cookie
that remembers the choice."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from dashboard.app import app
from tests.text.visible import visible


def _links(node) -> list[dict]:
    found = []
    if isinstance(node, dict):
        props = node.get("props", {})
        if isinstance(props, dict) and "data-lang" in props:
            found.append(props)
        for value in props.values() if isinstance(props, dict) else node.values():
            found += _links(value)
    elif isinstance(node, list):
        for item in node:
            found += _links(item)
    return found


def test_each_language_links_to_the_same_address():
    client = app.server.test_client()
    referer = "http://localhost/flows?countries=TUN,MAR&top=5&lang=ar&present=1"
    shell = client.get("/_dash-layout", headers={"Referer": referer}).get_json()
    links = {props["data-lang"]: props for props in _links(shell)}
    assert list(links) == ["en", "fr", "ar"]
    assert [links[c]["children"] for c in links] == ["English", "Français", "العربية"]
    for code, props in links.items():
        assert props["lang"] == code  # each name in its own language
        query = parse_qs(urlsplit(props["href"]).query)
        assert query == {"countries": ["TUN,MAR"], "top": ["5"], "lang": [code]}
    assert links["ar"]["aria-current"] == "true" and "aria-current" not in links["fr"]
    # The names are left out of the pseudo-language's check: they are not messages.
    assert not [t for _, t in visible(links) if t in ("English", "Français")]


def test_a_chosen_language_is_remembered_for_addresses_without_one():
    client = app.server.test_client()
    page = client.get("/compare?lang=fr")
    assert "lang=fr" in page.headers["Set-Cookie"]
    again = client.get("/compare").get_data(as_text=True)
    assert '<html lang="fr" dir="ltr">' in again
    arabic = client.get("/sources?lang=ar").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in arabic
    assert '<html lang="ar" dir="rtl">' in client.get("/sources").get_data(as_text=True)
    # The address wins over the cookie.
    assert '<html lang="en" dir="ltr">' in client.get("/sources?lang=en").get_data(as_text=True)
