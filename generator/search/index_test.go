package search

import (
	"reflect"
	"strings"
	"testing"
)

func testUnits() []Unit {
	return []Unit{
		{Type: TypePerson, Title: "Elon Musk", URL: "/people/elon-musk/", Names: []string{"Elon Musk", "Musk"}, Text: "Co-founder and early funder of OpenAI."},
		{Type: TypePerson, Title: "Sam Altman", URL: "/people/sam-altman/", Names: []string{"Sam Altman", "Altman"}, Text: "Chief executive of OpenAI."},
		{Type: TypeEvent, Title: "Musk bids $97.4 billion for OpenAI", URL: "/events/bid/", Date: "February 2025", Text: "Musk filed a $97.4 billion acquisition offer for OpenAI's nonprofit division."},
		{Type: TypeParagraph, Title: "WSJ", URL: "/sources/wsj/#p-1", Source: "WSJ", Text: "Musk wanted majority equity, initial board control and to be CEO."},
		{Type: TypeParagraph, Title: "新战争起源", URL: "/zh/sources/x/#p-2", Source: "新战争", Text: "马斯克提出以974亿美元收购OpenAI的非营利部门。" + strings.Repeat("其他文字。", 200)},
		{Type: TypeOrganization, Title: "星际之门", URL: "/zh/organizations/stargate/", Names: []string{"星际之门", "Stargate"}, Text: "一个人工智能基础设施项目。"},
	}
}

func top(ix *Index, q string) string {
	rs := ix.Query(q)
	if len(rs) == 0 {
		return ""
	}
	return ix.Units[rs[0].Doc].URL
}

func TestQueryRanks(t *testing.T) {
	ix := New(testUnits())
	for _, c := range [][2]string{
		{"musk", "/people/elon-musk/"},
		{"Altman", "/people/sam-altman/"},
		{"$97.4 billion", "/events/bid/"},
		{"wanted to be CEO", "/sources/wsj/#p-1"},
		{"974亿", "/zh/sources/x/#p-2"},
		{"星际之门", "/zh/organizations/stargate/"},
		{"stargate", "/zh/organizations/stargate/"},
		{"马斯克 OpenAI", "/zh/sources/x/#p-2"},
		{"ＳＴＡＲＧＡＴＥ", "/zh/organizations/stargate/"},
		{"alt", "/people/sam-altman/"}, // prefix while typing
	} {
		if got := top(ix, c[0]); got != c[1] {
			t.Errorf("%q: first %q, want %q", c[0], got, c[1])
		}
	}
	if rs := ix.Query("nothing-like-this"); len(rs) != 0 {
		t.Errorf("a query for nothing found %d documents", len(rs))
	}
}

// TestRoundTrip writes the index and reads it back: the same postings,
// the same units (text cut to its snippet), the same answers.
func TestRoundTrip(t *testing.T) {
	units := testUnits()
	ix := New(units)
	files := ix.Files()
	back, err := Load(files)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Postings, ix.Postings) {
		t.Error("postings differ after the round trip")
	}
	if len(back.Units) != len(units) {
		t.Fatalf("%d units back, want %d", len(back.Units), len(units))
	}
	for i, u := range units {
		b := back.Units[i]
		if b.Title != u.Title || b.URL != u.URL || b.Type != u.Type || b.Date != u.Date || b.Source != u.Source || !strings.HasPrefix(u.Text, b.Text) {
			t.Errorf("unit %d: %+v, want %+v", i, b, u)
		}
	}
	if len(back.Units[4].Text) > snippetChars {
		t.Errorf("a long text kept %d bytes, want at most %d", len(back.Units[4].Text), snippetChars)
	}
	for _, q := range []string{"musk", "974亿", "openai", "alt"} {
		if !reflect.DeepEqual(back.Query(q), ix.Query(q)) {
			t.Errorf("%q: answers differ after the round trip", q)
		}
	}
	// Names carry fingerprints; index.json does not.
	for _, f := range files {
		if f.Path != "index.json" && !strings.Contains(f.Path, ".") {
			t.Errorf("file %s has no fingerprint", f.Path)
		}
	}
	if got := ix.Fetched(files, "musk", 5); got[0] != "index.json" || len(got) < 3 {
		t.Errorf("fetched for musk: %v", got)
	}
}
