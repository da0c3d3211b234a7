// dossier live reload: injected by `dossier serve`, never in a build.
(() => {
  // State, for curious people and for the end-to-end tests.
  const state = (window.__dossier = { connected: false, changes: 0 });
  const me = document.currentScript;
  const loadedBuild = me && me.dataset.build !== undefined ? Number(me.dataset.build) : null;
  const KEY = "dossier-scroll:" + location.pathname;
  const saved = sessionStorage.getItem(KEY);
  if (saved) {
    sessionStorage.removeItem(KEY);
    const [x, y] = saved.split(",").map(Number);
    addEventListener("load", () => scrollTo(x, y));
    scrollTo(x, y);
  }
  const here = () => {
    let p = decodeURI(location.pathname);
    return p.endsWith("/") ? p : p.replace(/\/index\.html$/, "/");
  };
  const reload = () => {
    sessionStorage.setItem(KEY, scrollX + "," + scrollY);
    location.reload();
  };
  let overlay = null;
  const showErrors = (errs) => {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "dossier-overlay";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.92);color:#fff;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding:2rem;";
      document.body.appendChild(overlay);
    }
    overlay.replaceChildren();
    const h = document.createElement("h2");
    h.style.cssText = "margin:0 0 1rem;font:700 18px/1.3 system-ui,sans-serif;color:#ff8a80";
    h.textContent = "dossier: the build failed — " + errs.length + (errs.length === 1 ? " error" : " errors") + ". The last good version is still served; this goes away when you fix it.";
    overlay.appendChild(h);
    for (const e of errs) {
      const p = document.createElement("pre");
      p.style.cssText = "white-space:pre-wrap;margin:0 0 1rem;padding:.75rem;background:#000;border-left:4px solid #ff5252";
      const loc = document.createElement("strong");
      loc.className = "loc";
      loc.textContent = e.where;
      p.append(loc, ": " + e.msg + (e.hint ? "\n  hint: " + e.hint : ""));
      overlay.appendChild(p);
    }
  };
  const clearErrors = () => { if (overlay) { overlay.remove(); overlay = null; } };
  const swapCSS = (paths) => {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const u = new URL(link.href, location.href);
      if (!paths.includes(decodeURI(u.pathname))) continue;
      const next = link.cloneNode();
      u.searchParams.set("dossier", Date.now());
      next.href = u.pathname + u.search;
      next.addEventListener("load", () => link.remove());
      link.after(next);
    }
  };
  let server = null;
  const connect = () => {
    const es = new EventSource("/__dossier/events");
    es.addEventListener("hello", (ev) => {
      const d = JSON.parse(ev.data);
      // The server restarted, or rebuilt between this page's response and
      // now: what it serves may have changed.
      if (server !== null && server !== d.server) return reload();
      if (server === null && loadedBuild !== null && d.build !== loadedBuild && !(d.errors && d.errors.length)) return reload();
      server = d.server;
      state.connected = true;
      if (d.errors && d.errors.length) showErrors(d.errors); else clearErrors();
    });
    es.addEventListener("errors", (ev) => showErrors(JSON.parse(ev.data)));
    es.addEventListener("ok", () => clearErrors());
    es.addEventListener("change", (ev) => {
      const d = JSON.parse(ev.data);
      state.changes++;
      clearErrors();
      if (d.pages.includes(here())) return reload();
      if (d.css.length) swapCSS(d.css);
    });
    es.onerror = () => { state.connected = false; es.close(); setTimeout(connect, 500); };
  };
  connect();
})();
