package render

import (
	"strings"
	"testing"

	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/markdown"
)

// hostile is a value that would break out of an attribute and open a
// script if a hook wrote it unescaped.
const hostile = `x"><script>alert(1)</script>`

// TestHooksEscapeHostileValues runs every default hook on values that
// try to break out of their attribute or text: the hook escapes them.
func TestHooksEscapeHostileValues(t *testing.T) {
	h := DefaultHooks()
	open, close, reopen, suspend := h.mark(hostile, hostile)
	mopen, mclose := h.mention(&content.Doc{Title: hostile}, func() string { return "/people/" + hostile + "/" })
	lopen, lclose := h.link(markdown.LinkAttrs{Href: "/x/" + hostile, Title: hostile, Kind: hostile})
	wopen, wclose := h.link(markdown.LinkAttrs{Href: "javascript:alert(1)", Wiki: true})
	hopen, hclose := h.heading(markdown.HeadingAttrs{Level: 2, ID: hostile})
	outs := map[string]string{
		"heading": hopen + hclose,
		"link":    lopen + lclose,
		"wiki":    wopen + wclose,
		"mark":    open + close + reopen + suspend,
		"mention": mopen + mclose,
		"ref":     h.exec("hook-anno-ref", AnnoRefHook{Slug: hostile, Number: 1, Label: hostile, Linked: true}),
		"note": h.exec("hook-note", NoteHook{Type: hostile, TypeLabel: hostile, Slug: hostile, Number: 2, Label: hostile, Lang: hostile,
			Close: hostile, Title: hostile, Href: "/annotations/" + hostile, TitleLang: hostile, BodyLang: hostile, Body: "<p>body</p>"}),
		"cite":   h.citeMarker(CiteView{Verified: true, Short: hostile, ShortLang: hostile, Context: "/sources/s/#" + hostile, Quote: hostile, Source: Item{Title: hostile}}, nil, true, true, map[string]int{}),
		"broken": h.citeMarker(CiteView{Short: hostile}, nil, true, true, map[string]int{}),
		"error":  h.exec("hook-error", ErrorHook{Message: hostile}),
		"script": h.citeMarker(CiteView{Verified: true, Short: "s", Context: "javascript:alert(1)"}, nil, true, true, map[string]int{}),
	}
	if d := h.Diags(); len(d) > 0 {
		t.Fatalf("hooks failed: %v", d)
	}
	for name, out := range outs {
		if out == "" {
			t.Errorf("%s: no output", name)
		}
		for _, bad := range []string{"<script", `x"`, "javascript:"} {
			if strings.Contains(out, bad) {
				t.Errorf("%s writes %q unescaped: %s", name, bad, out)
			}
		}
	}
	if !strings.Contains(outs["note"], "<p>body</p>") {
		t.Errorf("the note's body (trusted HTML) is escaped: %s", outs["note"])
	}
}

// TestHookMarkPieces checks how a highlight is cut into its pieces: the
// anchor only on the first opening, the closing tag on every closing.
func TestHookMarkPieces(t *testing.T) {
	open, close, reopen, suspend := DefaultHooks().mark("context", "a1")
	for _, c := range []struct{ name, got, want string }{
		{"open", open, `<mark class="anno anno-context" id="a-a1">`},
		{"close", close, `</mark>`},
		{"reopen", reopen, `<mark class="anno anno-context">`},
		{"suspend", suspend, `</mark>`},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
}
