// Small browser helpers that need no server round trip.
(function () {
  "use strict";
  // CSV downloads: <a data-download="/download/flows/flows.csv">, a plain GET route (never a
  // callback answer). The view's whole state is in the address bar's query (the shell keeps it
  // there), so the link gets that query just before it is followed, focused or copied: the file
  // is the one of the state shown. Same rule as dashboard/downloads.py href(): the view's
  // parameters except present, then the route's own (e.g. the country), which win.
  function downloadHref(route, search) {
    const parts = route.split("?");
    const own = parts[1] ? parts[1].split("&").filter(Boolean) : [];
    const ownKeys = own.map(function (pair) { return pair.split("=")[0]; });
    const pairs = search.replace(/^\?/, "").split("&").filter(function (pair) {
      const key = pair.split("=")[0];
      return pair && key !== "present" && ownKeys.indexOf(key) < 0;
    }).concat(own);
    return pairs.length ? parts[0] + "?" + pairs.join("&") : parts[0];
  }

  function completeDownload(event) {
    const target = event.target;
    const link = target && target.closest ? target.closest("a[data-download]") : null;
    if (!link) { return; }
    if (link.classList.contains("disabled")) {  // nothing to download (e.g. no country chosen)
      if (event.type === "click") { event.preventDefault(); }
      return;
    }
    link.setAttribute(
      "href", downloadHref(link.getAttribute("data-download"), window.location.search)
    );
  }
  // The language menu: <a data-lang="fr">, the same address with lang= changed, loaded in full
  // (so that <html lang dir> is right in the first byte). Like a CSV link, it takes the address
  // bar's query, where the view's whole state is, just before it is followed or copied.
  function languageHref(lang, search) {
    const pairs = search.replace(/^\?/, "").split("&").filter(function (pair) {
      const key = pair.split("=")[0];
      return pair && key !== "lang" && key !== "present";
    });
    pairs.push("lang=" + encodeURIComponent(lang));
    return window.location.pathname + "?" + pairs.join("&") + window.location.hash;
  }

  function completeLanguage(event) {
    const target = event.target;
    const link = target && target.closest ? target.closest("a[data-lang]") : null;
    if (link) {
      link.setAttribute("href", languageHref(link.getAttribute("data-lang"), window.location.search));
    }
  }
  // The dataset chooser: <a data-dataset="…">, the same address with dataset= changed (left out
  // for the public data, "baseline"), loaded in full, like a language link.
  // The switch after them (data-beside="public", or "" to take it away) sets the public data
  // beside the chosen upload (beside=public).
  function datasetHref(dataset, beside, search) {
    const pairs = search.replace(/^\?/, "").split("&").filter(function (pair) {
      const key = pair.split("=")[0];
      return pair && key !== "dataset" && key !== "present" && key !== "beside";
    });
    if (dataset !== "baseline") {
      pairs.push("dataset=" + encodeURIComponent(dataset));
      if (beside) { pairs.push("beside=" + encodeURIComponent(beside)); }
    }
    return window.location.pathname + "?" + pairs.join("&") + window.location.hash;
  }

  function completeDataset(event) {
    const target = event.target;
    const link = target && target.closest ? target.closest("a[data-dataset]") : null;
    if (link) {
      link.setAttribute("href", datasetHref(
        link.getAttribute("data-dataset"), link.getAttribute("data-beside"),
        window.location.search
      ));
    }
  }
  ["click", "auxclick", "contextmenu", "focusin", "mouseover"].forEach(function (type) {
    document.addEventListener(type, completeDownload, true);
    document.addEventListener(type, completeLanguage, true);
    document.addEventListener(type, completeDataset, true);
  });
})();
