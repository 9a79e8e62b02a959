// Small enhancements; every page works without them.
// A submitted form's button is disabled until the page changes, so a double-click sends one request
// (the server also stores a repeated request once). Coming back with the browser's Back button
// re-enables it.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.method.toLowerCase() !== "post") { return; }
    var buttons = form.querySelectorAll("button[type=submit], button:not([type])");
    window.setTimeout(function () {
      buttons.forEach(function (b) { b.disabled = true; b.setAttribute("aria-busy", "true"); });
    }, 0);
  });
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("button[aria-busy=true]").forEach(function (b) {
      b.disabled = false; b.removeAttribute("aria-busy");
    });
  });
  // Move the keyboard focus to the list of problems after a refused submission.
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();
