package search

import (
	"bytes"
	"testing"
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
