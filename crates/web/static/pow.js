// Proof-of-work for buyer sign-ups above the hourly rate (SPEC R9.3): find a nonce such that
// SHA-256(challenge + ":" + nonce) starts with `bits` zero bits, then allow the form to submit.
(function () {
  "use strict";
  var ch = document.getElementById("pow_challenge");
  var out = document.getElementById("pow_nonce");
  var form = document.getElementById("signup-form");
  if (!ch || !out || !form || !window.crypto || !window.crypto.subtle) { return; }
  var bits = parseInt(ch.getAttribute("data-bits"), 10) || 16;
  var enc = new TextEncoder();
  function zeros(buf) {
    var b = new Uint8Array(buf), n = 0;
    for (var i = 0; i < b.length; i++) {
      if (b[i] === 0) { n += 8; continue; }
      var x = b[i];
      while ((x & 0x80) === 0) { n++; x <<= 1; }
      break;
    }
    return n;
  }
  var done = false;
  async function solve() {
    for (var nonce = 0; ; nonce++) {
      var h = await window.crypto.subtle.digest("SHA-256", enc.encode(ch.value + ":" + nonce));
      if (zeros(h) >= bits) { return String(nonce); }
    }
  }
  var work = solve().then(function (n) { out.value = n; done = true; });
  form.addEventListener("submit", function (e) {
    if (done) { return; }
    e.preventDefault();
    work.then(function () { form.submit(); });
  });
})();
