/* dossier: search as you type, and link previews. No dependencies.
   The tokeniser and the ranking mirror generator/search (Go); tests run
   both on the same cases. The index lives beside the search page, whose
   address the header's search form gives. */
(function () {
  "use strict";
  var FOLD = /*FOLD*/{};
  var STOP = /*STOP*/{};
  var NAMEHIT = 16777216; // search.NameHit
  var form = document.querySelector("form.site-search");
  if (!form || !window.fetch || !Array.from) return;
  var idx = form.getAttribute("action") + "idx/";

  // ---- Tokeniser (as tokenize.go) ----
  function fold(c) {
    var n = c.codePointAt(0);
    if (n >= 0xFF01 && n <= 0xFF5E) { n -= 0xFEE0; c = String.fromCodePoint(n); }
    else if (n === 0x3000) return " ";
    if (FOLD[c]) return FOLD[c];
    if (n < 0x80) return n >= 65 && n <= 90 ? String.fromCharCode(n + 32) : c;
    var l = c.toLowerCase();
    return Array.from(l).length === 1 ? l : c;
  }
  function isHan(c) {
    var n = c.codePointAt(0);
    return (n >= 0x3400 && n <= 0x4DBF) || (n >= 0x4E00 && n <= 0x9FFF) || (n >= 0xF900 && n <= 0xFAFF) || (n >= 0x20000 && n <= 0x2FFFF);
  }
  function isDigit(c) { return c >= "0" && c <= "9" && c.length === 1; }
  var letter = /^\p{L}$/u, letterOrDigit = /^[\p{L}\p{Nd}]$/u;
  function isWord(c) {
    if (c.codePointAt(0) < 0x80) return isDigit(c) || (c >= "a" && c <= "z");
    return !isHan(c) && letterOrDigit.test(c);
  }
  function stem(w) {
    if (!/^[a-z]+$/.test(w) || w.length <= 3) return w;
    var e = function (s) { return w.slice(-s.length) === s; };
    if (e("ies") && w.length > 4) w = w.slice(0, -3) + "y";
    else if (e("sses")) w = w.slice(0, -2);
    else if (e("s") && !e("ss") && !e("us") && !e("is")) w = w.slice(0, -1);
    if (e("ing") && w.length - 3 >= 4) w = w.slice(0, -3);
    else if (e("ed") && w.length - 2 >= 4) w = w.slice(0, -2);
    if (e("ation") && w.length > 7) w = w.slice(0, -5) + "at";
    else if (e("awn") && w.length > 5) w = w.slice(0, -1);
    if (e("e") && w.length > 4) w = w.slice(0, -1);
    return w;
  }
  function spans(text) {
    var rs = Array.from(text).map(fold), out = [], quoted = false, i = 0, j, c;
    while (i < rs.length) {
      c = rs[i];
      if (c === "\"" || c === "“" || c === "”") { quoted = !quoted; i++; }
      else if (isHan(c)) {
        for (j = i; j < rs.length && isHan(rs[j]); j++);
        out.push({text: rs.slice(i, j).join(""), han: true, start: i, end: j, quoted: quoted}); i = j;
      } else if (isWord(c)) {
        var b = "";
        for (j = i; j < rs.length;) {
          c = rs[j];
          if (isWord(c)) { b += c; j++; continue; }
          if (j + 1 < rs.length && j > i) {
            var p = rs[j - 1], nx = rs[j + 1];
            if ((c === "'" || c === "’") && letter.test(p) && letter.test(nx) && !isHan(nx)) { j++; continue; }
            if (c === "." && isDigit(p) && isDigit(nx)) { b += c; j++; continue; }
            if (c === "," && isDigit(p) && isDigit(nx)) { j++; continue; }
          }
          break;
        }
        out.push({text: b, han: false, start: i, end: j, quoted: quoted}); i = j;
      } else i++;
    }
    return out;
  }
  function tokens(text) {
    var out = [];
    spans(text).forEach(function (s) {
      if (s.han) {
        var rs = Array.from(s.text);
        for (var i = 0; i < rs.length; i++) out.push(i + 1 < rs.length ? rs[i] + rs[i + 1] : rs[i]);
      } else if (!STOP[s.text]) out.push(stem(s.text));
    });
    return out;
  }
  function terms(q) {
    var ss = spans(q), out = [], seen = {};
    var trailing = q === "" || /[ \u3000]$/.test(q);
    function add(t, p) { var k = t + "\u0000" + p; if (!seen[k]) { seen[k] = 1; out.push({token: t, prefix: p}); } }
    ss.forEach(function (s, i) {
      if (s.han) {
        var rs = Array.from(s.text);
        if (rs.length === 1) add(s.text, s.text);
        for (var k = 0; k + 1 < rs.length; k++) add(rs[k] + rs[k + 1], "");
        return;
      }
      var last = i === ss.length - 1 && !trailing && !s.quoted;
      if (STOP[s.text] && !last) return;
      var p = last && Array.from(s.text).length >= 2 ? s.text : "";
      if (STOP[s.text] && !p) return;
      add(stem(s.text), p);
    });
    return out;
  }
  function nameKey(s) {
    var ps = spans(s).map(function (p) { return p.han ? p.text : stem(p.text); });
    return ps.length ? "~" + ps.join(" ") : "";
  }
  function shardOf(token, n) {
    var rs = Array.from(token), key = rs.slice(0, isHan(rs[0]) ? 1 : 2).join("");
    var b = new TextEncoder().encode(key), h = 0x811c9dc5;
    for (var i = 0; i < b.length; i++) { h ^= b[i]; h = Math.imul(h, 0x01000193) >>> 0; }
    return h % n;
  }

  // ---- Index files, fetched once each ----
  var cache = {};
  function get(name) {
    if (!cache[name]) cache[name] = fetch(idx + name).then(function (r) {
      if (!r.ok) throw new Error(r.status + " " + name);
      return r.json();
    }).catch(function (e) { delete cache[name]; throw e; });
    return cache[name];
  }
  function manifest() { return get("index.json"); }

  // query ranks documents as Index.Query does.
  function query(q) {
    var ts = terms(q);
    if (!ts.length) return Promise.resolve([]);
    return manifest().then(function (m) {
      var names = ts.map(function (t) { return m.shards[shardOf(t.prefix || t.token, m.shards.length)]; });
      var exact = ts.map(function (t) { return m.shards[shardOf(t.token, m.shards.length)]; });
      var nk = nameKey(q);
      return Promise.all(names.concat(exact, [m.shards[shardOf(nk, m.shards.length)]]).map(get)).then(function (shards) {
        var sum = {}, matched = {};
        ts.forEach(function (t, i) {
          var best = {};
          function take(flat, w) {
            for (var k = 0, d = 0; k + 1 < flat.length; k += 2) {
              d += flat[k];
              var s = w * flat[k + 1];
              if (s > (best[d] || 0)) best[d] = s;
            }
          }
          var ex = shards[ts.length + i][t.token];
          if (ex) take(ex, 2);
          if (t.prefix) {
            var sh = shards[i];
            for (var tok in sh) if (tok !== t.token && tok.lastIndexOf(t.prefix, 0) === 0) take(sh[tok], 1);
          }
          for (var d in best) { sum[d] = (sum[d] || 0) + best[d]; matched[d] = (matched[d] || 0) + 1; }
        });
        var named = {}, np = shards[2 * ts.length][nk];
        if (np) for (var k = 0, nd = 0; k + 1 < np.length; k += 2) { nd += np[k]; named[nd] = 1; }
        var out = [];
        for (var d in sum) out.push({doc: +d, score: sum[d] * matched[d] * matched[d] + (named[d] ? NAMEHIT : 0)});
        out.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
        return out;
      });
    });
  }
  // docs fetches the chunks holding the results and fills them in.
  function docs(rs) {
    return manifest().then(function (m) {
      var need = rs.map(function (r) {
        var c = 0;
        while (c + 1 < m.starts.length && m.starts[c + 1] <= r.doc) c++;
        return {c: c, off: r.doc - m.starts[c]};
      });
      return Promise.all(need.map(function (n) { return get(m.chunks[n.c]); })).then(function (chunks) {
        return rs.map(function (r, i) {
          var row = chunks[i][need[i].off];
          return {doc: r.doc, score: r.score, type: row[0], title: row[1], url: row[2], text: row[3], source: row[4], date: row[5], lang: row[6]};
        });
      });
    });
  }

  // ---- Snippets: the matched words, highlighted ----
  function matches(text, q) {
    var rs = Array.from(text), fl = rs.map(fold), out = [];
    spans(q).forEach(function (s) {
      var words = s.han ? [s.text] : [s.text, stem(s.text)];
      if (s.han && Array.from(s.text).length > 2) {
        var h = Array.from(s.text);
        for (var k = 0; k + 1 < h.length; k++) words.push(h[k] + h[k + 1]);
      }
      if (!s.han && STOP[s.text]) return;
      words.forEach(function (w) {
        var wr = Array.from(w);
        for (var i = 0; i + wr.length <= fl.length; i++) {
          var ok = true;
          for (var k = 0; k < wr.length && ok; k++) ok = fl[i + k] === wr[k];
          if (!ok) continue;
          if (!s.han && i > 0 && isWord(fl[i - 1])) continue;
          var e = i + wr.length;
          if (!s.han) while (e < fl.length && isWord(fl[e])) e++;
          out.push([i, e]);
          i = e - 1;
        }
      });
    });
    out.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    out.forEach(function (m) {
      var l = merged[merged.length - 1];
      if (l && m[0] <= l[1]) l[1] = Math.max(l[1], m[1]); else merged.push(m.slice());
    });
    return {chars: rs, marks: merged};
  }
  function snippet(el, text, q) {
    var m = matches(text, q), rs = m.chars, marks = m.marks, from = 0, to = rs.length;
    if (marks.length && rs.length > 200) {
      from = Math.max(0, marks[0][0] - 60);
      while (from > 0 && from < marks[0][0] && rs[from - 1] !== " ") from++;
    }
    to = Math.min(rs.length, from + 200);
    if (from > 0) el.appendChild(document.createTextNode("…"));
    var at = from;
    marks.forEach(function (mk) {
      if (mk[0] < from || mk[0] >= to) return;
      el.appendChild(document.createTextNode(rs.slice(at, mk[0]).join("")));
      var mark = document.createElement("mark");
      mark.textContent = rs.slice(mk[0], Math.min(mk[1], to)).join("");
      el.appendChild(mark);
      at = Math.min(mk[1], to);
    });
    el.appendChild(document.createTextNode(rs.slice(at, to).join("") + (to < rs.length ? "…" : "")));
    return marks.length && marks[0][0] < to ? marks[0] : null;
  }
  // fragment is a text fragment for the first match: the matched word and
  // up to four words after it, as the page has them.
  function fragment(text, mark) {
    var rs = Array.from(text), e = mark[1], words = 0;
    while (e < rs.length && words < 4) {
      if (rs[e] === " ") words++;
      if (/[.;:!?。，；：！？]/.test(rs[e])) break;
      e++;
    }
    var s = rs.slice(mark[0], e).join("").trim();
    return ":~:text=" + encodeURIComponent(s).replace(/-/g, "%2D").replace(/,/g, "%2C").replace(/&/g, "%26");
  }

  // ---- The search page ----
  var box = document.getElementById("search-results");
  var input = document.getElementById(box ? "search-q" : "site-q");
  var status = document.getElementById("search-status");
  var shown = 12;
  function label(key) { return box.getAttribute("data-" + key) || key; }
  function render(q, results) {
    box.textContent = "";
    var groups = [], byType = {};
    results.forEach(function (r) {
      if (!byType[r.type]) { byType[r.type] = []; groups.push(r.type); }
      byType[r.type].push(r);
    });
    groups.forEach(function (t) {
      var sec = document.createElement("section"), h = document.createElement("h2"), ol = document.createElement("ol");
      sec.className = "search-group search-" + t;
      h.textContent = label("t-" + t);
      h.id = "sg-" + t;
      sec.setAttribute("aria-labelledby", h.id);
      ol.className = "search-list";
      byType[t].forEach(function (r) {
        var li = document.createElement("li"), a = document.createElement("a"), p = document.createElement("p");
        a.className = "search-hit";
        a.textContent = r.title;
        p.className = "search-snippet";
        if (r.lang) p.lang = r.lang;
        var mk = snippet(p, r.text, q);
        a.href = r.url + (mk && r.url.indexOf("#") >= 0 && r.type === "paragraph" ? fragment(r.text, mk) : "");
        li.appendChild(a);
        var meta = [r.source, r.date].filter(Boolean).join(" · ");
        if (meta) { var s = document.createElement("span"); s.className = "search-meta"; s.textContent = " " + meta; li.appendChild(s); }
        li.appendChild(p);
        ol.appendChild(li);
      });
      sec.appendChild(h);
      sec.appendChild(ol);
      box.appendChild(sec);
    });
  }
  var seq = 0;
  function run() {
    var q = input.value, my = ++seq;
    if (history.replaceState) {
      var u = new URL(location.href);
      if (q) u.searchParams.set("q", q); else u.searchParams.delete("q");
      history.replaceState(null, "", u);
    }
    if (!terms(q).length) { box.textContent = ""; status.textContent = ""; return; }
    query(q).then(function (rs) {
      var n = rs.length;
      return docs(rs.slice(0, shown)).then(function (ds) {
        if (my !== seq) return;
        render(q, ds);
        status.textContent = n ? label(n === 1 ? "one" : "other").replace("{n}", n) : label("none");
      });
    }).catch(function () { if (my === seq) status.textContent = label("error"); });
  }
  function hits() { return Array.prototype.slice.call(box.querySelectorAll("a.search-hit")); }
  if (box && input) {
    box.hidden = false;
    document.getElementById("search-nojs").hidden = true;
    var timer;
    // While an input method composes (pinyin on the way to 马斯克), wait
    // for the characters.
    input.addEventListener("input", function (e) { if (e.isComposing) return; clearTimeout(timer); timer = setTimeout(run, 60); });
    input.addEventListener("compositionend", function () { clearTimeout(timer); timer = setTimeout(run, 60); });
    input.form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearTimeout(timer);
      var first = hits()[0];
      if (first) location.href = first.href; else run();
    });
    document.addEventListener("keydown", function (e) {
      if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
      var hs = hits(), i = hs.indexOf(document.activeElement);
      if (document.activeElement === input) i = -1;
      else if (i < 0) return;
      e.preventDefault();
      var next = i + (e.key === "ArrowDown" ? 1 : -1);
      if (next < 0) input.focus();
      else if (next < hs.length) hs[next].focus();
    });
    var q0 = new URLSearchParams(location.search).get("q");
    if (q0) { input.value = q0; run(); }
  }
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = document.activeElement;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    if (input) { e.preventDefault(); input.focus(); input.select(); }
  });

  // ---- Link previews ----
  var wide = window.matchMedia && matchMedia("(hover: hover) and (pointer: fine) and (min-width: 60em)");
  var calm = window.matchMedia && matchMedia("(prefers-reduced-motion: reduce)");
  var previews = null, card = null, owner = null, showT = 0, hideT = 0;
  function loadPreviews() {
    if (!previews) previews = manifest().then(function (m) { return m.previews ? get(m.previews) : {}; }).catch(function () { return {}; });
    return previews;
  }
  function keyOf(a) {
    var u = new URL(a.href, location.href);
    if (u.origin !== location.origin) return "";
    var h = u.hash.split(":~:")[0];
    return u.pathname + (h === "#" ? "" : h);
  }
  function hide() {
    clearTimeout(showT);
    if (owner) owner.removeAttribute("aria-describedby");
    if (card) card.hidden = true;
    owner = null;
  }
  function show(a, p) {
    if (!card) {
      card = document.createElement("div");
      card.id = "preview-card";
      card.className = "preview-card";
      card.setAttribute("role", "tooltip");
      card.addEventListener("mouseenter", function () { clearTimeout(hideT); });
      card.addEventListener("mouseleave", function () { hideT = setTimeout(hide, 200); });
      (document.getElementById("main") || document.body).appendChild(card); // inside a landmark
    }
    card.textContent = "";
    card.className = "preview-card preview-" + p.k;
    var t = document.createElement("p"), line = document.createElement("p");
    t.className = "preview-title";
    t.textContent = p.t;
    line.className = "preview-line";
    line.textContent = p.k === "passage" ? "“" + p.l + "”" : p.l;
    if (p.lang) line.lang = p.lang;
    if (p.k !== "passage") card.appendChild(t);
    if (p.m && p.k !== "passage") { var m = document.createElement("p"); m.className = "preview-meta"; m.textContent = p.m; card.appendChild(m); }
    if (p.l) card.appendChild(line);
    if (p.k === "passage") { t.textContent = "— " + p.t; t.className = "preview-source"; card.appendChild(t); }
    card.hidden = false;
    owner = a;
    a.setAttribute("aria-describedby", "preview-card");
    // Below the link, or above it when there is no room: never over it.
    var r = a.getBoundingClientRect(), w = card.offsetWidth, h = card.offsetHeight;
    var left = Math.min(Math.max(8, r.left), document.documentElement.clientWidth - w - 8);
    var top = r.bottom + 6;
    if (top + h > window.innerHeight && r.top - h - 6 > 0) top = r.top - h - 6;
    card.style.left = (left + window.scrollX) + "px";
    card.style.top = (top + window.scrollY) + "px";
  }
  function enter(e) {
    if (!wide || !wide.matches || (calm && calm.matches)) return;
    var a = e.target.closest && e.target.closest("a[href]");
    // Links inside a picture carry their own title; the card is for text.
    if (!a || a.namespaceURI !== "http://www.w3.org/1999/xhtml" || a === owner || (card && card.contains(a)) || a.closest("nav, .site-search, #search-results")) return;
    var k = keyOf(a);
    if (!k || k === location.pathname) return;
    clearTimeout(hideT);
    clearTimeout(showT);
    var delay = e.type === "focusin" ? 0 : 250;
    loadPreviews().then(function (ps) {
      var p = ps[k];
      if (!p) return;
      showT = setTimeout(function () { show(a, p); }, delay);
    });
  }
  function leave(e) {
    var a = e.target.closest && e.target.closest("a[href]");
    if (!a) return;
    clearTimeout(showT);
    if (a === owner) hideT = setTimeout(hide, e.type === "focusout" ? 0 : 200);
  }
  document.addEventListener("mouseover", enter);
  document.addEventListener("focusin", enter);
  document.addEventListener("mouseout", leave);
  document.addEventListener("focusout", leave);
  document.addEventListener("keydown", function (e) { if (e.key === "Escape" && owner) hide(); });

  window.__dossierSearch = {tokens: tokens, terms: terms, shardOf: shardOf, nameKey: nameKey, query: query};
})();
