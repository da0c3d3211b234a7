package serve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/dossier-ssg/dossier/generator/internal/browsertest"
	"github.com/dossier-ssg/dossier/generator/internal/sitetest"
)

func longPage(marker string) string {
	var b strings.Builder
	b.WriteString("---\ntitle: About\n---\n" + marker + "\n\n")
	for i := 0; i < 80; i++ {
		fmt.Fprintf(&b, "Paragraph %d of a long page, so that there is something to scroll.\n\n", i)
	}
	return b.String()
}

// TestLiveReloadInBrowser drives a real browser: an edit shows without a
// manual reload and keeps the scroll position; a stylesheet edit applies
// without a reload; a YAML error shows an overlay that goes away when it
// is fixed; a change to another page does not reload this one.
func TestLiveReloadInBrowser(t *testing.T) {
	dir := sitetest.NewSite(t, site)
	os.WriteFile(filepath.Join(dir, "content/about.md"), []byte(longPage("First version.")), 0o644)
	srv := start(t, dir)
	ctx := browsertest.Browser(t)
	if _, err := chromedp.Run(ctx, chromedp.Navigate(srv.URL()+"about/")); err != nil {
		t.Fatal(err)
	}
	browsertest.Until(t, ctx, "connected", `window.__dossier && window.__dossier.connected`)
	save := func(rel, s string) {
		p := filepath.Join(dir, rel)
		tmp := p + ".tmp"
		os.WriteFile(tmp, []byte(s), 0o644)
		os.Rename(tmp, p)
	}

	// 1. A content edit reloads the page, at the same scroll position.
	browsertest.Eval[bool](t, ctx, `window.scrollTo(0, 600); window.__marker = 1; true`)
	save("content/about.md", longPage("Second version."))
	browsertest.Until(t, ctx, "new text", `document.body.innerText.includes("Second version.")`)
	browsertest.Until(t, ctx, "connected again", `window.__dossier && window.__dossier.connected`)
	if browsertest.Eval[bool](t, ctx, `window.__marker === 1`) {
		t.Error("the page was not reloaded")
	}
	if y := browsertest.Eval[float64](t, ctx, `window.scrollY`); y < 550 || y > 650 {
		t.Errorf("scroll position after reload: %v, want 600", y)
	}

	// 2. A stylesheet edit applies in place: no reload.
	browsertest.Eval[bool](t, ctx, `window.__marker = 2; true`)
	css, _ := os.ReadFile(filepath.Join(dir, "static/style.css"))
	save("static/style.css", string(css)+"\nbody { background: rgb(1, 2, 3) !important; }\n")
	browsertest.Until(t, ctx, "new style", `getComputedStyle(document.body).backgroundColor === "rgb(1, 2, 3)"`)
	if !browsertest.Eval[bool](t, ctx, `window.__marker === 2`) {
		t.Error("a stylesheet change reloaded the page")
	}

	// 3. A change to another page does not reload this one.
	n := browsertest.Eval[float64](t, ctx, `window.__dossier.changes`)
	save("content/_index.md", "---\ntitle: Home\n---\nWelcome, edited.\n")
	browsertest.Until(t, ctx, "change event", fmt.Sprintf(`window.__dossier.changes > %v`, n))
	time.Sleep(200 * time.Millisecond)
	if !browsertest.Eval[bool](t, ctx, `window.__marker === 2`) {
		t.Error("a change to another page reloaded this one")
	}

	// 4. A YAML error shows an overlay with file:line; fixing it removes
	// the overlay and shows the fix.
	save("content/about.md", "---\ntitle: [\n---\nBroken.\n")
	browsertest.Until(t, ctx, "overlay", `(document.getElementById("dossier-overlay") || {innerText: ""}).innerText.includes("content/about.md:2:1")`)
	if !browsertest.Eval[bool](t, ctx, `document.body.innerText.includes("Second version.")`) {
		t.Error("the last good page is gone under the overlay")
	}
	save("content/about.md", longPage("Third version."))
	browsertest.Until(t, ctx, "overlay gone and fix shown", `!document.getElementById("dossier-overlay") && document.body.innerText.includes("Third version.")`)
}

// TestReconnectAfterRestart stops the server under an open page and starts
// a new one on the same address: the page reconnects by itself and, since
// the new server may serve something else, reloads.
func TestReconnectAfterRestart(t *testing.T) {
	dir := sitetest.NewSite(t, site)
	first, err := New(Options{SiteDir: dir, Addr: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	addr := first.Addr()
	ctx1, stop1 := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- first.Serve(ctx1) }()
	tab := browsertest.Browser(t)
	if _, err := chromedp.Run(tab, chromedp.Navigate(first.URL()+"about/")); err != nil {
		t.Fatal(err)
	}
	browsertest.Until(t, tab, "connected", `window.__dossier && window.__dossier.connected`)
	browsertest.Eval[bool](t, tab, `window.__marker = 1; true`)
	stop1()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	browsertest.Until(t, tab, "disconnected", `!window.__dossier.connected`)
	os.WriteFile(filepath.Join(dir, "content/about.md"), []byte("---\ntitle: About\n---\nServed by the new server.\n"), 0o644)
	second, err := New(Options{SiteDir: dir, Addr: addr})
	if err != nil {
		t.Fatal(err)
	}
	ctx2, stop2 := context.WithCancel(context.Background())
	defer stop2()
	go second.Serve(ctx2)
	browsertest.Until(t, tab, "reconnected and reloaded", `window.__marker === undefined && window.__dossier && window.__dossier.connected && document.body.innerText.includes("Served by the new server.")`)
}

// TestSearchInServe: the preview serves the search page and its index,
// and rebuilds the index with the site: a word added by an edit is
// found without restarting the server.
func TestSearchInServe(t *testing.T) {
	dir := sitetest.NewSite(t, site)
	srv := start(t, dir)
	ctx := browsertest.Browser(t)
	search := func(q, want string) {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Navigate(srv.URL()+"search/?q="+q)); err != nil {
			t.Fatal(err)
		}
		browsertest.Until(t, ctx, "a result for "+q, `[...document.querySelectorAll("a.search-hit")].some(a => a.getAttribute("href").includes(`+"`"+want+"`"+`))`)
	}
	search("welcome", "/")
	tmp := filepath.Join(dir, "content", "about.md.tmp")
	os.WriteFile(tmp, []byte("---\ntitle: About\n---\nAbout this site, now with a zeppelin.\n"), 0o644)
	os.Rename(tmp, filepath.Join(dir, "content", "about.md"))
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, _, body := get(t, srv.URL()+"about/")
		if strings.Contains(body, "zeppelin") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the edit was never served")
		}
		time.Sleep(50 * time.Millisecond)
	}
	search("zeppelin", "/about/")
}
