package glossary

import (
	"strconv"
	"strings"
	"testing"

	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/markdown"
)

const sample = `# comment
- en: [Elon Musk, Musk]
  zh: 马斯克
- en: whipped by DeepMind
  zh: 被DeepMind打得落花流水
  note: a beating
- en: Son
  zh: 孙正义
- en: Let's go higher
  zh: 开价再高一些
- en: "No. He hates one of the people on the deal"
  zh: 不会。他讨厌这笔交易中的某个人
`

func TestMisses(t *testing.T) {
	g, diags := Parse("g.yaml", "zh", []byte(sample))
	if len(diags) > 0 {
		t.Fatalf("unexpected diagnostics: %v", diags)
	}
	tests := []struct {
		name     string
		orig, tr string
		want     []string // term@origLine>line
	}{
		{"rendered", "Musk said so.", "马斯克这样说。", nil},
		{"full name counts as the entry", "Elon Musk said so.", "埃隆·马斯克这样说。", nil},
		{"missing name", "Musk said so.", "他这样说。", []string{"Musk@1>1"}},
		{"quotation across a line break", "we will get whipped\nby DeepMind.", "我们会被DeepMind打垮。", []string{"whipped by DeepMind@1>1"}},
		{"rendering across a line break", "whipped by DeepMind", "被DeepMind打得\n落花流水", nil},
		{"inside a citation only", "He wrote it.[@verge: whipped by DeepMind]", "他写了。[@verge: whipped by DeepMind]", nil},
		{"mention label counts", "[[elon-musk|Musk]] wrote.", "[[elon-musk|马斯克]]写道。", nil},
		{"mention target does not", "[[elon-musk]] wrote to musk-fans.", "[[elon-musk]]写道。", nil},
		{"whole words only", "His son, Sonny, wrote.", "他的儿子写道。", nil},
		{"case matters", "son wrote", "儿子写道", nil},
		{"a curly apostrophe matches a straight one", "“Let’s go higher.”", "“再高一些。”", []string{"Let’s go higher@1>1"}},
		{"a form ending in punctuation", "“No. He hates one of the people on the deal”", "“他讨厌某人”", []string{"No. He hates one of the people on the deal@1>1"}},
		{"paragraph alignment", "First.\n\nMusk, second.\n", "第一。\n\n\n第二。\n", []string{"Musk@3>4"}},
		{"fewer paragraphs: the last", "A.\n\nB.\n\nMusk.", "甲。\n\n乙丙。", []string{"Musk@5>3"}},
		{"a form beginning a line before its key", "First.\n\nwe will get whipped\nby DeepMind.", "第一。\n\n我们会被打垮。", []string{"whipped by DeepMind@3>3"}},
		{"a key in a paragraph without the form, the form after it", "Sonny wrote.\nSo did Jason.\n\nSon wrote.", "索尼写道。\n\n他写道。", []string{"Son@4>3"}},
		{"no form in any paragraph with a key", "Sonny wrote.\n\nJason too.\n\n", "索尼写道。", nil},
		{"the form at the very end", "A.\n\nB.\n\nSon", "甲。", []string{"Son@5>1"}},
		{"a key inside a word, the form paragraphs later", "Sonny wrote.\n\nThen.\n\nSon wrote.", "索尼写道。\n\n然后。\n\n他写道。", []string{"Son@5>5"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, m := range g.Misses(tc.orig, tc.tr) {
				got = append(got, m.Term+"@"+itoa(m.OrigLine)+">"+itoa(m.Line))
			}
			if strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // line:message fragment
	}{
		{"not a list", "en: Musk\n", []string{"1:a glossary is a list"}},
		{"invalid yaml", "- en: Musk\n  zh: 马斯克\n - en: x\n", []string{"2:invalid glossary"}},
		{"item not a map", "- Musk\n", []string{"1:a glossary entry is a map"}},
		{"no rendering", "- en: Musk\n", []string{"1:without zh:"}},
		{"no english", "- zh: 马斯克\n", []string{"1:without en:"}},
		{"unknown key with suggestion", "- en: Musk\n  zh: 马斯克\n  nte: x\n", []string{"3:unknown key \"nte\""}},
		{"empty rendering", "- en: Musk\n  zh: \"\"\n", []string{"2:zh: must be text"}},
		{"duplicate", "- en: Musk\n  zh: 马斯克\n- en: [Elon, Musk]\n  zh: 埃隆\n", []string{"3:\"Musk\" is already in the glossary (line 1)"}},
		{"bad english form", "- en: [Musk, {a: b}]\n  zh: 马斯克\n", []string{"1:an English form must be text"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := Parse("g.yaml", "zh", []byte(tc.src))
			if len(diags) != len(tc.want) {
				t.Fatalf("got %d diagnostics %v, want %v", len(diags), diags, tc.want)
			}
			for i, w := range tc.want {
				line, frag, _ := strings.Cut(w, ":")
				d := diags[i]
				if itoa(d.Line) != line || !strings.Contains(d.Msg, frag) || d.File != "g.yaml" {
					t.Errorf("got %s:%d %q, want line %s containing %q", d.File, d.Line, d.Msg, line, frag)
				}
			}
		})
	}
}

func TestParseKeepsGoodEntries(t *testing.T) {
	g, diags := Parse("g.yaml", "zh", []byte("- en: Musk\n- en: Altman\n  zh: 奥尔特曼\n"))
	if len(diags) != 1 || len(g.Entries) != 1 || g.Entries[0].Rendering != "奥尔特曼" || g.Entries[0].Line != 2 {
		t.Fatalf("entries %+v, diagnostics %v", g.Entries, diags)
	}
}

// TestCheckDocs places misses in the files: a front-matter value at its
// key's line in the translation, a body miss at the aligned paragraph.
func TestCheckDocs(t *testing.T) {
	g, _ := Parse("content/i18n/glossary.zh.yaml", "zh", []byte(sample))
	md := markdown.New()
	orig := content.Parse(md, "events/x.md", []byte(`---
title: Musk is whipped by DeepMind
date: "2016"
citations:
  - source: verge
    quote: "Elon Musk said it"
---
First paragraph.

Musk wrote that OpenAI would be whipped by DeepMind.[@verge: Elon Musk said it]
`))
	tr := content.Parse(md, "events/x.zh.md", []byte(`---
translation_of: "abc"
title: 马斯克担心被DeepMind打得落花流水
---
第一段。

他写道，OpenAI会被DeepMind打垮。[@verge: Elon Musk said it]
`))
	var got []string
	for _, f := range g.Check(orig, tr) {
		got = append(got, f.File+":"+itoa(f.Line)+" "+f.Term+" "+f.OrigFile+":"+itoa(f.OrigLine))
	}
	want := []string{
		"content/events/x.zh.md:7 Musk content/events/x.md:10",
		"content/events/x.zh.md:7 whipped by DeepMind content/events/x.md:10",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	ds := g.Diags(orig, tr)
	if len(ds) != 2 || !strings.Contains(ds[1].Hint, "content/i18n/glossary.zh.yaml:4") || !strings.Contains(ds[1].Hint, "a beating") {
		t.Errorf("diagnostics: %v", ds)
	}
	// A translation that leaves the title out inherits it: not checked.
	tr2 := content.Parse(md, "events/x.zh.md", []byte("---\ntranslation_of: \"abc\"\n---\n第一段。\n\n马斯克写道，OpenAI会被DeepMind打得落花流水。\n"))
	if fs := g.Check(orig, tr2); len(fs) != 0 {
		t.Errorf("want no findings, got %v", fs)
	}
}
