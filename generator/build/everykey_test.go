package build_test

import (
	"bytes"
	"testing"

	"github.com/dossier-ssg/dossier/generator/build"
	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/internal/sitetest"
)

// every is a site with a document of every kind, each with every key it
// accepts, and translations of some.
var every = `
-- content/site.yaml --
title: Every Key
base_url: https://example.org/
languages:
  en: {name: English}
  zh: {name: 中文, locale: zh-Hans}
-- content/_index.md --
---
title: Home
description: The home page.
draft: false
weight: 1
featured: [ada-lovelace, charles-babbage]
---
Read [[sources/paper]].
-- content/about.md --
---
title: About
description: About it.
draft: false
weight: 2
nav: true
---
About.
-- content/sources/paper.md --
---
title: The Paper
description: A paper.
draft: false
original_title: Das Papier
short: DP
dek: A dek.
publisher: Daily Planet
authors: [Clark Kent]
published: "2015-05"
published_inferred: false
published_note: As printed.
url: https://example.com/paper
language: en
kind: news-report
provenance: From the archive.
seed: 000.txt
summary_zh:
  abstract: "这是摘要。"
  key_points: ["第一点。"]
---
Ada Lovelace met Charles Babbage in London. Lovelace wrote the first program.

Babbage built engines in 1834, and Engine Co sold them.
-- content/sources/seedform.md --
---
title: Seed Form
date: 2024-11-20
extra:
  source: https://example.com/seed
  original_title: Seed Form Original
---
Ada Lovelace wrote notes.
-- content/people/ada-lovelace.md --
---
name: Ada Lovelace
title: Ada Lovelace
description: A mathematician.
draft: false
aliases: [Lovelace]
role: Mathematician
citations:
  - source: paper
    quote: Lovelace wrote the first program
    note: The first.
---
Ada.
-- content/people/ada-lovelace.zh.md --
---
name: 艾达·洛夫莱斯
role: 数学家
---
艾达。
-- content/people/charles-babbage.md --
---
name: Charles Babbage
aliases: [Babbage]
role: Engineer
---
Charles.
-- content/organizations/engine-co.md --
---
name: Engine Co
title: Engine Co
description: A firm.
draft: false
aliases: [The Engine Company]
role: Maker of engines
type: company
citations:
  - source: paper
    quote: Engine Co sold them
---
A company.
-- content/events/meeting.md --
---
title: They meet
description: A meeting.
draft: false
date: "2015"
part: mid
end: "2016"
approximate: false
participants: [ada-lovelace, charles-babbage]
citations:
  - source: paper
    quote: Ada Lovelace met Charles Babbage
date_variants:
  - source: paper
    quote: Babbage built engines in 1834
    date: "1834"
    note: Another year.
---
They met.
-- content/events/meeting.zh.md --
---
title: 会面
---
见面。
-- content/claims/money.md --
---
question: When did Babbage build engines?
title: Engines
description: A question.
draft: false
about: [charles-babbage]
versions:
  - source: paper
    quote: Babbage built engines in 1834
    value: "1834"
  - source: seedform
    quote: Ada Lovelace wrote notes
    value: "never"
---
Who knows.
-- content/quotes/program.md --
---
title: "“the first program”"
description: A quote.
draft: false
speaker: ada-lovelace
date: "1843"
part: early
approximate: true
about: [ada-lovelace]
versions:
  - source: paper
    quote: Lovelace wrote the first program
  - source: seedform
    quote: Ada Lovelace wrote notes
---
Worded twice.
-- content/annotations/note.md --
---
title: A note
description: On the program.
draft: false
source: paper
exact: the first program
prefix: Lovelace wrote
suffix: .
in: text
type: context
about: [ada-lovelace]
---
Noted.
`

// keyEdits change each front-matter key of each kind to another valid
// value: file, old text, new text.
var keyEdits = map[content.Kind]map[string][3]string{
	content.KindPage: {
		"title":       {"content/about.md", "title: About", "title: About Us"},
		"description": {"content/about.md", "description: About it.", "description: About us."},
		"draft":       {"content/about.md", "draft: false", "draft: true"},
		"weight":      {"content/about.md", "weight: 2", "weight: 0"},
		"nav":         {"content/about.md", "nav: true", "nav: false"},
		"featured":    {"content/_index.md", "featured: [ada-lovelace, charles-babbage]", "featured: [charles-babbage]"},
	},
	content.KindSource: {
		"title":              {"content/sources/paper.md", "title: The Paper", "title: The Daily Paper"},
		"description":        {"content/sources/paper.md", "description: A paper.", "description: A daily."},
		"draft":              {"content/sources/seedform.md", "title: Seed Form\n", "title: Seed Form\ndraft: false\n"},
		"original_title":     {"content/sources/paper.md", "original_title: Das Papier", "original_title: Le Papier"},
		"short":              {"content/sources/paper.md", "short: DP", "short: PAPER"},
		"dek":                {"content/sources/paper.md", "dek: A dek.", "dek: Another dek."},
		"publisher":          {"content/sources/paper.md", "publisher: Daily Planet", "publisher: Weekly Planet"},
		"authors":            {"content/sources/paper.md", "authors: [Clark Kent]", "authors: [Lois Lane]"},
		"published":          {"content/sources/paper.md", `published: "2015-05"`, `published: "2015-06-02"`},
		"published_inferred": {"content/sources/paper.md", "published_inferred: false", "published_inferred: true"},
		"published_note":     {"content/sources/paper.md", "published_note: As printed.", "published_note: As archived."},
		"url":                {"content/sources/paper.md", "url: https://example.com/paper", "url: https://example.org/paper"},
		"language":           {"content/sources/paper.md", "language: en", "language: en-GB"},
		"kind":               {"content/sources/paper.md", "kind: news-report", "kind: analysis"},
		"provenance":         {"content/sources/paper.md", "provenance: From the archive.", "provenance: From a library."},
		"seed":               {"content/sources/paper.md", "seed: 000.txt", "seed: 001.txt"},
		"summary_zh":         {"content/sources/paper.md", "这是摘要。", "这是新的摘要。"},
		"date":               {"content/sources/seedform.md", "date: 2024-11-20", "date: 2024-11-18"},
		"extra":              {"content/sources/seedform.md", "source: https://example.com/seed", "source: https://example.com/seed2"},
	},
	content.KindPerson: {
		"name":        {"content/people/ada-lovelace.md", "name: Ada Lovelace", "name: Augusta Ada Lovelace"},
		"title":       {"content/people/ada-lovelace.md", "title: Ada Lovelace", "title: Countess Lovelace"},
		"description": {"content/people/ada-lovelace.md", "description: A mathematician.", "description: A writer."},
		"draft":       {"content/people/charles-babbage.md", "role: Engineer", "role: Engineer\ndraft: false"},
		"aliases":     {"content/people/ada-lovelace.md", "aliases: [Lovelace]", "aliases: [Lovelace, Ada]"},
		"role":        {"content/people/ada-lovelace.md", "role: Mathematician", "role: Analyst"},
		"citations":   {"content/people/ada-lovelace.md", "note: The first.", "note: The very first."},
	},
	content.KindOrganization: {
		"name":        {"content/organizations/engine-co.md", "name: Engine Co\n", "name: Engine Company Ltd\n"},
		"title":       {"content/organizations/engine-co.md", "title: Engine Co", "title: Engine Company"},
		"description": {"content/organizations/engine-co.md", "description: A firm.", "description: A maker."},
		"draft":       {"content/organizations/engine-co.md", "draft: false", "draft: true"},
		"aliases":     {"content/organizations/engine-co.md", "aliases: [The Engine Company]", "aliases: [Engines Inc]"},
		"role":        {"content/organizations/engine-co.md", "role: Maker of engines", "role: Seller of engines"},
		"type":        {"content/organizations/engine-co.md", "type: company", "type: nonprofit"},
		"citations":   {"content/organizations/engine-co.md", "quote: Engine Co sold them", "quote: and Engine Co sold them"},
	},
	content.KindEvent: {
		"title":         {"content/events/meeting.md", "title: They meet", "title: They met"},
		"description":   {"content/events/meeting.md", "description: A meeting.", "description: A first meeting."},
		"draft":         {"content/events/meeting.md", "draft: false", "draft: true"},
		"date":          {"content/events/meeting.md", `date: "2015"`, `date: "2014"`},
		"part":          {"content/events/meeting.md", "part: mid", "part: late"},
		"end":           {"content/events/meeting.md", `end: "2016"`, `end: "2017"`},
		"approximate":   {"content/events/meeting.md", "approximate: false", "approximate: true"},
		"participants":  {"content/events/meeting.md", "participants: [ada-lovelace, charles-babbage]", "participants: [ada-lovelace]"},
		"citations":     {"content/events/meeting.md", "quote: Ada Lovelace met Charles Babbage", "quote: Ada Lovelace met Charles Babbage in London"},
		"date_variants": {"content/events/meeting.md", `date: "1834"`, `date: "1835"`},
	},
	content.KindClaim: {
		"question":    {"content/claims/money.md", "question: When did Babbage build engines?", "question: When were the engines built?"},
		"title":       {"content/claims/money.md", "title: Engines", "title: The engines"},
		"description": {"content/claims/money.md", "description: A question.", "description: An open question."},
		"draft":       {"content/claims/money.md", "draft: false", "draft: true"},
		"about":       {"content/claims/money.md", "about: [charles-babbage]", "about: [ada-lovelace]"},
		"versions":    {"content/claims/money.md", `value: "never"`, `value: "not said"`},
	},
	content.KindQuote: {
		"title":       {"content/quotes/program.md", "title: \"“the first program”\"", "title: \"“the program”\""},
		"description": {"content/quotes/program.md", "description: A quote.", "description: A quotation."},
		"draft":       {"content/quotes/program.md", "draft: false", "draft: true"},
		"speaker":     {"content/quotes/program.md", "speaker: ada-lovelace", "speaker: charles-babbage"},
		"date":        {"content/quotes/program.md", `date: "1843"`, `date: "1844"`},
		"part":        {"content/quotes/program.md", "part: early", "part: late"},
		"approximate": {"content/quotes/program.md", "approximate: true", "approximate: false"},
		"about":       {"content/quotes/program.md", "about: [ada-lovelace]", "about: [charles-babbage]"},
		"versions":    {"content/quotes/program.md", "quote: Ada Lovelace wrote notes", "quote: Lovelace wrote notes"},
	},
	content.KindAnnotation: {
		"title":       {"content/annotations/note.md", "title: A note", "title: One note"},
		"description": {"content/annotations/note.md", "description: On the program.", "description: On a program."},
		"draft":       {"content/annotations/note.md", "draft: false", "draft: true"},
		"source":      {"content/annotations/note.md", "source: paper\nexact: the first program\nprefix: Lovelace wrote\nsuffix: .", "source: seedform\nexact: wrote notes\nprefix: Lovelace\nsuffix: ."},
		"exact":       {"content/annotations/note.md", "exact: the first program\nprefix: Lovelace wrote", "exact: wrote the first program\nprefix: Lovelace"},
		"prefix":      {"content/annotations/note.md", "prefix: Lovelace wrote", "prefix: wrote"},
		"suffix":      {"content/annotations/note.md", "suffix: .", "suffix: \"\""},
		"in":          {"content/annotations/note.md", "exact: the first program\nprefix: Lovelace wrote\nsuffix: .\nin: text", "exact: 这是摘要\nin: summary"},
		"type":        {"content/annotations/note.md", "type: context", "type: discrepancy"},
		"about":       {"content/annotations/note.md", "about: [ada-lovelace]", "about: [charles-babbage]"},
	},
}

// TestIncrementalEveryKey edits every front-matter key of every kind in
// turn, and checks after each edit (and after undoing it) that the
// session's output is byte for byte a fresh build's: a key that pages
// elsewhere show but that the dependency tracking misses would leave a
// stale page here.
func TestIncrementalEveryKey(t *testing.T) {
	for _, k := range append([]content.Kind{content.KindPage}, content.Kinds...) {
		for _, key := range content.KindKeys(k) {
			if _, ok := keyEdits[k][key]; !ok {
				t.Errorf("no edit for the %s key %q: add one to keyEdits", k, key)
			}
		}
	}
	dir := sitetest.NewSite(t, every)
	ss := build.NewSession(build.Options{SiteDir: dir, NoMinify: true})
	if res, err := ss.Build(); err != nil {
		t.Fatal(err)
	} else if w := res.Diags.Warnings(); len(w) > 0 {
		t.Logf("warnings: %s", w)
	}
	compare := func(what string) {
		t.Helper()
		res, err := ss.Build()
		fresh, ferr := build.Render(build.Options{SiteDir: dir, NoMinify: true})
		if (err == nil) != (ferr == nil) {
			t.Fatalf("%s: incremental error %v, fresh error %v", what, err, ferr)
		}
		if ferr != nil {
			t.Fatalf("%s: the edit breaks the site: %v", what, ferr)
		}
		a, b := files(res), files(fresh)
		for p := range b {
			if !bytes.Equal(a[p], b[p]) {
				t.Errorf("%s: %s differs from a fresh build", what, p)
			}
		}
		for p := range a {
			if _, ok := b[p]; !ok {
				t.Errorf("%s: stale file %s", what, p)
			}
		}
	}
	for _, k := range append([]content.Kind{content.KindPage}, content.Kinds...) {
		for _, key := range content.KindKeys(k) {
			e, ok := keyEdits[k][key]
			if !ok {
				continue
			}
			what := string(k) + "." + key
			edit(t, dir, e[0], e[1], e[2])
			compare(what)
			edit(t, dir, e[0], e[2], e[1])
			compare(what + " undone")
		}
	}
}
