/* hailong: the desk kiosk. A small app without a framework, for a tablet at the one-stop desk.

   - Renders the wave's questions, one group per screen, from the JSON the page embeds
     (#kq-config; refreshed from its "structure" URL while nobody is answering).
   - Each finished response goes into a queue in localStorage with its own idempotency key and is
     POSTed (Idempotency-Key header) until the server answers: 2xx or a final 4xx removes it;
     no network, 429, 403 (kiosk switched off) or 5xx keeps it and retries with backoff.
     A resend after a lost reply stores nothing new: the server knows the key.
   - Goes back to the start screen after the kiosk's idle time; shows an out-of-hours screen
     outside its opening hours (Asia/Ho_Chi_Minh, UTC+7, on the server's clock).
   No inline handlers, no inline styles (the site's CSP forbids them); user text via textContent. */
(function () {
  "use strict";
  var root = document.getElementById("kq");
  var cfgEl = document.getElementById("kq-config");
  if (!root || !cfgEl || !window.fetch || !window.JSON) return;

  var cfg = JSON.parse(cfgEl.textContent);
  var T = cfg.texts;
  var FINAL = [400, 404, 409, 410, 413, 422];
  var QKEY = "hailong-kiosk-queue:" + cfg.urls.submit;
  var HOME = { start: 1, hours: 1, closed: 1 };
  var offset = cfg.server_time - Date.now();
  var screens = {};
  var current = root.getAttribute("data-state") || "start";
  var session = null;
  var lastTouch = Date.now();
  var thanksAt = 0;
  var lastHomeCheck = 0;
  var lastRefresh = Date.now();
  var sending = false;
  var memory = [];
  var storageOk = true;

  Array.prototype.forEach.call(root.querySelectorAll("[data-screen]"), function (el) {
    screens[el.getAttribute("data-screen")] = el;
  });
  var phone = root.querySelector(".kq-phone");
  var pendingEl = document.getElementById("kq-pending");
  var idleBox = document.querySelector(".kq-idle");
  var qs = function (sel) { return screens.question.querySelector(sel); };

  function fill(text, n, t) {
    return String(text).replace("%n", String(n)).replace("%t", t === undefined ? "" : String(t));
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  /* -- screens ------------------------------------------------------------------------------ */

  function show(name) {
    current = name;
    Object.keys(screens).forEach(function (key) { screens[key].hidden = key !== name; });
    phone.hidden = !HOME[name];
    root.classList.toggle("kq-home", !!HOME[name]);
    idleBox.hidden = true;
    window.scrollTo(0, 0);
  }

  function minutes(hhmm) {
    var parts = String(hhmm).split(":");
    return parseInt(parts[0], 10) * 60 + parseInt(parts[1], 10);
  }

  function inHours() {
    var h = cfg.kiosk.hours;
    var local = new Date(Date.now() + offset + 7 * 3600 * 1000);
    var day = (local.getUTCDay() + 6) % 7;
    var now = local.getUTCHours() * 60 + local.getUTCMinutes();
    return h.days.indexOf(day) >= 0 && now >= minutes(h.opens) && now < minutes(h.closes);
  }

  function home() {
    session = null;
    lastHomeCheck = Date.now();
    screens.closed.querySelector(".kq-closed-text").textContent = cfg.state.message || "";
    screens.hours.querySelector(".kq-hours-text").textContent = cfg.kiosk.hours_text;
    show(!cfg.state.ok ? "closed" : inHours() ? "start" : "hours");
  }

  /* -- questions ---------------------------------------------------------------------------- */

  function conditionMet(condition, raw) {
    if (!condition) return true;
    var v = raw[condition.name];
    if (!v || v.length !== 1) return false;
    return condition.values.indexOf(parseInt(v[0], 10)) >= 0;
  }

  function visiblePages() {
    return session.pages.filter(function (p) {
      return p.kind !== "contact" && p.questions.length && conditionMet(p.condition, session.raw);
    });
  }

  function headOf(q, box) {
    var head = el(q.options ? "legend" : "label", q.options ? "" : "qt-label");
    head.appendChild(el("strong", "", q.text));
    if (!q.options) head.htmlFor = q.name;
    if (q.required) {
      var star = el("span", "req", " *");
      star.setAttribute("aria-hidden", "true");
      head.appendChild(star);
      head.appendChild(el("span", "sr-only", " (" + T.required + ")"));
    }
    box.appendChild(head);
    if (q.note) box.appendChild(el("p", "qt-note", q.note));
    var error = el("p", "qt-error");
    error.id = q.name + "-error";
    error.hidden = true;
    box.appendChild(error);
  }

  function optionList(q, options, cls) {
    var list = el("div", "qt-options " + cls + " kq-n" + Math.min(options.length, 8));
    var multi = q.type === "multi_choice";
    var chosen = session.raw[q.name] || [];
    options.forEach(function (o) {
      var id = q.name + "-" + o.value;
      var label = el("label", "qt-option");
      label.htmlFor = id;
      var input = el("input");
      input.type = multi ? "checkbox" : "radio";
      input.id = id;
      input.name = q.name;
      input.value = String(o.value);
      input.checked = chosen.indexOf(String(o.value)) >= 0;
      label.appendChild(input);
      label.appendChild(el("span", "", o.label));
      list.appendChild(label);
    });
    return list;
  }

  function reasonBox(q) {
    var labels = q.options.filter(function (o) { return o.reason_required; })
      .map(function (o) { return o.label; }).join(", ");
    var box = el("div", "qt-reason");
    var label = el("label", "", fill(T.reason, "", labels));
    label.htmlFor = q.reason_name;
    var area = el("textarea");
    area.id = q.reason_name;
    area.name = q.reason_name;
    area.rows = 3;
    area.maxLength = 1000;
    area.value = (session.raw[q.reason_name] || []).join(" ");
    box.appendChild(label);
    box.appendChild(area);
    return box;
  }

  function choiceWidget(q) {
    var box = el("fieldset", "qt kq-q qt-" + q.type.replace("_", "-"));
    headOf(q, box);
    if (q.type === "multi_choice") box.appendChild(el("p", "qt-note", T.several));
    var main = q.options.filter(function (o) { return !o.na; });
    var na = q.options.filter(function (o) { return o.na; });
    box.appendChild(optionList(q, main, q.type === "scale" ? "kq-row" : "kq-grid"));
    if (na.length) box.appendChild(optionList(q, na, "qt-na kq-grid"));
    if (q.reason_name) box.appendChild(reasonBox(q));
    return box;
  }

  function textWidget(q) {
    var box = el("div", "qt kq-q qt-text");
    headOf(q, box);
    var area = el("textarea");
    area.id = q.name;
    area.name = q.name;
    area.rows = 3;
    area.maxLength = q.max_length;
    area.value = (session.raw[q.name] || []).join("\n");
    box.appendChild(area);
    return box;
  }

  function syncReasons() {
    Array.prototype.forEach.call(qs(".kq-form").querySelectorAll("fieldset"), function (box) {
      var reason = box.querySelector(".qt-reason");
      if (!reason) return;
      var q = box.kqQuestion;
      var picked = box.querySelector("input:checked");
      var needs = q.options.some(function (o) {
        return o.reason_required && picked && String(o.value) === picked.value;
      });
      reason.hidden = !needs && !reason.querySelector("textarea").value;
    });
  }

  function render(page) {
    var pages = visiblePages();
    var position = pages.indexOf(page);
    session.page = page;
    qs(".kq-step").textContent = fill(T.step, position + 1, pages.length);
    qs("h1").textContent = page.title;
    var note = qs(".kq-note");
    note.textContent = page.note || "";
    note.hidden = !page.note;
    qs(".kq-summary").hidden = true;
    var form = qs(".kq-form");
    form.textContent = "";
    page.questions.forEach(function (q) {
      var widget = q.options ? choiceWidget(q) : textWidget(q);
      widget.kqQuestion = q;
      form.appendChild(widget);
    });
    syncReasons();
    qs(".kq-next").textContent = position === pages.length - 1 ? T.send : T.next;
    show("question");
    qs("h1").focus();
  }

  function collect(page) {
    var form = qs(".kq-form");
    page.questions.forEach(function (q) {
      var names = [q.name].concat(q.reason_name ? [q.reason_name] : []);
      names.forEach(function (name) {
        var values = [];
        Array.prototype.forEach.call(form.querySelectorAll("[name]"), function (input) {
          if (input.name !== name) return;
          if ((input.type === "radio" || input.type === "checkbox") && !input.checked) return;
          if (String(input.value).trim()) values.push(String(input.value).trim());
        });
        if (values.length) session.raw[name] = values;
        else delete session.raw[name];
      });
    });
  }

  function problem(q) {
    var values = session.raw[q.name] || [];
    if (!q.options) {
      if (!values.length) return q.required ? T.fill_text : "";
      return values.join("\n").length > q.max_length ? fill(T.too_long, q.max_length) : "";
    }
    if (!values.length) {
      if (!q.required) return "";
      return q.type === "scale" ? T.pick_rating : q.type === "multi_choice" ? T.pick_some : T.pick_one;
    }
    var na = q.options.filter(function (o) { return o.na; }).map(function (o) { return String(o.value); });
    if (q.type === "multi_choice" && values.length > 1 && values.some(function (v) { return na.indexOf(v) >= 0; })) {
      return T.na_mixed;
    }
    var option = q.options.filter(function (o) { return String(o.value) === values[0]; })[0];
    if (option && option.reason_required && !(session.raw[q.reason_name] || []).length) {
      return fill(T.need_reason, "", option.label);
    }
    return "";
  }

  function showProblems() {
    var form = qs(".kq-form");
    var wrong = [];
    Array.prototype.forEach.call(form.querySelectorAll(".kq-q"), function (box) {
      var q = box.kqQuestion;
      var message = problem(q);
      var error = box.querySelector(".qt-error");
      error.textContent = message;
      error.hidden = !message;
      var described = q.options ? box : box.querySelector("textarea");
      box.classList.toggle("has-error", !!message);
      if (message) {
        described.setAttribute("aria-describedby", error.id);
        wrong.push(q.text);
      } else {
        described.removeAttribute("aria-describedby");
      }
    });
    var summary = qs(".kq-summary");
    summary.textContent = "";
    summary.hidden = !wrong.length;
    if (wrong.length) {
      summary.appendChild(el("p", "", fill(T.check, wrong.length)));
      var list = el("ul");
      wrong.forEach(function (text) { list.appendChild(el("li", "", text)); });
      summary.appendChild(list);
      window.scrollTo(0, 0);
    }
    return wrong.length === 0;
  }

  function begin() {
    session = { raw: JSON.parse(JSON.stringify(cfg.fixed || {})), pages: cfg.pages, started: Date.now() };
    lastTouch = Date.now();
    var pages = visiblePages();
    if (pages.length) render(pages[0]);
  }

  function next() {
    var page = session.page;
    collect(page);
    if (!showProblems()) return;
    var pages = visiblePages();
    var position = pages.indexOf(page);
    if (position < pages.length - 1) render(pages[position + 1]);
    else finish();
  }

  function back() {
    collect(session.page);
    var pages = visiblePages();
    var position = pages.indexOf(session.page);
    if (position > 0) render(pages[position - 1]);
    else home();
  }

  function answers() {
    var names = {};
    visiblePages().forEach(function (p) {
      p.questions.forEach(function (q) {
        names[q.name] = 1;
        if (q.reason_name) names[q.reason_name] = 1;
      });
    });
    var out = {};
    Object.keys(session.raw).forEach(function (name) {
      if (names[name] || (cfg.fixed && cfg.fixed[name])) out[name] = session.raw[name];
    });
    return out;
  }

  function finish() {
    var finished = Date.now();
    enqueue({
      key: uuid(),
      finished: finished,
      tries: 0,
      next: 0,
      body: { wave: cfg.wave.token, answers: answers(), duration_ms: finished - session.started }
    });
    session = null;
    thanksAt = Date.now();
    screens.thanks.querySelector(".kq-offline-note").hidden = navigator.onLine !== false;
    show("thanks");
    screens.thanks.querySelector("h1").focus();
    flush();
  }

  /* -- the queue ---------------------------------------------------------------------------- */

  function uuid() {
    var c = window.crypto;
    if (c && typeof c.randomUUID === "function") return c.randomUUID();
    var b = new Uint8Array(16), i;
    if (c && c.getRandomValues) c.getRandomValues(b);
    else for (i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    var h = "";
    for (i = 0; i < 16; i++) h += (b[i] + 256).toString(16).slice(1);
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function load() {
    if (!storageOk) return memory.slice();
    try {
      var saved = window.localStorage.getItem(QKEY);
      return saved ? JSON.parse(saved) : [];
    } catch (e) {
      storageOk = false;
      return memory.slice();
    }
  }

  function save(queue) {
    memory = queue.slice();
    if (storageOk) {
      try { window.localStorage.setItem(QKEY, JSON.stringify(queue)); } catch (e) { storageOk = false; }
    }
    showPending(queue.length);
  }

  function showPending(n) {
    pendingEl.textContent = n ? fill(T.pending, n) : "";
    pendingEl.classList.toggle("kq-has-pending", n > 0);
    if (!n && current === "thanks") screens.thanks.querySelector(".kq-offline-note").hidden = true;
  }

  function enqueue(item) {
    var queue = load();
    queue.push(item);
    save(queue);
  }

  function settle(key, retryAfter) {
    var queue = load();
    queue.forEach(function (item) {
      if (item.key !== key) return;
      item.tries = (item.tries || 0) + 1;
      var wait = Math.min(300000, 2000 * Math.pow(2, item.tries - 1)) * (0.8 + Math.random() * 0.4);
      if (retryAfter) wait = Math.max(wait, parseInt(retryAfter, 10) * 1000 || 0);
      item.next = Date.now() + wait;
    });
    save(queue);
  }

  function drop(key) {
    save(load().filter(function (item) { return item.key !== key; }));
  }

  function due() {
    var now = Date.now();
    return load().filter(function (item) { return (item.next || 0) <= now; })[0];
  }

  function flush() {
    if (sending) return;
    var item = due();
    showPending(load().length);
    if (!item) return;
    sending = true;
    var body = JSON.parse(JSON.stringify(item.body));
    body.age_ms = Math.max(0, Date.now() - item.finished);
    fetch(cfg.urls.submit, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Idempotency-Key": item.key },
      body: JSON.stringify(body),
      credentials: "omit",
      cache: "no-store"
    }).then(function (response) {
      if (response.ok || FINAL.indexOf(response.status) >= 0) drop(item.key);
      else settle(item.key, response.headers.get("Retry-After"));
    }, function () {
      settle(item.key, null);
    }).then(function () {
      sending = false;
      if (due()) window.setTimeout(flush, 50);
    });
  }

  function wake() {
    var queue = load();
    queue.forEach(function (item) { item.next = 0; });
    save(queue);
    flush();
  }

  /* -- structure, idle, hours --------------------------------------------------------------- */

  function refresh() {
    lastRefresh = Date.now();
    fetch(cfg.urls.structure, { credentials: "omit", cache: "no-store" }).then(function (r) {
      return r.ok ? r.json() : null;
    }).then(function (data) {
      if (!data || !data.pages) return;
      offset = data.server_time - Date.now();
      cfg = data;
      T = data.texts;
      if (HOME[current]) home();
    }, function () {});
  }

  function tick() {
    var now = Date.now();
    if (current === "question") {
      var idle = cfg.kiosk.idle_seconds;
      var left = idle - (now - lastTouch) / 1000;
      var warnAt = Math.min(15, Math.floor(idle / 3));
      if (left <= 0) home();
      else if (left <= warnAt) {
        idleBox.querySelector(".kq-idle-text").textContent = fill(T.idle, Math.ceil(left));
        idleBox.hidden = false;
      }
    } else if (current === "thanks" && now - thanksAt > Math.min(10, cfg.kiosk.idle_seconds) * 1000) {
      home();
    } else if (HOME[current]) {
      if (now - lastRefresh > 600000) refresh();
      else if (now - lastHomeCheck > 30000) home();
    }
  }

  function touched() {
    lastTouch = Date.now();
    if (!idleBox.hidden) idleBox.hidden = true;
  }

  var actions = {
    begin: begin,
    next: next,
    back: back,
    cancel: home,
    home: home,
    stay: touched
  };

  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-action]") : null;
    if (target && actions[target.getAttribute("data-action")]) {
      actions[target.getAttribute("data-action")]();
    }
  });
  document.addEventListener("change", function () { if (session) syncReasons(); });
  ["pointerdown", "keydown", "input", "touchstart"].forEach(function (type) {
    document.addEventListener(type, touched, { passive: true });
  });
  qs(".kq-form").addEventListener("submit", function (event) { event.preventDefault(); next(); });
  window.addEventListener("online", wake);

  screens.start.querySelector("[data-action=begin]").disabled = false;
  home();
  window.setInterval(tick, 1000);
  window.setInterval(flush, 2000);
  flush();
})();
