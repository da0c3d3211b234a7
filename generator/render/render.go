package render

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/diag"
	"github.com/dossier-ssg/dossier/generator/i18n"
	"github.com/dossier-ssg/dossier/generator/internal/parallel"
	template "github.com/dossier-ssg/dossier/generator/internal/template/html"
	"github.com/dossier-ssg/dossier/generator/markdown"
	"github.com/dossier-ssg/dossier/generator/site"
)

// Templates are the parsed templates of a site, one per page template,
// each sharing the base layout and the partials.
type Templates map[string]*template.Template

// siteTemplates are the templates of the pages that are not a kind's
// documents: the home page, index pages, search, 404.
var siteTemplates = []string{"home", "list", "timeline", "claims", "disputed", "404", "search"}

// PageTemplates are the templates every site must have: the site's own
// pages' and each kind's (content.Spec.Template).
func PageTemplates() []string {
	out := append([]string(nil), siteTemplates...)
	seen := map[string]bool{}
	for _, t := range out {
		seen[t] = true
	}
	for _, s := range content.Specs() {
		if s.Template != "" && !seen[s.Template] {
			seen[s.Template] = true
			out = append(out, s.Template)
		}
	}
	return out
}

var tmplErrRe = regexp.MustCompile(`template: ([^:]+):(\d+)(?::(\d+))?: (.*)`)

// templateDiag turns a html/template error into a positioned diagnostic.
func templateDiag(err error, fallback string) diag.Diagnostic {
	msg := err.Error()
	if m := tmplErrRe.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		file := m[1]
		if !strings.Contains(file, "/") {
			file = "templates/" + file
		}
		return diag.Diagnostic{File: file, Line: line, Col: col, Msg: m[4], Hint: "see https://pkg.go.dev/html/template for the template language"}
	}
	return diag.Diagnostic{File: fallback, Line: 1, Msg: msg}
}

// LoadTemplates parses templates/base.html, templates/partials/*.html and
// one file per page template.
func LoadTemplates(fsys fs.FS, funcs template.FuncMap) (Templates, diag.List) {
	var diags diag.List
	read := func(name string) (string, bool) {
		b, err := fs.ReadFile(fsys, "templates/"+name)
		if err != nil {
			diags.Errorf("templates/"+name, 0, 0, "every site needs templates/"+name, "missing template: %v", err)
			return "", false
		}
		return string(b), true
	}
	baseSrc, ok := read("base.html")
	if !ok {
		return nil, diags
	}
	base := template.New("base.html").Funcs(funcs)
	if _, err := base.Parse(baseSrc); err != nil {
		diags.Add(templateDiag(err, "templates/base.html"))
		return nil, diags
	}
	partials, _ := fs.Glob(fsys, "templates/partials/*.html")
	sort.Strings(partials)
	for _, p := range partials {
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			diags.Errorf(p, 0, 0, "", "cannot read template: %v", err)
			continue
		}
		name := "partials/" + path.Base(p)
		if _, err := base.New(name).Parse(string(b)); err != nil {
			diags.Add(templateDiag(err, "templates/"+name))
		}
	}
	if diags.HasErrors() {
		return nil, diags
	}
	out := Templates{}
	for _, name := range PageTemplates() {
		src, ok := read(name + ".html")
		if !ok {
			continue
		}
		t, err := base.Clone()
		if err != nil {
			diags.Errorf("templates/"+name+".html", 0, 0, "", "%v", err)
			continue
		}
		if _, err := t.New(name + ".html").Parse(src); err != nil {
			diags.Add(templateDiag(err, "templates/"+name+".html"))
			continue
		}
		out[name] = t
	}
	return out, diags
}

// WithFuncs returns a copy of the templates whose functions are replaced
// by funcs: one copy per language, each with its own interface strings.
func (ts Templates) WithFuncs(funcs template.FuncMap) (Templates, error) {
	out := Templates{}
	for name, t := range ts {
		c, err := t.Clone()
		if err != nil {
			return nil, err
		}
		out[name] = c.Funcs(funcs)
	}
	return out, nil
}

// Execute renders one page through its template.
func (ts Templates) Execute(p *Page) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(pageSize(p))
	if err := ts.execute(&b, p); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func (ts Templates) execute(b *bytes.Buffer, p *Page) error {
	p.Fill()
	t := ts[p.Template]
	if t == nil {
		return fmt.Errorf("no template %q", p.Template)
	}
	return t.ExecuteTemplate(b, "base.html", p)
}

// pageSize guesses a page's size, so that its buffer is made once
// rather than grown by doubling: the body and as much again, its
// pictures, and 8 KiB of page around them (the shipped dossier's pages:
// 12 KiB on average).
func pageSize(p *Page) int {
	n := 2*len(p.Body) + 8<<10
	if d := p.Draw; d != nil {
		n += len(d.Timeline) + len(d.Strip) + len(d.Cast) + len(d.Coverage) + len(d.Figures)
	}
	return n
}

// pageBuffers are the buffers ExecuteEach renders pages into.
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// ExecuteAll renders pages in parallel. Errors are positioned in templates.
func (ts Templates) ExecuteAll(pages []*Page) ([][]byte, diag.List) {
	out := make([][]byte, len(pages))
	errs := make([]error, len(pages))
	parallel.For(len(pages), func(i int) {
		out[i], errs[i] = ts.Execute(pages[i])
	})
	return out, templateErrors(pages, errs)
}

// ExecuteEach renders pages in parallel and hands each page's output to
// use as soon as it is made, so that the pages need not be held; use may
// be called from several goroutines at once, and must not keep the bytes
// it is given after it returns (they are rendered into a buffer used
// again). Its errors, and the templates', are positioned diagnostics.
func (ts Templates) ExecuteEach(pages []*Page, use func(*Page, []byte) error) diag.List {
	errs := make([]error, len(pages))
	used := make([]error, len(pages))
	// The pages built already, the section indexes (the biggest, with
	// their pictures), run first, the documents' after: a big page left
	// for last kept one core busy while the other had nothing left (the
	// timeline of a 10,000-page site, 70 ms). Errors still come in the
	// pages' order.
	var order, docs []int
	for i, p := range pages {
		if p.fill == nil && p.Doc == nil {
			order = append(order, i)
		} else {
			docs = append(docs, i)
		}
	}
	order = append(order, docs...)
	parallel.For(len(order), func(k int) {
		i := order[k]
		pages[i].Fill() // before its size is guessed from its body
		b := pageBuffers.Get().(*bytes.Buffer)
		b.Reset()
		b.Grow(pageSize(pages[i]))
		if errs[i] = ts.execute(b, pages[i]); errs[i] == nil {
			used[i] = use(pages[i], b.Bytes())
		}
		if b.Cap() <= 1<<20 { // a rare huge page is let go
			pageBuffers.Put(b)
		}
	})
	diags := templateErrors(pages, errs)
	for i, err := range used {
		if err != nil {
			diags.Errorf(pages[i].Out, 0, 0, "", "%v", err)
			break
		}
	}
	return diags
}

// templateErrors positions the errors of pages' templates, each once.
func templateErrors(pages []*Page, errs []error) diag.List {
	var diags diag.List
	seen := map[string]bool{}
	for i, err := range errs {
		if err != nil {
			d := templateDiag(err, "templates/"+pages[i].Template+".html")
			if !seen[d.String()] {
				seen[d.String()] = true
				d.Msg += fmt.Sprintf(" (rendering %s)", pages[i].URL)
				diags.Add(d)
			}
		}
	}
	return diags
}

// Builder assembles the pages of one site graph, in one language.
type Builder struct {
	MD   *markdown.Markdown
	Site *site.Site
	CSS  string // site path of the stylesheet
	SRI  string // its integrity hash, if fingerprinted
	Lang site.Language
	UI   *i18n.Strings
	// Hooks write the markup inside a page's text (hooks.go); Pages
	// fills in the default theme's when nil.
	Hooks *Hooks
	// Cache holds the bodies of the previous build; Changed the keys that
	// changed since (nil: everything). Bodies none of whose dependencies
	// changed are reused.
	Cache   *Cache
	Changed map[Dep]bool
	// Kept, when set, says whether the page the last good build wrote at
	// out is kept as it is, given what the page depends on so far, and
	// returns what it depended on then; such a page's picture is not
	// drawn again (its dependencies are carried over instead).
	Kept func(out string, deps Deps) (prev Deps, ok bool)
	// Lazy leaves each document's page unbuilt until its template is
	// about to run (Page.Fill, which Templates call): a one-shot build,
	// which lets each page go once written, then never holds every
	// page's view at once. Its pages record no dependencies.
	Lazy bool
	// LetGo lets each body's syntax tree go as soon as the body is
	// rendered (markdown.Parsed.Outline): a one-shot build renders each
	// body once a language, and a tree let go is parsed again
	// (markdown.Markdown.Restore) when another language renders it.
	LetGo bool

	deps Deps // what the page or body being built depends on

	// linkRoot is what every link starts with: the base path without
	// its final slash, then the language's prefix. Pages works it out
	// once: BasePath parses the base URL, and url is called tens of
	// thousands of times a build (12 ms of the shipped dossier's).
	linkRoot *string
	frags    *fragments

	sv     *SiteView
	draws  *drawQueue // pictures to draw once the pages exist (draw.go)
	bodies map[string]Body
	notes  map[string]Body
}

func (b *Builder) hooks() *Hooks {
	if b.Hooks == nil {
		// Only a Builder used without Pages gets here; Pages fills in
		// one copy for all it builds.
		return DefaultHooks()
	}
	return b.Hooks
}

// URLOf returns the site path of a document's page.
func URLOf(d *content.Doc) string { return d.PagePath() }

// SectionURL returns the index page of a kind.
func SectionURL(k content.Kind) string {
	if s := content.SpecOf(k); s != nil {
		return s.IndexURL()
	}
	return "/" + string(k) + "/"
}

// url turns a language-neutral site path into a link: base path, then
// the language's prefix (/zh), then the path.
func (b *Builder) url(p string) string {
	if b.linkRoot != nil {
		return *b.linkRoot + p
	}
	return strings.TrimSuffix(b.Site.Config.BasePath(), "/") + b.prefix() + p
}

func (b *Builder) prefix() string { return b.Site.Config.Prefix(b.Lang.Code) }

// T is an interface string of the builder's language.
func (b *Builder) T(key string) string { return b.UI.MustT(key) }

// N is a count with its plural form.
func (b *Builder) N(key string, n int) string {
	s, err := b.UI.N(key, n)
	if err != nil {
		return key
	}
	return s
}

// date formats a date the way the builder's language writes dates.
func (b *Builder) date(d content.Date) string { return d.Format(b.Lang.Code) }

// locale is the BCP 47 tag of a language code, for lang attributes.
func (b *Builder) locale(code string) string {
	if code == "" {
		code = b.Site.Config.DefaultLanguage().Code
	}
	if l, ok := b.Site.Config.Lang(code); ok {
		return l.Locale
	}
	return code
}

func (b *Builder) item(d *content.Doc) Item {
	b.depTitle(d)
	it := Item{Title: b.pageTitle(d), URL: b.url(URLOf(d)), Summary: d.Description}
	if !b.Site.Primary && d.Orig == nil {
		it.Lang = b.locale(d.Lang) // an untranslated page, listed in a translation
	}
	switch {
	case d.Entity != nil:
		it.Meta = d.Entity.Role
	case d.Event != nil:
		it.Meta = b.date(d.Event.Date)
	case d.Source != nil:
		it.Meta = d.Source.Publisher + " · " + b.date(d.Source.Published)
	case d.Annotation != nil:
		it.Meta = b.typeLabel(d.Annotation.Type)
	}
	return it
}

// typeLabel names an annotation type or a source kind.
func (b *Builder) typeLabel(t string) string {
	if t == "" {
		return ""
	}
	return b.T("type." + t)
}

// shortName is the short label of a source used in citation markers.
func shortName(d *content.Doc) string {
	if d == nil || d.Source == nil {
		return "?"
	}
	if d.Source.Short != "" {
		return d.Source.Short
	}
	return d.Source.Publisher
}

// passageURL links to a passage in the dossier, with a text fragment so
// the browser highlights the quoted words.
func (b *Builder) passageURL(p *site.Passage) string {
	return b.url(URLOf(p.Source)) + "#" + p.Block.ID + b.fragment(p)
}

// fragments are the text fragments of passages, made once per passage
// and Builder: a passage is linked from every citation of it, twice
// from each view of one (9 ms of CPU per shipped build).
type fragments struct {
	mu sync.Mutex
	m  map[*site.Passage]string
}

func (b *Builder) fragment(p *site.Passage) string {
	f := b.frags
	if f == nil {
		return textFragment(p.Text())
	}
	f.mu.Lock()
	s, ok := f.m[p]
	f.mu.Unlock()
	if !ok {
		s = textFragment(p.Text())
		f.mu.Lock()
		f.m[p] = s
		f.mu.Unlock()
	}
	return s
}

func (b *Builder) originalURL(p *site.Passage) string {
	u := p.Source.Source.URL
	if u == "" || p.InSummary {
		return ""
	}
	return u + "#" + b.fragment(p)
}

// citeView is the i-th citation at w of d, with its passage if found.
func (b *Builder) citeView(d *content.Doc, c content.Cite, w site.Where, i int) CiteView {
	cv, src, p := b.citeBase(d, c, w, i)
	if !c.Date.IsZero() {
		cv.Date = b.date(c.Date)
	}
	if src != nil {
		cv.Source = b.item(src)
	}
	if p != nil {
		cv.Original = b.originalURL(p)
	}
	return cv
}

// citeBase is the part of a citation's view that a marker in the text
// shows too: the source's short name, the passage and the link to it.
// A marker takes only this (and the source's title): the rest of
// citeView (the source's list entry, the link to the publisher's page)
// is as much work again as the marker's hook.
func (b *Builder) citeBase(d *content.Doc, c content.Cite, w site.Where, i int) (cv CiteView, src *content.Doc, p *site.Passage) {
	cv = CiteView{Quote: c.Quote, Value: c.Value, Note: c.Note, Short: c.Source}
	if src = b.Site.ByKey["sources/"+c.Source]; src != nil {
		cv.Short = shortName(src)
		cv.Lang = src.Source.Language
		if !b.Site.Primary && src.Orig == nil {
			cv.ShortLang = b.locale(src.Lang)
		}
	}
	if p = b.Site.Passage(d, w, i); p != nil {
		cv.Verified = true
		cv.Quote = p.Text()
		cv.Context = b.passageURL(p)
		cv.Paragraph = p.Block.ID
	}
	return cv, src, p
}

func (b *Builder) cites(d *content.Doc) []CiteView {
	var out []CiteView
	for i, c := range d.Citations {
		out = append(out, b.citeView(d, c, site.InFrontMatter, i))
	}
	return out
}

// renderBody renders a document's Markdown with links, citations and,
// for sources, mentions and annotations.
func (b *Builder) renderBody(d *content.Doc, parsed *markdown.Parsed, src []byte) template.HTML {
	b.MD.Restore(parsed, src) // a one-shot build let it go (LetGo, content.Doc.Outline)
	inline := map[*markdown.Citation]int{}
	cites, where := d.Inline, site.InBody
	if parsed == d.Summary && d.SummaryInline != nil {
		cites, where = d.SummaryInline, site.InSummary
	}
	if parsed == d.MD || where == site.InSummary {
		for i, c := range parsed.Cites {
			inline[c] = i
		}
	}
	var run map[string]int // the sources of the current run of citations
	opts := markdown.RenderOptions{
		Blocks:      parsed.Blocks,
		LinkHook:    b.hooks().link,
		HeadingHook: b.hooks().heading,
		NotesHook:   b.hooks().para,
		Wiki: func(w *markdown.WikiLink) (string, string, bool) {
			t := b.Site.ResolveWiki(w.Target)
			if t == nil {
				return "", "", false
			}
			b.depTitle(t)
			if name := strings.TrimSuffix(strings.SplitN(w.Target, "#", 2)[0], ".md"); name != t.KeyOf() && name != t.Slug {
				// Found by title or alias: another document taking that
				// name would change where the link goes.
				b.dep(NamesDep)
			}
			frag := ""
			if i := strings.IndexByte(w.Target, '#'); i >= 0 {
				frag = w.Target[i:]
			}
			return b.url(URLOf(t)) + frag, b.pageTitle(t), true
		},
		Link: func(dest string) (string, bool) {
			t := b.Site.ResolvePath(d, dest)
			if t == nil {
				return "", false
			}
			b.depTitle(t)
			frag := ""
			if i := strings.IndexByte(dest, '#'); i >= 0 {
				frag = dest[i:]
			}
			return b.url(URLOf(t)) + frag, true
		},
		Cite: func(c *markdown.Citation) string {
			i, ok := inline[c]
			if !ok {
				return ""
			}
			if i >= len(cites) {
				return ""
			}
			cv, s, p := b.citeBase(d, cites[i], where, i)
			if s != nil {
				cv.Source.Title = b.pageTitle(s)
			}
			prev, next := citeRun(c, src)
			if prev == nil {
				run = map[string]int{}
			}
			return b.hooks().citeMarker(cv, p, prev == nil, next == nil, run)
		},
	}
	if d.Kind == content.KindSource {
		opts.Decorate, opts.After = b.sourceDecorations(d, parsed)
	}
	// An annotation's note is shown inside its source's page too: its
	// paragraphs carry no anchors that could clash with the source's.
	opts.NoIDs = d.Kind == content.KindAnnotation
	var buf bytes.Buffer
	if err := b.MD.Render(&buf, src, parsed, opts); err != nil {
		return template.HTML(b.hooks().exec("hook-error", &ErrorHook{Message: err.Error()}))
	}
	return template.HTML(buf.String())
}
