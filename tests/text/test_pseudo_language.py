"""Every word a user reads goes through the catalogue, in the request's language.

The pseudo-language (``lang=qps``) marks every catalogue message (and every place name) with
⟦…⟧; text that bypasses the catalogue comes out unmarked. Two languages alternate in one
process: neither answer holds text of the other, and caches never mix them.
"""

from __future__ import annotations

import pytest

from dashboard.text.catalogue import PSEUDO_CLOSE, PSEUDO_OPEN
from tests.pages.answers import callback_answers
from tests.text.visible import visible, words


@pytest.fixture(scope="module")
def app(monkeypatch_module):
    monkeypatch_module.setenv("DASHBOARD_PSEUDO_LANGUAGE", "1")
    from dashboard.app import app

    return app


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def outside_marks(text: str) -> str:
    """The parts of ``text`` outside every (possibly nested) ⟦…⟧ mark."""
    depth, kept = 0, []
    for char in text:
        if char == PSEUDO_OPEN:
            depth += 1
        elif char == PSEUDO_CLOSE:
            depth = max(depth - 1, 0)
        elif depth == 0:
            kept.append(char)
    return "".join(kept)


def unmarked(answers: dict[str, dict]) -> list[tuple[str, str, str]]:
    """Visible strings with words outside any ⟦…⟧ mark."""
    found = []
    for case, answer in answers.items():
        for where, text in visible(answer.get("response", {})):
            if words(outside_marks(text)):
                found.append((case, where, text[:120]))
    return found


def test_every_visible_word_goes_through_the_catalogue(app):
    answers = callback_answers(app, "qps")
    assert len(answers) > 60
    problems = unmarked(answers)
    assert not problems, "\n".join(map(str, problems[:25]))


def test_two_languages_alternate_without_mixing(app):
    english = callback_answers(app, "en")
    pseudo = callback_answers(app, "qps")
    again = callback_answers(app, "en")
    assert english == again  # no cache holds the other language's text
    assert PSEUDO_OPEN not in str(english)
    assert PSEUDO_OPEN in str(pseudo)
    marked = sum(PSEUDO_OPEN in text for a in pseudo.values() for _, text in visible(a))
    assert marked > 500


def test_every_message_used_is_one_the_extractor_finds(app):
    from dashboard.text.catalogue import extract_messages, translations

    pseudo = translations("qps")
    pseudo.asked.clear()
    callback_answers(app, "qps")
    extracted = {}
    for message in extract_messages():
        if not message.id:
            continue
        singular, plural = (message.id, None) if isinstance(message.id, str) else message.id
        extracted[(message.context, singular)] = plural
    missing = [asked for asked in pseudo.asked if (asked[0], asked[1]) not in extracted]
    assert len(pseudo.asked) > 150
    assert not missing, sorted(missing)[:20]
    wrong_kind = [asked for asked in pseudo.asked if extracted[(asked[0], asked[1])] != asked[2]]
    assert not wrong_kind, sorted(wrong_kind)[:20]  # plural used where singular extracted


def test_the_shell_and_the_page_are_in_the_addresss_language(app):
    client = app.server.test_client()
    # The shell is fetched without the page's query: its language is the page's (Referer).
    shell = client.get("/_dash-layout", headers={"Referer": "http://localhost/flows?lang=qps"})
    texts = list(visible(shell.get_json()))
    assert len(texts) > 10
    assert not [t for t in texts if words(outside_marks(t[1]))], texts[:5]
    page = client.get("/flows?lang=qps").get_data(as_text=True)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="qps" dir="ltr">' in page
    assert f"<title>{PSEUDO_OPEN}" in page
    english = client.get("/_dash-layout", headers={"Referer": "http://localhost/flows?lang=en"})
    assert PSEUDO_OPEN not in english.get_data(as_text=True)


def test_the_offline_export_is_in_the_addresss_language(app):
    from dashboard.stories import Story, add_slide, encode_link

    story = add_slide(Story(), "/flows?countries=TUN,MAR")
    client = app.server.test_client()
    page = client.get(f"/export/story.html?s={encode_link(story)}&lang=qps").get_data(as_text=True)
    assert '<html lang="qps" dir="ltr">' in page
    assert f'aria-label="{PSEUDO_OPEN}' in page  # the player's buttons
    assert "Çîtîzéñshîp" in page or "çîtîzéñshîp" in page  # the slide's figure, in the language
