package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-ssg/dossier/generator/build"
	"github.com/dossier-ssg/dossier/generator/internal/sitetest"
)

// TestGlossaryWarnings: check warns at the translation's line when the
// original has a glossary term and the translation lacks its rendering,
// and is silent once the rendering is there.
func TestGlossaryWarnings(t *testing.T) {
	dir := sitetest.NewSite(t, bilingual+`
-- content/i18n/glossary.zh.yaml --
- en: first program
  zh: 第一个程序
- en: Babbage
  zh: 巴贝奇
- en: Lovelace
  zh: 勒芙蕾丝
  note: a rendering the translation does not use
- en: met
  zh: 相识
`)
	withHashes(t, dir)
	res, err := build.Render(build.Options{SiteDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Diags.Warnings() {
		got = append(got, d.String())
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		// The title: at its key in the translation.
		`content/events/meeting.zh.md:3:1: warning: the original has "Lovelace" (content/events/meeting.md:2), but the translation lacks its glossary rendering 勒芙蕾丝`,
		`content/i18n/glossary.zh.yaml:5`,
		// A person's name: at name:.
		`content/people/ada-lovelace.zh.md:3:1: warning: the original has "Lovelace" (content/people/ada-lovelace.md:2)`,
		// The body: at the paragraph.
		`content/events/meeting.zh.md:6:1: warning: the original has "met" (content/events/meeting.md:9), but the translation lacks its glossary rendering 相识`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q in:\n%s", want, all)
		}
	}
	if len(got) != 3 {
		t.Errorf("want 3 warnings (Babbage and first program are rendered), got:\n%s", all)
	}

	// With the renderings the translation uses, no warning is left.
	fixed := "- en: first program\n  zh: 第一个程序\n- en: Babbage\n  zh: 巴贝奇\n- en: Lovelace\n  zh: 洛夫莱斯\n- en: met\n  zh: 见了面\n"
	if err := os.WriteFile(filepath.Join(dir, "content", "i18n", "glossary.zh.yaml"), []byte(fixed), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err = build.Render(build.Options{SiteDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if w := res.Diags.Warnings(); len(w) > 0 {
		t.Errorf("warnings:\n%s", w)
	}

	// A malformed glossary is an error at its line.
	if err := os.WriteFile(filepath.Join(dir, "content", "i18n", "glossary.zh.yaml"), []byte("- en: Babbage\n  zh: 巴贝奇\n- en: Lovelace\n  zhh: 洛夫莱斯\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err = build.Render(build.Options{SiteDir: dir})
	if err == nil {
		t.Fatal("a malformed glossary must fail the build")
	}
	if s := res.Diags.String(); !strings.Contains(s, `content/i18n/glossary.zh.yaml:4:3: unknown key "zhh"`) {
		t.Errorf("diagnostics:\n%s", s)
	}
}
