package serve

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/dossier-ssg/dossier/generator/internal/sitetest"
)

// chromium finds the browser: $CHROME, or Debian's chromium.
func chromium(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("CHROME"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("the end-to-end tests need Chromium: apt-get install chromium (or set CHROME)")
	return ""
}

// browser starts a headless Chromium and returns a tab.
func browser(t testing.TB) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1200, 900),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	if _, err := chromedp.Run(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx
}

// until evaluates a JavaScript condition until it is true.
func until(t testing.TB, ctx context.Context, what, js string) {
	t.Helper()
	deadline := time.Now().Add(8 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText.slice(0, 300) : ""`))
			t.Fatalf("%s: %s never became true (err %v); page: %q", what, js, err, text)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

func eval[T any](t testing.TB, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

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
	ctx := browser(t)
	if _, err := chromedp.Run(ctx, chromedp.Navigate(srv.URL()+"about/")); err != nil {
		t.Fatal(err)
	}
	until(t, ctx, "connected", `window.__dossier && window.__dossier.connected`)
	save := func(rel, s string) {
		p := filepath.Join(dir, rel)
		tmp := p + ".tmp"
		os.WriteFile(tmp, []byte(s), 0o644)
		os.Rename(tmp, p)
	}

	// 1. A content edit reloads the page, at the same scroll position.
	eval[bool](t, ctx, `window.scrollTo(0, 600); window.__marker = 1; true`)
	save("content/about.md", longPage("Second version."))
	until(t, ctx, "new text", `document.body.innerText.includes("Second version.")`)
	until(t, ctx, "connected again", `window.__dossier && window.__dossier.connected`)
	if eval[bool](t, ctx, `window.__marker === 1`) {
		t.Error("the page was not reloaded")
	}
	if y := eval[float64](t, ctx, `window.scrollY`); y < 550 || y > 650 {
		t.Errorf("scroll position after reload: %v, want 600", y)
	}

	// 2. A stylesheet edit applies in place: no reload.
	eval[bool](t, ctx, `window.__marker = 2; true`)
	css, _ := os.ReadFile(filepath.Join(dir, "static/style.css"))
	save("static/style.css", string(css)+"\nbody { background: rgb(1, 2, 3) !important; }\n")
	until(t, ctx, "new style", `getComputedStyle(document.body).backgroundColor === "rgb(1, 2, 3)"`)
	if !eval[bool](t, ctx, `window.__marker === 2`) {
		t.Error("a stylesheet change reloaded the page")
	}

	// 3. A change to another page does not reload this one.
	n := eval[float64](t, ctx, `window.__dossier.changes`)
	save("content/_index.md", "---\ntitle: Home\n---\nWelcome, edited.\n")
	until(t, ctx, "change event", fmt.Sprintf(`window.__dossier.changes > %v`, n))
	time.Sleep(200 * time.Millisecond)
	if !eval[bool](t, ctx, `window.__marker === 2`) {
		t.Error("a change to another page reloaded this one")
	}

	// 4. A YAML error shows an overlay with file:line; fixing it removes
	// the overlay and shows the fix.
	save("content/about.md", "---\ntitle: [\n---\nBroken.\n")
	until(t, ctx, "overlay", `(document.getElementById("dossier-overlay") || {innerText: ""}).innerText.includes("content/about.md:2:1")`)
	if !eval[bool](t, ctx, `document.body.innerText.includes("Second version.")`) {
		t.Error("the last good page is gone under the overlay")
	}
	save("content/about.md", longPage("Third version."))
	until(t, ctx, "overlay gone and fix shown", `!document.getElementById("dossier-overlay") && document.body.innerText.includes("Third version.")`)
}
