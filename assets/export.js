// Images of a chart (PNG, SVG) carry the chart's source and the view's address, drawn under
// the figure, so that an image pasted into a report keeps its provenance. On screen the note
// under the chart says it; the line is added only to the exported copy.
//   <button data-image-for="graph-id" data-format="png|svg">
// The source line is the figure's layout.meta.source (set by the server, in the page's
// language); the file name is the one of the graph's PNG options (set per view state).
(function () {
  "use strict";

  // ``text`` broken into lines of at most ``width`` characters (assets/wrapped.js).
  function wrapped(text, width) { return window.medflowsWrapped(text, width); }

  // The address of the view shown, without presenter mode.
  function viewAddress() {
    const url = new URL(window.location.href);
    url.searchParams.delete("present");
    return url.toString();
  }

  // A copy of the plot's figure with the source line (and the address) under it.
  function stamped(plot, withAddress) {
    const layout = JSON.parse(JSON.stringify(plot.layout || {}));
    const full = plot._fullLayout || {};
    const meta = layout.meta || {};
    const width = full.width || 1000;
    let height = full.height || 450;
    const size = Math.max(10, Math.round(((full.font && full.font.size) || 13) * 0.8));
    const characters = Math.max(40, Math.floor(width / (size * 0.6)));
    // From the figure's left edge (paper x = 0 is the plot area's, after its left margin).
    const drawn = full._size || { l: 0, w: width };
    const lines = [].concat(
      meta.source ? wrapped(meta.source, characters) : [],
      withAddress ? wrapped(viewAddress(), characters) : []
    );
    if (lines.length) {
      const extra = lines.length * (size + 6) + 10;
      const margin = Object.assign({}, full.margin || {}, layout.margin || {});
      // The bottom margin as drawn: the one asked for, or more where a legend pushed it.
      const bottom = (full._size && full._size.b) || margin.b || 0;
      layout.margin = Object.assign({}, margin, { b: bottom + extra });
      layout.annotations = (layout.annotations || []).concat([{
        text: lines.join("<br>"), xref: "paper", yref: "paper", x: 0, xshift: -(drawn.l || 0), y: 0,
        xanchor: "left", yanchor: "top", yshift: -(bottom + 4), align: "left",
        showarrow: false, font: { size: size, color: "#3b434c" },
      }]);
      height += extra;
    }
    layout.width = width;
    layout.height = height;
    return { data: plot.data, layout: layout, width: width, height: height };
  }

  function save(plot, format) {
    const options = (plot._context && plot._context.toImageButtonOptions) || {};
    const figure = stamped(plot, true);
    const scale = format === "png" ? 2 : 1;
    window.Plotly.toImage(
      { data: figure.data, layout: figure.layout, config: { topojsonURL: "/assets/topojson/" } },
      { format: format, width: figure.width, height: figure.height, scale: scale }
    ).then(function (url) {
      const link = document.createElement("a");
      link.href = url;
      link.download = (options.filename || "chart") + "." + format;
      document.body.appendChild(link);
      link.click();
      link.remove();
    });
  }

  document.addEventListener("click", function (event) {
    const button = event.target.closest("[data-image-for]");
    if (!button || !window.Plotly) { return; }
    const holder = document.getElementById(button.getAttribute("data-image-for"));
    const plot = holder && holder.querySelector(".js-plotly-plot");
    if (plot) { save(plot, button.getAttribute("data-format") || "png"); }
  });

  window.medflowsExport = { stamped: stamped };
})();
