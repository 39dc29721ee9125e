// The alarm notice on open pages (SPEC R6.7: notices are in-app only; R10.1: this script only
// enhances). The server renders the "(n) " title badge and the notice at the top of every page
// of a seller who watches over someone, so a plain reload shows them; this script asks every
// 30 seconds how many alarms of the sellers she watches over are open and keeps both current.
// It never learns anything of her own alarms: GET /api/alarms lists only the alarms of the
// sellers she watches over (R6.6). Its requests carry X-Tessera-Poll, so an open page does not
// keep her session alive past its idle timeout (R2.7).
(function () {
  "use strict";
  var EVERY_MS = 30000;
  var box = document.getElementById("watch-notice");
  if (!box || !window.fetch) { return; }
  var one = box.getAttribute("data-one") || "";
  var other = box.getAttribute("data-other") || "";
  var shown = parseInt(box.getAttribute("data-open") || "0", 10);
  var title = document.title.replace(/^\(\d+\) /, "");
  var timer = null;

  function show(n) {
    if (n === shown) { return; }
    shown = n;
    box.setAttribute("data-open", String(n));
    document.title = (n > 0 ? "(" + n + ") " : "") + title;
    while (box.firstChild) { box.removeChild(box.firstChild); }
    if (n > 0) {
      var p = document.createElement("p");
      p.className = "warning";
      var a = document.createElement("a");
      a.href = "/alarms";
      a.textContent = n === 1 ? one : other.replace("{n}", String(n));
      p.appendChild(a);
      box.appendChild(p);
    }
  }

  function poll() {
    fetch("/api/alarms", {
      credentials: "same-origin",
      cache: "no-store",
      headers: { "Accept": "application/json", "X-Tessera-Poll": "1" }
    }).then(function (r) {
      // Logged out or timed out: stop; the next page she opens asks her to log in.
      if (r.status === 401 || r.status === 403) {
        clearInterval(timer);
        return null;
      }
      return r.ok ? r.json() : null;
    }).then(function (list) {
      if (!Array.isArray(list)) { return; }
      var open = 0;
      for (var i = 0; i < list.length; i++) {
        if (list[i] && list[i].state === "open") { open++; }
      }
      show(open);
    }).catch(function () {
      // Offline for a moment: the next round tries again.
    });
  }

  timer = setInterval(poll, EVERY_MS);
})();
