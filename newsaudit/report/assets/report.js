"use strict";
(function () {
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.hl"));
  var items = Array.prototype.slice.call(document.querySelectorAll("li.finding"));
  var parts = Array.prototype.slice.call(document.querySelectorAll("mark.hl-cont"));
  var tip = document.getElementById("tip");
  var pos = document.getElementById("pos");
  var current = null;  // the focused finding number (string)

  function byNumber(list) {
    var out = {};
    list.forEach(function (el) { out[el.getAttribute("data-f")] = el; });
    return out;
  }
  var markOf = byNumber(marks), itemOf = byNumber(items);

  // ---- filters: severity, category, rule (findings); verdict (files) ----
  function passes(el) {
    var sev = document.querySelector('input[data-filter="sev"][value="' + el.getAttribute("data-sev") + '"]');
    var cat = document.getElementById("f-cat").value;
    var rule = document.getElementById("f-rule").value;
    return (!sev || sev.checked) && (!cat || el.getAttribute("data-cat") === cat) &&
      (!rule || el.getAttribute("data-rule") === rule);
  }
  function applyFilters() {
    marks.concat(parts).forEach(function (m) { m.classList.toggle("off", !passes(m)); });
    items.forEach(function (li) { li.classList.toggle("hidden", !passes(li)); });
    var verdict = document.getElementById("f-verdict").value;
    document.querySelectorAll("#files tbody tr, details.file").forEach(function (el) {
      el.classList.toggle("hidden", !!verdict && el.getAttribute("data-verdict") !== verdict);
    });
    if (current && !visible(current)) { unfocus(); }
    updatePos();
  }
  document.querySelectorAll("#filters input, #filters select").forEach(function (el) {
    el.addEventListener("change", applyFilters);
  });

  // ---- focus a finding: outline it, its list item, and its wire evidence ----
  function visible(n) {
    var li = itemOf[n], m = markOf[n];
    var file = (m || li).closest("details.file");
    return li && !li.classList.contains("hidden") && !(file && file.classList.contains("hidden"));
  }
  function unfocus() {
    document.querySelectorAll(".focus").forEach(function (el) { el.classList.remove("focus"); });
    document.querySelectorAll(".ws.ev-on").forEach(function (el) { el.classList.remove("ev-on"); });
    current = null;
    updatePos();
  }
  function focusFinding(n, scroll) {
    unfocus();
    current = n;
    var m = markOf[n], li = itemOf[n];
    var target = m || li;
    var file = target.closest("details.file");
    if (file && !file.open) { file.open = true; }
    if (li) { li.classList.add("focus"); }
    parts.forEach(function (el) { if (el.getAttribute("data-f") === n) { el.classList.add("focus"); } });
    if (m) {
      m.classList.add("focus");
      var keys = (m.getAttribute("data-ev") || "").split(" ").filter(Boolean);
      keys.forEach(function (k) {
        file.querySelectorAll('.ws[data-ws="' + k + '"]').forEach(function (el) { el.classList.add("ev-on"); });
      });
    }
    if (scroll) { target.scrollIntoView({block: "center"}); }
    if (m) { showTip(m); }
    updatePos();
  }
  function order() {  // visible findings in page order
    return items.filter(function (li) { return visible(li.getAttribute("data-f")); })
      .map(function (li) { return li.getAttribute("data-f"); });
  }
  function step(delta) {
    var list = order();
    if (!list.length) { return; }
    var i = list.indexOf(current);
    i = i < 0 ? (delta > 0 ? 0 : list.length - 1) : (i + delta + list.length) % list.length;
    focusFinding(list[i], true);
  }
  function updatePos() {
    var list = order();
    var i = list.indexOf(current);
    pos.textContent = (i < 0 ? "–" : (i + 1)) + " / " + list.length;
  }

  // ---- tooltip: a copy of the finding's list entry (already escaped by the report) ----
  function showTip(m) {
    var li = itemOf[m.getAttribute("data-f")];
    if (!li || m.classList.contains("off")) { return; }
    tip.textContent = "";
    var copy = tip.appendChild(li.cloneNode(true));
    copy.removeAttribute("id");
    copy.classList.remove("focus");
    tip.hidden = false;
    var r = m.getBoundingClientRect();
    var left = Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - 480);
    tip.style.left = Math.max(window.scrollX + 8, left) + "px";
    var below = r.bottom + 6 + tip.offsetHeight <= document.documentElement.clientHeight;
    tip.style.top = (window.scrollY + (below ? r.bottom + 6 : r.top - 6 - tip.offsetHeight)) + "px";
  }
  function hideTip() { tip.hidden = true; }

  document.addEventListener("mouseover", function (e) {
    var m = e.target.closest && e.target.closest("mark.hl, mark.hl-cont");
    if (m) { showTip(m); } else if (!current) { hideTip(); }
  });
  document.addEventListener("mouseout", function (e) {
    var m = e.target.closest && e.target.closest("mark.hl, mark.hl-cont");
    if (m && !(e.relatedTarget && m.contains(e.relatedTarget))) {
      if (current && markOf[current]) { showTip(markOf[current]); } else { hideTip(); }
    }
  });
  document.addEventListener("click", function (e) {
    var m = e.target.closest("mark.hl, mark.hl-cont");
    if (m && !m.classList.contains("off")) { e.stopPropagation(); focusFinding(m.getAttribute("data-f"), false); return; }
    var li = e.target.closest("li.finding");
    if (li) {
      if (e.target.closest("a.goto")) { e.preventDefault(); }
      focusFinding(li.getAttribute("data-f"), !!markOf[li.getAttribute("data-f")]);
      return;
    }
    if (!e.target.closest("#filters")) { unfocus(); hideTip(); }
  });
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    var tag = (e.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "select" || tag === "textarea") { return; }
    if (e.key === "n") { step(1); e.preventDefault(); }
    else if (e.key === "p") { step(-1); e.preventDefault(); }
    else if (e.key === "Escape") { unfocus(); hideTip(); }
    else if (e.key === "Enter" && e.target.matches && e.target.matches("mark.hl")) {
      focusFinding(e.target.getAttribute("data-f"), false);
    }
  });
  document.getElementById("next").addEventListener("click", function () { step(1); });
  document.getElementById("prev").addEventListener("click", function () { step(-1); });
  window.addEventListener("resize", function () { if (current && markOf[current]) { showTip(markOf[current]); } });

  // ---- overview: sort by any column (numbers numerically) ----
  var table = document.getElementById("files");
  table.querySelectorAll("th.sortable").forEach(function (th) {
    th.addEventListener("click", function () {
      var col = +th.getAttribute("data-col");
      var asc = !th.classList.contains("asc");
      table.querySelectorAll("th").forEach(function (h) { h.classList.remove("asc", "desc"); });
      th.classList.add(asc ? "asc" : "desc");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      function key(row) {
        var cell = row.cells[col];
        var v = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent;
        var x = parseFloat(v);
        return isNaN(x) || String(x) !== String(+v) ? v.toLowerCase() : x;
      }
      rows.sort(function (a, b) {
        var ka = key(a), kb = key(b);
        var c = (typeof ka === "number" && typeof kb === "number") ? ka - kb : String(ka).localeCompare(String(kb));
        return asc ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  table.addEventListener("click", function (e) {
    var a = e.target.closest("a[href^='#file-']");
    if (a) { var d = document.getElementById(a.getAttribute("href").slice(1)); if (d) { d.open = true; } }
  });
  updatePos();
})();
