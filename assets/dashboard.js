// Small browser helpers that need no server round trip.
(function () {
  "use strict";
  // "Save as SVG" buttons: <button data-svg-for="graph-id">. The file name is the one the
  // graph's PNG export uses (set per view state by the server).
  document.addEventListener("click", function (event) {
    const button = event.target.closest("[data-svg-for]");
    if (!button || !window.Plotly) { return; }
    const holder = document.getElementById(button.getAttribute("data-svg-for"));
    const plot = holder && holder.querySelector(".js-plotly-plot");
    if (!plot) { return; }
    const options = (plot._context && plot._context.toImageButtonOptions) || {};
    window.Plotly.downloadImage(plot, {
      format: "svg",
      filename: options.filename || "chart",
      width: plot._fullLayout.width,
      height: plot._fullLayout.height,
    });
  });

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
  ["click", "auxclick", "contextmenu", "focusin", "mouseover"].forEach(function (type) {
    document.addEventListener(type, completeDownload, true);
  });
})();
