package build_test

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/dossier-ssg/dossier/generator/build"
	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/internal/sitetest"
)

// bilingual is the small site in English with some pages in Chinese: the
// person and the event are translated, the rest falls back.
var bilingual = strings.Replace(small, "base_url: https://example.org/\n", `base_url: https://example.org/
languages:
  en:
    name: English
  zh:
    name: 中文
    locale: zh-Hans
    title: 测试档案
`, 1) + `
-- content/people/ada-lovelace.zh.md --
---
name: 艾达·洛夫莱斯
role: 数学家
---
艾达写了第一个程序。[@paper: Lovelace wrote the first program] 她认识[[charles-babbage|巴贝奇]]。
-- content/events/meeting.zh.md --
---
title: 洛夫莱斯与巴贝奇会面
participants: [ada-lovelace, charles-babbage]
---
两人见了面。
`

// withHashes records the current hash of each original in its
// translation, as dossier translate --mark-current does.
func withHashes(t *testing.T, dir string) {
	t.Helper()
	for _, rel := range []string{"people/ada-lovelace", "events/meeting"} {
		orig, err := os.ReadFile(filepath.Join(dir, "content", rel+".md"))
		if err != nil {
			t.Fatal(err)
		}
		h := content.Parse(build.Markdown(), rel+".md", orig).TranslationHash()
		p := filepath.Join(dir, "content", rel+".zh.md")
		tr, _ := os.ReadFile(p)
		tr = []byte(strings.Replace(string(tr), "---\n", "---\ntranslation_of: \""+h+"\"\n", 1))
		if err := os.WriteFile(p, tr, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestChineseEdition(t *testing.T) {
	dir := sitetest.NewSite(t, bilingual)
	withHashes(t, dir)
	out := filepath.Join(dir, "public")
	res, err := build.Build(build.Options{SiteDir: dir, NoMinify: true, OutDir: out})
	if err != nil {
		t.Fatal(err)
	}
	if w := res.Diags.Warnings(); len(w) > 0 {
		t.Errorf("warnings:\n%s", w)
	}
	// Every page has its twin under /zh/.
	en, zh := htmlFiles(t, out)
	if len(en) == 0 || len(en) != len(zh) {
		t.Fatalf("%d English pages, %d Chinese", len(en), len(zh))
	}
	for _, p := range en {
		if _, err := os.Stat(filepath.Join(out, "zh", p)); err != nil {
			t.Errorf("no Chinese twin of %s", p)
		}
	}
	// A translated page: Chinese text, inherited date in Chinese, the
	// citation verified and pointing into the Chinese source page.
	sitetest.AssertFileContent(t, out, "zh/people/ada-lovelace/index.html",
		`<html lang="zh-Hans">`, `<h1>艾达·洛夫莱斯 <span class="original-name" lang="en">Ada Lovelace</span></h1>`,
		`艾达写了第一个程序。<sup class="cite"><a href="/zh/sources/paper/#p-ada-lovelace-met-charles-babbage-in:~:text=`,
		`<a href="/zh/people/charles-babbage/">巴贝奇</a>`, `<h2 id="back-h">关联</h2>`, `在 2 处段落中被提及`,
		`<a href="/people/ada-lovelace/" hreflang="en" lang="en">English</a>`,
		`! class="notice`)
	sitetest.AssertFileContent(t, out, "zh/events/meeting/index.html", `2015年5月21日`, `洛夫莱斯与巴贝奇会面`, `<a href="/zh/people/ada-lovelace/">艾达·洛夫莱斯</a>`)
	// The English site is unchanged by translations.
	sitetest.AssertFileContent(t, out, "people/ada-lovelace/index.html", `<html lang="en">`, `<h1>Ada Lovelace</h1>`, `Mentioned in 2 passages`, `! 艾达`)
	// An untranslated page falls back to the original inside the Chinese
	// layout, with a notice and the right lang on the text.
	sitetest.AssertFileContent(t, out, "zh/people/charles-babbage/index.html",
		`<html lang="zh-Hans">`, `<p class="notice notice-fallback" role="note">本页尚未翻译，以下为原文内容。 <a href="/people/charles-babbage/" hreflang="en">阅读原文</a></p>`,
		`<h1 lang="en">Charles Babbage</h1>`, `<div class="prose" lang="en"`, `<a href="/zh/timeline/">时间线</a>`)
	// A source's text stays in its language on the Chinese site.
	sitetest.AssertFileContent(t, out, "zh/sources/paper/index.html", `<div class="text" lang="en" id="text">`, `以下为来源原文`, `<section class="summary" lang="zh-Hans"`)
	sitetest.AssertFileContent(t, out, "zh/404.html", `页面不存在`, `<a href="/zh/">首页</a>`)
	// A translation without a body: translated name, the original's text
	// with its citations, and a notice.
	orig, _ := os.ReadFile(filepath.Join(dir, "content/people/charles-babbage.md"))
	h := content.Parse(build.Markdown(), "people/charles-babbage.md", orig).TranslationHash()
	write(t, dir, "content/people/charles-babbage.zh.md", "---\ntranslation_of: \""+h+"\"\nname: 查尔斯·巴贝奇\n---\n")
	if _, err := build.Build(build.Options{SiteDir: dir, NoMinify: true, OutDir: out}); err != nil {
		t.Fatal(err)
	}
	sitetest.AssertFileContent(t, out, "zh/people/charles-babbage/index.html", `<h1>查尔斯·巴贝奇`, `notice-body_fallback`,
		`<div class="prose" lang="en"`, `Built engines.<sup class="cite"><a href="/zh/sources/paper/#`)
	checkHreflang(t, out)
}

// checkHreflang asserts that alternates are symmetric: if page A names B
// as its Chinese version, B names A as its English one, both name
// themselves, and both have the same x-default.
func checkHreflang(t *testing.T, out string) {
	t.Helper()
	re := regexp.MustCompile(`<link rel="alternate" hreflang="([^"]+)" href="https://example.org([^"]+)">`)
	alts := map[string]map[string]string{} // page URL → hreflang → URL
	err := filepath.Walk(out, func(p string, info os.FileInfo, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		u := "/" + strings.TrimSuffix(filepath.ToSlash(rel), "index.html")
		m := map[string]string{}
		for _, x := range re.FindAllStringSubmatch(string(b), -1) {
			m[x[1]] = x[2]
		}
		alts[u] = m
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for u, m := range alts {
		if len(m) != 3 || m["x-default"] != m["en"] {
			t.Errorf("%s: alternates %v; want en, zh-Hans and x-default = en", u, m)
			continue
		}
		self := false
		for lang, v := range m {
			if lang == "x-default" {
				continue
			}
			self = self || v == u
			other, ok := alts[v]
			if !ok {
				t.Errorf("%s names %s for %s, which does not exist", u, v, lang)
				continue
			}
			for l2, v2 := range m {
				if other[l2] != v2 {
					t.Errorf("%s and %s disagree on %s: %q vs %q", u, v, l2, v2, other[l2])
				}
			}
			n++
		}
		if !self {
			t.Errorf("%s does not name itself among %v", u, m)
		}
	}
	if n == 0 {
		t.Error("no hreflang links found")
	}
}

func htmlFiles(t *testing.T, out string) (en, zh []string) {
	t.Helper()
	filepath.Walk(out, func(p string, info os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(out, p)
			rel = filepath.ToSlash(rel)
			if strings.HasPrefix(rel, "zh/") {
				zh = append(zh, strings.TrimPrefix(rel, "zh/"))
			} else {
				en = append(en, rel)
			}
		}
		return nil
	})
	sort.Strings(en)
	sort.Strings(zh)
	return en, zh
}

func TestTranslationErrors(t *testing.T) {
	_, _, res, err := buildSite(t, bilingual+`
-- content/events/meeting.zh.md --
---
title: 会面
date: "2015-06-01"
citations:
  - source: paper
    quote: something else
    note: 注释
participants: [ada-lovelace, charles-babbage]
colour: red
---
两人见了面。[@paper: words that are not there]
-- content/people/nobody.zh.md --
---
name: 无名氏
---
-- content/people/ada-lovelace.fr.md --
---
name: Ada
---
-- content/sources/paper.zh.md --
---
title: 论文
---
第二份中文摘要。
-- content/people/charles-babbage.zh.md --
---
name: 巴贝奇
aliases: [艾达·洛夫莱斯]
---
`)
	if err == nil {
		t.Fatal("build succeeded")
	}
	got := res.Diags.String()
	for _, want := range []string{
		"content/events/meeting.zh.md:3:7: date differs from the original",
		"hint: leave it out: date is inherited from the original (content/events/meeting.md:3), which says 2015-05-21",
		"content/events/meeting.zh.md:6:12: citations[0].quote differs from the original; only value and note are translated",
		`content/events/meeting.zh.md:9:9: warning: unknown key "colour"`,
		`content/events/meeting.zh.md:11:7: quote not found in paper: "words that are not there"`,
		"content/people/nobody.zh.md:1:1: translation of a missing original: there is no content/people/nobody.md",
		`content/people/ada-lovelace.fr.md:1:1: translation into "fr", which is not one of the site's languages (zh)`,
		"content/sources/paper.zh.md:4:1: a second summary in zh for this source",
		`content/people/charles-babbage.zh.md:3:11: alias "艾达·洛夫莱斯" is also an alias of people/ada-lovelace`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	// The same participants as the original are fine; the original's own
	// errors are not reported twice.
	if strings.Contains(got, "meeting.zh.md:8") || regexp.MustCompile(`(?m)^content/events/meeting\.md:`).MatchString(got) {
		t.Errorf("unexpected diagnostics:\n%s", got)
	}
}
