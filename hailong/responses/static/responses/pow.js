/* hailong: proof of work for open survey links (ALTCHA's SHA-256 scheme, v1 payload).
   Fetches a signed challenge, finds n with sha256(salt + n) == challenge in small slices (the
   page stays responsive), and puts the solution into the form's hidden "altcha" inputs.
   Without JavaScript nothing happens and the answers are still accepted (marked unverified). */
(function () {
  "use strict";
  var form = document.querySelector("form[data-pow]");
  if (!form || !window.JSON || !window.btoa) return;
  var K = [], H = [], n = 0, p = 2, d, prime;
  for (; n < 64; p++) {
    for (prime = 1, d = 2; d * d <= p; d++) if (p % d === 0) { prime = 0; break; }
    if (prime) {
      if (n < 8) H[n] = Math.pow(p, 1 / 2) * 4294967296 | 0;
      K[n++] = Math.pow(p, 1 / 3) * 4294967296 | 0;
    }
  }
  function rotr(x, r) { return x >>> r | x << (32 - r); }
  function sha256(s) { /* s: ASCII string; returns lowercase hex */
    var w = [], h = H.slice(), bits = s.length * 8, i, j, out = "";
    for (i = 0; i < s.length; i++) w[i >> 2] |= s.charCodeAt(i) << (24 - (i % 4) * 8);
    w[bits >> 5] |= 0x80 << (24 - bits % 32);
    w[((bits + 64 >> 9) << 4) + 15] = bits;
    for (j = 0; j < w.length; j += 16) {
      var a = h.slice(0, 8), W = [];
      for (i = 0; i < 64; i++) {
        if (i < 16) W[i] = w[j + i] | 0;
        else {
          var x = W[i - 15], y = W[i - 2];
          W[i] = ((rotr(x, 7) ^ rotr(x, 18) ^ x >>> 3) + W[i - 7] +
                  (rotr(y, 17) ^ rotr(y, 19) ^ y >>> 10) + W[i - 16]) | 0;
        }
        var e = a[4], b = a[0];
        var t1 = a[7] + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + (e & a[5] ^ ~e & a[6]) + K[i] + W[i];
        var t2 = (rotr(b, 2) ^ rotr(b, 13) ^ rotr(b, 22)) + (b & a[1] ^ b & a[2] ^ a[1] & a[2]);
        a = [t1 + t2 | 0].concat(a);
        a[4] = a[4] + t1 | 0;
        a.length = 8;
      }
      for (i = 0; i < 8; i++) h[i] = h[i] + a[i] | 0;
    }
    for (i = 0; i < 8; i++) out += ("0000000" + (h[i] >>> 0).toString(16)).slice(-8);
    return out;
  }
  function done(c, number) {
    var payload = window.btoa(JSON.stringify({
      algorithm: c.algorithm, challenge: c.challenge, number: number,
      salt: c.salt, signature: c.signature
    }));
    var inputs = form.querySelectorAll("input[name=altcha]");
    for (var i = 0; i < inputs.length; i++) inputs[i].value = payload;
    form.setAttribute("data-pow-done", "1");
  }
  function solve(c) {
    var next = 0, max = c.maxnumber || c.maxNumber || 1000000;
    (function slice() {
      var end = Math.min(next + 4000, max);
      for (; next <= end; next++) if (sha256(c.salt + next) === c.challenge) return done(c, next);
      if (next <= max) setTimeout(slice, 0);
    })();
  }
  var xhr = new XMLHttpRequest();
  xhr.open("GET", form.getAttribute("data-pow"));
  xhr.onload = function () {
    if (xhr.status === 200) { try { solve(JSON.parse(xhr.responseText)); } catch (e) { /* stay unverified */ } }
  };
  xhr.send();
})();
