package render

import (
	"fmt"
	"slices"
	"testing"
)

// TestGroupMentions: mentions group by source, the source with most
// first (a tie goes to the source met first), each group's mentions in
// the text's order, the first mentionsShown shown and the rest folded.
func TestGroupMentions(t *testing.T) {
	var ms []MentionView
	add := func(src string, n int) {
		ms = append(ms, MentionView{Source: Item{Title: src, URL: "/sources/" + src + "/"}, Match: fmt.Sprintf("%s%d", src, n)})
	}
	// a: 2 mentions, b: 5, c: 5, interleaved.
	for _, m := range []struct {
		src string
		n   int
	}{{"a", 1}, {"b", 1}, {"c", 1}, {"b", 2}, {"a", 2}, {"b", 3}, {"c", 2}, {"c", 3}, {"b", 4}, {"c", 4}, {"c", 5}, {"b", 5}} {
		add(m.src, m.n)
	}
	matches := func(vs []MentionView) []string {
		var out []string
		for _, v := range vs {
			out = append(out, v.Match)
		}
		return out
	}
	gs := groupMentions(ms)
	want := []struct {
		id          string
		count       int
		first, rest []string
	}{
		{"m-sources-b", 5, []string{"b1", "b2", "b3"}, []string{"b4", "b5"}},
		{"m-sources-c", 5, []string{"c1", "c2", "c3"}, []string{"c4", "c5"}},
		{"m-sources-a", 2, []string{"a1", "a2"}, nil},
	}
	if len(gs) != len(want) {
		t.Fatalf("%d groups, want %d", len(gs), len(want))
	}
	for i, w := range want {
		g := gs[i]
		if g.ID != w.id || g.Count != w.count || !slices.Equal(matches(g.First), w.first) || !slices.Equal(matches(g.Rest), w.rest) || (w.rest == nil) != (g.Rest == nil) {
			t.Errorf("group %d: %s, %d, first %v, rest %v; want %s, %d, %v, %v", i, g.ID, g.Count, matches(g.First), matches(g.Rest), w.id, w.count, w.first, w.rest)
		}
	}
	// A group's parts cannot grow into another's.
	if cap(gs[0].First) != len(gs[0].First) || cap(gs[0].Rest) != len(gs[0].Rest) {
		t.Error("a group's mentions have room that is another group's")
	}
	if groupMentions(nil) != nil {
		t.Error("no mentions, yet groups")
	}
}
