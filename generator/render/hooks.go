package render

// Template hooks: the markup dossier writes inside a page's text (an
// annotation's highlight, number and note, an entity's mention link, a
// citation marker, a body that failed to render) comes from templates
// the site owns, templates/hooks/*.html, in the manner of Hugo's render
// hooks. Go works out the values, a small struct per hook; the template
// writes and escapes them. A site overrides a hook by its own file of
// the same name (templates/hooks/cite.html replaces the default
// theme's, the others stay).

import (
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"

	dossier "github.com/dossier-ssg/dossier"
	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/diag"
	template "github.com/dossier-ssg/dossier/generator/internal/template/html"
	"github.com/dossier-ssg/dossier/generator/markdown"
	"github.com/dossier-ssg/dossier/generator/site"
)

// MarkHook is what hook-mark gets: an annotation's highlight of a
// passage. The hook writes the whole element around .Text; dossier
// splits it there, because a highlight that crosses other inline markup
// (a link, emphasis) is closed before it and opened again after it. The
// first piece has First (the anchor the note links back to), the last
// has Last.
type MarkHook struct {
	Type        string // the annotation's type: context, discrepancy, ...
	Slug        string // the annotation's slug
	First, Last bool
	Text        template.HTML // where the highlighted text goes
}

// AnnoRefHook is what hook-anno-ref gets: an annotation's number after
// its passage. Linked is false where the passage ends inside a link of
// the source's own (links cannot nest): the number is then plain text.
type AnnoRefHook struct {
	Slug   string
	Number int
	Label  string // "Note 3", for screen readers
	Linked bool
}

// MentionHook is what hook-mention gets: a name of a person or
// organisation in a source's text, linked to its page. As for
// hook-mark, the hook writes the element around .Text.
type MentionHook struct {
	Href  string
	Title string // the entity's name
	Text  template.HTML
}

// NoteHook is what hook-note gets: an annotation shown beside its
// passage, in the margin on wide screens.
type NoteHook struct {
	Type, TypeLabel string // "discrepancy", and its name in the page's language
	Slug            string
	Number          int
	Label           string // "Note 3", for screen readers
	Lang            string // the page's language (BCP 47)
	Close           string // the text of the link that closes the note
	Title, Href     string // the annotation's own title and page, if it has a title
	TitleLang       string // the title's language, when not the page's
	BodyLang        string // the body's language, when not the page's
	Body            template.HTML
}

// CiteHook is what hook-cite gets: one citation of a run of inline
// citations ([@a: ...][@b: ...]) written as one marker. First opens the
// marker, Last closes it.
type CiteHook struct {
	First, Last bool
	// Sep is what comes before this citation: "" for the first, ", "
	// before a new source, " " before a source already named in the run.
	Sep string
	// Verified is false when the quote was not found in its source.
	Verified bool
	// Short is the source's short name; Label the link text: the short
	// name, or for a source already named in the run (Repeat) its place
	// in the run, "2".
	Short, Label string
	Repeat       bool
	ShortLang    string // the short name's language, when not the page's
	Href         string // the passage in the dossier's copy of the source
	Quote        string // the passage's words
	SourceTitle  string
}

// LinkHook is what hook-link gets: a Markdown link ([text](url)) or a
// wikilink ([[target]]) in a body. As for hook-mark, the hook writes
// the element around .Text.
type LinkHook struct {
	// Href is the link's URL; "" for a wikilink to no document.
	Href  string
	Title string // a Markdown link's title ([text](url "title"))
	// Kind is "ext" for a link to another site, "broken" for a relative
	// link or a wikilink to no document, "" for a link within the site.
	Kind string
	Wiki bool // a [[wikilink]]
	Text template.HTML
}

// HeadingHook is what hook-heading gets: a heading in a body. As for
// hook-mark, the hook writes the element around .Text.
type HeadingHook struct {
	Level int    // 1 to 6
	ID    string // its anchor, which the table of contents links to
	Text  template.HTML
}

// ParaHook is what hook-para gets: a paragraph of a source that has
// notes beside it. The hook writes the element around .Text (the
// paragraph); the default writes the notes first, so that on wide
// screens they float into the margin level with its first line.
type ParaHook struct {
	Notes template.HTML // the notes (hook-note), one after the other
	Text  template.HTML
}

// ErrorHook is what hook-error gets: a body that could not be rendered.
type ErrorHook struct {
	Message string
}

// hookNames are the hooks every site has (from its own templates/hooks/
// or the default theme's).
var hookNames = []string{"hook-mark", "hook-anno-ref", "hook-mention", "hook-note", "hook-cite", "hook-link", "hook-heading", "hook-para", "hook-error"}

// samples are values each hook is tried on when loaded, so that a
// mistake in a site's hook (a field that does not exist) is reported
// with its line before any page is built.
var samples = map[string]any{
	"hook-mark":     &MarkHook{Type: "context", Slug: "s", First: true, Last: true, Text: textMark},
	"hook-anno-ref": &AnnoRefHook{Slug: "s", Number: 1, Label: "Note 1", Linked: true},
	"hook-mention":  &MentionHook{Href: "/people/x/", Title: "X", Text: textMark},
	"hook-note":     &NoteHook{Type: "context", TypeLabel: "Context", Slug: "s", Number: 1, Label: "Note 1", Lang: "en", Close: "Close", Title: "T", Href: "/annotations/s/", TitleLang: "zh", BodyLang: "zh", Body: "<p>x</p>"},
	"hook-cite":     &CiteHook{First: true, Last: true, Verified: true, Short: "S", Label: "S", Href: "/sources/s/#p1", Quote: "q", SourceTitle: "T"},
	"hook-link":     &LinkHook{Href: "https://example.org/", Title: "T", Kind: "ext", Text: textMark},
	"hook-heading":  &HeadingHook{Level: 2, ID: "h", Text: textMark},
	"hook-para":     &ParaHook{Notes: "<aside>n</aside>", Text: textMark},
	"hook-error":    &ErrorHook{Message: "m"},
}

// textMark stands for .Text in hooks that wrap text: the output is cut
// there into the opening and the closing markup. A NUL cannot come out
// of an escaped value (html/template writes U+FFFD for it), so the mark
// is found only where the hook wrote .Text in text context.
const textMark template.HTML = "\x00text\x00"

// Hooks are the parsed hook templates of a site, in one language.
type Hooks struct {
	t     *template.Template
	named map[string]*template.Template

	mu       sync.Mutex
	mentions map[*content.Doc][2]string // a mention's opening and closing, by entity
	cites    map[citeKey]string
	links    map[markdown.LinkAttrs][2]string
	errs     []error
}

// LoadHooks parses templates/hooks/*.html and checks that every hook is
// defined.
func LoadHooks(fsys fs.FS, funcs template.FuncMap) (*Hooks, diag.List) {
	var diags diag.List
	t := template.New("hooks").Funcs(funcs)
	files, _ := fs.Glob(fsys, "templates/hooks/*.html")
	sort.Strings(files)
	for _, p := range files {
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			diags.Errorf(p, 0, 0, "", "cannot read template: %v", err)
			continue
		}
		if _, err := t.New(p).Parse(string(b)); err != nil {
			diags.Add(templateDiag(err, p))
		}
	}
	if diags.HasErrors() {
		return nil, diags
	}
	h, err := newHooks(t)
	if err != nil {
		diags.Errorf("templates/hooks/", 0, 0, "the default theme's templates/hooks/ has one file per hook; a site's file of the same name replaces it", "%v", err)
		return nil, diags
	}
	return h, diags
}

// Check runs every hook on a sample value, so that a mistake in a
// site's hook (a field that does not exist, .Text written twice) is
// reported with its line before any page is built. It runs on the
// hooks of one language: their t, tn and tf work.
func (h *Hooks) Check() diag.List {
	var diags diag.List
	for _, name := range hookNames {
		if _, err := h.run(name, samples[name]); err != nil {
			diags.Add(templateDiag(err, "templates/hooks/"))
		}
	}
	for _, name := range []string{"hook-mark", "hook-mention", "hook-link", "hook-heading", "hook-para"} {
		if _, _, err := h.wrap(name, samples[name]); err != nil {
			diags.Errorf("templates/hooks/", 0, 0, "write {{.Text}} once, between the opening and the closing tags", "%v", err)
		}
	}
	return diags.Dedupe()
}

func newHooks(t *template.Template) (*Hooks, error) {
	h := &Hooks{t: t, named: map[string]*template.Template{}, mentions: map[*content.Doc][2]string{}, cites: map[citeKey]string{}, links: map[markdown.LinkAttrs][2]string{}}
	for _, name := range hookNames {
		n := t.Lookup(name)
		if n == nil {
			return nil, fmt.Errorf("no template defines %q", name)
		}
		h.named[name] = n
	}
	return h, nil
}

// WithFuncs returns a copy of the hooks whose functions are replaced by
// funcs: one copy per language, as for the page templates.
func (h *Hooks) WithFuncs(funcs template.FuncMap) (*Hooks, error) {
	c, err := h.t.Clone()
	if err != nil {
		return nil, err
	}
	return newHooks(c.Funcs(funcs))
}

// Fresh returns the hooks with empty caches and no errors recorded:
// the same parsed templates, ready for another build (the preview server
// parses and checks the hooks once per theme, not once per build).
func (h *Hooks) Fresh() *Hooks {
	return &Hooks{t: h.t, named: h.named, mentions: map[*content.Doc][2]string{}, cites: map[citeKey]string{}, links: map[markdown.LinkAttrs][2]string{}}
}

var (
	themeOnce  sync.Once
	themeHooks *Hooks // parsed once, never run: each Builder runs a copy
)

// DefaultHooks returns a copy of the default theme's hooks, for a
// Builder given none. Each copy has its own caches: a mention's markup
// is cached by entity, and two Builders may link it differently.
func DefaultHooks() *Hooks {
	themeOnce.Do(func() {
		h, diags := LoadHooks(dossier.Theme(), template.FuncMap{})
		if h == nil || diags.HasErrors() {
			panic(fmt.Sprintf("the default theme's hooks: %v", diags))
		}
		themeHooks = h
	})
	h, err := themeHooks.WithFuncs(template.FuncMap{})
	if err != nil {
		panic(fmt.Sprintf("the default theme's hooks: %v", err))
	}
	return h
}

// Diags are the errors hooks met while pages were built (a site's hook
// failing on a value its sample did not have), one of each.
func (h *Hooks) Diags() diag.List {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out diag.List
	for _, err := range h.errs {
		out.Add(templateDiag(err, "templates/hooks/"))
	}
	return out.Dedupe()
}

// run executes a hook on v. Values are passed by pointer: a struct in
// an interface is copied (one allocation less per marker).
func (h *Hooks) run(name string, v any) (string, error) {
	var b strings.Builder // its String does not copy
	b.Grow(128)
	if err := h.named[name].Execute(&b, v); err != nil {
		return "", err
	}
	return b.String(), nil
}

// exec runs a hook; a failure is kept for Errs and writes nothing.
func (h *Hooks) exec(name string, v any) string {
	s, err := h.run(name, v)
	if err != nil {
		h.fail(err)
	}
	return s
}

func (h *Hooks) fail(err error) {
	h.mu.Lock()
	h.errs = append(h.errs, err)
	h.mu.Unlock()
}

// wrap runs a hook that writes markup around .Text and returns the
// markup before and after it.
func (h *Hooks) wrap(name string, v any) (open, close string, err error) {
	s, err := h.run(name, v)
	if err != nil {
		return "", "", err
	}
	open, close, ok := strings.Cut(s, string(textMark))
	if !ok || strings.Contains(close, string(textMark)) {
		return "", "", fmt.Errorf("%s must write {{.Text}} once, in text (not in an attribute)", name)
	}
	return open, close, nil
}

func (h *Hooks) mustWrap(name string, v any) (open, close string) {
	open, close, err := h.wrap(name, v)
	if err != nil {
		h.fail(err)
	}
	return open, close
}

// mark is an annotation highlight's opening and closing markup, and the
// same for the pieces after the first (reopen) and before the last
// (suspend).
func (h *Hooks) mark(typ, slug string) (open, close, reopen, suspend string) {
	open, _ = h.mustWrap("hook-mark", &MarkHook{Type: typ, Slug: slug, First: true, Text: textMark})
	_, close = h.mustWrap("hook-mark", &MarkHook{Type: typ, Slug: slug, Last: true, Text: textMark})
	reopen, suspend = h.mustWrap("hook-mark", &MarkHook{Type: typ, Slug: slug, Text: textMark})
	return open, close, reopen, suspend
}

// mention is a mention link's opening and closing markup. Every mention
// of an entity in a language is the same markup: it is made once per
// entity (40,000 mentions in a 10,000-page build, 2,000 entities), and
// href is only called then.
func (h *Hooks) mention(e *content.Doc, href func() string) (open, close string) {
	k := e
	h.mu.Lock()
	c, ok := h.mentions[k]
	h.mu.Unlock()
	if ok {
		return c[0], c[1]
	}
	open, close = h.mustWrap("hook-mention", &MentionHook{Href: href(), Title: e.Title, Text: textMark})
	h.mu.Lock()
	h.mentions[k] = [2]string{open, close}
	h.mu.Unlock()
	return open, close
}

// citeKey is what a citation marker depends on, in one language: the
// passage (its words and link, its source's names), and its place in
// its run. Hashing it is cheap; hashing the whole CiteHook (eight
// strings) cost as much as the executions it saved.
type citeKey struct {
	p           *site.Passage
	n           int // how many times the run has named the source so far
	first, last bool
}

// cachedCite and cacheCite keep citation markers. An execution of
// hook-cite costs about 8 µs (html/template calls its escapers by
// reflection), against about 1 µs for the string building it replaced;
// a quarter of the shipped dossier's 1,600 markers repeat one already
// made (the same passage cited from several documents).
func (h *Hooks) cachedCite(k citeKey) (string, bool) {
	h.mu.Lock()
	s, ok := h.cites[k]
	h.mu.Unlock()
	return s, ok
}

func (h *Hooks) cacheCite(k citeKey, s string) {
	h.mu.Lock()
	h.cites[k] = s
	h.mu.Unlock()
}

// link is a link's opening and closing markup, made once per distinct
// link (the same person is linked from many pages).
func (h *Hooks) link(a markdown.LinkAttrs) (open, close string) {
	h.mu.Lock()
	c, ok := h.links[a]
	h.mu.Unlock()
	if ok {
		return c[0], c[1]
	}
	open, close = h.mustWrap("hook-link", &LinkHook{Href: a.Href, Title: a.Title, Kind: a.Kind, Wiki: a.Wiki, Text: textMark})
	h.mu.Lock()
	h.links[a] = [2]string{open, close}
	h.mu.Unlock()
	return open, close
}

// heading is a heading's opening and closing markup. Headings are few
// (and their anchors differ), so nothing is cached.
func (h *Hooks) heading(a markdown.HeadingAttrs) (open, close string) {
	return h.mustWrap("hook-heading", &HeadingHook{Level: a.Level, ID: a.ID, Text: textMark})
}

// para is the markup around a paragraph with notes; notes is trusted
// HTML, hook-note's output. Few paragraphs have notes: nothing is
// cached.
func (h *Hooks) para(notes string) (open, close string) {
	return h.mustWrap("hook-para", &ParaHook{Notes: template.HTML(notes), Text: textMark})
}
