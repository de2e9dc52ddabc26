// The map shapes of the first figure of this address, named by the server in the head
// (<meta name="map-shapes">, dashboard/serving.py: the Map view's index only), fetched once the
// page's scripts have run, while the page waits for Dash's layout and callbacks, and handed to
// plotly.js in window.PlotlyGeoAssets (which it reads before fetching its own copy).
(function () {
  "use strict";

  const hint = document.querySelector('meta[name="map-shapes"]');
  if (!hint) { return; }
  const name = hint.getAttribute("data-name");
  const assets = window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};
  assets.topojson = assets.topojson || {};
  document.addEventListener("DOMContentLoaded", function () {
    fetch(hint.getAttribute("content"), {credentials: "same-origin"})
      .then(function (answer) { return answer.ok ? answer.json() : null; })
      .then(function (shapes) {
        if (shapes && !assets.topojson[name]) { assets.topojson[name] = shapes; }
      })
      .catch(function () {});
  });
})();
