package content

import (
	"sort"
	"strings"
	"testing"

	"github.com/dossier-ssg/dossier/generator/markdown"
)

func TestParseDate(t *testing.T) {
	for in, want := range map[any]string{
		"2015": "2015", 2015: "2015", "2015-05": "May 2015", "2025-01-21": "21 January 2025",
	} {
		d, err := ParseDate(in)
		if err != nil || d.Format("en") != want {
			t.Errorf("ParseDate(%v) = %q, %v; want %q", in, d.Format("en"), err, want)
		}
	}
	d, _ := ParseDate("2025-01-21")
	if got := d.Format("zh"); got != "2025年1月21日" {
		t.Errorf("zh format = %q", got)
	}
	late := Date{Year: 2018, Precision: Year, Part: "late"}
	if late.Format("en") != "late 2018" || late.Format("zh") != "2018年末" || late.Key() <= (Date{Year: 2018, Month: 6, Precision: Month}).Key() {
		t.Errorf("late 2018: %q %q %d", late.Format("en"), late.Format("zh"), late.Key())
	}
	// Keys order dates as the calendar does, a year's parts among its months.
	var keys []int
	for _, s := range []string{"1999", "early 2015", "2015-03", "mid 2015", "2015-06-02", "late 2015", "2015-12-31", "2016-01-01"} {
		part, year, ok := strings.Cut(s, " ")
		if !ok {
			part, year = "", s
		}
		d, err := ParseDate(year)
		if err != nil {
			t.Fatal(err)
		}
		d.Part = part
		keys = append(keys, d.Key())
	}
	if !sort.IntsAreSorted(keys) {
		t.Errorf("keys out of calendar order: %v", keys)
	}
	for _, bad := range []string{"spring 2015", "2015-13", "2015-02-30", "15-05"} {
		if _, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) accepted", bad)
		}
	}
}

// TestSeedFrontMatter: the Verge seed's front matter is valid as given.
func TestSeedFrontMatter(t *testing.T) {
	src := "---\ntitle: Inside Elon Musk’s messy breakup with OpenAI\ndate: 2024-11-20\nextra:\n  source: https://www.theverge.com/x\n  original_title: Inside Elon Musk’s messy breakup with OpenAI\n---\nText.\n"
	d := Parse(markdown.New(), "sources/verge.md", []byte(src))
	if d.Diags.HasErrors() {
		t.Fatalf("diagnostics: %v", d.Diags)
	}
	s := d.Source
	if s.URL != "https://www.theverge.com/x" || s.Published.ISO() != "2024-11-20" || s.OriginalTitle != "" {
		t.Errorf("source meta = %+v", s)
	}
}

func TestUnknownKeyIsAWarningWithSuggestion(t *testing.T) {
	d := Parse(markdown.New(), "people/x.md", []byte("---\nname: X\nalias: [Y]\n---\n"))
	if len(d.Diags) != 1 || d.Diags[0].Line != 3 || !strings.Contains(d.Diags[0].Hint, `"aliases"`) || d.Diags.HasErrors() {
		t.Errorf("diags = %v", d.Diags)
	}
}

func TestClaimFigures(t *testing.T) {
	head := "---\nquestion: How much?\nversions:\n  - source: a\n    quote: q\n    value: v\n"
	tail := "  - source: b\n    quote: r\n    value: w\n---\n"
	parse := func(extra string) *Doc {
		return Parse(markdown.New(), "claims/x.md", []byte(head+extra+tail))
	}
	d := parse("    amount: 44000000\n    unit: USD\n")
	if d.Diags.HasErrors() || d.Citations[0].Figure == nil || d.Citations[0].Figure.Low != 44e6 || d.Citations[0].Figure.IsRange() || d.Citations[1].Figure != nil {
		t.Fatalf("amount: %v %+v", d.Diags, d.Citations[0].Figure)
	}
	d = parse("    range: [50000000, 1.0e8]\n    unit: USD\n")
	if f := d.Citations[0].Figure; d.Diags.HasErrors() || f == nil || f.Low != 5e7 || f.High != 1e8 || !f.IsRange() {
		t.Fatalf("range: %v %+v", d.Diags, f)
	}
	for _, c := range []struct {
		extra, msg string
		line       int
	}{
		{"    amount: \"$44 million\"\n    unit: USD\n", "amount must be a number", 7},
		{"    range: [100, 50]\n    unit: USD\n", "does not go from low to high", 7},
		{"    range: [100]\n    unit: USD\n", "list of two numbers", 7},
		{"    amount: 44000000\n", "amount has no unit", 7},
		{"    unit: USD\n", "unit without amount", 7},
		{"    amount: 1\n    range: [1, 2]\n    unit: USD\n", "both amount and range", 8},
		{"    amount: 1\n    unit: dollars!\n", "not a currency code", 8},
	} {
		d := parse(c.extra)
		if len(d.Diags) != 1 || !d.Diags.HasErrors() || !strings.Contains(d.Diags[0].Msg, c.msg) || d.Diags[0].Line != c.line || d.Diags[0].Hint == "" {
			t.Errorf("%q: diags = %v", c.extra, d.Diags)
		}
		if d.Citations[0].Figure != nil {
			t.Errorf("%q: a bad figure is kept", c.extra)
		}
	}
}
