// The first paint of a page (dashboard/web/first_paint.py): the map its graph will show, drawn
// as a static plot into a likeness of the page (#first-paint) while Dash starts, hidden, in
// #react-entry-point underneath (CSS: .first-paint ~ #react-entry-point). Run right after
// plotly.js. The likeness is removed, and Dash's page shown, as soon as Dash's own graph has
// drawn, or Dash has drawn a page without that graph, or after a long wait whatever Dash shows.
(function () {
  "use strict";

  const paint = document.getElementById("first-paint");
  const data = document.getElementById("first-paint-figure");
  if (!paint) { return; }
  const entry = document.getElementById("react-entry-point");
  if (!data || !entry || !window.Plotly) { paint.remove(); return; }
  const spec = JSON.parse(data.textContent);
  const target = document.getElementById(spec.id);
  let observer = null;

  function reveal() {
    if (!paint.isConnected) { return; }
    if (observer) { observer.disconnect(); }
    if (target) { window.Plotly.purge(target); }
    paint.remove();
  }

  function drawn() {
    if (entry.querySelector(spec.drawn)) { return true; }
    // Dash drew a page without that graph (another page, an error): show it.
    return entry.querySelector(".shell") !== null && entry.querySelector(spec.graph) === null;
  }

  observer = new MutationObserver(function () { if (drawn()) { reveal(); } });
  observer.observe(entry, {childList: true, subtree: true});
  window.setTimeout(reveal, 15000);
  if (target) {
    const config = Object.assign({}, spec.config, {staticPlot: true, responsive: false});
    window.Plotly.newPlot(target, spec.figure.data, spec.figure.layout, config);
  }
})();
