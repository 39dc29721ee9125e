// Small enhancements only; every flow works without this file (SPEC R10.1).
// Quick exit (R10.3): the button, or Esc pressed twice, replaces this page and its history
// entry with a neutral site.
(function () {
  "use strict";
  var exit = document.getElementById("quick-exit");
  function leave(e) {
    if (e) { e.preventDefault(); }
    document.body.innerHTML = "";
    window.location.replace(exit ? exit.href : "https://www.wikipedia.org/");
  }
  if (exit) { exit.addEventListener("click", leave); }
  var lastEsc = 0;
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") { return; }
    var now = Date.now();
    if (now - lastEsc < 800) { leave(e); }
    lastEsc = now;
  });
})();

// Copy buttons (charter 16.2 "Copy Code"): shown only when this script runs.
(function () {
  "use strict";
  var buttons = document.querySelectorAll(".js-copy");
  if (!navigator.clipboard) { return; }
  Array.prototype.forEach.call(buttons, function (b) {
    b.hidden = false;
    b.addEventListener("click", function () {
      navigator.clipboard.writeText(b.getAttribute("data-copy") || "").then(function () {
        b.setAttribute("aria-pressed", "true");
      });
    });
  });
})();
