package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/dossier-ssg/dossier/generator/content"
)

// The files of a new site besides the examples dossier new writes.
const (
	initConfig = `# Site settings. base_url is where the site will be published: every
# canonical link, the sitemap and the feeds use it. dossier build warns
# while it is still the example; --base-url overrides it.
title: "A New Dossier"
description: "The sources of one dispute, read closely and cross-linked."
base_url: "https://example.org/"
language: en

# The languages the site is published in, the default (language: above)
# first. Originals are name.md; a translation is name.<code>.md beside
# it (dossier translate PATH --lang zh starts one), published under /zh/.
languages:
  en:
    name: English
    locale: en
  zh:
    name: 中文
    locale: zh-Hans
`
	initHome = `---
title: A New Dossier
---
This dossier reads its sources closely: every page cites the exact words
of a source, and the build proves each citation against the text.

Start with [[Example Report]], or see who is involved: [[Jane Doe]].
`
	initReadme = `# Editing this dossier

Everything is Markdown with YAML front matter, one folder per kind under
content/; the file name is the page's slug (content/people/jane-doe.md is
/people/jane-doe/). Each example file here lists every key its kind takes,
with a comment saying what it is for: copy one, or let dossier write a new
one for you.

    dossier serve              # preview at http://127.0.0.1:1313/, live
    dossier new person ada-lovelace
    dossier new source some-article --from article.txt
    dossier check              # verify every link and citation
    dossier build              # write the site into public/

- A citation names a source and quotes its exact words:
  [@example-report: the exact words]. The build finds the words in the
  source and fails, pointing at the line, if they are not there.
- Link to any page with [[Its Title]] or [[people/jane-doe]].
- Translations: dossier translate content/people/jane-doe.md --lang zh
  writes content/people/jane-doe.zh.md to translate; dossier translations
  shows what is missing or out of date.
- The look comes with dossier. To change a template or the stylesheet,
  put a file of the same name in templates/ or static/ here: dossier
  theme lists them all and where each comes from.
- Set base_url in content/site.yaml before publishing.
`
	// The example sources are about this dossier itself, so that they
	// state nothing about the world that a reader could take for fact.
	initSource1 = `This example report stands in for an article you will read closely. Paste the article's text here, one paragraph per paragraph, exactly as it was published.

Its author is given as Jane Doe and its publisher as Example News. Every page of the dossier can cite its exact words, and the build checks each citation against this text.

An annotation can be pinned to a passage, such as this one, to add context the article leaves out.
`
	initSource2 = `This second example stands in for another article about the same events. Where the two disagree, a claim page sets their versions side by side.

It says the example report was written by Jane Doe for Example News.
`
)

func runInit(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("init", "init DIR", stderr)
	if code, ok := parseArgs(fs, args, stdout, 1, 1); !ok {
		return code
	}
	dir := fs.Arg(0)
	if es, err := os.ReadDir(dir); err == nil && len(es) > 0 {
		fmt.Fprintf(stderr, "dossier init: %s is not empty; give a new or empty folder\n", dir)
		return 1
	} else if err != nil && !os.IsNotExist(err) {
		fmt.Fprintf(stderr, "dossier init: %v\n", err)
		return 1
	}
	if err := initSite(dir); err != nil {
		fmt.Fprintf(stderr, "dossier init: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "a new dossier is in %s; preview it with\n\n  dossier serve -s %s\n\nthen read %s\n", dir, dir, filepath.Join(dir, "README.md"))
	return 0
}

// initSite writes a site that checks clean and builds: the config, a
// home page, a README for editors, two example sources and one example
// of every other kind, written as dossier new writes them.
func initSite(dir string) error {
	write := func(rel string, data []byte) error {
		return writeNew(filepath.Join(dir, filepath.FromSlash(rel)), data)
	}
	src, _ := content.SkeletonOf("source")
	sourceFile := func(title, body, publisher string) []byte {
		f := string(src.File(map[string]string{"title": title}))
		f = strings.Replace(f, "publisher: \"Example News\"", "publisher: \""+publisher+"\"", 1)
		end := strings.LastIndex(f, "---\n")
		return []byte(f[:end+4] + body)
	}
	files := []struct {
		rel  string
		data []byte
	}{
		{"content/site.yaml", []byte(initConfig)},
		{"content/_index.md", []byte(initHome)},
		{"README.md", []byte(initReadme)},
		{"content/sources/example-report.md", sourceFile("Example Report", initSource1, "Example News")},
		{"content/sources/example-reply.md", sourceFile("Example Reply", initSource2, "Example Review")},
	}
	for _, f := range files {
		if err := write(f.rel, f.data); err != nil {
			return err
		}
	}
	examples := map[string]string{
		"page": "about", "person": "jane-doe", "organization": "example-news", "event": "example-report-published",
		"claim": "who-wrote-the-example-report", "quote": "example-quotation", "annotation": "example-note",
	}
	for _, sk := range content.Skeletons() {
		slug, ok := examples[sk.Name]
		if !ok {
			continue
		}
		vars := exampleVars(dir, slug)
		if err := write(pathOf(sk, slug), sk.File(vars)); err != nil {
			return err
		}
	}
	return nil
}
