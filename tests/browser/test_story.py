"""Stories in the browser: add views, play with the keyboard, save and load files, refuse bad
files, and the offline HTML export opening from file:// with the network blocked."""

from __future__ import annotations

import json
from pathlib import Path

from dashboard.paths import PLOTLY_BUNDLE
from dashboard.stories import Slide, Story, serialise_story
from tests.browser.conftest import watch_csp

STORY = Story(
    "Three views",
    (
        Slide("/", "?year=2016", "The map", "Start with the map."),
        Slide("/flows", "?countries=TUN&top=5", "Corridors", "Then Tunisia."),
        Slide("/compare", "?countries=TUN,MAR", "Compare", "End here."),
    ),
)


def _stored(page) -> dict | None:
    text = page.evaluate("localStorage.getItem('story-store')")
    return json.loads(text) if text else None


def _open_story(page, story: Story) -> None:
    """The story page with ``story`` in the browser's store (as if built slide by slide)."""
    page.goto(f"{page.base_url}/story")
    page.evaluate(
        "data => localStorage.setItem('story-store', JSON.stringify(data))", story.to_dict()
    )
    page.reload()
    page.wait_for_selector(".story-slide")


def test_add_current_view_from_header(page):
    page.goto(f"{page.base_url}/flows?countries=TUN&top=5")
    page.wait_for_selector(".js-plotly-plot")
    page.wait_for_function("() => location.search.includes('measure=')")
    page.click(".story-add > summary")
    page.fill("#story-add-title", "Corridors")
    page.fill("#story-add-note", "Say this.")
    page.click("#story-add")
    page.wait_for_selector("#story-add-status:has-text('slide 1')")
    slide = _stored(page)["slides"][0]
    assert slide["path"] == "/flows" and "countries=TUN" in slide["query"]
    assert (slide["title"], slide["note"]) == ("Corridors", "Say this.")
    assert page.watch.console_errors == []


def test_reorder_and_remove(page):
    _open_story(page, STORY)
    page.click("button[title='Move slide 1 down']")
    page.wait_for_function(
        "() => JSON.parse(localStorage.getItem('story-store')).slides[0].title === 'Corridors'"
    )
    # The list is redrawn after the store changes, with new buttons: wait until the page shows
    # the new order, as a person would, or the click can land while its button is replaced.
    page.wait_for_function(
        "() => document.querySelector('.story-slide input').value === 'Corridors'"
    )
    page.click("button[title='Remove slide 3']")
    page.wait_for_function(
        "() => JSON.parse(localStorage.getItem('story-store')).slides.length === 2"
    )
    assert [s["title"] for s in _stored(page)["slides"]] == ["Corridors", "The map"]
    page.locator(".story-slide").nth(2).wait_for(state="detached")
    assert page.locator(".story-slide input").nth(0).input_value() == "Corridors"


def test_typed_title_then_an_immediate_move_keeps_both(page):
    """The title's own call is still running when the click's replaces it: nothing is lost."""
    _open_story(page, STORY)
    page.fill(".story-slide:nth-child(1) input", "Opening map")
    page.click("button[title='Move slide 1 down']")  # leaving the field commits the title
    page.wait_for_function(
        "() => JSON.parse(localStorage.getItem('story-store')).slides[1].title === 'Opening map'"
    )
    page.wait_for_function(
        "() => document.querySelector('.story-slide input').value === 'Corridors'"
    )
    assert [s["title"] for s in _stored(page)["slides"]] == ["Corridors", "Opening map", "Compare"]
    assert page.locator(".story-slide input").nth(1).input_value() == "Opening map"


def test_keyboard_walks_a_three_slide_story(page):
    _open_story(page, STORY)
    page.click("#story-play")
    frame = page.frame_locator(".story-frame")
    steps = [(None, 0), ("ArrowRight", 1), ("PageDown", 2), (" ", 2), ("ArrowLeft", 1)]
    for key, index in [*steps, ("PageUp", 0)]:
        if key:
            # The player focuses each slide once it has loaded (keys then come back through
            # postMessage, tested below); here the keys go to the player itself.
            page.evaluate("() => document.activeElement && document.activeElement.blur()")
            page.keyboard.press(key)
        page.wait_for_function(
            f"() => document.querySelector('.story-player')?.dataset.slide === '{index}'"
        )
        slide = STORY.slides[index]
        # The slide in the player's language (English here), with present=1.
        shown = Slide(slide.path, slide.query_in("en")).present_url()
        assert page.get_attribute(".story-frame", "src") == shown
        assert page.inner_text(".story-player-note") == slide.note
        frame.locator("html.present-mode .js-plotly-plot").first.wait_for(timeout=60_000)
    # Keys pressed inside the live slide still move the story (forwarded by the slide).
    frame.locator("body").click(position={"x": 5, "y": 200})
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('.story-player')?.dataset.slide === '1'")
    # The next key must wait for the new slide's page: pressed while the frame is still
    # navigating, it lands on the page being replaced and is lost (seen under load).
    page.wait_for_function(
        """() => {
            const frame = document.querySelector('.story-frame');
            const wanted = new URL(frame.getAttribute('src'), window.location.href).href;
            return frame.contentWindow.location.href === wanted
                && frame.contentDocument.readyState === 'complete';
        }"""
    )
    page.keyboard.press("Escape")
    page.wait_for_selector(".story-player", state="detached")
    assert page.watch.console_errors == [] and page.watch.external_requests == []


def test_saved_file_loads_back_identical(page, tmp_path):
    _open_story(page, STORY)
    with page.expect_download() as download:
        page.click("#story-save")
    saved = tmp_path / "story.json"
    download.value.save_as(saved)
    assert json.loads(saved.read_text()) == STORY.to_dict()

    page.click("#story-clear")
    page.wait_for_function(
        "() => JSON.parse(localStorage.getItem('story-store')).slides.length === 0"
    )
    page.set_input_files("#story-load input[type=file]", str(saved))
    page.wait_for_selector(".story-message:has-text('Loaded')")
    assert _stored(page) == STORY.to_dict()
    # The slide list is re-rendered from the store by a callback that may still be running.
    page.wait_for_function("() => document.querySelectorAll('.story-slide').length === 3")


def test_malformed_file_is_refused_and_story_untouched(page, tmp_path):
    _open_story(page, STORY)
    before = _stored(page)
    bad_files = {
        "notes.json": "this is not JSON",
        "geo.json": '{"type": "FeatureCollection", "features": []}',
        "future.json": serialise_story(STORY).replace('"version": 1', '"version": 9'),
        "elsewhere.json": serialise_story(Story("x", (Slide("/nowhere"),))),
    }
    for name, text in bad_files.items():
        path = tmp_path / name
        path.write_text(text)
        page.set_input_files("#story-load input[type=file]", str(path))
        message = page.locator(".story-message.error", has_text=name)
        message.wait_for()
        assert "unchanged" in message.inner_text()
        assert _stored(page) == before
    assert page.locator(".story-slide").count() == 3


def test_story_link_opens_the_story(page):
    from dashboard.stories import story_link

    page.goto(f"{page.base_url}{story_link(STORY)}")
    page.wait_for_selector(".story-slide")
    assert _stored(page) == STORY.to_dict()


def test_exported_html_works_offline(page, tmp_path):
    map_story = Story("Offline", (*STORY.slides, Slide("/", "?year=2012", "Map again", "")))
    _open_story(page, map_story)
    with page.expect_download(timeout=60_000) as download:
        page.click("#story-export")
    exported = tmp_path / "story.html"
    download.value.save_as(exported)
    _check_offline_file(page.context.browser, exported, map_story)


def _check_offline_file(browser, path: Path, story: Story) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    leaving: list[str] = []

    def route(route_):
        if route_.request.url.startswith(("file:", "data:", "blob:", "about:")):
            route_.continue_()
        else:
            leaving.append(route_.request.url)
            route_.abort()

    context.route("**/*", route)
    # The file's own policy (a <meta> with its scripts' hashes) must let it work in full.
    violations: list[str] = []
    watch_csp(context, violations)
    offline = context.new_page()
    errors: list[str] = []
    offline.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    offline.on("pageerror", lambda e: errors.append(str(e)))
    offline.goto(path.as_uri())
    try:
        for number, slide in enumerate(story.slides, start=1):
            current = offline.locator(f"#slide-{number}.current")
            current.locator(".js-plotly-plot").first.wait_for(timeout=20_000)
            assert current.locator("h2").inner_text() == slide.title
            assert current.locator(".source-note").inner_text().startswith("Source:")
            if slide.note:
                assert current.locator(".note").inner_text() == slide.note
            if slide.path == "/":
                # The map's shapes are drawn from the embedded topojson.
                offline.wait_for_function(
                    f"() => document.querySelectorAll('#slide-{number} .geo path').length > 100"
                )
            offline.keyboard.press("ArrowRight")
        # Hover works offline too.
        offline.keyboard.press("Home")
        box = offline.locator("#slide-1 .js-plotly-plot .nsewdrag, #slide-1 .geo .bg rect")
        box.first.hover()
        offline.mouse.move(640, 360)
        offline.evaluate("() => new Promise((done) => setTimeout(done, 0))")
        assert leaving == [] and errors == [] and violations == []
    finally:
        context.close()


def test_cli_export_and_bad_file(tmp_path):
    import subprocess
    import sys

    good, bad = tmp_path / "story.json", tmp_path / "bad.json"
    good.write_text(serialise_story(Story("CLI", STORY.slides[:1])))
    bad.write_text('{"format": "medflows-story", "version": 2, "slides": []}')
    command = [sys.executable, "-m", "dashboard", "export", "story", "--file"]
    result = subprocess.run(
        [*command, str(good), "--out", str(tmp_path / "out.html")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    exported = (tmp_path / "out.html").read_text(encoding="utf-8")
    # The dashboard's plotly.js bundle and the map shapes are inside.
    assert PLOTLY_BUNDLE.read_text(encoding="utf-8")[:200] in exported
    assert '"world_50m": {"type":"Topology"' in exported
    result = subprocess.run(
        [*command, str(bad), "--out", str(tmp_path / "no.html")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "version 2" in result.stderr
    assert not (tmp_path / "no.html").exists()
