package translation_test

import (
	"testing"

	"github.com/dossier-ssg/dossier/generator/build"
	"github.com/dossier-ssg/dossier/generator/internal/sitetest"
	"github.com/dossier-ssg/dossier/generator/translation"
)

// Counts, from documents already loaded, agrees with Status: a page
// with no translation and one with a draft are untranslated, one that
// records another version is stale, a current one is neither.
func TestCountsAgreeWithStatus(t *testing.T) {
	dir := sitetest.NewSite(t, `-- content/site.yaml --
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
Hi.
-- content/about.md --
---
title: About
---
Text.
-- content/about.zh.md --
---
title: 关于
translation_of: "0000"
---
文字。
-- content/more.md --
---
title: More
---
More text.
-- content/more.zh.md --
---
title: 更多
draft: true
---
更多文字。
`)
	cfg, docs, _, err := build.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	missing, stale := translation.Counts(cfg, docs, "zh")
	r, _, err := translation.Status(dir, "zh")
	if err != nil {
		t.Fatal(err)
	}
	wantMissing, wantStale := 0, 0
	for _, c := range r.Kinds {
		wantMissing += c.Missing
		wantStale += c.Stale
	}
	if missing != wantMissing || stale != wantStale || missing != 2 || stale != 1 {
		t.Errorf("Counts: %d untranslated, %d stale; Status: %d, %d; want 2 and 1", missing, stale, wantMissing, wantStale)
	}
}
