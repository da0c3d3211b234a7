// Package render turns the site graph into pages: it renders Markdown
// bodies with the graph's decisions, builds one view value per page, and
// executes the html/template templates of the site's templates/ folder.
package render

import (
	"net/url"
	"strings"

	"github.com/dossier-ssg/dossier/generator/content"
	template "github.com/dossier-ssg/dossier/generator/internal/template/html"
	"github.com/dossier-ssg/dossier/generator/site"
	"github.com/dossier-ssg/dossier/generator/wdiff"
)

// Page is what a template receives.
type Page struct {
	Site        *SiteView
	Template    string // the template that renders it, e.g. "source"
	URL         string // site path, e.g. /people/sam-altman/ (no base path)
	Out         string // output file, e.g. people/sam-altman/index.html
	Title       string
	Description string
	Lang        string
	Section     string // nav section this page belongs to
	Doc         *content.Doc
	Body        template.HTML

	// Languages: Path is the page's path in every language (/people/x/);
	// URL adds the language prefix (/zh/people/x/).
	Path       string
	Canonical  string      // absolute URL of this page
	Alternates []Alternate // this page in every language, for hreflang and the switcher
	XDefault   string      // absolute URL of the default-language page
	// Notice is "fallback" (no translation: the original is shown),
	// "body_fallback" (text not translated yet) or "stale" (the original
	// changed since it was translated).
	Notice      string
	ContentLang string // lang of the title and text when not the page's
	BodyLang    string // lang of the body when not the page's

	OGLocale string // Open Graph locale: en_US, zh_CN
	JSONLD   any    // schema.org structured data

	// Deps are what the page was made from (see Deps).
	Deps Deps `json:"-"`

	Source *SourceView
	Entity *EntityView
	Event  *EventView
	Claim  *ClaimView
	Quote  *QuoteView
	Note   *NoteView
	Cites  []CiteView     // front-matter citations
	Fields map[string]any // a kind's type-decoded front matter (content.Doc.Fields)
	Back   *BackView
	Items  []Item      // index pages
	Years  []YearGroup // timeline
	Home   *HomeView
	Groups []Group // index pages grouped (organisations by type, disputed)
	Claims []ClaimRow
	TOC    []Item    // a long page's table of contents
	Draw   *DrawView // pictures (draw.go)

	fill     func()   // builds the page, when left unbuilt (Builder.Lazy)
	pictures []func() // draws its pictures, when left undrawn (Builder.Lazy)
}

// Fill builds a page left unbuilt (Builder.Lazy), and draws the
// pictures left undrawn; any other page is built already. Pages filled
// at once must be different pages.
func (p *Page) Fill() {
	if f := p.fill; f != nil {
		p.fill = nil
		f()
	}
	pictures := p.pictures
	p.pictures = nil
	for _, draw := range pictures {
		draw()
	}
}

// Strip lets go of all a page shows, keeping its addresses (what the
// sitemap and a build's result read): a one-shot build strips each page
// once it is written.
func (p *Page) Strip() {
	*p = Page{Template: p.Template, URL: p.URL, Out: p.Out, Title: p.Title, Lang: p.Lang, Section: p.Section, Doc: p.Doc,
		Path: p.Path, Canonical: p.Canonical, Alternates: p.Alternates, XDefault: p.XDefault, OGLocale: p.OGLocale}
}

// ClaimRow is one contested fact on the claims index, versions side by side.
type ClaimRow struct {
	Item
	Versions []CiteView
	Figures  template.HTML // the versions' numbers drawn (draw.go)
}

// SiteView is site-wide data.
type SiteView struct {
	Title       string
	Description string
	BasePath    string
	Home        string // URL of the home page in this language
	Nav         []NavItem
	CSS         string // URL of the stylesheet
	CSSSRI      string // its subresource-integrity hash, when fingerprinted
	Feed        string // URL of this language's Atom feed
	Annotations string // URL of this language's annotations as a W3C Web Annotation collection
	Config      site.Config
	Lang        site.Language
}

// Alternate is a page in one language.
type Alternate struct {
	Code, Locale, Name string
	OGLocale           string
	URL                string // site URL, with base path
	Abs                string // absolute URL
	Current            bool
}

// Original returns the page in the default language.
func (p *Page) Original() *Alternate {
	if len(p.Alternates) == 0 {
		return nil
	}
	return &p.Alternates[0]
}

// NavItem is one entry of the main navigation.
type NavItem struct {
	Title, URL, Section string
}

// Item is one row of an index page.
type Item struct {
	Title   string
	URL     string
	Meta    string // a short line under the title: date, role, publisher
	Summary string
	Badge   string
	Count   int
	Lang    string // set when the item's title is not in the page's language
}

// Group is a titled list of items.
type Group struct {
	Title string
	ID    string
	Items []Item
}

// YearGroup is the events of one year on the timeline.
type YearGroup struct {
	Year   int
	Events []*EventView
}

// SourceView is a source page's metadata panel and summary.
type SourceView struct {
	Short         string
	OriginalTitle string
	Dek           string
	Publisher     string
	Authors       []Item
	Published     string
	PublishedISO  string
	Inferred      bool
	PublishedNote string
	URL           string
	Language      string
	Kind          string
	KindLabel     string
	Provenance    string
	Seed          string
	Summary       template.HTML
	SummarySeed   bool   // the summary came with the source file (summary_zh)
	SummaryLang   string // its language
	ForeignText   bool   // the text is in another language than the page
	NoteCount     int
	Words         int
}

// EntityView is a person or organisation page's data.
type EntityView struct {
	Name     string
	Aliases  []string
	Role     string
	Type     string
	IsPerson bool
	// OriginalName is the name in the original language, on translated
	// pages where it differs.
	OriginalName string
}

// EventView is one event.
type EventView struct {
	Title        string
	URL          string
	Date         string
	DateISO      string
	End          string
	Approximate  bool
	Participants []Item
	Variants     []CiteView
	Cites        []CiteView
	Year         int
	body         func() template.HTML // Body's, made once
	bodyHTML     template.HTML
}

// Body is the event's rendered body. A one-shot build (Builder.Lazy)
// renders an event's body with its page, and here only if a template
// asks for it (the default theme's timeline does not): rendered before
// the pages, the bodies of 7,000 events were held for the whole
// language.
func (v *EventView) Body() template.HTML {
	if v.body != nil {
		v.bodyHTML, v.body = v.body(), nil
	}
	return v.bodyHTML
}

// ClaimView is a contested fact with its versions side by side.
type ClaimView struct {
	Question string
	Versions []CiteView
}

// QuoteView is a quotation as worded in several sources.
type QuoteView struct {
	Speaker  Item
	Date     string
	Versions []CiteView
	Diffs    []DiffView
}

// DiffView is the word difference between two versions.
type DiffView struct {
	From, To   string // source short names
	Parts      []wdiff.Part
	Similarity int // percent
}

// NoteView is an annotation's page data.
type NoteView struct {
	Type      string
	TypeLabel string
	Source    Item
	Exact     string
	ExactLang string
	InSummary bool
	Context   string // URL of the passage in its source
	Number    int
}

// CiteView is one verified citation.
type CiteView struct {
	Source    Item   // the source: title, URL
	Short     string // short source name
	Quote     string // the quoted words as the source has them
	Value     string
	Note      string
	Date      string
	Context   string // URL of the passage in the dossier, highlighted
	Original  string // URL of the passage at the original publisher, if online
	Verified  bool
	Paragraph string // paragraph anchor
	Lang      string // language of the source, hence of the quote
	ShortLang string // language of Short when not the page's
}

// BackView is a page's backlinks, with context.
type BackView struct {
	Mentions    []MentionView
	Events      []Item
	Quotes      []Item
	Claims      []Item
	Annotations []Item
	LinkedFrom  []Item
	CitedBy     []Item
	Profiles    []Item
	Authored    []Item
	Related     []Group // documents of other kinds about it, by relation (content.Spec.Relation)
	// MentionGroups are the mentions by source, for long pages.
	MentionGroups []MentionGroup
}

// Empty reports whether there is nothing to show.
func (b *BackView) Empty() bool {
	return b == nil || len(b.Mentions)+len(b.Events)+len(b.Quotes)+len(b.Claims)+len(b.Annotations)+len(b.LinkedFrom)+len(b.CitedBy)+len(b.Profiles)+len(b.Authored)+len(b.Related) == 0
}

// MentionView is a snippet of a source passage naming an entity.
type MentionView struct {
	Source               Item
	URL                  string
	Lang                 string // language of the source text
	Before, Match, After string
}

// HomeView is the extra data of the home page.
type HomeView struct {
	Sources   []Item
	Counts    []Item
	People    []Item
	Contested []Item
	Latest    []Item
}

// textFragment builds a URL text fragment (#:~:text=) for a quote, so a
// browser scrolls to the words and highlights them.
func textFragment(q string) string {
	words := strings.Fields(q)
	for len(words) > 0 && strings.Trim(words[0], "\"'“”‘’()[]") == "" {
		words = words[1:]
	}
	if len(words) == 0 {
		return ""
	}
	enc := func(ws []string) string {
		s := strings.Join(ws, " ")
		s = strings.Trim(s, "\"'“”‘’()[],.;:")
		e := url.QueryEscape(s)
		e = strings.ReplaceAll(e, "+", "%20")
		e = strings.ReplaceAll(e, "-", "%2D")
		e = strings.ReplaceAll(e, ",", "%2C")
		return e
	}
	if len(words) <= 8 {
		return ":~:text=" + enc(words)
	}
	return ":~:text=" + enc(words[:4]) + "," + enc(words[len(words)-4:])
}
