package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/dossier-ssg/dossier/generator/build"
	"github.com/dossier-ssg/dossier/generator/content"
)

// newKinds are the kinds dossier new writes, by the singular names it
// takes on the command line.
func newKinds() []string {
	var out []string
	for _, s := range content.Skeletons() {
		out = append(out, s.Name)
	}
	return out
}

var slugRe = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// slugify suggests a slug for a name: lower case, hyphens between words.
func slugify(s string) string {
	s = strings.ToLower(s)
	s = regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(s, "-")
	return strings.Trim(s, "-")
}

// titleOf turns a slug into words for example values: ada-lovelace →
// Ada Lovelace.
func titleOf(slug string) string {
	ws := strings.Split(slug, "-")
	for i, w := range ws {
		if w != "" {
			ws[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(ws, " ")
}

// pathOf is where a new file of the kind lives, relative to the site.
func pathOf(sk content.Skeleton, slug string) string {
	if sk.Kind == content.KindPage {
		return "content/" + slug + ".md"
	}
	return "content/" + string(sk.Kind) + "/" + slug + ".md"
}

// exampleVars fill a skeleton's examples from the site as it is: its
// first two sources, words from each that occur once, its first person.
// A site without them gets placeholders that check reports plainly.
func exampleVars(siteDir, slug string) map[string]string {
	vars := map[string]string{
		"title": titleOf(slug), "source": "source-slug", "source2": "source-slug",
		"quote": "the exact words of the source", "quote2": "the exact words of the source",
		"person": "person-slug",
	}
	_, docs, _, err := build.Load(siteDir)
	if err != nil {
		return vars
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].Path < docs[j].Path })
	var sources []*content.Doc
	for _, d := range docs {
		switch {
		case d.Lang != "" || d.Failed || d.MD == nil:
		case d.Kind == content.KindSource:
			sources = append(sources, d)
		case d.Kind == content.KindPerson && vars["person"] == "person-slug":
			vars["person"] = d.Slug
		}
	}
	n := 0
	for _, s := range sources {
		q := uniqueWords(s)
		if q == "" {
			continue
		}
		if n == 0 {
			vars["source"], vars["quote"], vars["source2"], vars["quote2"] = s.Slug, q, s.Slug, q
		} else {
			vars["source2"], vars["quote2"] = s.Slug, q
			break
		}
		n++
	}
	return vars
}

// uniqueWords returns the first six words of a paragraph of the source
// that occur only once in it and are safe to write between quotes in
// YAML and in an inline [@citation]; "" if there are none.
func uniqueWords(src *content.Doc) string {
	var all strings.Builder
	for _, b := range src.MD.Blocks {
		all.WriteString(b.Text + "\n")
	}
	for _, b := range src.MD.Blocks {
		ws := strings.Fields(b.Text)
		if len(ws) < 6 {
			continue
		}
		q := strings.TrimRight(strings.Join(ws[:6], " "), ",.;:")
		if strings.ContainsAny(q, "\"\\[]") || strings.Count(all.String(), q) != 1 {
			continue
		}
		return q
	}
	return ""
}

// writeNew writes a file that must not exist yet.
func writeNew(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s already exists; nothing was written", path)
		}
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func runNew(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("new", "new KIND SLUG [-s SITE] [--lang zh] [--from FILE]", stderr)
	siteDir := fs.String("s", ".", "`SITE` is the site folder")
	lang := fs.String("lang", "", "write a translation skeleton of the existing KIND SLUG into this `language`, as dossier translate does")
	from := fs.String("from", "", "for a source: take its text from this plain-text or Markdown `FILE`, and list lines that look like scraping debris")
	if code, ok := parseArgs(fs, args, stdout, 2, 2); !ok {
		return code
	}
	kind, slug := fs.Arg(0), fs.Arg(1)
	sk, ok := content.SkeletonOf(kind)
	if !ok {
		fmt.Fprintf(stderr, "dossier new: unknown kind %q: use one of %s\n", kind, strings.Join(newKinds(), ", "))
		return 2
	}
	slug = strings.TrimSuffix(slug, ".md")
	if !slugRe.MatchString(slug) {
		fmt.Fprintf(stderr, "dossier new: %q is not a slug: use lower-case letters, digits and hyphens, e.g. %s\n", slug, slugify(slug))
		return 2
	}
	if err := needSite(*siteDir); err != nil {
		fmt.Fprintf(stderr, "dossier new: %v\n", err)
		return 1
	}
	rel := pathOf(sk, slug)
	if *lang != "" {
		if *from != "" {
			fmt.Fprintln(stderr, "dossier new: --from and --lang do not go together: write the original first")
			return 2
		}
		return translateOne(*siteDir, rel, *lang, false, stdout, stderr)
	}
	data := sk.File(exampleVars(*siteDir, slug))
	var debris []debrisLine
	if *from != "" {
		if sk.Kind != content.KindSource {
			fmt.Fprintln(stderr, "dossier new: --from is for sources: dossier new source SLUG --from FILE")
			return 2
		}
		src, err := os.ReadFile(*from)
		if err != nil {
			fmt.Fprintf(stderr, "dossier new: %v\n", err)
			return 1
		}
		var a article
		a, debris = importArticle(string(src))
		data = sourceFromArticle(sk, a, filepath.Base(*from))
	}
	if err := writeNew(filepath.Join(*siteDir, filepath.FromSlash(rel)), data); err != nil {
		fmt.Fprintf(stderr, "dossier new: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %s: fill in the keys marked required, then run dossier check\n", rel)
	for _, d := range debris {
		fmt.Fprintf(stderr, "%s:%d: warning: %s: %q\n", *from, d.line, d.why, d.text)
	}
	if len(debris) > 0 {
		fmt.Fprintf(stderr, "  hint: %d %s that look like the web page around the article %s kept in %s: remove those that are not part of the article\n",
			len(debris), plural(len(debris), "line", "lines"), plural(len(debris), "is", "are"), rel)
	}
	return 0
}

// debrisLine is a line of an imported article that looks like part of
// the web page around it, not of the article.
type debrisLine struct {
	line int // in the imported file
	text string
	why  string
}

// debrisRules recognise what scrapers leave in an article's text. Each
// is a pattern over one trimmed line and what to call it.
var debrisRules = []struct {
	re  *regexp.Regexp
	why string
}{
	{regexp.MustCompile(`!\[[^\]]*\]\(blob:`), "an image whose address (blob:) only lived in the browser"},
	{regexp.MustCompile(`(?i)\b(picture|image|photo)\s+\d+\b`), "an image caption left by the scraper"},
	{regexp.MustCompile(`(?i)^(related|read more|see also|recommended|recent news|more from)\b\s*:?`), "a link list of the page, not the article"},
	{regexp.MustCompile(`(?i)^(table of contents|jump to)\b`), "the page's navigation"},
	{regexp.MustCompile(`(?i)(\d+(\.\d+)?\s*★|\bvotes?\b.*\brating\b|^article rating$|\d+\s*votes?$)`), "a rating widget"},
	{regexp.MustCompile(`(?i)(\b\d+\s+comments?\b|comment below|^(view all comments|inline feedbacks|newest|oldest( most voted)?|notify of|subscribe|guest)$)`), "the comment section"},
	{regexp.MustCompile(`^(Title|URL Source|Published Time|Markdown Content):`), "a scraper's header"},
	{regexp.MustCompile(`(?i)^(share|tweet|email|print|facebook|twitter|linkedin|mastodon|whatsapp|reddit)$`), "a sharing button"},
	{regexp.MustCompile(`^(Home|News)[A-Z][A-Za-z]+(News)?[A-Z]`), "a breadcrumb trail"},
	{regexp.MustCompile(`^[-–—•·|()x*0-9]{0,3}$`), "a stray mark"},
}

// importArticle splits an article into its title, its paragraphs (one a
// block, blank lines between) and the lines that look like debris. The
// debris stays in the text: only the editor can tell for sure, and a
// removed line is easier to see than a lost one.
func importArticle(src string) (a article, debris []debrisLine) {
	src = strings.ReplaceAll(src, "\r\n", "\n")
	lines := strings.Split(src, "\n")
	start := 0
	// A seed's own front matter is skipped; its title is kept.
	if len(lines) > 0 && strings.TrimSpace(lines[0]) == "---" {
		for i := 1; i < len(lines); i++ {
			if strings.TrimSpace(lines[i]) == "---" {
				for _, l := range lines[1:i] {
					k, v, _ := strings.Cut(strings.TrimSpace(l), ":")
					v = strings.Trim(strings.TrimSpace(v), `"'`)
					switch k {
					case "title":
						a.title = v
					case "date":
						a.published = v
					case "source":
						a.url = v
					}
				}
				start = i + 1
				break
			}
		}
	}
	wrapped := isWrapped(lines[start:])
	var paras []string
	joins := false // the last line continues a paragraph of wrapped text
	for i := start; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if l == "" {
			joins = false
			continue
		}
		why := ""
		for _, r := range debrisRules {
			if r.re.MatchString(l) {
				why = r.why
				break
			}
		}
		if v, ok := strings.CutPrefix(l, "URL Source:"); ok && a.url == "" {
			a.url = strings.TrimSpace(v)
		}
		if why == "" && a.title == "" {
			a.title = strings.TrimLeft(l, "# ")
			continue
		}
		if why != "" {
			debris = append(debris, debrisLine{i + 1, l, why})
		}
		if joins && why == "" && !strings.HasPrefix(l, "#") {
			paras[len(paras)-1] += "\n" + l
			continue
		}
		paras = append(paras, l)
		joins = wrapped && why == "" && !strings.HasPrefix(l, "#")
	}
	a.body = strings.Join(paras, "\n\n") + "\n"
	return a, debris
}

// isWrapped reports whether a text is hard-wrapped, its paragraphs
// split over several short lines with blank lines between them, as
// Markdown is often written. Scraped text, like the seeds, has one
// paragraph a line instead, often with no blank lines at all.
func isWrapped(lines []string) bool {
	var lens []int
	blank := false
	for _, l := range lines {
		if l = strings.TrimSpace(l); l == "" {
			blank = true
		} else {
			lens = append(lens, utf8.RuneCountInString(l))
		}
	}
	if !blank || len(lens) == 0 {
		return false
	}
	sort.Ints(lens)
	return lens[len(lens)/2] < 100 && lens[len(lens)*9/10] <= 100
}

// article is what an imported file says about itself.
type article struct {
	title, url, published, body string
}

// sourceFromArticle is a new source with an imported article's title,
// address, date and text, and the rest of its front matter to fill.
func sourceFromArticle(sk content.Skeleton, a article, file string) []byte {
	vars := map[string]string{"title": strings.ReplaceAll(a.title, `"`, `\"`)}
	f := string(sk.File(vars))
	f = strings.Replace(f, "# seed: article.txt", "seed: "+file, 1)
	f = strings.Replace(f, `publisher: "Example News"`, `publisher: ""`, 1)
	if a.url != "" {
		f = strings.Replace(f, "# url: https://example.org/news/article", "url: "+a.url, 1)
	}
	if len(a.published) >= 4 {
		f = strings.Replace(f, `published: "2024-03"`, `published: "`+a.published[:min(len(a.published), 10)]+`"`, 1)
	}
	end := strings.LastIndex(f, "---\n")
	return []byte(f[:end+4] + a.body)
}
