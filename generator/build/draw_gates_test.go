package build_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/dossier-ssg/dossier/generator/internal/browsertest"
)

// TestPicturesInTheBrowser lays the shipped dossier's pictures out in
// Chromium, with the page's real fonts, at a phone's width and a
// desktop's, in both languages: no two texts of a shown picture overlap
// (the layout measures text only by an estimate), every picture is
// shown at one width or the other, and none makes its page wider than
// the screen: a wide picture scrolls in its own box.
func TestPicturesInTheBrowser(t *testing.T) {
	out := production(t, "")
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()
	ctx := browsertest.Browser(t)
	// Rotated column heads are excluded: their boxes are the rotated
	// text's bounding boxes, which overlap while the glyphs do not.
	const check = `(() => {
		const out = {overflow: document.documentElement.scrollWidth > innerWidth, shown: 0, overlaps: []};
		for (const svg of document.querySelectorAll("figure.draw > .draw-scroll > svg")) {
			if (!svg.getClientRects().length) continue;
			out.shown++;
			const ts = [...svg.querySelectorAll("text:not(.head)")].map(t => [t.textContent, t.getBoundingClientRect()]);
			for (let i = 0; i < ts.length; i++) for (let j = i + 1; j < ts.length; j++) {
				const a = ts[i][1], b = ts[j][1];
				if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
					out.overlaps.push(ts[i][0] + " | " + ts[j][0]);
			}
		}
		return JSON.stringify(out);
	})()`
	type result struct {
		Overflow bool
		Shown    int
		Overlaps []string
	}
	for _, w := range []int64{390, 1440} {
		if _, err := chromedp.Run(ctx, chromedp.EmulateViewport(w, 900)); err != nil {
			t.Fatal(err)
		}
		for _, p := range []struct {
			path  string
			shown int
		}{{"/", 1}, {"/timeline/", 1}, {"/people/", 1}, {"/sources/", 1}, {"/claims/musk-total-contribution/", 1},
			{"/zh/", 1}, {"/zh/timeline/", 1}, {"/zh/people/", 1}, {"/zh/sources/", 1}, {"/zh/claims/musk-total-contribution/", 1}} {
			if _, err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+p.path)); err != nil {
				t.Fatalf("%s: %v", p.path, err)
			}
			var r result
			browsertest.Until(t, ctx, p.path+" laid out", `document.fonts.status === "loaded"`)
			js := browsertest.Eval[string](t, ctx, check)
			if err := json.Unmarshal([]byte(js), &r); err != nil {
				t.Fatalf("%s: %v", p.path, err)
			}
			if r.Shown != p.shown {
				t.Errorf("%s at %d px: %d pictures shown, want %d", p.path, w, r.Shown, p.shown)
			}
			if r.Overflow {
				t.Errorf("%s at %d px: the page is wider than the screen", p.path, w)
			}
			for _, o := range r.Overlaps {
				t.Errorf("%s at %d px: labels overlap: %s", p.path, w, o)
			}
		}
	}
}
