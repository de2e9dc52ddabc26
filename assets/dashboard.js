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
})();
