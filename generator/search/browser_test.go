package search_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/dossier-ssg/dossier/generator/build"
	"github.com/dossier-ssg/dossier/generator/internal/browsertest"
	"github.com/dossier-ssg/dossier/generator/search"
)

// served builds the shipped dossier once at the root and once under
// /dossier/, and serves both from one server.
var served = sync.OnceValues(func() (string, error) {
	root, err := os.MkdirTemp("", "dossier-search-")
	if err != nil {
		return "", err
	}
	for _, c := range []struct{ dir, base string }{{"root", ""}, {"sub", "https://example.org/dossier/"}} {
		if _, err := build.Build(build.Options{SiteDir: filepath.Join("..", ".."), OutDir: filepath.Join(root, c.dir), BaseURL: c.base}); err != nil {
			return "", err
		}
	}
	mux := http.NewServeMux()
	mux.Handle("/dossier/", http.StripPrefix("/dossier", http.FileServer(http.Dir(filepath.Join(root, "sub")))))
	mux.Handle("/", http.FileServer(http.Dir(filepath.Join(root, "root"))))
	srv := httptest.NewServer(mux)
	return srv.URL, nil
})

func server(t *testing.T) string {
	t.Helper()
	u, err := served()
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestScriptAgrees runs search.js's tokeniser and ranking in Chromium
// on the same inputs as the Go code: the same tokens, the same query
// terms, and for every query of the list the same ten first documents.
func TestScriptAgrees(t *testing.T) {
	url := server(t)
	ctx := browsertest.Browser(t)
	inputs := []string{"Elon Musk's emails were released", "$97.4 billion, $1,000,000", "Zoë Déjà-vu ＯｐｅｎＡＩ　ＣＥＯ", "马斯克出价974亿美元",
		"OpenAI的首席执行官", "“骗子奥尔特曼”", "co-founder and CEO", "the 0% email", "Ｍｕｓｋ１２３ classes boss is", "Feb. 14, 2025", "wanted founding companies"}
	ixs, err := shipped()
	if err != nil {
		t.Fatal(err)
	}
	for lang, qs := range Queries(t) {
		page := url + "/search/"
		if lang != "en" {
			page = url + "/" + lang + "/search/"
		}
		if _, err := chromedp.Run(ctx, chromedp.Navigate(page)); err != nil {
			t.Fatal(err)
		}
		browsertest.Until(t, ctx, "script", `!!window.__dossierSearch`)
		for _, in := range inputs {
			arg, _ := json.Marshal(in)
			got := browsertest.Eval[[]string](t, ctx, fmt.Sprintf(`window.__dossierSearch.tokens(%s)`, arg))
			if want := search.Tokens(in); !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
				t.Errorf("tokens(%q): script %q, Go %q", in, got, want)
			}
			terms := browsertest.Eval[string](t, ctx, fmt.Sprintf(`window.__dossierSearch.terms(%s).map(t => t.token + "|" + t.prefix).join(" ") + " " + window.__dossierSearch.nameKey(%s)`, arg, arg))
			var want []string
			for _, tm := range search.QueryTerms(in) {
				want = append(want, tm.Token+"|"+tm.Prefix)
			}
			if w := strings.Join(want, " ") + " " + search.NameKey(in); terms != w {
				t.Errorf("terms(%q): script %q, Go %q", in, terms, w)
			}
		}
		ix := ixs[lang]
		for _, q := range qs {
			arg, _ := json.Marshal(q.Q)
			got := browsertest.Eval[[]float64](t, ctx, fmt.Sprintf(`window.__dossierSearch.query(%s).then(rs => rs.slice(0, 10).map(r => r.doc))`, arg), chromedp.EvalAwaitPromise)
			var want []float64
			for i, r := range ix.Query(q.Q) {
				if i == 10 {
					break
				}
				want = append(want, float64(r.Doc))
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s %q: script ranks %v, Go %v", lang, q.Q, got, want)
			}
		}
	}
}

// TestSearchInBrowser types queries into the search page in both
// languages, at the root and under a sub-path, moves to the first result
// with the arrow key and opens it with Enter: the browser lands on the
// expected page, at the expected anchor. axe-core checks the page with
// results shown.
func TestSearchInBrowser(t *testing.T) {
	url := server(t)
	ctx := browsertest.Browser(t)
	axe, err := os.ReadFile(browsertest.Tool(t, "DOSSIER_AXE_JS", "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ lang, q, want string }{
		{"en", "Sam Altman", "/people/sam-altman/"},
		{"en", "jackass", "/events/2018-02-all-hands-jackass/"},
		{"en", `"Scam Altman"`, "/sources/new-war-origin/#p-musk-is-said-to-have-been"},
		{"zh", "974亿", "/zh/events/2025-02-97-billion-bid/"},
		{"zh", "星际之门", "/zh/organizations/stargate/"},
		{"zh", "马斯克 董事会 2018", "/zh/events/2018-02-musk-leaves-board/"},
	}
	for _, base := range []string{"", "/dossier"} {
		for i, c := range cases {
			start := url + base + "/people/elon-musk/"
			if c.lang != "en" {
				start = url + base + "/" + c.lang + "/people/elon-musk/"
			}
			if _, err := chromedp.Run(ctx, chromedp.Navigate(start)); err != nil {
				t.Fatal(err)
			}
			// The header field is a plain form: it opens the search page.
			browsertest.Until(t, ctx, "script", `!!window.__dossierSearch`)
			if i == 0 {
				// This browser reports no mouse (as a touch screen does):
				// focusing a link shows no preview.
				browsertest.Eval[bool](t, ctx, `document.querySelector("#main a[href*='/people/']").focus(); true`)
				time.Sleep(300 * time.Millisecond)
				if browsertest.Eval[bool](t, ctx, `!!document.getElementById("preview-card")`) {
					t.Error("a preview card without a mouse")
				}
			}
			chromedp.Run(ctx, chromedp.KeyEvent("/"))
			if got := browsertest.Eval[string](t, ctx, `document.activeElement.id`); got != "site-q" {
				t.Fatalf("after /, focus is on %q, want the header's search field", got)
			}
			// (A real browser types no "/" once its keydown is taken; the
			// protocol's separate char event still does.)
			browsertest.Eval[bool](t, ctx, `document.activeElement.value = ""; true`)
			chromedp.Run(ctx, chromedp.KeyEvent(c.q))
			chromedp.Run(ctx, chromedp.KeyEvent(kb.Enter))
			browsertest.Until(t, ctx, "search page", `location.pathname.endsWith("/search/") && document.getElementById("search-q").value === `+jsString(c.q))
			browsertest.Until(t, ctx, "results", `document.querySelectorAll("a.search-hit").length > 0`)
			if got := browsertest.Eval[string](t, ctx, `document.querySelector("#search-nojs").hidden + "|" + (document.querySelector("#search-results mark") !== null)`); got != "true|true" {
				t.Errorf("%q: no-script notice hidden, matches highlighted: %s, want true|true", c.q, got)
			}
			if i == 0 || i == 3 {
				browsertest.Eval[bool](t, ctx, string(axe)+";true")
				res := browsertest.Eval[string](t, ctx, `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}})
					.then(r => JSON.stringify(r.violations.map(v => ({id: v.id, help: v.help, first: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))))`, chromedp.EvalAwaitPromise)
				if res != "[]" {
					t.Errorf("%s search page: axe violations: %s", c.lang, res)
				}
			}
			chromedp.Run(ctx, chromedp.Focus("#search-q"))
			chromedp.Run(ctx, chromedp.KeyEvent(kb.ArrowDown))
			if !browsertest.Eval[bool](t, ctx, `document.activeElement === document.querySelector("a.search-hit")`) {
				t.Fatalf("%q: ArrowDown did not move to the first result", c.q)
			}
			chromedp.Run(ctx, chromedp.KeyEvent(kb.Enter))
			want := base + c.want
			browsertest.Until(t, ctx, "landed on "+want, `decodeURIComponent(location.pathname + location.hash) === `+jsString(want))
			if h := strings.SplitN(c.want, "#", 2); len(h) == 2 {
				// The URL changes when the navigation commits; the element
				// exists once the page has been parsed that far.
				browsertest.Until(t, ctx, fmt.Sprintf("%q: element #%s on the page", c.q, h[1]), `document.readyState !== "loading" && !!document.getElementById(`+jsString(h[1])+`)`)
			}
		}
	}
}

// mouseBrowser is a headless Chromium that says it has a mouse: headless
// reports no pointer and no hover, and previews are for mice only.
func mouseBrowser(t *testing.T) context.Context {
	// Blink's PointerType fine = 4, HoverType hover = 2.
	ctx := browsertest.Browser(t, chromedp.Flag("blink-settings", "primaryPointerType=4,availablePointerTypes=4,primaryHoverType=2,availableHoverTypes=2"))
	if !browsertest.Eval[bool](t, ctx, `matchMedia("(hover: hover) and (pointer: fine)").matches`) {
		t.Fatal("Chromium does not report a mouse")
	}
	return ctx
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestPreviews hovers a mention, a citation marker and an event link on
// a wide screen: a card shows the name and a line, or the cited words
// and their source, beside the link and not over it; Escape closes it;
// focus from the keyboard opens it too; axe-core finds nothing wrong
// with a card open.
func TestPreviews(t *testing.T) {
	url := server(t)
	ctx := mouseBrowser(t)
	axe, err := os.ReadFile(browsertest.Tool(t, "DOSSIER_AXE_JS", "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	hover := func(sel string) {
		t.Helper()
		rect := browsertest.Eval[[]float64](t, ctx, `(() => { const a = document.querySelector(`+jsString(sel)+`); a.scrollIntoView({block: "center"}); const r = a.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })()`)
		chromedp.Run(ctx, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 1, 1))
		chromedp.Run(ctx, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, rect[0], rect[1]))
	}
	open := `(() => { const c = document.getElementById("preview-card"); return !!c && !c.hidden; })()`
	notOver := func(sel string) {
		t.Helper()
		ok := browsertest.Eval[bool](t, ctx, `(() => { const a = document.querySelector(`+jsString(sel)+`).getBoundingClientRect(), c = document.getElementById("preview-card").getBoundingClientRect();
			return c.bottom <= a.top || c.top >= a.bottom || c.right <= a.left || c.left >= a.right; })()`)
		if !ok {
			t.Errorf("the card for %s covers its link", sel)
		}
	}
	for _, c := range []struct{ page, sel, want string }{
		{"/sources/wsj-bromance/", `a.mention[href$="/people/sam-altman/"]`, "Sam Altman|OpenAI co-founder and chief executive"},
		{"/people/elon-musk/", `sup.cite a[href*="#p-musk-ended-up-donating-44-million"]`, "Musk ended up donating $44 million|— How the bromance"},
		{"/timeline/", `ol.events a[href$="/events/2025-02-97-billion-bid/"]`, "Musk bids $97.4 billion for OpenAI's nonprofit arm|February 2025"},
		{"/zh/people/elon-musk/", `a[href$="/zh/people/sam-altman/"]`, "萨姆·奥尔特曼"},
	} {
		if _, err := chromedp.Run(ctx, chromedp.Navigate(url+c.page)); err != nil {
			t.Fatal(err)
		}
		browsertest.Until(t, ctx, "script", `!!window.__dossierSearch`)
		hover(c.sel)
		browsertest.Until(t, ctx, "card for "+c.sel, open)
		text := browsertest.Eval[string](t, ctx, `document.getElementById("preview-card").innerText`)
		for _, w := range strings.Split(c.want, "|") {
			if !strings.Contains(text, w) {
				t.Errorf("%s %s: card says %q, want %q", c.page, c.sel, text, w)
			}
		}
		notOver(c.sel)
		if d := browsertest.Eval[string](t, ctx, `document.querySelector(`+jsString(c.sel)+`).getAttribute("aria-describedby") || ""`); d != "preview-card" {
			t.Errorf("%s: the link is not described by its card (%q)", c.sel, d)
		}
		if c.page == "/people/elon-musk/" {
			browsertest.Eval[bool](t, ctx, string(axe)+";true")
			res := browsertest.Eval[string](t, ctx, `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}})
				.then(r => JSON.stringify(r.violations.map(v => ({id: v.id, help: v.help, first: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))))`, chromedp.EvalAwaitPromise)
			if res != "[]" {
				t.Errorf("with a card open: axe violations: %s", res)
			}
		}
		chromedp.Run(ctx, chromedp.KeyEvent(kb.Escape))
		browsertest.Until(t, ctx, "card closed by Escape", "!"+open)
	}
	// The keyboard: focusing a link opens its card; moving on closes it.
	if _, err := chromedp.Run(ctx, chromedp.Navigate(url+"/timeline/")); err != nil {
		t.Fatal(err)
	}
	browsertest.Until(t, ctx, "script", `!!window.__dossierSearch`)
	chromedp.Run(ctx, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 1, 1))
	browsertest.Eval[bool](t, ctx, `document.querySelector('ol.events a[href$="/events/2025-02-97-billion-bid/"]').focus(); true`)
	browsertest.Until(t, ctx, "card on focus", open+` && document.getElementById("preview-card").innerText.includes("97.4")`)
	browsertest.Eval[bool](t, ctx, `document.activeElement.blur(); true`)
	browsertest.Until(t, ctx, "card closed on blur", "!"+open)
}
