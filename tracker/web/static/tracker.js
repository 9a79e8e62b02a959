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
  // A term's key follows its label while the label is typed ("Base salary" -> base_salary), as the
  // server would derive it (tracker/domain/term_keys.py), until the person edits the key themselves.
  var SPELLED = {"ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "œ": "oe", "Œ": "oe", "ł": "l", "Ł": "l",
                 "đ": "d", "Đ": "d", "þ": "th", "Þ": "th", "%": " percent "};
  function slug(text) {
    var spelled = text.replace(/[ßæÆøØœŒłŁđĐþÞ%]/g, function (c) { return SPELLED[c]; });
    var words = spelled.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
    if (!words) { return ""; }
    if (!/^[a-z]/.test(words)) { words = "term_" + words; }
    return words.slice(0, 40).replace(/_+$/, "");
  }
  function unique(base, taken) {
    if (!base || taken.indexOf(base) < 0) { return base; }
    for (var n = 2; ; n++) {
      var candidate = base.slice(0, 40 - String(n).length - 1).replace(/_+$/, "") + "_" + n;
      if (taken.indexOf(candidate) < 0) { return candidate; }
    }
  }
  document.querySelectorAll("input[data-key-from]").forEach(function (key) {
    var label = document.getElementById(key.getAttribute("data-key-from"));
    if (!label) { return; }
    var taken = (key.getAttribute("data-keys-taken") || "").split(" ").filter(Boolean);
    var follows = key.value === "" || key.value === unique(slug(label.value), taken);
    label.addEventListener("input", function () {
      if (follows) { key.value = unique(slug(label.value), taken); }
    });
    key.addEventListener("input", function () { follows = key.value === ""; });
  });
  // Sign-up: the browser's time zone and language, so times and numbers are shown as the person
  // expects from the first page (changeable in Settings; the server checks both and falls back).
  document.querySelectorAll("input[data-browser]").forEach(function (input) {
    try {
      if (input.getAttribute("data-browser") === "time_zone") {
        input.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
      } else {
        input.value = navigator.language || "";
      }
    } catch (e) { input.value = ""; }
  });
  // Move the keyboard focus to the list of problems after a refused submission.
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();
