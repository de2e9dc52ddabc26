// ``text`` broken into lines of at most ``width`` characters, at spaces; words longer than a
// line (an address) are cut into pieces of a line. Used by export.js and present.js to write
// a figure's source line and address under it.
(function () {
  "use strict";

  function wrapped(text, width) {
    const lines = [];
    let line = "";
    // Words longer than a line (an address) are cut into pieces of a line.
    const words = [];
    String(text).split(" ").forEach(function (word) {
      for (let i = 0; i < word.length; i += width) { words.push(word.slice(i, i + width)); }
    });
    words.forEach(function (word) {
      if (line && (line + " " + word).length > width) { lines.push(line); line = word; }
      else { line = line ? line + " " + word : word; }
    });
    if (line) { lines.push(line); }
    return lines;
  }

  window.medflowsWrapped = wrapped;
})();
