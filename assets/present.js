// Presenter mode and the story player. No server round trip, nothing fetched from outside.
//
// Presenter mode is on while the address has present=1 (any view). It sets html.present-mode
// (present.css hides navigation and controls) and re-lays out every plotly figure with the
// projector font size the shell gives in data-present-font-size (figures/theme.py), saving the
// values it replaced so that leaving (Escape) restores them without reloading the view.
(function () {
  "use strict";

  // ``text`` broken into lines of at most ``width`` characters (assets/wrapped.js).
  function wrapped(text, width) { return window.medflowsWrapped(text, width); }

  const root = document.documentElement;
  const inFrame = window.self !== window.top;
  // Next and previous slide. Right to left, the story moves leftwards: ← is the next slide
  // and → the previous one, as the player's mirrored buttons show (see play()).
  const rtl = root.getAttribute("dir") === "rtl";
  const NAV_KEYS = {
    ArrowRight: rtl ? -1 : 1, PageDown: 1, " ": 1, Spacebar: 1,
    ArrowLeft: rtl ? 1 : -1, PageUp: -1,
  };
  const presented = new WeakSet(); // layouts already enlarged
  const saved = new WeakMap(); // graph div -> {layout: {key: old}, traces: [[update, index]]}
  const original = new WeakMap(); // graph div -> {height, font, dtick} before present mode

  function fontSize() {
    const holder = document.querySelector("[data-present-font-size]");
    return Number(holder && holder.getAttribute("data-present-font-size")) || 22;
  }

  function isPresent() {
    return new URLSearchParams(window.location.search).get("present") === "1";
  }

  function withPresent(search, on) {
    const kept = search.replace(/^\?/, "").split("&")
      .filter(function (pair) { return pair && pair.split("=")[0] !== "present"; });
    if (on) { kept.push("present=1"); }
    return kept.length ? "?" + kept.join("&") : "";
  }

  // The page's language (<html lang>, set by the server from the address, cookie or browser).
  function pageLang() { return root.getAttribute("lang") || ""; }

  // ``search`` in the page's language: a link written here (the present toggle, a slide of
  // the player) keeps the language the reader chose, whatever language the slide was saved in.
  function withLang(search) {
    const lang = pageLang();
    if (!lang) { return search; }
    const kept = search.replace(/^\?/, "").split("&")
      .filter(function (pair) { return pair && pair.split("=")[0] !== "lang"; });
    kept.push("lang=" + encodeURIComponent(lang));
    return "?" + kept.join("&");
  }

  // --- figures --------------------------------------------------------------------------

  function getPath(obj, path) {
    return path.replace(/\[(\d+)\]/g, ".$1").split(".").reduce(function (value, key) {
      return value === undefined || value === null ? undefined : value[key];
    }, obj);
  }

  // The name of the source line present mode writes into a figure.
  const SOURCE_NOTE = "medflows-source";

  function mainPlot() {
    return document.querySelector(".shell-main .js-plotly-plot");
  }

  function layoutUpdate(gd) {
    const size = fontSize();
    const full = gd._fullLayout;
    // What the figure had before present mode: each update is computed from it, never from
    // an enlarged layout handed back by Dash, so that enlarging twice asks for the same.
    if (!original.has(gd)) {
      const font = (full.font && full.font.size) || 13;
      original.set(gd, {height: full.height, font: font, dtick: {}});
    }
    const before = original.get(gd);
    const update = {
      "font.size": size,
      "font.color": "#000000",
      "title.font.size": Math.round(size * 1.25),
      "title.font.color": "#000000",
      "legend.font.size": size,
      "hoverlabel.font.size": size,
      "paper_bgcolor": "#ffffff",
    };
    Object.keys(full).forEach(function (key) {
      if (/^[xy]axis\d*$/.test(key)) {
        update[key + ".tickfont.size"] = size;
        update[key + ".tickfont.color"] = "#000000";
        update[key + ".title.font.size"] = size;
        if (key[0] === "x" && full[key].type === "linear") {
          // Fewer, level ticks: rotated years at this size run into the row below.
          if (!(key in before.dtick)) { before.dtick[key] = full[key].dtick; }
          const step = Number(before.dtick[key]);
          if (full[key].tickmode === "linear" && step) {
            update[key + ".dtick"] = step * 2;
          } else {
            // About one tick label per 4.5 characters' width of axis.
            update[key + ".nticks"] = Math.max(2, Math.floor((full[key]._length || 400) / (size * 4.5)));
          }
          update[key + ".tickangle"] = 0;
        }
      } else if (/^coloraxis\d*$/.test(key)) {
        update[key + ".colorbar.tickfont.size"] = size;
        update[key + ".colorbar.title.font.size"] = size;
      }
    });
    const notes = (gd.layout && gd.layout.annotations) || [];
    notes.forEach(function (note, i) {
      if (note && note.name === SOURCE_NOTE) { return; } // already sized by sourceUpdate
      const own = (note.font && note.font.size) || 0;
      update["annotations[" + i + "].font.size"] = Math.max(size, own);
      update["annotations[" + i + "].font.color"] = "#000000";
    });
    if (gd === mainPlot()) {
      // The main figure fills the screen below whatever precedes it (a heading, a summary
      // line) and above the one-line source note; at least 60 % of the screen.
      const top = gd.getBoundingClientRect().top + window.scrollY;
      const free = window.innerHeight - top - 44;
      update.height = Math.round(Math.max(0.6 * window.innerHeight, free));
    } else if (before.height) {
      // The others grow with their text (a small chart's axes and legend would collide),
      // within one screen; from their size before present mode (enlarge may run again).
      const grown = Math.round(before.height * Math.max(1, size / before.font));
      update.height = Math.min(grown, Math.round(0.85 * window.innerHeight));
    }
    return update;
  }

  // A projected (or screenshotted) figure carries its source and the view's address inside
  // it, under the plot and under whatever plotly put there (a legend, axis titles): the
  // figure's layout.meta.source, set by the server. Measured after the enlarged layout is
  // drawn, since larger fonts make the legend taller.
  function sourceUpdate(gd) {
    const full = gd._fullLayout;
    const notes = (gd.layout && gd.layout.annotations) || [];
    const source = gd.layout && gd.layout.meta && gd.layout.meta.source;
    // Added once: Dash may hand back the enlarged layout (it mirrors relayouts into its figure).
    const added = notes.some(function (note) { return note && note.name === SOURCE_NOTE; });
    if (!full || !source || added) { return null; }
    const url = new URL(window.location.href);
    url.searchParams.delete("present");
    // A little smaller than the figure's text, never under 20 px (legible from the back).
    const small = Math.max(20, Math.round(fontSize() * 0.9));
    // The bottom margin as drawn: the one asked for, or more where a legend pushed it.
    const bottom = (full._size && full._size.b) || (full.margin && full.margin.b) || 0;
    // From the figure's left edge (paper x = 0 is the plot area's, after its left margin).
    const size = full._size || {l: 0, w: full.width || 1000};
    const width = Math.floor((full.width || 1000) / (small * 0.64));
    const lines = wrapped(source, width);
    wrapped(url.toString(), width).forEach(function (line) { lines.push(line); });
    const update = {"margin.b": bottom + lines.length * (small + 6) + 8};
    update["annotations[" + notes.length + "]"] = {
      name: SOURCE_NOTE,
      text: lines.join("<br>"), xref: "paper", yref: "paper", x: 0, xshift: -(size.l || 0), y: 0,
      xanchor: "left", yanchor: "top", yshift: -(bottom + 4), align: "left",
      showarrow: false, font: {size: small, color: "#000000"},
    };
    return update;
  }

  // The source line starts at the figure's left edge: its left margin as finally drawn (tick
  // labels at the projector's size widen it after the line was placed).
  function alignSource(gd) {
    const notes = (gd.layout && gd.layout.annotations) || [];
    const index = notes.findIndex(function (note) { return note && note.name === SOURCE_NOTE; });
    const size = gd._fullLayout && gd._fullLayout._size;
    if (index < 0 || !size || !window.Plotly) { return; }
    const shift = -(size.l || 0);
    if (Math.abs((notes[index].xshift || 0) - shift) > 1) {
      window.Plotly.relayout(gd, {["annotations[" + index + "].xshift"]: shift});
    }
  }

  function traceUpdates(gd) {
    const size = fontSize();
    const updates = [];
    (gd._fullData || []).forEach(function (trace, i) {
      const update = {};
      if (trace.textfont) { update["textfont.size"] = size; }
      if (trace.colorbar) {
        update["colorbar.tickfont.size"] = size;
        update["colorbar.title.font.size"] = size;
      }
      if (trace.type === "sankey") { update["node.hoverlabel.font.size"] = size; }
      if (Object.keys(update).length) { updates.push([update, trace.index]); }
    });
    return updates;
  }

  // Remember what present mode replaces. Dash may hand back a layout that already holds our
  // values (dcc.Graph mirrors relayouts into its figure), so a value equal to ours is not
  // taken as the original.
  function remember(gd, update, traces) {
    const old = saved.get(gd) || {layout: {}, traces: {}};
    Object.keys(update).forEach(function (key) {
      const value = getPath(gd.layout, key);
      if (!(key in old.layout) || value !== update[key]) {
        old.layout[key] = value === undefined ? null : value;
      }
    });
    traces.forEach(function (pair) {
      const index = pair[1];
      const own = old.traces[index] || (old.traces[index] = {});
      Object.keys(pair[0]).forEach(function (key) {
        const value = getPath(gd.data[index], key);
        if (!(key in own) || value !== pair[0][key]) {
          own[key] = value === undefined ? null : value;
        }
      });
    });
    saved.set(gd, old);
  }

  // The part of ``update`` that ``obj`` does not hold yet (a height within 2 px counts as
  // held). Dash hands every relayout back as a new figure (dcc.Graph mirrors relayouts into
  // it), whose layout already holds our values: asking plotly again for what is drawn starts
  // the round once more, without end (the page then froze within a minute on a slow machine).
  function missing(obj, update) {
    const left = {};
    Object.keys(update).forEach(function (key) {
      const value = getPath(obj, key);
      const held = key === "height"
        ? Math.abs(Number(value) - update[key]) <= 2 : value === update[key];
      if (!held) { left[key] = update[key]; }
    });
    return left;
  }

  function enlarge(gd, force) {
    if (!window.Plotly || !gd._fullLayout || !gd.layout) { return; }
    if (presented.has(gd.layout) && !force) { return; }
    const update = layoutUpdate(gd);
    const traces = traceUpdates(gd).map(function (pair) {
      return [missing(gd.data[pair[1]], pair[0]), pair[1]];
    }).filter(function (pair) { return Object.keys(pair[0]).length; });
    remember(gd, update, traces);
    presented.add(gd.layout);
    const layout = missing(gd.layout, update);
    traces.forEach(function (pair) { window.Plotly.restyle(gd, pair[0], [pair[1]]); });
    const drawn = Object.keys(layout).length ? window.Plotly.relayout(gd, layout) : null;
    Promise.resolve(drawn).then(function () {
      const more = sourceUpdate(gd);
      if (more) {
        remember(gd, more, []);
        window.Plotly.relayout(gd, more);
      }
    });
  }

  function restore(gd) {
    const old = saved.get(gd);
    if (!old || !window.Plotly || !gd.layout) { return; }
    saved.delete(gd);
    original.delete(gd);
    presented.delete(gd.layout);
    Object.keys(old.traces).forEach(function (index) {
      if (Number(index) < gd.data.length) {
        window.Plotly.restyle(gd, old.traces[index], [Number(index)]);
      }
    });
    window.Plotly.relayout(gd, old.layout);
  }

  function watch(gd) {
    if (gd.__presentWatched || typeof gd.on !== "function") { return; }
    gd.__presentWatched = true;
    // Dash replaces the layout when a callback sends a new figure: enlarge the new one too.
    gd.on("plotly_afterplot", function () {
      if (root.classList.contains("present-mode") && !presented.has(gd.layout)) {
        window.setTimeout(function () { enlarge(gd); }, 0);
      } else {
        window.setTimeout(function () { alignSource(gd); }, 0);
      }
    });
  }

  function applyToPlots(force) {
    const on = root.classList.contains("present-mode");
    document.querySelectorAll(".js-plotly-plot").forEach(function (gd) {
      watch(gd);
      if (on) { enlarge(gd, force); } else { restore(gd); }
    });
  }

  // --- mode -----------------------------------------------------------------------------

  function sync() {
    const on = isPresent();
    root.classList.toggle("present-mode", on);
    root.classList.toggle("in-story-frame", inFrame);
    const toggle = document.getElementById("shell-present-toggle");
    if (toggle) {
      toggle.setAttribute(
        "href", window.location.pathname + withPresent(withLang(window.location.search), true)
      );
    }
    applyToPlots(false);
  }

  function go(on) {
    const url = window.location.pathname + withPresent(window.location.search, on) +
      window.location.hash;
    window.history.pushState(window.history.state, "", url);
    sync();
  }

  ["pushState", "replaceState"].forEach(function (name) {
    const original = window.history[name];
    window.history[name] = function () {
      const result = original.apply(this, arguments);
      window.setTimeout(sync, 0);
      return result;
    };
  });
  window.addEventListener("popstate", sync);
  window.addEventListener("resize", function () {
    if (root.classList.contains("present-mode")) { applyToPlots(true); }
  });

  document.addEventListener("click", function (event) {
    if (event.target.closest("#shell-present-toggle")) {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) { return; }
      event.preventDefault();
      go(true);
    } else if (event.target.closest("#present-exit")) {
      go(false);
    }
  });

  document.addEventListener("keydown", function (event) {
    if (player.active) { return; } // the player handles its own keys
    if (inFrame && (event.key in NAV_KEYS || event.key === "Escape" || event.key === "n")) {
      // A slide inside the story player: the player (the parent page) decides.
      event.preventDefault();
      window.parent.postMessage({medflowsStoryKey: event.key}, window.location.origin);
      return;
    }
    if (event.key === "Escape" && root.classList.contains("present-mode")) {
      event.preventDefault();
      go(false);
    }
  });

  let scheduled = false;
  new MutationObserver(function () {
    if (scheduled) { return; }
    scheduled = true;
    window.requestAnimationFrame(function () { scheduled = false; sync(); });
  }).observe(document, {childList: true, subtree: true});

  // --- story player ---------------------------------------------------------------------
  // Each slide is the live view at its saved address with present=1, in an iframe; the bar
  // and the speaker note belong to the player. Keys: → PageDown Space next, ← PageUp back,
  // Home/End, N shows or hides the note, Escape closes.

  const player = {active: false, slides: [], index: 0, el: null};

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function presentUrl(slide) {
    return slide.path + withPresent(withLang(slide.query || ""), true);
  }

  function show(index) {
    if (!player.active) { return; }
    const wanted = Math.max(0, Math.min(index, player.slides.length - 1));
    // Past the last slide (or before the first) nothing changes: the slide is not reloaded
    // (a reload would also swallow the next key, pressed while the slide's page is replaced).
    if (wanted === player.index && player.frame.getAttribute("src")) { return; }
    player.index = wanted;
    const slide = player.slides[player.index];
    const labels = player.labels;
    player.frame.setAttribute("src", presentUrl(slide));
    player.frame.setAttribute("title", slide.title || labels.slide);
    player.counter.textContent = (player.index + 1) + " / " + player.slides.length;
    player.title.textContent = slide.title || "";
    player.note.textContent = slide.note || labels.noNote;
    player.el.setAttribute("data-slide", String(player.index));
  }

  function close() {
    if (!player.active) { return; }
    player.active = false;
    player.el.remove();
    if (document.fullscreenElement && document.exitFullscreen) {
      document.exitFullscreen().catch(function () {});
    }
    const back = document.getElementById("story-play");
    if (back) { back.focus(); }
  }

  function onKey(key) {
    if (key in NAV_KEYS) { show(player.index + NAV_KEYS[key]); }
    else if (key === "Home") { show(0); }
    else if (key === "End") { show(player.slides.length - 1); }
    else if (key === "n" || key === "N") { player.note.hidden = !player.note.hidden; }
    else if (key === "Escape") { close(); }
    else { return false; }
    return true;
  }

  document.addEventListener("keydown", function (event) {
    if (player.active && onKey(event.key)) { event.preventDefault(); }
  }, true);
  window.addEventListener("message", function (event) {
    if (event.origin !== window.location.origin || !player.active) { return; }
    const key = event.data && event.data.medflowsStoryKey;
    if (typeof key === "string") { onKey(key); }
  });
  document.addEventListener("fullscreenchange", function () {
    if (!document.fullscreenElement && player.active && player.wasFullscreen) { close(); }
    player.wasFullscreen = Boolean(document.fullscreenElement);
  });

  function play(story, labels) {
    const slides = (story && story.slides) || [];
    if (!slides.length || player.active) { return; }
    const box = el("div", {"class": "story-player", role: "dialog", "aria-label": labels.player});
    const bar = el("div", {"class": "story-player-bar"});
    // The bar mirrors right to left (the page's direction): back is then at the right and
    // points right, next points left, the way the story moves.
    const back = el("button", {type: "button", "aria-label": labels.previous}, rtl ? "→" : "←");
    const next = el("button", {type: "button", "aria-label": labels.next}, rtl ? "←" : "→");
    const notes = el("button", {type: "button"}, labels.notes);
    const stop = el("button", {type: "button"}, labels.close);
    player.counter = el("span", {"class": "story-player-counter"});
    player.title = el("span", {"class": "story-player-title"});
    bar.append(back, player.counter, next, player.title, notes, stop);
    player.frame = el("iframe", {"class": "story-frame"});
    player.note = el("div", {"class": "story-player-note", "aria-label": labels.noteLabel});
    box.append(bar, player.frame, player.note);
    back.addEventListener("click", function () { show(player.index - 1); });
    next.addEventListener("click", function () { show(player.index + 1); });
    notes.addEventListener("click", function () { player.note.hidden = !player.note.hidden; });
    stop.addEventListener("click", close);
    player.frame.addEventListener("load", function () {
      // Keys pressed inside the slide come back through postMessage (see keydown above).
      player.frame.contentWindow && player.frame.contentWindow.focus();
    });
    document.body.append(box);
    player.el = box;
    player.slides = slides;
    player.labels = labels;
    player.active = true;
    player.wasFullscreen = false;
    if (box.requestFullscreen) { box.requestFullscreen().catch(function () {}); }
    show(0);
  }

  window.medflowsStory = {play: play, close: close, state: player};
  sync();
})();
