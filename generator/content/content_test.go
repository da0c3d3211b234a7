package content

import (
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
	if late.Format("en") != "late 2018" || late.Format("zh") != "2018年末" || late.Key() <= "2018-06" {
		t.Errorf("late 2018: %q %q %q", late.Format("en"), late.Format("zh"), late.Key())
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
