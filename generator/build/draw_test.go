package build_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// pictured is the bilingual small site with what the pictures draw: dates
// of every precision, a disputed date, a gap, an AI-rewritten source and
// a claim whose versions give numbers.
var pictured = bilingual + `
-- content/sources/retold.md --
---
title: Retold
publisher: Bot Press
published: "2020"
kind: ai-rewritten-summary
---
Lovelace and Babbage quarrelled early in 2018. The engine cost $17,000 in all.
-- content/sources/ledger.md --
---
title: The Ledger
publisher: Ledger Co
published: "2019-02"
kind: news-report
---
The two quarrelled late in 2018. Babbage spent between $20,000 and $25,000 on the engine. Lovelace studied mathematics in 2013.
-- content/events/2013-studies.md --
---
title: Lovelace studies mathematics
date: "2013"
part: late
approximate: true
participants: [ada-lovelace]
citations:
  - source: ledger
    quote: Lovelace studied mathematics in 2013
---
She studied.
-- content/events/2016-engine.md --
---
title: The engine is paid for
date: "2016-03"
participants: [charles-babbage, engine-co]
citations:
  - source: retold
    quote: The engine cost $17,000 in all
---
Paid.
-- content/events/2018-quarrel.md --
---
title: Lovelace and Babbage quarrel
date: "2018"
participants: [ada-lovelace, charles-babbage]
citations:
  - source: ledger
    quote: The two quarrelled late in 2018
date_variants:
  - date: "2018"
    part: early
    source: retold
    quote: Lovelace and Babbage quarrelled early in 2018
  - date: "2018"
    part: late
    source: ledger
    quote: The two quarrelled late in 2018
---
They quarrelled.
-- content/claims/engine-cost.md --
---
question: What did the engine cost?
versions:
  - source: retold
    value: "$17,000"
    amount: 17000
    unit: USD
    quote: The engine cost $17,000
  - source: ledger
    value: "$20,000 to $25,000"
    range: [20000, 25000]
    unit: USD
    quote: between $20,000 and $25,000
---
Two figures.
-- content/claims/engine-cost.zh.md --
---
question: 引擎花了多少钱？
versions:
  - value: "1.7万美元"
  - value: "2万至2.5万美元"
---
两个数字。
-- content/claims/no-numbers.md --
---
question: When did they quarrel?
versions:
  - source: retold
    value: Early 2018
    quote: quarrelled early in 2018
  - source: ledger
    value: Late 2018
    quote: quarrelled late in 2018
---
Two dates.
`

var figureRe = regexp.MustCompile(`(?s)<figure class="draw .*?</figure>`)

// pictures returns the pictures of each page that has one, by page.
func pictures(t *testing.T, out string) map[string]string {
	t.Helper()
	got := map[string]string{}
	for _, lang := range []string{"", "zh/"} {
		for _, p := range []string{"", "timeline/", "people/", "sources/", "claims/", "claims/engine-cost/", "claims/no-numbers/"} {
			b, err := os.ReadFile(filepath.Join(out, lang+p, "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			figs := figureRe.FindAll(b, -1)
			name := strings.Trim(strings.ReplaceAll(lang+p, "/", "-"), "-")
			if name == "" {
				name = "home"
			} else if name == "zh" {
				name = "zh-home"
			}
			got[name] = string(bytes.Join(figs, []byte("\n")))
		}
	}
	return got
}

// TestPicturesGolden compares the pictures of a small bilingual site with
// the golden files in testdata/draw (go test -run TestPicturesGolden
// -update rewrites them; review the diff).
func TestPicturesGolden(t *testing.T) {
	_, out, _, err := buildSite(t, pictured)
	if err != nil {
		t.Fatal(err)
	}
	got := pictures(t, out)
	for name, svg := range got {
		file := filepath.Join("testdata", "draw", name+".golden")
		if *update {
			if err := os.WriteFile(file, []byte(svg), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if string(want) != svg {
			t.Errorf("%s: pictures differ from %s (run with -update and review the diff)", name, file)
		}
	}
	// What the golden files must show, whatever else changes.
	for name, subs := range map[string][]string{
		"home":                  {`id="strip-draw"`, `id="strip-draw-n"`, `href="/timeline/#y2018"`},
		"timeline":              {`id="tl-draw"`, `<title>Lovelace and Babbage quarrel, date disputed: early 2018 according to Bot Press; late 2018 according to Ledger Co</title>`, `class="band gap"`, `no events 2014`, `class="bar k-a approx"`},
		"people":                {`id="cast-draw"`, `href="/people/ada-lovelace/"`, `href="/organizations/engine-co/"`, `class="edge`},
		"sources":               {`id="coverage-draw"`, `only the AI-rewritten source`, `class="band ai"`},
		"claims-engine-cost":    {`id="fig-engine-cost"`, `thousands of US dollars`, `class="bar range"`, `>$17,000</text>`},
		"claims":                {`id="fig-engine-cost"`},
		"zh-claims-engine-cost": {`万美元`, `>1.7万美元</text>`},
		"zh-timeline":           {`2014年无事件`},
	} {
		for _, s := range subs {
			if !strings.Contains(got[name], s) {
				t.Errorf("%s: no %s", name, s)
			}
		}
	}
	if got["claims-no-numbers"] != "" || got["zh-claims-no-numbers"] != "" {
		t.Error("a claim without numbers draws a chart")
	}
}

// TestPicturesDeterministic builds the site twice, in two folders: the
// pictures are byte for byte the same.
func TestPicturesDeterministic(t *testing.T) {
	_, out1, _, err := buildSite(t, pictured)
	if err != nil {
		t.Fatal(err)
	}
	_, out2, _, err := buildSite(t, pictured)
	if err != nil {
		t.Fatal(err)
	}
	a, b := pictures(t, out1), pictures(t, out2)
	n := 0
	for name := range a {
		if a[name] != b[name] {
			t.Errorf("%s: two builds draw different pictures", name)
		}
		n += strings.Count(a[name], "<svg")
	}
	if n < 10 {
		t.Errorf("only %d pictures drawn", n)
	}
}
