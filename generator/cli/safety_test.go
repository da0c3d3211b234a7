package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/dossier-ssg/dossier/generator/internal/sitetest"
	"github.com/dossier-ssg/dossier/generator/synth"
)

// goodSite is a small complete dossier in two languages: every kind of
// content, a translation of each, a site config and the interface
// strings (copied from the repository by sitetest.NewSite).
const goodSite = `
-- content/site.yaml --
title: Test Dossier
base_url: https://example.org/
language: en
languages:
  en:
    name: English
  zh:
    name: 中文
    locale: zh-Hans
    title: 测试档案
-- content/_index.md --
---
title: Home
---
Read [[sources/paper]] and meet [[Ada Lovelace]].
-- content/_index.zh.md --
---
title: 首页
---
阅读[[sources/paper]]。
-- content/about.md --
---
title: Method
---
See the [home](_index.md) page and [the web](https://example.com/).
-- content/sources/paper.md --
---
title: The Paper
publisher: Daily Planet
authors: [Clark Kent]
published: "2015-05"
kind: news-report
url: https://example.com/paper
summary_zh:
  abstract: "这是摘要。"
  key_points:
    - "第一点。"
---
Ada Lovelace met Charles Babbage in London. Lovelace wrote the first program.

Babbage built engines. Ada Lovelace wrote notes on the engine.

Charles Babbage said "the engine works" in 1834.
-- content/sources/paper.zh.md --
---
title: 论文
---
-- content/people/ada-lovelace.md --
---
name: Ada Lovelace
aliases: [Lovelace]
role: Mathematician
citations:
  - source: paper
    quote: Lovelace wrote the first program
---
Ada wrote the first program.[@paper: Lovelace wrote the first program]
-- content/people/ada-lovelace.zh.md --
---
name: 阿达·洛夫莱斯
---
阿达写了第一个程序。
-- content/people/charles-babbage.md --
---
name: Charles Babbage
aliases: [Babbage]
---
Built engines.[@paper: Babbage built engines]
-- content/organizations/engine-co.md --
---
name: Engine Co
type: company
---
A company.
-- content/events/meeting.md --
---
title: Lovelace meets Babbage
date: "2015-05-21"
participants: [ada-lovelace, charles-babbage]
citations:
  - source: paper
    quote: "Ada Lovelace met Charles Babbage"
---
They met.
-- content/events/meeting.zh.md --
---
title: 洛夫莱斯见巴贝奇
---
他们见面了。
-- content/claims/engine.md --
---
question: Did the engine work?
about: [charles-babbage]
versions:
  - source: paper
    value: "yes"
    quote: the engine works
  - source: paper
    value: "notes only"
    quote: Ada Lovelace wrote notes on the engine
---
The sources differ.
-- content/quotes/engine-works.md --
---
title: "\"The engine works\""
speaker: charles-babbage
date: "1834"
versions:
  - source: paper
    quote: the engine works
  - source: paper
    quote: said "the engine works"
---
Babbage's words.
-- content/annotations/first-program.md --
---
source: paper
exact: the first program
prefix: Lovelace wrote
type: context
about: [ada-lovelace]
---
A note on [[charles-babbage|Babbage]]'s friend.
`

// badInput is one broken (or suspicious) input: files laid over the good
// site, and what the build must say about them.
type badInput struct {
	name   string
	files  string   // txtar, laid over goodSite
	remove []string // files of goodSite to delete
	links  map[string]string
	code   int    // exit code of dossier build
	at     string // file:line (or file:line:col) the message is at
	msg    string // substring of the message
	once   bool   // the message must appear exactly once, and be the only error
}

func fm(path, front, body string) string {
	return "-- " + path + " --\n---\n" + front + "---\n" + body + "\n"
}

var badInputs = []badInput{
	// Front matter syntax.
	{name: "front matter not closed", files: "-- content/people/x.md --\n---\nname: X\nbody\n", code: 1, at: "content/people/x.md:1:1", msg: "front matter is not closed"},
	{name: "unterminated quoted string", files: fm("content/people/x.md", "role: Engineer\nname: \"Bad\naliases: [x]\n", "Body."), code: 1, at: "content/people/x.md:3:7", msg: "quoted text is never closed"},
	{name: "unterminated single-quoted string", files: fm("content/people/x.md", "name: 'Bad\nrole: x\n", "Body."), code: 1, at: "content/people/x.md:2:7", msg: "never closed"},
	{name: "bad indentation", files: fm("content/people/x.md", "name: X\n  role: y\n", "Body."), code: 1, at: "content/people/x.md:3", msg: "invalid front matter"},
	{name: "unclosed flow list", files: fm("content/people/x.md", "name: X\naliases: [a, b\n", "Body."), code: 1, at: "content/people/x.md:", msg: "invalid front matter"},
	{name: "tab indentation", files: fm("content/people/x.md", "name: X\ncitations:\n\t- source: paper\n", "Body."), code: 1, at: "content/people/x.md:", msg: "invalid front matter"},
	{name: "duplicate key", files: fm("content/people/x.md", "name: T\nrole: r\nname: U\n", "Body."), code: 1, at: "content/people/x.md:4:1", msg: `duplicate key "name"`},
	{name: "duplicate key in a citation", files: fm("content/people/x.md", "name: X\ncitations:\n  - source: paper\n    quote: Babbage built engines\n    quote: Lovelace wrote\n", "Body."), code: 1, at: "content/people/x.md:6:5", msg: `duplicate key "quote"`},
	{name: "duplicate key in a translation", files: fm("content/people/x.md", "name: X\n", "Body.") + fm("content/people/x.zh.md", "name: 甲\nname: 乙\n", "正文。"), code: 1, at: "content/people/x.zh.md:3:1", msg: `duplicate key "name"`},
	{name: "utf-8 bom before front matter", files: "-- content/people/x.md --\n\ufeff---\nname: X\n---\nBody.\n", code: 0},

	// Text encoding.
	{name: "invalid utf-8 in the body", files: fm("content/people/x.md", "name: X\n", "Good line.\nBad \xff byte."), code: 1, at: "content/people/x.md:5:5", msg: "invalid UTF-8"},
	{name: "invalid utf-8 in front matter", files: fm("content/people/x.md", "name: X\xc3\n", "Body."), code: 1, at: "content/people/x.md:2:8", msg: "invalid UTF-8"},
	{name: "latin-1 file", files: fm("content/people/x.md", "name: Jos\xe9\n", "Body."), code: 1, at: "content/people/x.md:2:10", msg: "invalid UTF-8"},
	{name: "bidi override is a warning", files: fm("content/people/x.md", "name: X\n", "Text \u202eevil\u202c here."), code: 0, at: "content/people/x.md:4:6", msg: "bidirectional control character U+202E"},
	{name: "bidi isolate in a translation", files: fm("content/people/ada-lovelace.zh.md", "name: 阿达\n", "文字\u2067x\u2069。"), code: 0, at: "content/people/ada-lovelace.zh.md:4:3", msg: "U+2067"},

	// Field types and values.
	{name: "name is a list", files: fm("content/people/x.md", "name: [a, b]\n", "Body."), code: 1, at: "content/people/x.md:2:7", msg: "name must be text, not a list"},
	{name: "aliases is a map", files: fm("content/people/x.md", "name: X\naliases: {a: b}\n", "Body."), code: 1, at: "content/people/x.md:3:10", msg: "aliases must be a list of text"},
	{name: "draft is text", files: fm("content/people/x.md", "name: X\ndraft: maybe\n", "Body."), code: 1, at: "content/people/x.md:3:8", msg: "draft must be true or false"},
	{name: "missing name", files: fm("content/people/x.md", "role: r\n", "Body."), code: 1, at: "content/people/x.md:2:1", msg: `missing required field "name"`},
	{name: "missing page title", files: fm("content/colophon.md", "description: d\n", "Body."), code: 1, at: "content/colophon.md:2:1", msg: `missing required field "title"`},
	{name: "unknown source kind", files: fm("content/sources/s.md", "title: S\npublisher: P\npublished: \"2020\"\nkind: newz\n", "Text."), code: 1, at: "content/sources/s.md:5:7", msg: `unknown kind "newz"`},
	{name: "unknown organisation type", files: fm("content/organizations/o.md", "name: O\ntype: compnay\n", "Text."), code: 1, at: "content/organizations/o.md:3:7", msg: `unknown type "compnay"`},
	{name: "source without title", files: fm("content/sources/s.md", "publisher: P\npublished: \"2020\"\n", "Text."), code: 1, at: "content/sources/s.md:2:1", msg: `missing required field "title"`},
	{name: "source published not a date", files: fm("content/sources/s.md", "title: S\npublisher: P\npublished: soon\n", "Text."), code: 1, at: "content/sources/s.md:4:12", msg: "is not a date"},
	{name: "summary_zh not a map", files: fm("content/sources/s.md", "title: S\npublisher: P\npublished: \"2020\"\nsummary_zh: text\n", "Text."), code: 1, at: "content/sources/s.md:5:13", msg: "summary_zh must be a map"},
	{name: "unknown key is a warning", files: fm("content/people/x.md", "name: X\ncolour: red\n", "Body."), code: 0, at: "content/people/x.md:3:9", msg: `unknown key "colour"`},

	// Events.
	{name: "event without date", files: fm("content/events/e.md", "title: E\ncitations:\n  - source: paper\n    quote: Babbage built engines\n", "Text."), code: 1, at: "content/events/e.md:2:1", msg: `missing required field "date"`},
	{name: "event date in words", files: fm("content/events/e.md", "title: E\ndate: in the spring\ncitations:\n  - source: paper\n    quote: Babbage built engines\n", "Text."), code: 1, at: "content/events/e.md:3:7", msg: "is not a date"},
	{name: "event month 13", files: fm("content/events/e.md", "title: E\ndate: \"2015-13\"\ncitations:\n  - source: paper\n    quote: Babbage built engines\n", "Text."), code: 1, at: "content/events/e.md:3:7", msg: "has no month 13"},
	{name: "event 30 February", files: fm("content/events/e.md", "title: E\ndate: \"2015-02-30\"\ncitations:\n  - source: paper\n    quote: Babbage built engines\n", "Text."), code: 1, at: "content/events/e.md:3:7", msg: "not a day of the calendar"},
	{name: "event end before start", files: fm("content/events/e.md", "title: E\ndate: \"2015\"\nend: \"2014\"\ncitations:\n  - source: paper\n    quote: Babbage built engines\n", "Text."), code: 1, at: "content/events/e.md:4:6", msg: "is before date"},
	{name: "event part with a full date", files: fm("content/events/e.md", "title: E\ndate: \"2015-05-01\"\npart: late\ncitations:\n  - source: paper\n    quote: Babbage built engines\n", "Text."), code: 1, at: "content/events/e.md:4:7", msg: "needs a year-only date"},
	{name: "event without citations", files: fm("content/events/e.md", "title: E\ndate: \"2015\"\n", "Text."), code: 1, at: "content/events/e.md:2:1", msg: "event has no citations"},
	{name: "citations not a list", files: fm("content/events/e.md", "title: E\ndate: \"2015\"\ncitations: paper\n", "Text."), code: 1, at: "content/events/e.md:4:12", msg: "citations must be a list"},
	{name: "citation not a map", files: fm("content/events/e.md", "title: E\ndate: \"2015\"\ncitations:\n  - paper\n", "Text."), code: 1, at: "content/events/e.md:5:5", msg: "citations[0] must be a map"},
	{name: "citation without source", files: fm("content/events/e.md", "title: E\ndate: \"2015\"\ncitations:\n  - quote: Babbage built engines\n", "Text."), code: 1, at: "content/events/e.md:5:5", msg: "citations[0] has no source"},
	{name: "citation without quote", files: fm("content/events/e.md", "title: E\ndate: \"2015\"\ncitations:\n  - source: paper\n", "Text."), code: 1, at: "content/events/e.md:5:5", msg: "citations[0] has no quote"},
	{name: "quote not in the source", files: fm("content/events/e.md", "title: E\ndate: \"2015\"\ncitations:\n  - source: paper\n    quote: Babbage built bridges\n", "Text."), code: 1, at: "content/events/e.md:6:12", msg: "quote not found in paper"},
	{name: "ambiguous quote", files: fm("content/events/e.md", "title: E\ndate: \"2015\"\ncitations:\n  - source: paper\n    quote: Babbage\n", "Text."), code: 1, at: "content/events/e.md:6:12", msg: "quote is ambiguous"},
	{name: "unknown source", files: fm("content/events/e.md", "title: E\ndate: \"2015\"\ncitations:\n  - source: papr\n    quote: Babbage built engines\n", "Text."), code: 1, at: "content/events/e.md:6:12", msg: `unknown source "papr"`},
	{name: "unknown participant", files: fm("content/events/e.md", "title: E\ndate: \"2015\"\nparticipants: [ada-lovelase]\ncitations:\n  - source: paper\n    quote: Babbage built engines\n", "Text."), code: 1, at: "content/events/e.md:4:", msg: `unknown person or organisation "ada-lovelase"`},
	{name: "date variant without date", files: fm("content/events/e.md", "title: E\ndate: \"2015\"\ncitations:\n  - source: paper\n    quote: Babbage built engines\ndate_variants:\n  - source: paper\n    quote: Babbage built engines\n", "Text."), code: 1, at: "content/events/e.md:8:5", msg: `missing required field "date_variants.0.date"`},

	// Claims, quotes, annotations.
	{name: "claim with one version", files: fm("content/claims/c.md", "question: Q?\nversions:\n  - source: paper\n    value: v\n    quote: Babbage built engines\n", "Text."), code: 1, at: "content/claims/c.md:4:3", msg: "claim has 1 version(s)"},
	{name: "claim version without value", files: fm("content/claims/c.md", "question: Q?\nversions:\n  - source: paper\n    quote: Babbage built engines\n  - source: paper\n    value: v\n    quote: the engine works\n", "Text."), code: 1, at: "content/claims/c.md:4:5", msg: `missing required field "versions.0.value"`},
	{name: "claim without question", files: fm("content/claims/c.md", "versions: []\n", "Text."), code: 1, at: "content/claims/c.md:2:1", msg: `missing required field "question"`},
	{name: "quote without speaker", files: fm("content/quotes/q.md", "title: Q\nversions:\n  - source: paper\n    quote: the engine works\n  - source: paper\n    quote: Babbage built engines\n", "Text."), code: 1, at: "content/quotes/q.md:2:1", msg: `missing required field "speaker"`},
	{name: "quote with one version", files: fm("content/quotes/q.md", "title: Q\nspeaker: charles-babbage\nversions:\n  - source: paper\n    quote: the engine works\n", "Text."), code: 1, at: "content/quotes/q.md:5:3", msg: "quote has 1 version(s)"},
	{name: "annotation without exact", files: fm("content/annotations/a.md", "source: paper\ntype: context\n", "Note."), code: 1, at: "content/annotations/a.md:2:1", msg: `missing required field "exact"`},
	{name: "annotation without source", files: fm("content/annotations/a.md", "exact: the first program\ntype: context\n", "Note."), code: 1, at: "content/annotations/a.md:2:1", msg: `missing required field "source"`},
	{name: "annotation of an unknown type", files: fm("content/annotations/a.md", "source: paper\nexact: Babbage built engines\ntype: remark\n", "Note."), code: 1, at: "content/annotations/a.md:4:7", msg: `unknown type "remark"`},
	{name: "annotation in an unknown place", files: fm("content/annotations/a.md", "source: paper\nexact: Babbage built engines\ntype: context\nin: footer\n", "Note."), code: 1, at: "content/annotations/a.md:5:5", msg: `unknown in "footer"`},

	// Links and inline citations.
	{name: "unknown wikilink", files: fm("content/people/x.md", "name: X\n", "See [[Charles Babage]]."), code: 1, at: "content/people/x.md:4:5", msg: "unknown link target [[Charles Babage]]"},
	{name: "wikilink to a person and an organisation", files: fm("content/people/engine-co.md", "name: Engine Person\n", "A person.") + fm("content/people/x.md", "name: X\n", "See [[engine-co]]."), code: 1, at: "content/people/x.md:4:5", msg: "ambiguous link [[engine-co]]: it names people/engine-co and organizations/engine-co"},
	{name: "broken relative link", files: fm("content/people/x.md", "name: X\n", "See [nobody](../people/nobody.md)."), code: 1, at: "content/people/x.md:4:5", msg: `broken link to "../people/nobody.md"`},
	{name: "inline citation of an unknown source", files: fm("content/people/x.md", "name: X\n", "Text.[@papr: Babbage built engines]"), code: 1, at: "content/people/x.md:4:", msg: `unknown source "papr"`},
	{name: "inline citation not found", files: fm("content/people/x.md", "name: X\n", "Text.[@paper: Babbage built bridges]"), code: 1, at: "content/people/x.md:4:", msg: "quote not found in paper"},

	// Script and other URLs, in bodies and in front matter.
	{name: "javascript link", files: fm("content/people/x.md", "name: X\n", "[here](javascript:alert(1))"), code: 1, at: "content/people/x.md:4:8", msg: `"javascript:" URL is not allowed`},
	{name: "javascript behind a numeric entity", files: fm("content/people/x.md", "name: X\n", "[here](&#106;avascript:alert(1))"), code: 1, at: "content/people/x.md:4:8", msg: `"javascript:" URL is not allowed`},
	{name: "javascript behind a hex entity", files: fm("content/people/x.md", "name: X\n", "[here](&#x6A;avascript:alert(1))"), code: 1, at: "content/people/x.md:4:8", msg: `"javascript:"`},
	{name: "javascript behind &colon;", files: fm("content/people/x.md", "name: X\n", "[there](javascript&colon;alert(1))"), code: 1, at: "content/people/x.md:4:9", msg: `"javascript:" URL is not allowed`},
	{name: "javascript percent-encoded", files: fm("content/people/x.md", "name: X\n", "[p](%6Aavascript:alert(1))"), code: 1, at: "content/people/x.md:4:5", msg: `"javascript:"`},
	{name: "javascript in mixed case", files: fm("content/people/x.md", "name: X\n", "Text.\n\n[p](JaVaScRiPt:alert(1))"), code: 1, at: "content/people/x.md:6:5", msg: `"javascript:"`},
	{name: "javascript with a tab entity inside", files: fm("content/people/x.md", "name: X\n", "[p](java&Tab;script:alert(1))"), code: 1, at: "content/people/x.md:4:5", msg: `"javascript:"`},
	{name: "javascript with a newline inside", files: fm("content/people/x.md", "name: X\n", "[p](java&#10;script:alert(1))"), code: 1, at: "content/people/x.md:4:5", msg: `"javascript:"`},
	{name: "javascript with a space inside", files: fm("content/people/x.md", "name: X\n", "[p](<java script:alert(1)>)"), code: 1, at: "content/people/x.md:4:", msg: `"javascript:"`},
	{name: "javascript with a control character", files: fm("content/people/x.md", "name: X\n", "[p](\x01javascript:alert(1))"), code: 1, at: "content/people/x.md:4:", msg: `"javascript:"`},
	{name: "javascript double-encoded", files: fm("content/people/x.md", "name: X\n", "[p](&amp;#106;avascript:alert(1))"), code: 1, at: "content/people/x.md:4:5", msg: `"javascript:"`},
	{name: "data URL", files: fm("content/people/x.md", "name: X\n", "[p](data:text/html;base64,PHNjcmlwdD4=)"), code: 1, at: "content/people/x.md:4:5", msg: `"data:" URL is not allowed`},
	{name: "vbscript image", files: fm("content/people/x.md", "name: X\n", "![i](vbscript:msgbox(1))"), code: 1, at: "content/people/x.md:4:6", msg: `"vbscript:"`},
	{name: "javascript autolink", files: fm("content/people/x.md", "name: X\n", "<javascript:alert(1)>"), code: 1, at: "content/people/x.md:4:2", msg: `"javascript:"`},
	{name: "javascript reference definition", files: fm("content/people/x.md", "name: X\n", "[here][x]\n\n[x]: javascript:alert(1)"), code: 1, at: "content/people/x.md:6:", msg: `"javascript:"`},
	{name: "file URL", files: fm("content/people/x.md", "name: X\n", "[p](file:///etc/passwd)"), code: 1, at: "content/people/x.md:4:5", msg: `"file:"`},
	{name: "javascript in a translation body", files: fm("content/people/ada-lovelace.zh.md", "name: 阿达\n", "[这里](&#106;avascript:alert(1))"), code: 1, at: "content/people/ada-lovelace.zh.md:4:", msg: `"javascript:"`},
	{name: "javascript in a page translation", files: fm("content/about.zh.md", "title: 方法\n", "[那里](javascript&colon;alert(1))"), code: 1, at: "content/about.zh.md:4:", msg: `"javascript:"`},
	{name: "javascript source url", files: fm("content/sources/s.md", "title: S\npublisher: P\npublished: \"2020\"\nurl: \"javascript:alert(1)\"\n", "Text."), code: 1, at: "content/sources/s.md:5:6", msg: `url: a "javascript:" URL is not allowed`},
	{name: "entity-encoded source url", files: fm("content/sources/s.md", "title: S\npublisher: P\npublished: \"2020\"\nurl: \"&#106;avascript:alert(1)\"\n", "Text."), code: 1, at: "content/sources/s.md:5:6", msg: `"javascript:"`},
	{name: "javascript in extra.source", files: fm("content/sources/s.md", "title: S\ndate: \"2020-01-02\"\nextra:\n  source: \"JAVASCRIPT:alert(1)\"\n", "Text."), code: 1, at: "content/sources/s.md:5:11", msg: `extra.source: a "javascript:" URL is not allowed`},
	{name: "data URL as source url", files: fm("content/sources/s.md", "title: S\npublisher: P\npublished: \"2020\"\nurl: \"data:text/html,x\"\n", "Text."), code: 1, at: "content/sources/s.md:5:6", msg: `"data:"`},
	{name: "javascript in a summary key point", files: fm("content/sources/s.md", "title: S\npublisher: P\npublished: \"2020\"\nsummary_zh:\n  abstract: 摘要。\n  key_points:\n    - \"[点](javascript:alert(1))\"\n", "Text."), code: 1, at: "content/sources/s.md:6:3", msg: `"javascript:"`},

	// Translations.
	{name: "translation into an unknown language", files: fm("content/people/ada-lovelace.fr.md", "name: Ada\n", "Texte."), code: 1, at: "content/people/ada-lovelace.fr.md:1:1", msg: `translation into "fr"`},
	{name: "translation of a missing original", files: fm("content/people/nobody.zh.md", "name: 无\n", "正文。"), code: 1, at: "content/people/nobody.zh.md:1:1", msg: "translation of a missing original"},

	// Site config.
	{name: "site.yaml unclosed quote", files: "-- content/site.yaml --\nbase_url: https://example.org/\ntitle: \"unclosed\n", code: 1, at: "content/site.yaml:2:8", msg: "quoted text is never closed", once: true},
	{name: "site.yaml language is a list", files: "-- content/site.yaml --\ntitle: T\nlanguage: [en]\n", code: 1, at: "content/site.yaml:2:11", msg: "language must be text, not a list", once: true},
	{name: "site.yaml title is a map", files: "-- content/site.yaml --\ntitle: {a: b}\n", code: 1, at: "content/site.yaml:1:8", msg: "title must be text, not a map"},
	{name: "site.yaml is a list", files: "-- content/site.yaml --\n- title: T\n", code: 1, at: "content/site.yaml:1:1", msg: "settings are a map of keys"},
	{name: "site.yaml bad indentation", files: "-- content/site.yaml --\ntitle: T\n  base_url: x\n", code: 1, at: "content/site.yaml:2", msg: "invalid site config"},
	{name: "site.yaml duplicate key", files: "-- content/site.yaml --\ntitle: T\ntitle: U\n", code: 1, at: "content/site.yaml:2:1", msg: `duplicate setting "title"`},
	{name: "site.yaml relative base_url", files: "-- content/site.yaml --\ntitle: T\nbase_url: /dossier/\n", code: 1, at: "content/site.yaml:2:11", msg: "is not an absolute http(s) URL"},
	{name: "site.yaml javascript base_url", files: "-- content/site.yaml --\ntitle: T\nbase_url: javascript:alert(1)\n", code: 1, at: "content/site.yaml:2:11", msg: "is not an absolute http(s) URL"},
	{name: "site.yaml languages is a list", files: "-- content/site.yaml --\ntitle: T\nlanguages: [en, zh]\n", code: 1, at: "content/site.yaml:2:12", msg: "languages must be a map", once: true},
	{name: "site.yaml bad language code", files: "-- content/site.yaml --\ntitle: T\nlanguages:\n  en: {name: English}\n  \"z h\": {name: x}\n", code: 1, at: "content/site.yaml:4:3", msg: `invalid language code "z h"`},
	{name: "site.yaml duplicate language", files: "-- content/site.yaml --\ntitle: T\nlanguages:\n  en: {name: English}\n  zh: {name: 中文}\n  zh: {name: 汉语}\n", code: 1, at: "content/site.yaml:5:3", msg: `duplicate language "zh"`},
	{name: "site.yaml language is a list", files: "-- content/site.yaml --\ntitle: T\nlanguages:\n  en: {name: English}\n  zh: [x]\n", code: 1, at: "content/site.yaml:4:7", msg: `invalid language "zh"`},
	{name: "site.yaml not utf-8", files: "-- content/site.yaml --\ntitle: Caf\xe9\n", code: 1, at: "content/site.yaml:1:11", msg: "not UTF-8"},
	{name: "site.yaml missing", remove: []string{"content/site.yaml"}, code: 1, at: "content/site.yaml:1:1", msg: "content/site.yaml is missing or empty", once: true},
	{name: "site.yaml empty", files: "-- content/site.yaml --\n", code: 1, at: "content/site.yaml:1:1", msg: "is missing or empty", once: true},
	{name: "site.yaml only comments", files: "-- content/site.yaml --\n# nothing yet\n", code: 1, at: "content/site.yaml:1:1", msg: "is missing or empty", once: true},

	// Interface strings.
	{name: "strings unclosed quote", files: "-- content/i18n/zh.yaml --\nnav.home: 首页\nnav.sources: \"来源\n", code: 1, at: "content/i18n/zh.yaml:2:14", msg: "quoted text is never closed"},
	{name: "strings duplicate key", files: "-- content/i18n/zh.yaml --\nnav.home: 首页\nnav.home: 主页\n", code: 1, at: "content/i18n/zh.yaml:2:1", msg: `duplicate key "nav.home"`},
	{name: "strings file is a list", files: "-- content/i18n/zh.yaml --\n- nav.home\n", code: 1, at: "content/i18n/zh.yaml:1:1", msg: "a strings file is a map"},
	{name: "strings value is a list", files: "-- content/i18n/zh.yaml --\nnav.home: [首页]\n", code: 1, at: "content/i18n/zh.yaml:1:11", msg: `"nav.home" must be text`},
	{name: "strings plural without other", files: "-- content/i18n/zh.yaml --\ncount.sources:\n  one: \"{n} 个\"\n", code: 1, at: "content/i18n/zh.yaml:1:1", msg: "has no other: form"},
	{name: "strings unknown plural form", files: "-- content/i18n/zh.yaml --\ncount.sources:\n  several: x\n  other: \"{n} 个\"\n", code: 1, at: "content/i18n/zh.yaml:2:3", msg: `unknown plural form "several"`},
	{name: "strings duplicate plural form", files: "-- content/i18n/zh.yaml --\ncount.sources:\n  other: \"{n} 个\"\n  other: \"{n} 篇\"\n", code: 1, at: "content/i18n/zh.yaml:3:3", msg: `duplicate plural form "other"`},
	{name: "strings bad indentation", files: "-- content/i18n/en.yaml --\nnav.home: Home\n  nav.x: y\n", code: 1, at: "content/i18n/en.yaml:2", msg: "invalid strings file"},

	// With the default theme in the binary, a site without its own strings
	// file takes the theme's.
	{name: "strings of the default language from the default theme", remove: []string{"content/i18n/en.yaml"}, code: 0},
	{name: "no home page", remove: []string{"content/_index.md", "content/_index.zh.md"}, code: 1, at: "content/_index.md:1:1", msg: "the site has no home page"},

	// Symbolic links in content/.
	{name: "symlink inside the site is read", files: "-- notes/x.md --\n---\nname: Linked Person\n---\nBody.\n", links: map[string]string{"content/people/linked.md": "../../notes/x.md"}, code: 0},
	{name: "symlinked folder inside the site is read", files: "-- notes/y.md --\n---\nname: Folder Person\n---\nBody.\n", links: map[string]string{"content/people/more": "../../notes"}, code: 0},
	{name: "strings file not utf-8", files: "-- content/i18n/zh.yaml --\nnav.home: \xff\n", code: 1, at: "content/i18n/zh.yaml:1:", msg: "invalid strings file"},
	{name: "symlink outside the site is a warning", links: map[string]string{"content/people/outside.md": "/etc/hostname"}, code: 0, at: "content/people/outside.md:1:1", msg: "symbolic link leads outside the site"},
	{name: "broken symlink is a warning", links: map[string]string{"content/people/gone.md": "../nowhere.md"}, code: 0, at: "content/people/gone.md:1:1", msg: "symbolic link is broken"},
}

// TestBadInputs builds the good site once, then each bad input laid over
// it through the command line in-process: the exit code, the message at
// its file:line, never a panic, and, when the build fails, the output
// folder exactly as it was.
func TestBadInputs(t *testing.T) {
	if n := len(badInputs); n < 70 {
		t.Fatalf("%d bad inputs, want at least 70", n)
	}
	base := sitetest.NewSite(t, goodSite)
	var trs []string
	for name := range synth.Parse(goodSite) {
		if strings.HasSuffix(name, ".zh.md") {
			trs = append(trs, strings.TrimSuffix(name, ".zh.md")+".md")
		}
	}
	sort.Strings(trs)
	if code, _, stderr := run(append(append([]string{"translate"}, trs...), "--lang", "zh", "--mark-current", "-s", base)...); code != 0 {
		t.Fatalf("translate --mark-current: %s", stderr)
	}
	good := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := run("build", "-s", base, "-d", good); code != 0 {
		t.Fatalf("the good site does not build: %s", stderr)
	}
	for _, tc := range badInputs {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			site := filepath.Join(dir, "site")
			sitetest.CopyTree(t, base, site)
			out := filepath.Join(dir, "public")
			sitetest.CopyTree(t, good, out)
			copyFile(t, filepath.Join(filepath.Dir(good), ".public.manifest"), filepath.Join(dir, ".public.manifest"))
			before := treeHash(t, dir, "site")
			for _, r := range tc.remove {
				if err := os.Remove(filepath.Join(site, filepath.FromSlash(r))); err != nil {
					t.Fatal(err)
				}
			}
			for name, body := range synth.Parse(tc.files) {
				p := filepath.Join(site, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			for name, target := range tc.links {
				if err := os.Symlink(target, filepath.Join(site, filepath.FromSlash(name))); err != nil {
					t.Fatal(err)
				}
			}
			code, _, stderr := run("build", "-s", site, "-d", out)
			if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine ") {
				t.Fatalf("panic:\n%s", stderr)
			}
			if code != tc.code {
				t.Fatalf("exit %d, want %d:\n%s", code, tc.code, stderr)
			}
			if tc.msg != "" {
				found := 0
				for _, line := range strings.Split(stderr, "\n") {
					if strings.HasPrefix(line, tc.at) && strings.Contains(line, tc.msg) {
						found++
					}
				}
				if found == 0 || (tc.once && found != 1) {
					t.Fatalf("want %d× %q at %s, got:\n%s", max(found, 1), tc.msg, tc.at, stderr)
				}
				if tc.once {
					if n := len(diagLine.FindAllString(stderr, -1)); n != 1 {
						t.Errorf("%d diagnostics, want only this one:\n%s", n, stderr)
					}
				}
			} else if code == 0 && strings.Contains(stderr, ": warning: ") {
				t.Errorf("unexpected warnings:\n%s", stderr)
			}
			if code != 0 {
				if after := treeHash(t, dir, "site"); after.String() != before.String() {
					t.Errorf("the output folder changed:\n%s", diffTrees(before, after))
				}
			}
			if tc.name == "symlink inside the site is read" {
				sitetest.AssertFileContent(t, out, "people/linked/index.html", "Linked Person")
			}
			if tc.name == "symlinked folder inside the site is read" {
				sitetest.AssertFileContent(t, out, "people/y/index.html", "Folder Person")
			}
			if tc.name == "utf-8 bom before front matter" {
				sitetest.AssertFileContent(t, out, "people/x/index.html", "<title>X", "! \ufeff")
			}
		})
	}
}

type tree map[string]string

// treeHash hashes every file under dir by its slash path, leaving out the
// top-level folders named in skip.
func treeHash(t *testing.T, dir string, skip ...string) tree {
	t.Helper()
	out := tree{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		for _, s := range skip {
			if rel == s || strings.HasPrefix(rel, s+"/") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
		}
		if d.IsDir() {
			out[rel+"/"] = "dir"
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		s := sha256.Sum256(b)
		out[rel] = hex.EncodeToString(s[:8])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func (a tree) String() string {
	var keys []string
	for k := range a {
		keys = append(keys, k+" "+a[k])
	}
	sort.Strings(keys)
	return strings.Join(keys, "\n")
}

func diffTrees(a, b tree) string {
	var out []string
	for k, v := range a {
		if b[k] != v {
			out = append(out, "changed or removed: "+k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, "added: "+k)
		}
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// diagLine is the first line of one diagnostic as the command line
// prints it: file:line:col: error|warning: message.
var diagLine = regexp.MustCompile(`(?m)^\S+:\d+(:\d+)?: (error|warning): `)
