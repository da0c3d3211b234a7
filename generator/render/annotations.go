package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/dossier-ssg/dossier/generator/site"
)

// The annotations are also published as a W3C Web Annotation collection
// (https://www.w3.org/TR/annotation-model/, JSON-LD with the context
// http://www.w3.org/ns/anno.jsonld), one per language, so an annotation
// client (Hypothesis, Recogito, …) can show the editor's notes over the
// original article: each note targets the article's URL where the source
// has one, and singles out its passage with a TextQuoteSelector.

// AnnoContext is the Web Annotation JSON-LD context.
const AnnoContext = "http://www.w3.org/ns/anno.jsonld"

// AnnoCollection is a Web Annotation collection with its one page.
type AnnoCollection struct {
	Context string   `json:"@context"`
	ID      string   `json:"id"`
	Type    string   `json:"type"` // AnnotationCollection
	Label   string   `json:"label"`
	Total   int      `json:"total"`
	First   AnnoPage `json:"first"`
}

// AnnoPage is a page of a collection: here, all of its annotations.
type AnnoPage struct {
	ID         string       `json:"id"`
	Type       string       `json:"type"` // AnnotationPage
	StartIndex int          `json:"startIndex"`
	Items      []Annotation `json:"items"`
}

// Annotation is one editor's note on one passage.
type Annotation struct {
	ID         string     `json:"id"`
	Type       string     `json:"type"` // Annotation
	Motivation string     `json:"motivation"`
	Body       AnnoBody   `json:"body"`
	Target     AnnoTarget `json:"target"`
}

// AnnoBody is the note, as HTML.
type AnnoBody struct {
	Type     string `json:"type"` // TextualBody
	Value    string `json:"value"`
	Format   string `json:"format"` // text/html
	Language string `json:"language"`
}

// AnnoTarget is the passage: the document and the words in it.
type AnnoTarget struct {
	Source   string       `json:"source"`
	Selector AnnoSelector `json:"selector"`
}

// AnnoSelector is a TextQuoteSelector: the exact words and a little of
// the text on either side, enough to find them again.
type AnnoSelector struct {
	Type   string `json:"type"` // TextQuoteSelector
	Exact  string `json:"exact"`
	Prefix string `json:"prefix,omitempty"`
	Suffix string `json:"suffix,omitempty"`
}

// contextRunes is how much text the selector keeps on either side;
// Hypothesis keeps 32 characters.
const contextRunes = 32

// AnnotationsPath is where the language's collection is written.
func (b *Builder) AnnotationsPath() string {
	return strings.TrimPrefix(b.prefix()+"/annotations.jsonld", "/")
}

// absoluteLinks makes the site paths of a note's links and images
// absolute: each href="/…" and src="/…" (what the regexp
// (href|src)="(/[^"]*)" finds, found without one: this runs on every
// note of every build).
func absoluteLinks(html string, abs func(string) string) string {
	var out strings.Builder
	done := 0 // html[:done] is written
	for i := 0; i < len(html); {
		j := strings.Index(html[i:], `="/`)
		if j < 0 {
			break
		}
		j += i
		attr := strings.HasSuffix(html[:j], "href") || strings.HasSuffix(html[:j], "src")
		end := strings.IndexByte(html[j+2:], '"')
		if end < 0 {
			break // no closing quote: nothing after can match either
		}
		end += j + 2
		if !attr {
			i = j + 1
			continue
		}
		if out.Len() == 0 {
			out.Grow(len(html) + 64)
		}
		out.WriteString(html[done : j+2])
		out.WriteString(abs(html[j+2 : end]))
		done, i = end, end+1
	}
	if done == 0 {
		return html
	}
	out.WriteString(html[done:])
	return out.String()
}

// Annotations is the language's collection as JSON-LD. It reads the
// notes Pages rendered, so it runs after Pages.
func (b *Builder) Annotations() ([]byte, error) {
	cfg := b.Site.Config
	abs := func(p string) string { return cfg.Absolute(b.url(p)) }
	id := cfg.Absolute(strings.TrimSuffix(cfg.BasePath(), "/") + "/" + b.AnnotationsPath())
	c := AnnoCollection{Context: AnnoContext, ID: id, Type: "AnnotationCollection", Label: b.Lang.Title,
		First: AnnoPage{ID: id + "#page-1", Type: "AnnotationPage", Items: []Annotation{}}}
	var keys []string
	for k := range b.Site.Notes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, pl := range b.Site.Notes[k] {
			c.First.Items = append(c.First.Items, b.annotation(pl, abs))
		}
	}
	c.Total = len(c.First.Items)
	cache := b.Cache
	if b.Lazy {
		cache = nil // a one-shot build: no later build reads it
	}
	data, err := encodeAnnotations(c, cache)
	if err != nil {
		return nil, fmt.Errorf("failed to encode %s: %w", b.AnnotationsPath(), err)
	}
	return data, nil
}

// encodeAnnotations writes c as JSON indented by one space, HTML left
// unescaped: the collection's own fields, then each annotation as it
// sits in the items list, taken from cache where an earlier build
// encoded the same one (an annotation is all strings: equal fields,
// equal JSON). The preview server's rebuilds re-encoded every note of
// the dossier before. cache keeps this build's encodings (nil: none).
func encodeAnnotations(c AnnoCollection, cache *Cache) ([]byte, error) {
	items := c.First.Items
	c.First.Items = []Annotation{}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(c); err != nil {
		return nil, err
	}
	// The items are the last field of the last field: the collection
	// ends with them, as an empty list.
	const tail = "[]\n }\n}\n"
	if len(items) == 0 {
		return out.Bytes(), nil
	}
	if !bytes.HasSuffix(out.Bytes(), []byte(tail)) {
		return nil, fmt.Errorf("encoding/json wrote an unexpected collection: %q", out.Bytes()[max(0, out.Len()-len(tail)):])
	}
	out.Truncate(out.Len() - len(tail))
	var prev map[Annotation][]byte
	if cache != nil {
		prev, cache.Annos = cache.Annos, make(map[Annotation][]byte, len(items))
	}
	var one bytes.Buffer
	item := json.NewEncoder(&one)
	item.SetEscapeHTML(false)
	item.SetIndent("   ", " ") // three levels in: the collection, its page, the items
	out.WriteString("[\n   ")
	for i, a := range items {
		if i > 0 {
			out.WriteString(",\n   ")
		}
		data, ok := prev[a]
		if !ok {
			one.Reset()
			if err := item.Encode(a); err != nil {
				return nil, err
			}
			data = bytes.Clone(bytes.TrimSuffix(one.Bytes(), []byte("\n")))
		}
		if cache != nil {
			cache.Annos[a] = data
		}
		out.Write(data)
	}
	out.WriteString("\n  ]\n }\n}\n")
	return out.Bytes(), nil
}

func (b *Builder) annotation(pl *site.Placement, abs func(string) string) Annotation {
	p := pl.Passage
	src := p.Source
	target := abs(URLOf(src))
	// The original article is the target where the source names it; the
	// summary exists only on the dossier's page.
	if src.Source != nil && src.Source.URL != "" && !p.InSummary {
		target = src.Source.URL
	}
	text := p.Block.Text
	lang := b.Lang.Locale
	if pl.Doc.BodyFallback || pl.Doc.Lang != b.Lang.Code && !b.Site.Primary {
		lang = b.locale(pl.Doc.Lang)
	}
	// Links in the note point at the dossier's pages: make them absolute,
	// since the note is read over another site.
	html := absoluteLinks(string(b.notes[pl.Doc.KeyOf()].HTML), b.Site.Config.Absolute)
	return Annotation{
		ID:         abs(URLOf(pl.Doc)),
		Type:       "Annotation",
		Motivation: "commenting",
		Body:       AnnoBody{Type: "TextualBody", Value: html, Format: "text/html", Language: lang},
		Target: AnnoTarget{Source: target, Selector: AnnoSelector{
			Type:   "TextQuoteSelector",
			Exact:  text[p.Start:p.End],
			Prefix: lastRunes(text[:p.Start], contextRunes),
			Suffix: firstRunes(text[p.End:], contextRunes),
		}},
	}
}

func lastRunes(s string, n int) string {
	i := len(s)
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

func firstRunes(s string, n int) string {
	i := 0
	for ; n > 0 && i < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}
