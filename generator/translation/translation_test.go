package translation

import (
	"strings"
	"testing"

	"github.com/dossier-ssg/dossier/generator/content"
)

const claim = `---
question: How much did he give?
about: [elon-musk]
versions:
  - source: wsj
    quote: "Musk ended up donating $44 million"
    value: "$44 million"
  - source: verge
    quote: "between $50 million and $100 million"
    value: "$50–100 million"
    note: A range.
---
The sources disagree.
`

func TestSkeletonAndLocalize(t *testing.T) {
	o := content.Parse(md, "claims/money.md", []byte(claim))
	sk, err := Skeleton(o, "zh")
	if err != nil {
		t.Fatal(err)
	}
	s := string(sk)
	for _, want := range []string{
		"draft: true", `translation_of: "` + o.TranslationHash() + `"`,
		"question: How much did he give?",
		`value: "$44 million"`, "note: A range.",
		"The sources disagree.",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("skeleton lacks %q:\n%s", want, s)
		}
	}
	// Inherited keys stay out: the quote, the source, about.
	for _, not := range []string{"quote:", "- source:", "\nabout:"} {
		if strings.Contains(s, not) {
			t.Errorf("skeleton repeats inherited %q:\n%s", not, s)
		}
	}
	// The skeleton is a valid translation: it localizes without errors,
	// and is current.
	tr := content.Parse(md, "claims/money.zh.md", sk)
	m := content.Localize(o, tr)
	if m.Diags.HasErrors() {
		t.Errorf("skeleton does not localize: %s", m.Diags)
	}
	if m.Stale {
		t.Error("a fresh skeleton is stale")
	}
	if !tr.Draft {
		t.Error("a skeleton is not a draft")
	}
	if len(m.Citations) != 2 || m.Citations[1].Note != "A range." || m.Citations[0].Quote != "Musk ended up donating $44 million" {
		t.Errorf("localized citations: %+v", m.Citations)
	}
}

func TestMarkCurrent(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"---\ntitle: T\ntranslation_of: \"aaaa\"\n---\nBody.\n", "---\ntitle: T\ntranslation_of: \"bbbb\"\n---\nBody.\n"},
		{"---\ntitle: T\n---\nBody mentioning translation_of: x\n", "---\ntranslation_of: \"bbbb\"\ntitle: T\n---\nBody mentioning translation_of: x\n"},
	} {
		got, err := MarkCurrent([]byte(c.in), "bbbb")
		if err != nil || string(got) != c.want {
			t.Errorf("MarkCurrent(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	if _, err := MarkCurrent([]byte("no front matter"), "x"); err == nil {
		t.Error("MarkCurrent accepted a file without front matter")
	}
}

func TestDiffNamesWhatChanged(t *testing.T) {
	old := content.Parse(md, "claims/money.md", []byte(claim))
	edited := strings.Replace(claim, "note: A range.", "note: A wide range.", 1)
	edited = strings.Replace(edited, "The sources disagree.", "The sources disagree sharply.", 1)
	cur := content.Parse(md, "claims/money.md", []byte(edited))
	got := strings.Join(Diff(old, cur), "\n")
	for _, want := range []string{"versions[1].note: +1", "[+wide]", "body: +1", "[+sharply.]"} {
		if !strings.Contains(got, want) {
			t.Errorf("Diff lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "versions[0]") {
		t.Errorf("Diff names an unchanged part:\n%s", got)
	}
	// A change to an inherited key (a quote) is no translator's business.
	quoteOnly := content.Parse(md, "claims/money.md", []byte(strings.Replace(claim, "ended up donating", "ended up  donating", 1)))
	if d := Diff(old, quoteOnly); len(d) != 0 || old.TranslationHash() != quoteOnly.TranslationHash() {
		t.Errorf("a quote edit changes the translatable parts: %v", d)
	}
	if p := TranslationPath("content/claims/money.md", "zh"); p != "content/claims/money.zh.md" {
		t.Errorf("TranslationPath = %s", p)
	}
}
