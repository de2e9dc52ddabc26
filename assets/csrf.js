// The CSRF token (dashboard/accounts/web.py): the server gives it in the readable cookie
// dashboard_csrf once a member has a session; every same-origin request that is not a GET
// (Dash's callback requests are fetch POSTs) carries it as X-CSRF-Token. No cookie, no header:
// public views need none.
(function () {
  "use strict";
  var COOKIE = "dashboard_csrf";
  var HEADER = "X-CSRF-Token";
  var SAFE = { GET: true, HEAD: true, OPTIONS: true };

  function token() {
    var parts = document.cookie ? document.cookie.split("; ") : [];
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf("=");
      if (parts[i].slice(0, eq) === COOKIE) { return decodeURIComponent(parts[i].slice(eq + 1)); }
    }
    return null;
  }

  function sameOrigin(url) {
    try { return new URL(url, window.location.href).origin === window.location.origin; }
    catch (e) { return false; }
  }

  var original = window.fetch;
  if (typeof original !== "function") { return; }
  window.fetch = function (input, init) {
    var request = input instanceof Request ? input : null;
    var url = request ? request.url : String(input);
    var method = ((init && init.method) || (request && request.method) || "GET").toUpperCase();
    var value = token();
    if (value && !SAFE[method] && sameOrigin(url)) {
      var headers = new Headers((init && init.headers) || (request && request.headers) || {});
      headers.set(HEADER, value);
      init = Object.assign({}, init || {}, { headers: headers });
    }
    return original.call(this, input, init);
  };
}());
