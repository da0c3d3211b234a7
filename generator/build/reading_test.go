package build_test

// The reading gates: the shipped dossier looked at in Chromium as a
// reader would, at a phone's, a tablet's, a small laptop's and a desktop's
// width, in both languages and both colour schemes. Pages never scroll
// sideways and nothing sticks out of its box; on wide screens the
// editor's notes sit in a real margin, wide enough to read, never
// overlapping and never pushing the text; on a phone each note opens
// from its number and closes again; long pages keep to a height budget;
// axe-core passes in the light and the dark scheme; and no reader page
// shows the editor's working vocabulary.
//
// With DOSSIER_SCREENSHOTS=DIR (make screenshots) the same run also writes
// a full-page PNG of every page kind at 390 and 1440 px, in both
// languages and both schemes, into DIR.

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/dossier-ssg/dossier/generator/internal/browsertest"
	"github.com/dossier-ssg/dossier/generator/internal/sitetest"
)

// readingPages is one page of every kind, with its height budget at
// 1440 px in screens of 900 px, collapsible parts closed.
var readingPages = []struct {
	path    string
	screens float64
}{
	{"/", 5},
	{"/sources/", 4},
	{"/sources/verge-breakup/", 17},
	{"/sources/wsj-bromance/", 14},
	{"/people/", 4},
	{"/people/elon-musk/", 8},
	{"/organizations/", 5},
	{"/organizations/openai/", 8},
	{"/timeline/", 12},
	{"/events/", 7},
	{"/events/2017-09-musk-no-longer-fund/", 4},
	{"/claims/", 11},
	{"/claims/musk-total-contribution/", 4},
	{"/quotes/", 3},
	{"/quotes/no-longer-fund-openai/", 4},
	{"/annotations/", 8},
	{"/annotations/verge-summary-unpaid-ceo/", 3},
	{"/disputed/", 6},
	{"/about/", 6},
	{"/404.html", 2},
}

// 1200 is where the notes' margin must be at its widest minimum; it is
// checked on the pages that have notes.
var readingWidths = []int64{390, 768, 1024, 1200, 1440}

const screenH = 900

// layoutJS returns the layout problems of the open page as a JSON list.
const layoutJS = `(() => {
  const out = [], W = innerWidth, H = innerHeight, wide = W >= 1200;
  const d = document.documentElement;
  if (d.scrollWidth > W + 1) out.push("document is " + d.scrollWidth + "px wide in a " + W + "px viewport");
  const name = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className && typeof e.className == "string" ? "." + e.className.trim().split(/\s+/).join(".") : "");
  const main = document.querySelector("main");
  const boxed = e => { const s = getComputedStyle(e); return parseFloat(s.borderLeftWidth) > 0 && parseFloat(s.borderRightWidth) > 0 || (s.backgroundColor != "rgba(0, 0, 0, 0)" && s.display != "inline"); };
  const margin = W >= 1024; // the notes' margin column
  let n = 0;
  for (const e of main.querySelectorAll("*")) {
    const r = e.getBoundingClientRect();
    if (r.width == 0 || r.height == 0) continue;
    if (e.closest(".visually-hidden")) continue;
    if (margin && e.closest(".note")) continue;
    let a = e.parentElement;
    while (a != main && !boxed(a)) a = a.parentElement;
    const ar = a.getBoundingClientRect();
    if (r.left < ar.left - 1 || r.right > ar.right + 1) {
      if (n++ < 5) out.push(name(e) + " sticks out of " + name(a) + ": " + Math.round(r.left) + "–" + Math.round(r.right) + " outside " + Math.round(ar.left) + "–" + Math.round(ar.right));
    }
  }
  const notes = [...document.querySelectorAll("aside.note")].filter(x => x.getBoundingClientRect().height > 0);
  if (margin) for (const x of notes) {
    const r = x.getBoundingClientRect();
    if (r.right > W + 1) out.push(x.id + " leaves the viewport at " + Math.round(r.right));
  }
  if (wide) {
    const rs = notes.map(x => [x, x.getBoundingClientRect()]);
    for (const [x, r] of rs) {
      if (r.width < 240) out.push(x.id + " is " + Math.round(r.width) + "px wide");
      const mark = document.getElementById(x.id.replace(/^note-/, "a-"));
      const ref = document.querySelector('a[href="#' + x.id + '"]');
      const at = (mark || ref || x).getBoundingClientRect().top;
      if (r.top - at > H) out.push(x.id + " starts " + Math.round(r.top - at) + "px below its passage");
    }
    for (let i = 0; i < rs.length; i++) for (let j = i + 1; j < rs.length; j++) {
      const a = rs[i][1], b = rs[j][1];
      if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) out.push(rs[i][0].id + " overlaps " + rs[j][0].id);
    }
    // The text column has no hole a note made: each paragraph with notes
    // starts where its block starts, and consecutive blocks of the text
    // follow each other within two lines.
    for (const col of document.querySelectorAll(".text, .summary")) {
      const line = parseFloat(getComputedStyle(col).lineHeight) || 30;
      let prev = null;
      for (const c of col.children) {
        const r = c.getBoundingClientRect();
        if (r.height == 0 || getComputedStyle(c).float != "none") continue;
        if (prev && r.top - prev.bottom > 2 * line) out.push("gap of " + Math.round(r.top - prev.bottom) + "px before " + name(c));
        if (c.classList.contains("para") && [...c.querySelectorAll(":scope > .note")].some(x => getComputedStyle(x).float != "none")) {
          const p = c.querySelector(":scope > p"), pr = p.getBoundingClientRect();
          if (pr.top - r.top > 2 || r.bottom - pr.bottom > 2) out.push(name(p) + " is pushed inside its .para by " + Math.round(Math.max(pr.top - r.top, r.bottom - pr.bottom)) + "px");
        }
        prev = r;
      }
    }
  }
  return JSON.stringify(out);
})()`

func setScheme(ctx context.Context, scheme string) error {
	return chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
		return err
	}))
}

func fullScreenshot(ctx context.Context, file string) error {
	buf, err := chromedp.Run(ctx, chromedp.Action[[]byte](func(ctx context.Context, t *chromedp.Target) ([]byte, error) {
		yes := true
		r, err := cdp.Call(ctx, t, page.CaptureScreenshot, page.CaptureScreenshotParams{CaptureBeyondViewport: &yes, FromSurface: &yes})
		if err != nil {
			return nil, err
		}
		return r.Data, nil
	}))
	if err != nil {
		return err
	}
	return os.WriteFile(file, buf, 0o644)
}

func TestReading(t *testing.T) {
	out := production(t, "")
	axe, err := os.ReadFile(browsertest.Tool(t, "DOSSIER_AXE_JS", "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	shots := os.Getenv("DOSSIER_SCREENSHOTS")
	if shots != "" {
		if err := os.MkdirAll(shots, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()
	ctx := browsertest.Browser(t)
	open := func(w int64, path string) {
		t.Helper()
		var opts []chromedp.EmulateViewportOption
		if w < 600 {
			opts = append(opts, chromedp.EmulateTouch) // a phone: notes are tapped
		}
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, screenH, opts...), chromedp.Navigate(srv.URL+path)); err != nil {
			t.Fatalf("%s at %d: %v", path, w, err)
		}
	}
	axeRun := func(where string) {
		browsertest.Eval[bool](t, ctx, string(axe)+";true")
		res := browsertest.Eval[string](t, ctx, `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}})
			.then(r => JSON.stringify(r.violations.map(v => ({id: v.id, nodes: v.nodes.length, first: v.nodes.slice(0, 2).map(n => n.target.join(" ") + ": " + n.failureSummary)}))))`, chromedp.EvalAwaitPromise)
		if res != "[]" {
			t.Errorf("%s: axe violations: %s", where, res)
		}
	}
	heights := map[string]float64{}
	for _, scheme := range []string{"light", "dark"} {
		if err := setScheme(ctx, scheme); err != nil {
			t.Fatal(err)
		}
		for _, lang := range []string{"", "/zh"} {
			for _, pg := range readingPages {
				path := lang + pg.path
				for _, w := range readingWidths {
					if scheme == "dark" && w != 390 && w != 1440 || w == 1200 && !strings.HasPrefix(pg.path, "/sources/") {
						continue
					}
					open(w, path)
					where := fmt.Sprintf("%s at %dpx (%s)", path, w, scheme)
					var problems []string
					if err := json.Unmarshal([]byte(browsertest.Eval[string](t, ctx, layoutJS)), &problems); err != nil {
						t.Fatal(err)
					}
					for _, p := range problems {
						t.Errorf("%s: %s", where, p)
					}
					if w == 1440 {
						h := browsertest.Eval[float64](t, ctx, `document.documentElement.scrollHeight`)
						heights[path] = h
						if h > pg.screens*screenH {
							t.Errorf("%s: %.0fpx tall, %.1f screens; the budget is %.0f", where, h, h/screenH, pg.screens)
						}
						axeRun(where)
					}
					if w == 390 && scheme == "light" {
						checkNotesOpen(t, ctx, where)
					}
					if shots != "" && (w == 390 || w == 1440) {
						name := strings.Trim(strings.NewReplacer("/", "_", ".html", "").Replace(path), "_")
						if name == "" {
							name = "home"
						}
						if err := fullScreenshot(ctx, filepath.Join(shots, fmt.Sprintf("%s-%d-%s.png", name, w, scheme))); err != nil {
							t.Fatal(err)
						}
					}
				}
			}
		}
	}
	for p, h := range heights {
		t.Logf("%s: %.0fpx at 1440", p, h)
	}
}

// checkNotesOpen taps every note's number, as a phone reader would: the
// note shows, inside the screen; its close link hides it again.
func checkNotesOpen(t *testing.T, ctx context.Context, where string) {
	t.Helper()
	ids := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll("aside.note")].map(n => n.id)`)
	for i, id := range ids {
		ref := `.text a[href="#` + id + `"], .summary a[href="#` + id + `"]`
		if n := browsertest.Eval[int](t, ctx, `document.querySelectorAll('`+ref+`').length`); n == 0 {
			t.Errorf("%s: note %s has no number to tap", where, id)
			continue
		}
		if browsertest.Eval[bool](t, ctx, `getComputedStyle(document.getElementById("`+id+`")).display != "none"`) {
			t.Errorf("%s: note %s is open before its number is tapped", where, id)
		}
		if _, err := chromedp.Run(ctx, chromedp.Tap(chromedp.CSS(ref))); err != nil {
			t.Fatalf("%s: tap %s: %v", where, id, err)
		}
		open := browsertest.Eval[string](t, ctx, `(() => { const n = document.getElementById("`+id+`"), r = n.getBoundingClientRect();
			return getComputedStyle(n).display + " " + Math.round(r.height) + " " + (r.left >= 0 && r.right <= innerWidth + 1) })()`)
		if f := strings.Fields(open); len(f) != 3 || f[0] == "none" || f[1] == "0" || f[2] != "true" {
			t.Errorf("%s: tapping the number of %s leaves it %s; want it open inside the screen", where, id, open)
			continue
		}
		if i < 3 { // closing works the same for every note
			if _, err := chromedp.Run(ctx, chromedp.Tap(chromedp.CSS(`#`+id+` .note-close`))); err != nil {
				t.Fatalf("%s: close %s: %v", where, id, err)
			}
			if browsertest.Eval[bool](t, ctx, `getComputedStyle(document.getElementById("`+id+`")).display != "none"`) {
				t.Errorf("%s: note %s stays open after its close link", where, id)
			}
		}
	}
}

// TestReaderWords: no reader page shows the editor's working words, and
// every folder that holds pages answers with a page of its own.
func TestReaderWords(t *testing.T) {
	out := production(t, "")
	// A source's slug is a file name, not a name a reader knows it by.
	var srcSlugs []string
	ms, _ := filepath.Glob(filepath.Join(sitetest.RepoRoot(t), "content", "sources", "*.md"))
	for _, m := range ms {
		if b := filepath.Base(m); strings.Count(b, ".") == 1 {
			srcSlugs = append(srcSlugs, regexp.QuoteMeta(strings.TrimSuffix(b, ".md")))
		}
	}
	bad := regexp.MustCompile(`(?i)\bseeds?\b|summary_zh|种子|\b(translation-error|news-report|republished-translation|ai-rewritten-summary|` + strings.Join(srcSlugs, "|") + `)\b`)
	strip := regexp.MustCompile(`(?s)<script.*?</script>|<style.*?</style>|<[^>]*>`)
	pages := 0
	filepath.Walk(out, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if info.IsDir() {
			if p != out && holdsPages(p) {
				if _, err := os.Stat(filepath.Join(p, "index.html")); err != nil {
					t.Errorf("%s/ has no page of its own", strings.TrimPrefix(p, out))
				}
			}
			return nil
		}
		if !strings.HasSuffix(p, ".html") {
			return nil
		}
		pages++
		b, _ := os.ReadFile(p)
		text := strip.ReplaceAllString(string(b), " ")
		for _, m := range bad.FindAllStringIndex(text, 3) {
			t.Errorf("%s: %q", strings.TrimPrefix(p, out), strings.Join(strings.Fields(text[max(0, m[0]-60):min(len(text), m[1]+40)]), " "))
		}
		return nil
	})
	if pages < 300 {
		t.Fatalf("only %d pages read", pages)
	}
}

// holdsPages reports whether a folder has an HTML page anywhere below it
// (a folder of data files, such as the search index, needs no page).
func holdsPages(dir string) bool {
	found := false
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && strings.HasSuffix(p, ".html") {
			found = true
			return filepath.SkipAll
		}
		return nil
	})
	return found
}
