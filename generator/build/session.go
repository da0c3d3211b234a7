package build

import (
	"bytes"
	"errors"
	"strings"
	"time"

	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/diag"
	"github.com/dossier-ssg/dossier/generator/glossary"
	"github.com/dossier-ssg/dossier/generator/i18n"
	"github.com/dossier-ssg/dossier/generator/internal/parallel"
	"github.com/dossier-ssg/dossier/generator/output"
	"github.com/dossier-ssg/dossier/generator/render"
	"github.com/dossier-ssg/dossier/generator/site"
)

// Build renders the site as it is on disk now. On errors it returns them
// and keeps the state of the last good build, so the next Build after a
// fix compares against it. It reads as the list of its stages.
func (ss *Session) Build() (*Result, error) {
	p := &pass{ss: ss, opts: ss.Opts, start: time.Now()}
	if p.opts.FS == nil {
		p.opts.FS = SiteFS(p.opts.SiteDir)
	}
	if err := p.load(); err != nil {
		return nil, err
	}
	// The theme and the graphs share nothing: the theme loads (on a
	// first build, its templates parse) while the graphs are built.
	var tdiags diag.List
	themed := make(chan struct{})
	go func() {
		defer close(themed)
		if tdiags = p.theme(); !tdiags.HasErrors() {
			p.prepareLanguages()
		}
	}()
	p.graphs()
	if p.outline(p.cfg, len(p.docs)) && !p.checking() {
		// A one-shot build of a large site reads no front matter as
		// decoded after the graphs and the translations' checks (check
		// counts stale translations after, from it): on 10,000
		// dossier-format pages the live heap while pages render fell
		// from 88 to 79 MB (median over the collections, GOGC=25).
		for _, d := range p.docs {
			d.ForgetFrontMatter()
		}
	}
	<-themed
	p.res.Diags = append(p.res.Diags, tdiags...)
	if p.res.Diags.HasErrors() {
		return p.failed()
	}
	if err := p.assets(); err != nil {
		return nil, err
	}
	p.changes()
	if err := p.renderAll(); err != nil {
		var be *diag.BuildError
		if !errors.As(err, &be) {
			return nil, err
		}
		return p.failed()
	}
	p.commit()
	p.output()
	return p.res, nil
}

// pass is one Build of a session: what each stage hands the next.
type pass struct {
	ss    *Session
	opts  Options
	start time.Time
	res   *Result

	cfg    site.Config
	docs   []*content.Doc
	parsed map[string]cachedDoc // the session's parse cache after this load
	origs  []*content.Doc
	byLang map[string][]*content.Doc
	trs    map[string]map[string]*content.Doc

	themeKey string
	langs    map[string]*langTheme
	ui       map[string]*i18n.Strings
	tmpls    render.Templates
	hooks    *render.Hooks
	statics  []output.File
	css      Asset

	byPath  map[string]*content.Doc
	changed map[render.Dep]bool // dependencies changed since the last good build; nil: all

	pages  []*render.Page
	html   [][]byte
	extra  []output.File // feeds, annotations, sitemap, robots.txt, the search script
	index  []output.File // search index and link previews: compact already, not minified
	outs   map[string]pageOut
	caches map[string]*render.Cache
}

// load reads and parses the content (re-parsing only changed files) and
// pairs translations with their originals.
func (p *pass) load() error {
	cfg, docs, diags, parsed, err := loadCached(p.opts.SiteDir, p.ss.docs, p.outline)
	if err != nil {
		return err
	}
	if p.opts.BaseURL != "" {
		cfg.BaseURL = p.opts.BaseURL
	}
	p.cfg, p.docs, p.parsed = cfg, docs, parsed
	p.opts.progress("checking", len(docs), len(docs))
	p.origs, p.byLang, p.trs = languages(cfg, docs, &diags, p.ss.merged)
	p.res = &Result{Diags: diags, Config: cfg, Docs: docs}
	return nil
}

// graphs builds the site graph of every language; a translated graph
// adds the translations' own warnings (stale, unrecorded, glossary).
func (p *pass) graphs() {
	p.ss.cites.Advance()
	p.ss.search.Advance()
	p.ss.gloss.Advance()
	// The graphs and the translations' checks run at once: they share
	// only the citation and glossary caches, which lock.
	others := otherLanguages(p.cfg)
	graphs := make([]*site.Site, 1+len(others))
	trDiags := make([]diag.List, len(others))
	parallel.For(len(graphs)+len(others), func(i int) {
		switch {
		case i == 0:
			graphs[0] = site.Build(p.cfg, p.cfg.DefaultLanguage().Code, p.origs, p.ss.cites)
		case i < len(graphs):
			graphs[i] = site.Build(p.cfg, others[i-1].Code, p.byLang[others[i-1].Code], p.ss.cites)
		default:
			l := others[i-len(graphs)]
			trDiags[i-len(graphs)] = translationDiags(p.ss.gloss, p.opts.SiteDir, l, p.byLang[l.Code], p.trs[l.Code])
		}
	})
	s := graphs[0]
	p.res.Site, p.res.Sites = s, map[string]*site.Site{s.Lang: s}
	p.res.Diags = append(p.res.Diags, s.Diags...)
	if s.Home == nil {
		p.res.Diags.Errorf("content/_index.md", 1, 1, "create content/_index.md with a title and the home page text", "the site has no home page")
	}
	for i, l := range others {
		ls := graphs[i+1]
		p.res.Sites[l.Code] = ls
		p.res.Diags = append(p.res.Diags, ls.Diags...)
		p.res.Diags = append(p.res.Diags, trDiags[i]...)
	}
}

// translationDiags warns about a language's translations that do not
// record what they translate, have gone stale, or miss the glossary;
// gc carries the glossary and its findings between builds (nil: none).
func translationDiags(gc *glossary.Cache, siteDir string, l site.Language, docs []*content.Doc, trs map[string]*content.Doc) diag.List {
	gl, diags := gc.Load(siteDir, l.Code)
	// The glossary's findings, the costly part, in parallel.
	found := make([]diag.List, len(docs))
	parallel.For(len(docs), func(i int) {
		if d := docs[i]; d.Orig != nil && !d.Failed {
			found[i] = gc.Diags(gl, d.Orig, trs[d.Orig.Rel])
		}
	})
	for i, d := range docs {
		if d.Orig == nil || d.Failed {
			continue
		}
		switch {
		case d.TranslationOf == "":
			line, _ := d.Locate(nil)
			diags.Warnf(d.Path, line, 1, "run: dossier translate "+d.Orig.Path+" --lang "+l.Code+" --mark-current", "translation does not record which version of the original it translates (translation_of:)")
		case d.Stale:
			line, col := d.Locate([]any{"translation_of"})
			diags.Warnf(d.Path, line, col, "update the translation, then run: dossier translate "+d.Orig.Path+" --lang "+l.Code+" --mark-current; dossier translations shows what changed", "translation is stale: %s has changed since it was translated", d.Orig.Path)
		}
		diags = append(diags, found[i]...)
	}
	return diags
}

// theme loads the interface strings and templates and returns what
// loading them found. It runs beside graphs (and then prepareLanguages):
// it reads only the options, the config and the session's theme cache.
// It is fingerprinted before it is read: a file saved while this build
// runs then makes the next build re-render everything.
func (p *pass) theme() diag.List {
	p.themeKey = themeHash(p.opts.FS, p.cfg)
	if t := p.ss.themes; t != nil && t.key == p.themeKey {
		p.ui, p.tmpls, p.hooks, p.langs = t.ui, t.tmpls, t.hooks, t.langs
		return t.diags
	}
	var codes []string
	for _, l := range p.cfg.Languages {
		codes = append(codes, l.Code)
	}
	var udiags, tdiags, hdiags diag.List
	p.ui, udiags = i18n.Load(p.opts.FS, codes)
	p.tmpls, tdiags = render.LoadTemplates(p.opts.FS, Funcs)
	p.hooks, hdiags = render.LoadHooks(p.opts.FS, Funcs)
	diags := append(append(append(diag.List(nil), udiags...), tdiags...), hdiags...)
	p.langs = map[string]*langTheme{}
	p.ss.themes = &themeCache{key: p.themeKey, ui: p.ui, tmpls: p.tmpls, hooks: p.hooks, diags: diags, langs: p.langs}
	return diags
}

// themeCache is the theme as loaded for a fingerprint (themeHash): the
// preview server parses the templates and checks the hooks again only
// when one of the files the fingerprint covers changes.
type themeCache struct {
	key   string
	ui    map[string]*i18n.Strings
	tmpls render.Templates
	hooks *render.Hooks
	diags diag.List
	langs map[string]*langTheme
}

// langTheme is the theme in one language: the templates and hooks with
// the language's functions, and what checking the hooks found.
type langTheme struct {
	tmpls render.Templates
	hooks *render.Hooks
	diags diag.List
}

// inLanguage is the theme in language l, made once per theme.
func (p *pass) inLanguage(l site.Language) (*langTheme, error) {
	if t := p.langs[l.Code]; t != nil {
		return t, nil
	}
	t, err := p.langTheme(l)
	if err != nil {
		return nil, err
	}
	p.langs[l.Code] = t
	return t, nil
}

// langTheme makes the theme in language l: the templates and hooks with
// its functions, and the hooks checked.
func (p *pass) langTheme(l site.Language) (*langTheme, error) {
	lt, err := p.tmpls.WithFuncs(langFuncs(p.ui[l.Code]))
	if err != nil {
		return nil, err
	}
	hooks, err := p.hooks.WithFuncs(langFuncs(p.ui[l.Code]))
	if err != nil {
		return nil, err
	}
	return &langTheme{tmpls: lt, hooks: hooks, diags: hooks.Check()}, nil
}

// prepareLanguages makes the theme in every language it is not made in
// yet, at once, beside the graphs (a first build spent 6-9 ms on it
// alone). One that fails is left for inLanguage to make again and
// report, where it did before.
func (p *pass) prepareLanguages() {
	var todo []site.Language
	for _, l := range p.cfg.Languages {
		if p.langs[l.Code] == nil {
			todo = append(todo, l)
		}
	}
	made := make([]*langTheme, len(todo))
	parallel.For(len(todo), func(i int) { made[i], _ = p.langTheme(todo[i]) })
	for i, t := range made {
		if t != nil {
			p.langs[todo[i].Code] = t
		}
	}
}

// failed ends a build that found errors, keeping the session as it was.
func (p *pass) failed() (*Result, error) {
	p.res.Diags = p.res.Diags.Dedupe()
	p.res.Diags.Sort()
	p.res.Duration = time.Since(p.start)
	return p.res, &diag.BuildError{Diags: p.res.Diags}
}

// assets reads static/ and fingerprints the stylesheet and scripts.
func (p *pass) assets() error {
	p.res.Diags = p.res.Diags.Dedupe()
	p.res.Diags.Sort()
	statics, err := output.ReadTree(p.opts.FS, "static")
	if err != nil {
		return output.FSError("read", "static/", err)
	}
	p.css = Asset{URL: strings.TrimSuffix(p.cfg.BasePath(), "/") + "/style.css"}
	if !p.opts.NoFingerprint {
		var assets map[string]Asset
		statics, assets = fingerprint(statics, p.cfg.BasePath(), !p.opts.NoMinify)
		if a, ok := assets["style.css"]; ok {
			p.css = a
		}
	}
	p.statics = statics
	p.themeKey += "\x00" + p.css.URL + "\x00" + p.css.Integrity
	return nil
}

// changes works out what changed since the last good build: nothing is
// known (all changed) on a first build or when the theme changed.
func (p *pass) changes() {
	p.byPath = map[string]*content.Doc{}
	for _, d := range p.docs {
		p.byPath[d.Path] = d
	}
	if p.ss.pages != nil && p.themeKey == p.ss.theme {
		p.changed = render.ChangedKeys(changedDocs(p.ss.byPath, p.byPath))
	}
	p.outs = map[string]pageOut{}
	p.caches = map[string]*render.Cache{}
}

// changedDocs pairs the documents of two builds by path: those added,
// deleted, or parsed again (a new Doc), in no particular order.
func changedDocs(old, cur map[string]*content.Doc) []render.Change {
	var out []render.Change
	for path, d := range cur {
		if o := old[path]; o != d {
			out = append(out, render.Change{Old: o, New: d})
		}
	}
	for path, o := range old {
		if cur[path] == nil {
			out = append(out, render.Change{Old: o})
		}
	}
	return out
}

// langOut is what rendering one language gives.
type langOut struct {
	pages    []*render.Page
	html     [][]byte // the pages' HTML; nil in a one-shot build, which wrote them
	run      []int    // the pages whose templates ran
	cache    *render.Cache
	extra    []output.File // the feed and the annotations
	index    []output.File // the search index; none in a one-shot build,
	streamed int           // which wrote this many files of it
	diags    diag.List     // the errors that failed it
	err      error
	language site.Language
}

// renderAll renders every language: at once in the preview server, where
// a rebuild is mostly work no language shares, and in a one-shot build
// of a small site (together); one after another in a one-shot build of a
// large one, whose pages are let go as they are written and whose every
// stage runs in parallel already. The results are taken in the
// languages' order, up to the first that failed.
func (p *pass) renderAll() error {
	for _, l := range p.cfg.Languages {
		if _, err := p.inLanguage(l); err != nil {
			return err
		}
	}
	outs := make([]*langOut, len(p.cfg.Languages))
	if p.ss.sink == nil || p.together() {
		parallel.For(len(outs), func(i int) { outs[i] = p.render(p.cfg.Languages[i]) })
		if p.together() {
			p.releaseTrees() // every language's pages are written
		}
	}
	for i, l := range p.cfg.Languages {
		if outs[i] == nil {
			outs[i] = p.render(l)
		}
		if err := p.take(outs[i]); err != nil {
			return err
		}
	}
	return nil
}

// take adds one language's result to the build's.
func (p *pass) take(o *langOut) error {
	p.res.Diags = append(p.res.Diags, o.diags...)
	if o.err != nil {
		return o.err
	}
	p.res.BodiesRendered += o.cache.RenderedAll()
	if o.html != nil {
		for i, pg := range o.pages {
			p.outs[pg.Out] = pageOut{pg.Deps, o.html[i]}
		}
		p.html = append(p.html, o.html...)
	}
	for _, i := range o.run {
		p.res.Rendered = append(p.res.Rendered, o.pages[i].Out)
	}
	p.pages = append(p.pages, o.pages...)
	p.opts.progress("rendering "+o.language.Code, len(p.pages), len(p.pages))
	p.caches[o.language.Code] = o.cache
	p.extra = append(p.extra, o.extra...)
	p.index = append(p.index, o.index...)
	p.res.Streamed += o.streamed
	return nil
}

// render builds one language's pages, running templates only for pages
// that depend on a change (before or after it) and reusing the rest. It
// changes nothing of the pass: languages render at once.
func (p *pass) render(l site.Language) *langOut {
	o := &langOut{language: l}
	fail := func(diags diag.List) *langOut {
		o.diags, o.err = diags, &diag.BuildError{Diags: diags}
		return o
	}
	t := p.langs[l.Code]
	if t.diags.HasErrors() {
		return fail(t.diags)
	}
	lt, hooks := t.tmpls, t.hooks.Fresh()
	// A fresh cache holding the last good build's bodies: kept only if
	// this build succeeds.
	o.cache = &render.Cache{}
	if prev := p.ss.caches[l.Code]; prev != nil && p.changed != nil {
		o.cache.Bodies = prev.Bodies
	}
	if prev := p.ss.caches[l.Code]; prev != nil {
		o.cache.Annos = prev.Annos // by value: right whatever changed
	}
	b := &render.Builder{MD: md, Site: p.res.Sites[l.Code], CSS: p.css.URL, SRI: p.css.Integrity, Lang: l, UI: p.ui[l.Code], Hooks: hooks, Cache: o.cache, Changed: p.changed, Kept: p.kept, LetGo: p.outline(p.cfg, len(p.docs)), Lazy: p.ss.sink != nil}
	ps := b.Pages()
	if hdiags := hooks.Diags(); len(hdiags) > 0 {
		return fail(hdiags)
	}
	o.pages = ps
	var run []*render.Page
	out := make([][]byte, len(ps))
	for i, pg := range ps {
		if _, ok := p.kept(pg.Out, pg.Deps); ok {
			out[i] = p.ss.pages[pg.Out].data
			continue
		}
		run = append(run, pg)
		o.run = append(o.run, i)
	}
	if p.ss.sink != nil {
		// A one-shot build: each page is minified and written as soon as
		// its template ran, and let go.
		rdiags := p.stream(lt, run)
		// The pages were built as their templates ran (Lazy): a hook that
		// failed while one was built is reported first, as when the pages
		// are built before any template runs.
		if hdiags := hooks.Diags(); len(hdiags) > 0 {
			return fail(hdiags)
		}
		if len(rdiags) > 0 {
			return fail(rdiags)
		}
		if p.lastOneShot(l) {
			// A one-shot build's last language has written its pages: no
			// syntax tree is needed any more (the feeds and the search
			// index read rendered bodies and text), and letting them go
			// leaves room for the index. Most went as their bodies were
			// rendered (LetGo); these are the rest, the summaries the
			// pages rendered and trees no page of this language shows.
			p.releaseTrees()
		}
	} else {
		data, rdiags := lt.ExecuteAll(run)
		if len(rdiags) > 0 {
			return fail(rdiags)
		}
		for k, i := range o.run {
			out[i] = data[k]
		}
		o.html = out
	}
	feed, err := b.Feed(20)
	if err != nil {
		o.err = err
		return o
	}
	annos, err := b.Annotations()
	if err != nil {
		o.err = err
		return o
	}
	o.extra = []output.File{{Path: b.FeedPath(), Data: feed}, {Path: b.AnnotationsPath(), Data: annos}}
	if p.ss.sink != nil {
		b.DropBodies() // every page is written: the index needs only the text
	}
	if p.checking() {
		return o // Check writes nothing, and the index reports nothing
	}
	var read func()
	if p.lastOneShot(l) {
		p.ss.search.Freeze() // no later index reads this one's terms
		read = p.forget
	}
	if p.ss.sink != nil {
		// A one-shot build writes the index as it is made.
		n, err := b.WriteSearch(p.ss.search, p.ss.sink.Put, read)
		o.streamed = n
		if err != nil {
			var diags diag.List
			diags.Errorf(render.SearchDir, 0, 0, "", "%v", err)
			return fail(diags)
		}
		return o
	}
	o.index = b.SearchFiles(p.ss.search)
	return o
}

// releaseTrees lets every document's syntax tree go: a one-shot build
// renders nothing more from them.
func (p *pass) releaseTrees() {
	for _, s := range p.res.Sites {
		for _, d := range s.Docs {
			d.Release()
		}
	}
}

// checking reports whether the pass is Check's, which writes nothing.
func (p *pass) checking() bool {
	_, ok := p.ss.sink.(discard)
	return ok
}

// forget lets go of every document's source and text (content.Doc.Forget)
// once a one-shot build's last search index has read them: the index
// is then made in room they held: on 10,000 plain posts, the heap at
// the index's peak was 20 MB smaller (146 MB rather than 167).
func (p *pass) forget() {
	for _, d := range p.docs {
		d.Forget()
	}
	for _, s := range p.res.Sites {
		for _, d := range s.Docs {
			d.Forget()
		}
	}
}

// togetherPages is the most pages (documents times languages) a
// one-shot build renders all its languages at once for. A language's
// stages have parts that run on one core (the site's lists, the index's
// numbering, the feeds), which another language's work fills: the
// shipped dossier (390 documents, two languages: 780) built in 250 ms
// rather than 270 (11 interleaved runs), for 4 MB more memory, the
// syntax trees being held until every language has rendered. Above it,
// one language after another holds a language's pages at a time.
var togetherPages = 2000 // a variable for the tests of both ways

// together reports whether a one-shot build renders its languages at
// once (togetherPages).
func (p *pass) together() bool {
	return p.ss.sink != nil && togetherFor(p.cfg, len(p.docs))
}

func togetherFor(cfg site.Config, docs int) bool {
	n := len(cfg.Languages)
	return n > 1 && docs*n <= togetherPages
}

// outline says whether a build lets each file's syntax trees go as soon
// as it is parsed (content.Doc.Outline), to parse them again when their
// bodies are rendered, and after that let them go again: a one-shot
// build that renders one language after another (not together). On
// 10,000 plain posts this cut the live heap at its peak from 217 to 143
// MB and (with bodies rendered with their pages) the peak RSS from 498
// to 433 MiB, for 3% more CPU time (7 interleaved runs); a small site
// holds little, and renders its languages at once from the same trees.
func (p *pass) outline(cfg site.Config, files int) bool {
	return p.ss.sink != nil && !togetherFor(cfg, files)
}

// lastOneShot reports whether l is the last language a one-shot build
// renders one after another: once its bodies are rendered no syntax tree
// is needed. Rendered together, no language is: the others may still
// render from the trees.
func (p *pass) lastOneShot(l site.Language) bool {
	return p.ss.sink != nil && !p.together() && l.Code == p.cfg.Languages[len(p.cfg.Languages)-1].Code
}

// kept says whether the page the last good build wrote at out is kept
// as it is: neither what it depends on now nor what it depended on then
// changed. It returns what it depended on then.
func (p *pass) kept(out string, deps render.Deps) (render.Deps, bool) {
	prev, ok := p.ss.pages[out]
	if !ok || p.changed == nil || deps.Any(p.changed) || prev.deps.Any(p.changed) {
		return nil, false
	}
	return prev.deps, true
}

// stream runs the templates of pages in parallel and hands each result,
// minified, to the session's writer; it returns what failed.
func (p *pass) stream(lt render.Templates, pages []*render.Page) diag.List {
	return lt.ExecuteEach(pages, func(pg *render.Page, data []byte) error {
		if !p.opts.NoMinify {
			buf := minifyBuffers.Get().(*bytes.Buffer)
			data = minifyInto(buf, pg.Out, data)
			defer func() {
				if buf.Cap() <= 1<<20 { // a rare huge page is let go
					minifyBuffers.Put(buf)
				}
			}()
		}
		// The sink writes the page before it returns: the buffer is free
		// again after.
		err := p.ss.sink.Put(output.File{Path: pg.Out, Data: data})
		pg.Strip() // written: only its addresses are read again
		return err
	})
}

// commit makes this build the session's last good one.
func (p *pass) commit() {
	ss := p.ss
	ss.docs, ss.theme, ss.pages, ss.byPath, ss.caches = p.parsed, p.themeKey, p.outs, p.byPath, p.caches
}

// output assembles the files to write: pages, site files (minified unless
// told not to), then static files.
func (p *pass) output() {
	res, cfg := p.res, p.cfg
	res.PageList = p.pages
	sitemap := cfg.Absolute(strings.TrimSuffix(cfg.BasePath(), "/") + "/sitemap.xml")
	extra := append(p.extra, render.SearchScript(), output.File{Path: "sitemap.xml", Data: render.Sitemap(p.pages)}, output.File{Path: "robots.txt", Data: robots(sitemap)})
	files := make([]output.File, 0, len(p.pages)+len(p.statics)+len(extra))
	for i, pg := range p.pages {
		if p.ss.sink == nil {
			files = append(files, output.File{Path: pg.Out, Data: p.html[i]})
		}
	}
	files = append(files, extra...)
	if !p.opts.NoMinify {
		parallel.For(len(files), func(i int) { files[i].Data = minifyFile(files[i].Path, files[i].Data) })
	}
	files = append(files, p.statics...)
	files = append(files, p.index...)
	res.Files = files
	res.Pages = len(p.pages)
	res.Static = len(p.statics)
	res.Duration = time.Since(p.start)
}
