package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"sort"
	"strings"

	"github.com/dossier-ssg/dossier/generator/content"
)

// Timestamp is a date as RFC 3339, at the start of its period: feeds
// need a full timestamp, and one taken from the content (never from the
// clock) keeps builds reproducible.
func Timestamp(d content.Date) string {
	m, day := d.Month, d.Day
	if m == 0 {
		m = 1
	}
	if day == 0 {
		day = 1
	}
	return fmt.Sprintf("%04d-%02d-%02dT00:00:00Z", d.Year, m, day)
}

type atomLink struct {
	Href     string `xml:"href,attr"`
	Rel      string `xml:"rel,attr,omitempty"`
	Type     string `xml:"type,attr,omitempty"`
	HrefLang string `xml:"hreflang,attr,omitempty"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Link    atomLink `xml:"link"`
	Updated string   `xml:"updated"`
	Summary string   `xml:"summary,omitempty"`
	Author  *struct {
		Name string `xml:"name"`
	} `xml:"author,omitempty"`
}

type atomFeed struct {
	XMLName  xml.Name   `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string     `xml:"xml:lang,attr"`
	Title    string     `xml:"title"`
	Subtitle string     `xml:"subtitle,omitempty"`
	ID       string     `xml:"id"`
	Links    []atomLink `xml:"link"`
	Updated  string     `xml:"updated"`
	Author   struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

// FeedPath is where a language's Atom feed is written.
func (b *Builder) FeedPath() string { return strings.TrimPrefix(b.prefix()+"/atom.xml", "/") }

// Feed is the language's Atom feed: the sources, then the latest events,
// newest first.
func (b *Builder) Feed(latest int) ([]byte, error) {
	cfg := b.Site.Config
	abs := func(p string) string { return cfg.Absolute(b.url(p)) }
	f := atomFeed{Lang: b.Lang.Locale, Title: b.Lang.Title, Subtitle: b.Lang.Description, ID: abs("/")}
	f.Links = []atomLink{{Href: abs("/"), Rel: "alternate", Type: "text/html"}, {Href: cfg.Absolute(strings.TrimSuffix(cfg.BasePath(), "/") + "/" + b.FeedPath()), Rel: "self", Type: "application/atom+xml"}}
	f.Author.Name = cfg.Author
	if f.Author.Name == "" {
		f.Author.Name = b.Lang.Title
	}
	type dated struct {
		d    *content.Doc
		date content.Date
	}
	// Every document of the kinds in the feeds, but only the latest
	// events.
	var all, evs []dated
	for _, sp := range content.Specs() {
		if !sp.Feed {
			continue
		}
		for _, d := range b.Site.ByKind[sp.Kind] {
			switch {
			case d.Source != nil:
				all = append(all, dated{d, d.Source.Published})
			case d.Event != nil:
				evs = append(evs, dated{d, d.Event.Date})
			default:
				date, _ := d.Fields["date"].(content.Date)
				all = append(all, dated{d, date})
			}
		}
	}
	sort.SliceStable(evs, func(i, j int) bool {
		if a, c := evs[i].date.Key(), evs[j].date.Key(); a != c {
			return a > c
		}
		return evs[i].d.Slug < evs[j].d.Slug
	})
	if len(evs) > latest {
		evs = evs[:latest]
	}
	all = append(all, evs...)
	sort.SliceStable(all, func(i, j int) bool {
		if a, c := all[i].date.Key(), all[j].date.Key(); a != c {
			return a > c
		}
		return all[i].d.Path < all[j].d.Path
	})
	for _, x := range all {
		e := atomEntry{Title: b.pageTitle(x.d), ID: abs(URLOf(x.d)), Link: atomLink{Href: abs(URLOf(x.d)), Rel: "alternate", Type: "text/html"}, Updated: Timestamp(x.date)}
		switch {
		case x.d.Source != nil:
			e.Summary = x.d.Source.Dek
			if e.Summary == "" {
				e.Summary = x.d.Source.Publisher
			}
			e.Author = &struct {
				Name string `xml:"name"`
			}{Name: x.d.Source.Publisher}
		case x.d.Event != nil:
			e.Summary = b.date(x.d.Event.Date)
		}
		if e.Updated > f.Updated {
			f.Updated = e.Updated
		}
		f.Entries = append(f.Entries, e)
	}
	if f.Updated == "" {
		f.Updated = "1970-01-01T00:00:00Z"
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return nil, fmt.Errorf("failed to encode %s: %w", b.FeedPath(), err)
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// Sitemap lists every page with its alternates in the other languages.
// It returns no error: xml.EscapeText fails only when its writer does,
// and a bytes.Buffer never does (it panics if it cannot grow).
func Sitemap(pages []*Page) []byte {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	for _, p := range pages {
		if p.Template == "404" {
			continue
		}
		buf.WriteString("  <url>\n    <loc>")
		xml.EscapeText(&buf, []byte(p.Canonical))
		buf.WriteString("</loc>\n")
		if len(p.Alternates) > 1 {
			for _, a := range p.Alternates {
				fmt.Fprintf(&buf, `    <xhtml:link rel="alternate" hreflang="%s" href="`, a.Locale)
				xml.EscapeText(&buf, []byte(a.Abs))
				buf.WriteString("\"/>\n")
			}
			buf.WriteString(`    <xhtml:link rel="alternate" hreflang="x-default" href="`)
			xml.EscapeText(&buf, []byte(p.XDefault))
			buf.WriteString("\"/>\n")
		}
		buf.WriteString("  </url>\n")
	}
	buf.WriteString("</urlset>\n")
	return buf.Bytes()
}

// JSONLD is the structured data of a page (schema.org), or nil.
func (b *Builder) jsonLD(p *Page) any {
	d := p.Doc
	if d == nil {
		if p.Template == "home" {
			return nil
		}
		return map[string]any{"@context": "https://schema.org", "@type": "CollectionPage", "name": p.Title, "url": p.Canonical, "inLanguage": b.Lang.Locale}
	}
	base := map[string]any{"@context": "https://schema.org", "url": p.Canonical, "inLanguage": b.Lang.Locale}
	switch {
	case d.Kind == content.KindPage && d.Slug == "_index":
		base["@type"] = "WebSite"
		base["name"] = b.Lang.Title
		base["description"] = b.Lang.Description
	case d.Source != nil:
		sourceLD(base, d)
	case d.Entity != nil:
		entityLD(base, d, p)
	case d.Kind == content.KindClaim:
		// Each source's version as a schema.org Claim appearing in that
		// source; no ClaimReview, since the dossier gives no verdicts.
		base["@type"] = "WebPage"
		base["name"] = p.Title
		var claims []any
		for _, v := range p.Claim.Versions {
			claims = append(claims, map[string]any{"@type": "Claim", "text": v.Quote, "appearance": b.appearance(v)})
		}
		base["mainEntity"] = claims
	case d.Kind == content.KindQuote:
		base["@type"] = "WebPage"
		base["name"] = p.Title
		var qs []any
		for _, v := range p.Quote.Versions {
			q := map[string]any{"@type": "Quotation", "text": v.Quote, "isPartOf": b.appearance(v)}
			if p.Quote.Speaker.Title != "" {
				q["creator"] = map[string]any{"@type": "Person", "name": p.Quote.Speaker.Title, "url": b.Site.Config.Absolute(p.Quote.Speaker.URL)}
			}
			qs = append(qs, q)
		}
		base["mainEntity"] = qs
	default:
		base["@type"] = "WebPage"
		if sp := content.SpecOf(d.Kind); sp != nil && sp.Schema != "" {
			base["@type"] = sp.Schema
		}
		base["name"] = p.Title
		if p.Description != "" {
			base["description"] = p.Description
		}
	}
	return base
}

// appearance is the source page a cited version appears in.
func (b *Builder) appearance(v CiteView) map[string]any {
	return map[string]any{"@type": "CreativeWork", "headline": v.Source.Title, "url": b.Site.Config.Absolute(strings.SplitN(v.Context, "#", 2)[0])}
}

// sourceLD describes a source as a schema.org NewsArticle.
func sourceLD(base map[string]any, d *content.Doc) {
	base["@type"] = "NewsArticle"
	base["headline"] = d.Title
	if d.Source.Dek != "" {
		base["description"] = d.Source.Dek
	}
	if !d.Source.Published.IsZero() {
		base["datePublished"] = d.Source.Published.ISO()
	}
	if d.Source.Publisher != "" {
		base["publisher"] = map[string]any{"@type": "Organization", "name": d.Source.Publisher}
	}
	var authors []any
	for _, a := range d.Source.Authors {
		authors = append(authors, map[string]any{"@type": "Person", "name": a})
	}
	if authors != nil {
		base["author"] = authors
	}
	if d.Source.URL != "" {
		base["sameAs"] = d.Source.URL
	}
	base["inLanguage"] = d.Source.Language
}

// entityLD describes a person or organisation, with its other names.
func entityLD(base map[string]any, d *content.Doc, p *Page) {
	base["@type"] = "Organization"
	if d.Kind == content.KindPerson {
		base["@type"] = "Person"
	}
	base["name"] = d.Entity.Name
	var alt []string
	if d.Orig != nil && d.Orig.Entity.Name != d.Entity.Name {
		alt = append(alt, d.Orig.Entity.Name)
	}
	for _, a := range d.Entity.Aliases {
		if a != d.Entity.Name {
			alt = append(alt, a)
		}
	}
	if alt != nil {
		base["alternateName"] = alt
	}
	if p.Description != "" {
		base["description"] = p.Description
	}
}
