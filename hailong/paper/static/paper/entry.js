/* Paper-form keying: after one digit in a one-digit box, move on to the next box.
   Optional comfort only: the page works the same without it (Tab moves, Enter saves).
   No inline handlers (the CSP allows scripts from this site only). */
(function () {
  "use strict";
  var form = document.querySelector("form.keying");
  if (!form) { return; }
  var toggle = document.getElementById("tu-chuyen");
  var KEY = "hailong.paper.autoAdvance";
  if (toggle) {
    toggle.closest(".js-only").hidden = false;
    try { toggle.checked = window.localStorage.getItem(KEY) !== "0"; } catch (e) { /* private mode */ }
    toggle.addEventListener("change", function () {
      try { window.localStorage.setItem(KEY, toggle.checked ? "1" : "0"); } catch (e) { /* ignore */ }
    });
  }
  function boxes() {
    return Array.prototype.filter.call(form.querySelectorAll(".sheet input, .sheet select, button[type=submit]"), function (el) {
      return !el.disabled && el.type !== "hidden";
    });
  }
  form.addEventListener("input", function (event) {
    var box = event.target;
    if (!box.classList || !box.classList.contains("k1")) { return; }
    if (toggle && !toggle.checked) { return; }
    if (!/^[0-9]$/.test(box.value)) { return; }
    var all = boxes();
    var next = all[all.indexOf(box) + 1];
    if (next) {
      next.focus();
      if (next.select) { next.select(); }
    }
  });
})();
