package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dossier-ssg/dossier/generator/build"
	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/internal/sitetest"
	"github.com/dossier-ssg/dossier/generator/translation"
)

const twoLangs = `
-- content/site.yaml --
title: T
base_url: https://example.org/
languages:
  en:
    name: English
  zh:
    name: 中文
    locale: zh-Hans
-- content/_index.md --
---
title: Home
---
Hello.
-- content/sources/paper.md --
---
title: The Paper
publisher: Daily Planet
published: "2015"
kind: news-report
---
Ada Lovelace wrote the first program in 1843.
-- content/claims/year.md --
---
question: When was the first program written?
about: []
versions:
  - source: paper
    value: "1843"
    quote: wrote the first program in 1843
    note: The only date given.
  - source: paper
    value: "In 1843"
    quote: Ada Lovelace wrote
---
Only one source.[@paper: Ada Lovelace wrote the first program]
`

func status(t *testing.T, dir string) *translation.Report {
	t.Helper()
	code, stdout, stderr := run("translations", "-s", dir, "--lang", "zh", "--json")
	if code != 0 {
		t.Fatalf("translations: %d %s", code, stderr)
	}
	var r translation.Report
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatalf("%v in %s", err, stdout)
	}
	return &r
}

func pageStatus(r *translation.Report, orig string) translation.Page {
	for _, p := range r.Pages {
		if p.Original == orig {
			return p
		}
	}
	return translation.Page{}
}

func TestTranslateWorkflow(t *testing.T) {
	dir := sitetest.NewSite(t, twoLangs)
	claim := "content/claims/year.md"
	if p := pageStatus(status(t, dir), claim); p.Status != translation.Missing {
		t.Fatalf("before: %+v", p)
	}
	// translate writes a skeleton: translatable keys and the body, the
	// hash of the original, draft: true; nothing inherited.
	code, stdout, stderr := run("translate", filepath.Join(dir, claim), "--lang", "zh", "-s", dir)
	if code != 0 || !strings.Contains(stdout, "wrote content/claims/year.zh.md") {
		t.Fatalf("translate: %d %q %q", code, stdout, stderr)
	}
	trPath := filepath.Join(dir, "content/claims/year.zh.md")
	sk, _ := os.ReadFile(trPath)
	orig, _ := os.ReadFile(filepath.Join(dir, claim))
	hash := content.Parse(build.Markdown(), "claims/year.md", orig).TranslationHash()
	tr := content.Parse(build.Markdown(), "claims/year.zh.md", sk)
	if len(tr.Diags) > 0 || !tr.Draft || tr.TranslationOf != hash {
		t.Fatalf("skeleton: draft %v, translation_of %q (want %q), diags %v\n%s", tr.Draft, tr.TranslationOf, hash, tr.Diags, sk)
	}
	meta := tr.MD.Meta
	if meta["question"] != "When was the first program written?" || meta["about"] != nil {
		t.Errorf("skeleton front matter: %v", meta)
	}
	versions, _ := meta["versions"].([]any)
	if len(versions) != 2 {
		t.Fatalf("skeleton versions: %v", meta["versions"])
	}
	for _, want := range []string{"value: \"1843\"", "note: The only date given.", "value: \"In 1843\"", "Only one source.[@paper: Ada Lovelace wrote the first program]"} {
		if !strings.Contains(string(sk), want) {
			t.Errorf("skeleton lacks %q:\n%s", want, sk)
		}
	}
	if regexp.MustCompile(`(?m)^\s*(- )?(quote|source|about):`).Match(sk) {
		t.Errorf("skeleton repeats inherited keys:\n%s", sk)
	}
	// A second translate refuses to overwrite.
	if code, _, stderr := run("translate", claim, "--lang", "zh", "-s", dir); code != 1 || !strings.Contains(stderr, "already exists") {
		t.Errorf("second translate: %d %q", code, stderr)
	}
	// A draft counts as missing; the site still builds, falling back.
	if p := pageStatus(status(t, dir), claim); p.Status != translation.Missing || !p.Draft {
		t.Errorf("draft: %+v", p)
	}
	// The translator translates and removes draft: true.
	done := strings.Replace(string(sk), "draft: true\n", "", 1)
	done = strings.Replace(done, "When was the first program written?", "第一个程序写于何时？", 1)
	done = strings.Replace(done, "Only one source.", "只有一个来源。", 1)
	os.WriteFile(trPath, []byte(done), 0o644)
	if p := pageStatus(status(t, dir), claim); p.Status != translation.Translated {
		t.Fatalf("translated: %+v", p)
	}
	if code, stdout, stderr := run("check", "-s", dir); code != 0 || strings.Contains(stderr, "warning") {
		t.Fatalf("check: %d %q %q", code, stdout, stderr)
	}
	// Editing the original makes the translation stale: check warns, the
	// report lists it, the page shows a notice.
	gitInit(t, dir)
	edited := strings.Replace(string(orig), "Only one source.", "Only one source gives a year.", 1)
	os.WriteFile(filepath.Join(dir, claim), []byte(edited), 0o644)
	p := pageStatus(status(t, dir), claim)
	if p.Status != translation.Stale || p.Recorded != hash || p.Current == hash {
		t.Fatalf("stale: %+v", p)
	}
	if len(p.Changes) != 1 || !strings.HasPrefix(p.Changes[0], "body: +4 −1 words") || !strings.Contains(p.Changes[0], "[+source gives a year.[@paper:]") {
		t.Errorf("changes: %q", p.Changes)
	}
	code, _, stderr = run("check", "-s", dir)
	if code != 0 || !strings.Contains(stderr, "content/claims/year.zh.md:6:17: warning: translation is stale: content/claims/year.md has changed since it was translated") {
		t.Errorf("check on stale: %d %q", code, stderr)
	}
	code, stdout, _ = run("translations", "-s", dir)
	if code != 0 || !strings.Contains(stdout, "Stale (1)") || !strings.Contains(stdout, "content/claims/year.zh.md  (translates "+hash) {
		t.Errorf("report:\n%s", stdout)
	}
	if code, _, stderr := run("build", "-s", dir); code != 0 {
		t.Fatal(stderr)
	}
	sitetest.AssertFileContent(t, filepath.Join(dir, "public"), "zh/claims/year/index.html", `class="notice notice-stale"`, `第一个程序写于何时？`)
	// --mark-current records the new hash and clears it.
	code, stdout, stderr = run("translate", claim, "--lang", "zh", "--mark-current", "-s", dir)
	if code != 0 || !strings.Contains(stdout, "is current") {
		t.Fatalf("mark-current: %d %q %q", code, stdout, stderr)
	}
	if p := pageStatus(status(t, dir), claim); p.Status != translation.Translated {
		t.Errorf("after mark-current: %+v", p)
	}
	if code, _, stderr := run("check", "-s", dir); code != 0 || strings.Contains(stderr, "stale") {
		t.Errorf("check after mark-current: %q", stderr)
	}
	marked, _ := os.ReadFile(trPath)
	if strings.Count(string(marked), "translation_of:") != 1 || !strings.Contains(string(marked), "第一个程序写于何时？") {
		t.Errorf("mark-current rewrote the file badly:\n%s", marked)
	}
	// Counts per kind, in the human report.
	code, stdout, _ = run("translations", "-s", dir, "--lang", "zh")
	if code != 0 || !strings.Contains(stdout, "claims      1           1        0      0") || !strings.Contains(stdout, "Missing (2)") {
		t.Errorf("report:\n%s", stdout)
	}
	// Usage errors.
	if code, _, stderr := run("translations", "-s", dir, "--lang", "fr"); code != 2 || !strings.Contains(stderr, `"fr" is not a translated language`) {
		t.Errorf("fr: %d %q", code, stderr)
	}
	if code, _, stderr := run("translate", "content/nope.md", "--lang", "zh", "-s", dir); code != 1 || !strings.Contains(stderr, "no content file") {
		t.Errorf("nope: %d %q", code, stderr)
	}
}

// gitInit commits the site, so the report can show what changed in an
// original since the version a translation records.
func gitInit(t *testing.T, dir string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("git is needed to show what changed in a stale translation's original")
	}
	for _, args := range [][]string{
		{"init", "-q"}, {"add", "-A"},
		{"-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "v1"},
	} {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
}

// TestTranslationsGlossary: dossier translations lists the glossary
// misses of each page, in text and JSON.
func TestTranslationsGlossary(t *testing.T) {
	dir := sitetest.NewSite(t, twoLangs+`
-- content/claims/year.zh.md --
---
question: 第一个程序写于何时？
---
只有一个来源。[@paper: Ada Lovelace wrote the first program]
-- content/i18n/glossary.zh.yaml --
- en: first program
  zh: 第一个程序
- en: Only one source
  zh: 仅有一个来源
`)
	r := status(t, dir)
	p := pageStatus(r, "content/claims/year.md")
	if r.GlossaryMisses != 1 || len(p.Glossary) != 1 {
		t.Fatalf("want one miss, got %d: %+v", r.GlossaryMisses, p.Glossary)
	}
	g := p.Glossary[0]
	if g.Term != "Only one source" || g.Line != 4 || g.OrigLine != 13 || g.Rendering != "仅有一个来源" || g.Glossary != "content/i18n/glossary.zh.yaml:3" {
		t.Errorf("miss: %+v", g)
	}
	code, stdout, _ := run("translations", "-s", dir, "--lang", "zh")
	if code != 0 || !strings.Contains(stdout, "Glossary misses (1)") || !strings.Contains(stdout, `content/claims/year.zh.md:4  "Only one source" (content/claims/year.md:13) → 仅有一个来源`) || strings.Contains(stdout, "Everything is translated and current") {
		t.Errorf("report:\n%s", stdout)
	}
}
