package wdiff

import (
	"strings"
	"testing"
)

func render(parts []Part) string {
	var b []string
	for _, p := range parts {
		switch p.Op {
		case Del:
			b = append(b, "[-"+p.Text+"-]")
		case Ins:
			b = append(b, "{+"+p.Text+"+}")
		default:
			b = append(b, p.Text)
		}
	}
	return strings.Join(b, " ")
}

func TestDiff(t *testing.T) {
	tests := []struct{ a, b, want string }{
		{"providing free funding to a startup.", "providing free funding for you to create a startup.",
			"providing free funding {+for you+} to {+create+} a startup."},
		{"“Agree on all.”", `"agree on all"`, `"agree on all"`},
		{"0%.", "0%. Not 1%. I wish it were otherwise", "0%. {+Not 1%. I wish it were otherwise+}"},
		{"a b c", "", "[-a b c-]"},
	}
	for _, tc := range tests {
		if got := render(Diff(tc.a, tc.b)); got != tc.want {
			t.Errorf("Diff(%q, %q)\n got %s\nwant %s", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestSimilarity(t *testing.T) {
	if s := Similarity("a b c d", "a b c d"); s != 1 {
		t.Errorf("identical: %v", s)
	}
	if s := Similarity("a b c d", "w x y z"); s != 0 {
		t.Errorf("disjoint: %v", s)
	}
}
