package search

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"unsafe"
)

// An index of units and previews the last build indexed is its files,
// made once; any change to a unit or a preview makes it again, as a
// fresh index would be; an index no build asked for is let go.
func TestCacheReusesUnchangedIndex(t *testing.T) {
	c := NewCache()
	previews := map[string]Preview{"/people/elon-musk/": {Kind: "person", Title: "Elon Musk"}}
	c.Advance()
	first := Build(testUnits(), previews, c)
	c.Advance()
	again := Build(testUnits(), map[string]Preview{"/people/elon-musk/": {Kind: "person", Title: "Elon Musk"}}, c)
	if len(again) != len(first) || &again[0] != &first[0] {
		t.Error("the same units and previews were indexed again")
	}
	same := func(a, b []File) bool {
		if len(a) != len(b) {
			return false
		}
		for i := range a {
			if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
				return false
			}
		}
		return true
	}
	for name, change := range map[string]func([]Unit, map[string]Preview){
		"a unit's text": func(u []Unit, _ map[string]Preview) { u[1].Text += " Again." },
		"a unit's name": func(u []Unit, _ map[string]Preview) { u[0].Names = append(u[0].Names[:1:1], "Elon") },
		"a unit's url":  func(u []Unit, _ map[string]Preview) { u[3].URL += "x" },
		"a preview":     func(_ []Unit, p map[string]Preview) { p["/people/elon-musk/"] = Preview{Kind: "person", Title: "Musk"} },
		"a unit less":   func(u []Unit, _ map[string]Preview) {},
	} {
		units := testUnits()
		p := map[string]Preview{"/people/elon-musk/": {Kind: "person", Title: "Elon Musk"}}
		change(units, p)
		if name == "a unit less" {
			units = units[:len(units)-1]
		}
		c.Advance()
		got := Build(units, p, c)
		if want := Build(units, p, nil); !same(got, want) {
			t.Errorf("%s changed: the cached index differs from a fresh one", name)
		}
		if same(got, first) {
			t.Errorf("%s changed: the index is the old one", name)
		}
	}
	c.Advance()
	c.Advance()
	if len(c.idx)+len(c.oldIdx) != 0 {
		t.Errorf("%d indexes kept that no build asked for", len(c.idx)+len(c.oldIdx))
	}
}

// An index asked for twice in one build is held once.
func TestCacheHoldsAnIndexOnce(t *testing.T) {
	c := NewCache()
	Build(testUnits(), nil, c)
	Build(testUnits(), nil, c)
	c.Advance()
	Build(testUnits(), nil, c)
	Build(testUnits(), nil, c)
	if len(c.idx) != 1 {
		t.Errorf("the cache holds the index %d times", len(c.idx))
	}
}

// TestIndexAcrossChunks: units are counted a chunk at a time; each of
// 1,300 units (three chunks) has a word of its own, and that word's
// postings name that unit alone, with the score a lone unit of the same
// text gets relative to the others (all texts are alike).
func TestIndexAcrossChunks(t *testing.T) {
	var units []Unit
	for i := range 1300 {
		units = append(units, Unit{Type: TypePage, Title: "Page", URL: fmt.Sprintf("/p%d/", i), Text: fmt.Sprintf("common words and zq%dx here", i)})
	}
	for _, c := range []*Cache{nil, NewCache()} {
		ix := NewCached(units, c)
		var score int32
		for i := range units {
			ps := ix.Postings[fmt.Sprintf("zq%dx", i)]
			if len(ps) != 1 || int(ps[0].doc) != i {
				t.Fatalf("unit %d's own word: postings %v", i, ps)
			}
			if i == 0 {
				score = ps[0].score
			} else if ps[0].score != score {
				t.Fatalf("unit %d's own word scores %d, unit 0's %d", i, ps[0].score, score)
			}
		}
		if ps := ix.Postings["common"]; len(ps) != len(units) || int(ps[len(ps)-1].doc) != len(units)-1 {
			t.Fatalf("a word of every unit: %d postings", len(ps))
		}
	}
}

// TestFrozenCacheKeepsNothing: a frozen cache gives the terms it has and
// keeps no new ones, nor the index, until the next build.
func TestFrozenCacheKeepsNothing(t *testing.T) {
	c := NewCache()
	a := Unit{Type: TypePage, Title: "A", URL: "/a/", Text: "first text"}
	b := Unit{Type: TypePage, Title: "B", URL: "/b/", Text: "second text"}
	c.Advance()
	sa := c.terms(a)
	c.Freeze()
	if c.terms(a) != sa {
		t.Error("a frozen cache did not give the terms it had")
	}
	c.terms(b)
	Build([]Unit{a, b}, nil, c)
	if len(c.cur) != 1 || len(c.idx) != 0 {
		t.Errorf("a frozen cache kept %d units' terms and %d indexes, want 1 and 0", len(c.cur), len(c.idx))
	}
	c.Advance()
	c.terms(b)
	if len(c.cur) != 1 || c.cur[termsKey{title: "B", text: "second text"}] == nil {
		t.Error("the next build's cache is still frozen")
	}
}

// TestWriteIsBuild: Write hands put the files Build makes, each once,
// with no cache, a cache that keeps and a frozen one, long texts (cut to
// their snippets as they are read) and previews included; the frozen
// cache keeps no index, the keeping one keeps it for the next build, and
// put's error is Write's.
func TestWriteIsBuild(t *testing.T) {
	units := func() []Unit {
		var us []Unit
		for i := range 1100 { // more than two chunks of units
			us = append(us, Unit{Type: TypeParagraph, Title: "Source", URL: fmt.Sprintf("/s/#p%d", i), Text: strings.Repeat(fmt.Sprintf("long words of paragraph zq%dx ", i), 20)})
		}
		return append(us, testUnits()...)
	}
	previews := map[string]Preview{"/people/elon-musk/": {Kind: "person", Title: "Elon Musk"}}
	want := map[string][]byte{}
	for _, f := range Build(units(), previews, nil) {
		want[f.Path] = f.Data
	}
	frozen := NewCache()
	frozen.Freeze()
	for name, c := range map[string]*Cache{"no cache": nil, "a cache": NewCache(), "a frozen cache": frozen} {
		var mu sync.Mutex
		got := map[string][]byte{}
		err := Write(units(), previews, c, func(f File) error {
			mu.Lock()
			defer mu.Unlock()
			if _, twice := got[f.Path]; twice {
				t.Errorf("%s: %s put twice", name, f.Path)
			}
			got[f.Path] = f.Data
			return nil
		})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !maps.EqualFunc(got, want, bytes.Equal) {
			t.Errorf("%s: Write put %d files, not the %d Build makes", name, len(got), len(want))
		}
	}
	if len(frozen.idx) != 0 {
		t.Error("a frozen cache kept the index Write made")
	}
	kept := NewCache()
	Write(units(), previews, kept, func(File) error { return nil })
	if _, ok := kept.built(units(), previews); !ok {
		t.Error("a cache that keeps did not keep the index Write made")
	}
	fail := errors.New("disk full")
	if err := Write(units(), previews, nil, func(File) error { return fail }); !errors.Is(err, fail) {
		t.Errorf("put failed, Write returned %v", err)
	}
}

// TestTrimmedIndexCutsTexts: an index made to let its units go keeps of
// each text its snippet, a copy, and the same postings as one that keeps
// them whole.
func TestTrimmedIndexCutsTexts(t *testing.T) {
	long := strings.Repeat("a text far longer than any snippet ", 40)
	units := []Unit{{Type: TypePage, Title: "A", URL: "/a/", Text: long}, {Type: TypePage, Title: "B", URL: "/b/", Text: "short"}}
	whole := NewCached(slices.Clone(units), nil)
	trimmed := newIndex(slices.Clone(units), nil, true)
	if got := trimmed.Units[0].Text; got != snippetText(long) || unsafe.StringData(got) == unsafe.StringData(long) {
		t.Errorf("the long text kept as %d bytes (a copy: %v), want its %d-byte snippet, copied", len(got), unsafe.StringData(got) != unsafe.StringData(long), len(snippetText(long)))
	}
	if trimmed.Units[1].Text != "short" {
		t.Errorf("a short text changed to %q", trimmed.Units[1].Text)
	}
	if !maps.EqualFunc(whole.Postings, trimmed.Postings, slices.Equal) {
		t.Error("cutting the texts changed the postings")
	}
}
