package build

import (
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
	p.graphs()
	p.theme()
	if p.res.Diags.HasErrors() {
		return p.failed()
	}
	if err := p.assets(); err != nil {
		return nil, err
	}
	p.changes()
	for _, l := range p.cfg.Languages {
		if err := p.render(l); err != nil {
			var be *diag.BuildError
			if !errors.As(err, &be) {
				return nil, err
			}
			return p.failed()
		}
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
	cfg, docs, diags, parsed, err := loadCached(p.opts.SiteDir, p.ss.docs)
	if err != nil {
		return err
	}
	if p.opts.BaseURL != "" {
		cfg.BaseURL = p.opts.BaseURL
	}
	p.cfg, p.docs, p.parsed = cfg, docs, parsed
	p.opts.progress("checking", len(docs), len(docs))
	p.origs, p.byLang, p.trs = languages(cfg, docs, &diags, p.ss.merged)
	p.res = &Result{Diags: diags}
	return nil
}

// graphs builds the site graph of every language; a translated graph
// adds the translations' own warnings (stale, unrecorded, glossary).
func (p *pass) graphs() {
	p.ss.cites.Advance()
	p.ss.search.Advance()
	p.ss.gloss.Advance()
	s := site.Build(p.cfg, p.cfg.DefaultLanguage().Code, p.origs, p.ss.cites)
	p.res.Site, p.res.Sites = s, map[string]*site.Site{s.Lang: s}
	p.res.Diags = append(p.res.Diags, s.Diags...)
	if s.Home == nil {
		p.res.Diags.Errorf("content/_index.md", 1, 1, "create content/_index.md with a title and the home page text", "the site has no home page")
	}
	for _, l := range otherLanguages(p.cfg) {
		ls := site.Build(p.cfg, l.Code, p.byLang[l.Code], p.ss.cites)
		p.res.Sites[l.Code] = ls
		p.res.Diags = append(p.res.Diags, ls.Diags...)
		p.res.Diags = append(p.res.Diags, translationDiags(p.ss.gloss, p.opts.SiteDir, l, ls, p.trs[l.Code])...)
	}
}

// translationDiags warns about a language's translations that do not
// record what they translate, have gone stale, or miss the glossary;
// gc carries the glossary and its findings between builds (nil: none).
func translationDiags(gc *glossary.Cache, siteDir string, l site.Language, ls *site.Site, trs map[string]*content.Doc) diag.List {
	gl, diags := gc.Load(siteDir, l.Code)
	for _, d := range ls.Docs {
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
		diags = append(diags, gc.Diags(gl, d.Orig, trs[d.Orig.Rel])...)
	}
	return diags
}

// theme loads the interface strings and templates. It is fingerprinted
// before it is read: a file saved while this build runs then makes the
// next build re-render everything.
func (p *pass) theme() {
	p.themeKey = themeHash(p.opts.FS, p.cfg)
	var codes []string
	for _, l := range p.cfg.Languages {
		codes = append(codes, l.Code)
	}
	var udiags, tdiags, hdiags diag.List
	p.ui, udiags = i18n.Load(p.opts.FS, codes)
	p.tmpls, tdiags = render.LoadTemplates(p.opts.FS, Funcs)
	p.hooks, hdiags = render.LoadHooks(p.opts.FS, Funcs)
	p.res.Diags = append(append(append(p.res.Diags, udiags...), tdiags...), hdiags...)
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

// render builds one language's pages, running templates only for pages
// that depend on a change (before or after it) and reusing the rest.
func (p *pass) render(l site.Language) error {
	lt, err := p.tmpls.WithFuncs(langFuncs(p.ui[l.Code]))
	if err != nil {
		return err
	}
	hooks, err := p.hooks.WithFuncs(langFuncs(p.ui[l.Code]))
	if err != nil {
		return err
	}
	if hdiags := hooks.Check(); hdiags.HasErrors() {
		p.res.Diags = append(p.res.Diags, hdiags...)
		return &diag.BuildError{Diags: hdiags}
	}
	// A fresh cache holding the last good build's bodies: kept only if
	// this build succeeds.
	c := &render.Cache{}
	if prev := p.ss.caches[l.Code]; prev != nil && p.changed != nil {
		c.Bodies = prev.Bodies
	}
	b := &render.Builder{MD: md, Site: p.res.Sites[l.Code], CSS: p.css.URL, SRI: p.css.Integrity, Lang: l, UI: p.ui[l.Code], Hooks: hooks, Cache: c, Changed: p.changed, Kept: p.kept}
	ps := b.Pages()
	if hdiags := hooks.Diags(); len(hdiags) > 0 {
		p.res.Diags = append(p.res.Diags, hdiags...)
		return &diag.BuildError{Diags: hdiags}
	}
	p.res.BodiesRendered += c.Rendered
	var run []*render.Page
	var runIdx []int
	out := make([][]byte, len(ps))
	for i, pg := range ps {
		if _, ok := p.kept(pg.Out, pg.Deps); ok {
			out[i] = p.ss.pages[pg.Out].data
			continue
		}
		run = append(run, pg)
		runIdx = append(runIdx, i)
	}
	if p.ss.sink != nil {
		// A one-shot build: each page is minified and written as soon as
		// its template ran, and let go.
		if err := p.stream(lt, run); err != nil {
			return err
		}
	} else {
		data, rdiags := lt.ExecuteAll(run)
		if len(rdiags) > 0 {
			p.res.Diags = append(p.res.Diags, rdiags...)
			return &diag.BuildError{Diags: rdiags}
		}
		for k, i := range runIdx {
			out[i] = data[k]
		}
		for i, pg := range ps {
			p.outs[pg.Out] = pageOut{pg.Deps, out[i]}
		}
		p.html = append(p.html, out...)
	}
	for _, i := range runIdx {
		p.res.Rendered = append(p.res.Rendered, ps[i].Out)
	}
	p.pages = append(p.pages, ps...)
	p.opts.progress("rendering "+l.Code, len(p.pages), len(p.pages))
	p.caches[l.Code] = c
	feed, err := b.Feed(20)
	if err != nil {
		return err
	}
	annos, err := b.Annotations()
	if err != nil {
		return err
	}
	p.extra = append(p.extra, output.File{Path: b.FeedPath(), Data: feed}, output.File{Path: b.AnnotationsPath(), Data: annos})
	p.index = append(p.index, b.SearchFiles(p.ss.search)...)
	return nil
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
// minified, to the session's writer.
func (p *pass) stream(lt render.Templates, pages []*render.Page) error {
	rdiags := lt.ExecuteEach(pages, func(pg *render.Page, data []byte) error {
		if !p.opts.NoMinify {
			data = minifyFile(pg.Out, data)
		}
		return p.ss.sink.Put(output.File{Path: pg.Out, Data: data})
	})
	if len(rdiags) > 0 {
		p.res.Diags = append(p.res.Diags, rdiags...)
		return &diag.BuildError{Diags: rdiags}
	}
	return nil
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
