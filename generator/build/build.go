// Package build runs the pipeline: read content/ → parse each file into a
// content.Doc (in parallel) → build the site graph → render pages through
// templates/ (in parallel) → copy static/ → swap the new site into place.
package build

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/diag"
	"github.com/dossier-ssg/dossier/generator/i18n"
	"github.com/dossier-ssg/dossier/generator/internal/parallel"
	"github.com/dossier-ssg/dossier/generator/markdown"
	"github.com/dossier-ssg/dossier/generator/output"
	"github.com/dossier-ssg/dossier/generator/render"
	"github.com/dossier-ssg/dossier/generator/site"
)

// Options configure a build.
type Options struct {
	SiteDir string // holds content/, templates/, static/
	OutDir  string // defaults to SiteDir/public
	BaseURL string // overrides site.yaml's base_url when set
	// NoMinify writes HTML, CSS and the rest as rendered (for debugging,
	// and for the preview server).
	NoMinify bool
	// NoFingerprint keeps asset names as they are (style.css, not
	// style.<hash>.css), so the preview can swap a stylesheet in place.
	NoFingerprint bool
	// CleanDestinationDir lets Build replace a non-empty output folder
	// that dossier did not write (see output.CheckDestination).
	CleanDestinationDir bool
}

// Result describes a finished build.
type Result struct {
	Pages    int
	Static   int
	Duration time.Duration
	Diags    diag.List
	Files    []output.File
	Site     *site.Site            // the default language's graph
	Sites    map[string]*site.Site // every language's graph
	PageList []*render.Page
	// Rendered are the pages whose templates ran (all, on a first build);
	// BodiesRendered counts the Markdown bodies rendered.
	Rendered       []string
	BodiesRendered int
}

// md is dossier's one goldmark instance, built once and reused.
var md = markdown.New()

// Markdown returns dossier's Markdown processor.
func Markdown() *markdown.Markdown { return md }

// IgnoredName reports whether a file name is an editor's temporary file,
// a backup, or hidden, and so never content (see output.IgnoredName).
func IgnoredName(name string) bool { return output.IgnoredName(name) }

// Load reads and parses every content file of a site.
func Load(siteDir string) (site.Config, []*content.Doc, diag.List, error) {
	cfg, docs, diags, _, err := loadCached(siteDir, nil)
	return cfg, docs, diags, err
}

// cachedDoc is a parsed file and the file's size and time when read.
type cachedDoc struct {
	doc   *content.Doc
	size  int64
	mtime int64
}

// loadCached reads the content files of a site, re-parsing only those
// whose size or modification time differ from the cache's. It returns the
// new cache too.
func loadCached(siteDir string, cache map[string]cachedDoc) (site.Config, []*content.Doc, diag.List, map[string]cachedDoc, error) {
	var diags diag.List
	cfgSrc, err := os.ReadFile(filepath.Join(siteDir, filepath.FromSlash(site.ConfigFile)))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return site.Config{}, nil, nil, nil, output.FSError("read", site.ConfigFile, err)
	}
	cfg := site.ParseConfig(cfgSrc, &diags)
	var links []linked
	root := filepath.Join(siteDir, "content")
	type entry struct {
		path        string
		size, mtime int64
	}
	var files []entry
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != root && IgnoredName(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			links = append(links, followLink(siteDir, root, p, &diags)...)
			return nil
		}
		if d.Type().IsRegular() && strings.HasSuffix(d.Name(), ".md") {
			info, err := d.Info()
			if err != nil {
				return nil // removed meanwhile
			}
			files = append(files, entry{p, info.Size(), info.ModTime().UnixNano()})
		}
		return nil
	})
	if err != nil {
		return cfg, nil, diags, nil, walkError(siteDir, err)
	}
	for _, l := range links {
		files = append(files, entry{l.path, l.size, l.mtime})
	}
	docs := make([]*content.Doc, len(files))
	errs := make([]error, len(files))
	parallel.For(len(files), func(i int) {
		f := files[i]
		if c, ok := cache[f.path]; ok && c.size == f.size && c.mtime == f.mtime {
			docs[i] = c.doc
			return
		}
		src, err := os.ReadFile(f.path)
		if err != nil {
			errs[i] = err
			return
		}
		rel, _ := filepath.Rel(root, f.path)
		docs[i] = content.Parse(md, filepath.ToSlash(rel), src)
	})
	next := make(map[string]cachedDoc, len(files))
	var kept []*content.Doc
	for i, err := range errs {
		if errors.Is(err, fs.ErrNotExist) {
			continue // deleted between the walk and the read
		}
		if err != nil {
			rel, _ := filepath.Rel(siteDir, files[i].path)
			return cfg, nil, diags, nil, output.FSError("read", filepath.ToSlash(rel), err)
		}
		next[files[i].path] = cachedDoc{docs[i], files[i].size, files[i].mtime}
		kept = append(kept, docs[i])
	}
	missingConfig(cfg, kept, &diags)
	return cfg, kept, diags, next, nil
}

// Funcs are the functions templates may call. t, tn and tf are the
// interface strings of the page's language (content/i18n/<lang>.yaml):
// {{t "nav.sources"}}, {{tn "count.sources" 5}}, {{tf "quote.only_in"
// "source" .From}}.
var Funcs = template.FuncMap{
	"join":  strings.Join,
	"lower": strings.ToLower,
	"add":   func(a, b int) int { return a + b },
	"t":     func(string) (string, error) { return "", errors.New("no interface strings") },
	"tn":    func(string, int) (string, error) { return "", errors.New("no interface strings") },
	"tf":    func(string, ...string) (string, error) { return "", errors.New("no interface strings") },
}

// langFuncs binds t, tn and tf to one language's strings.
func langFuncs(ui *i18n.Strings) template.FuncMap {
	return template.FuncMap{"t": ui.T, "tn": ui.N, "tf": ui.F}
}

// Languages pairs each original with its translations, reporting
// translations whose original or language does not exist. It returns the
// originals and, per language other than the default, the documents of
// that language's site: localized where a translation exists.
func Languages(cfg site.Config, docs []*content.Doc, diags *diag.List) (origs []*content.Doc, byLang map[string][]*content.Doc, trs map[string]map[string]*content.Doc) {
	return languages(cfg, docs, diags, nil)
}

// languages is Languages reusing the localized documents of the last
// build where neither the original nor the translation changed (cache is
// updated in place).
func languages(cfg site.Config, docs []*content.Doc, diags *diag.List, cache map[[2]*content.Doc]*content.Doc) (origs []*content.Doc, byLang map[string][]*content.Doc, trs map[string]map[string]*content.Doc) {
	byRel := map[string]*content.Doc{}
	for _, d := range docs {
		if d.Lang == "" {
			origs = append(origs, d)
			byRel[d.Rel] = d
		}
	}
	trs = map[string]map[string]*content.Doc{}
	var codes []string
	for _, l := range otherLanguages(cfg) {
		codes = append(codes, l.Code)
		trs[l.Code] = map[string]*content.Doc{}
	}
	for _, d := range docs {
		if d.Lang == "" {
			continue
		}
		if _, ok := trs[d.Lang]; !ok {
			if cfg.Missing || cfg.Invalid {
				continue // reported once, by missingConfig, or the config's own errors
			}
			hint := fmt.Sprintf("add %s under languages: in %s", d.Lang, site.ConfigFile)
			if d.Lang == cfg.DefaultLanguage().Code {
				hint = "originals are written in the default language without a suffix: rename it to " + strings.TrimSuffix(d.Rel, "."+d.Lang+".md") + ".md"
			}
			diags.Errorf(d.Path, 1, 1, hint, "translation into %q, which is not one of the site's languages (%s)", d.Lang, strings.Join(codes, ", "))
			continue
		}
		origRel := strings.TrimSuffix(d.Rel, "."+d.Lang+".md") + ".md"
		if byRel[origRel] == nil {
			var cands []string
			for r := range byRel {
				cands = append(cands, strings.TrimSuffix(r, ".md")+"."+d.Lang+".md")
			}
			sort.Strings(cands)
			hint := "a translation sits beside its original: name.zh.md beside name.md"
			if s := diag.Suggest(d.Rel, cands); s != "" {
				hint = fmt.Sprintf("did you mean %s?", s)
			}
			diags.Errorf(d.Path, 1, 1, hint, "translation of a missing original: there is no content/%s", origRel)
			continue
		}
		trs[d.Lang][origRel] = d
	}
	byLang = map[string][]*content.Doc{}
	used := map[[2]*content.Doc]*content.Doc{}
	defer func() {
		if cache != nil {
			clear(cache)
			for k, v := range used {
				cache[k] = v
			}
		}
	}()
	for _, code := range codes {
		for _, o := range origs {
			t := trs[code][o.Rel]
			if t != nil && !t.Draft && !o.Draft {
				m := used[[2]*content.Doc{o, t}]
				if m == nil {
					m = cache[[2]*content.Doc{o, t}]
				}
				if m == nil {
					m = content.Localize(o, t)
				}
				used[[2]*content.Doc{o, t}] = m
				byLang[code] = append(byLang[code], m)
			} else {
				byLang[code] = append(byLang[code], o)
			}
		}
	}
	return origs, byLang, trs
}

// Render loads and renders a site in memory, writing nothing. It returns
// the output files, or diagnostics when the content has errors.
func Render(opts Options) (*Result, error) {
	return NewSession(opts).Build()
}

// Session renders a site again and again, as watch mode does, reusing
// what did not change: files are re-parsed only when they changed on
// disk, bodies are re-rendered only when something they show changed, and
// templates run only for pages that depend on a changed document.
type Session struct {
	Opts Options

	docs   map[string]cachedDoc
	theme  string                   // hash of templates, strings and config: any change re-renders all
	caches map[string]*render.Cache // bodies, per language
	pages  map[string]pageOut       // by output path
	byPath map[string]*content.Doc  // content path → doc of the last good build
	cites  *site.Cache              // citation lookups
	merged map[[2]*content.Doc]*content.Doc
}

type pageOut struct {
	deps render.Deps
	data []byte
}

// Forget drops the parsed files at these paths (relative to the site),
// so the next Build reads them again even if their size and time look
// unchanged (file systems with coarse timestamps). The preview server
// passes every path the watcher reports.
func (ss *Session) Forget(rels []string) {
	for _, rel := range rels {
		delete(ss.docs, filepath.Join(ss.Opts.SiteDir, filepath.FromSlash(rel)))
	}
}

// NewSession starts a session; its first Build renders everything.
func NewSession(opts Options) *Session {
	return &Session{Opts: opts, caches: map[string]*render.Cache{}, cites: site.NewCache(), merged: map[[2]*content.Doc]*content.Doc{}}
}

// Build renders the site as it is on disk now. On errors it returns them
// and keeps the state of the last good build, so the next Build after a
// fix compares against it.
func (ss *Session) Build() (*Result, error) {
	opts := ss.Opts
	start := time.Now()
	cfg, docs, diags, cache, err := loadCached(opts.SiteDir, ss.docs)
	if err != nil {
		return nil, err
	}
	if opts.BaseURL != "" {
		cfg.BaseURL = opts.BaseURL
	}
	origs, byLang, _ := languages(cfg, docs, &diags, ss.merged)
	ss.cites.Advance()
	s := site.Build(cfg, cfg.DefaultLanguage().Code, origs, ss.cites)
	res := &Result{Site: s, Sites: map[string]*site.Site{s.Lang: s}}
	res.Diags = append(diags, s.Diags...)
	if s.Home == nil {
		res.Diags.Errorf("content/_index.md", 1, 1, "create content/_index.md with a title and the home page text", "the site has no home page")
	}
	for _, l := range otherLanguages(cfg) {
		ls := site.Build(cfg, l.Code, byLang[l.Code], ss.cites)
		res.Sites[l.Code] = ls
		res.Diags = append(res.Diags, ls.Diags...)
		for _, d := range ls.Docs {
			if d.Orig == nil || d.Failed {
				continue
			}
			switch {
			case d.TranslationOf == "":
				line, _ := d.Locate(nil)
				res.Diags.Warnf(d.Path, line, 1, "run: dossier translate "+d.Orig.Path+" --lang "+l.Code+" --mark-current", "translation does not record which version of the original it translates (translation_of:)")
			case d.Stale:
				line, col := d.Locate([]any{"translation_of"})
				res.Diags.Warnf(d.Path, line, col, "update the translation, then run: dossier translate "+d.Orig.Path+" --lang "+l.Code+" --mark-current; dossier translations shows what changed", "translation is stale: %s has changed since it was translated", d.Orig.Path)
			}
		}
	}
	// The theme is fingerprinted before it is read: a file saved while this
	// build runs then makes the next build re-render everything.
	theme := themeHash(opts.SiteDir, cfg)
	var codes []string
	for _, l := range cfg.Languages {
		codes = append(codes, l.Code)
	}
	ui, udiags := i18n.Load(opts.SiteDir, codes)
	res.Diags = append(res.Diags, udiags...)
	tmpls, tdiags := render.LoadTemplates(filepath.Join(opts.SiteDir, "templates"), Funcs)
	res.Diags = append(res.Diags, tdiags...)
	res.Diags = res.Diags.Dedupe()
	res.Diags.Sort()
	if res.Diags.HasErrors() {
		res.Duration = time.Since(start)
		return res, &diag.BuildError{Diags: res.Diags}
	}
	statics, err := output.ReadTree(filepath.Join(opts.SiteDir, "static"))
	if err != nil {
		return nil, output.FSError("read", "static/", err)
	}
	css := Asset{URL: strings.TrimSuffix(cfg.BasePath(), "/") + "/style.css"}
	if !opts.NoFingerprint {
		var assets map[string]Asset
		statics, assets = fingerprint(statics, cfg.BasePath(), !opts.NoMinify)
		if a, ok := assets["style.css"]; ok {
			css = a
		}
	}

	// What changed since the last good build: nil means everything.
	theme += "\x00" + css.URL + "\x00" + css.Integrity
	var changed map[string]bool
	byPath := map[string]*content.Doc{}
	for _, d := range docs {
		byPath[d.Path] = d
	}
	if ss.pages != nil && theme == ss.theme {
		var touched []render.Change
		for p, d := range byPath {
			if old := ss.byPath[p]; old != d {
				touched = append(touched, render.Change{Old: old, New: d})
			}
		}
		for p, old := range ss.byPath {
			if byPath[p] == nil {
				touched = append(touched, render.Change{Old: old})
			}
		}
		changed = render.ChangedKeys(touched)
	}

	var pages []*render.Page
	var html [][]byte
	var extra []output.File // feeds, sitemap, robots.txt
	outs := map[string]pageOut{}
	caches := map[string]*render.Cache{}
	for _, l := range cfg.Languages {
		lt, err := tmpls.WithFuncs(langFuncs(ui[l.Code]))
		if err != nil {
			return nil, err
		}
		// A fresh cache holding the last good build's bodies: kept only if
		// this build succeeds.
		c := &render.Cache{}
		if prev := ss.caches[l.Code]; prev != nil && changed != nil {
			c.Bodies = prev.Bodies
		}
		b := &render.Builder{MD: md, Site: res.Sites[l.Code], CSS: css.URL, SRI: css.Integrity, Lang: l, UI: ui[l.Code], Cache: c, Changed: changed}
		ps := b.Pages()
		res.BodiesRendered += c.Rendered
		// Run templates only for pages that depend on a change, before or
		// after it; reuse the rest.
		var run []*render.Page
		var runIdx []int
		out := make([][]byte, len(ps))
		for i, p := range ps {
			prev, ok := ss.pages[p.Out]
			if ok && changed != nil && !p.Deps.Any(changed) && !prev.deps.Any(changed) {
				out[i] = prev.data
				continue
			}
			run = append(run, p)
			runIdx = append(runIdx, i)
		}
		data, rdiags := lt.ExecuteAll(run)
		if len(rdiags) > 0 {
			res.Diags = append(res.Diags, rdiags...)
			res.Diags = res.Diags.Dedupe()
			res.Diags.Sort()
			return res, &diag.BuildError{Diags: res.Diags}
		}
		for k, i := range runIdx {
			out[i] = data[k]
			res.Rendered = append(res.Rendered, ps[i].Out)
		}
		for i, p := range ps {
			outs[p.Out] = pageOut{p.Deps, out[i]}
		}
		pages = append(pages, ps...)
		html = append(html, out...)
		caches[l.Code] = c
		extra = append(extra, output.File{Path: b.FeedPath(), Data: b.Feed(20)})
	}
	ss.docs, ss.theme, ss.pages, ss.byPath, ss.caches = cache, theme, outs, byPath, caches
	res.PageList = pages
	sitemap := cfg.Absolute(strings.TrimSuffix(cfg.BasePath(), "/") + "/sitemap.xml")
	extra = append(extra, output.File{Path: "sitemap.xml", Data: render.Sitemap(pages)}, output.File{Path: "robots.txt", Data: robots(sitemap)})
	files := make([]output.File, 0, len(pages)+len(statics)+len(extra))
	for i, p := range pages {
		files = append(files, output.File{Path: p.Out, Data: html[i]})
	}
	files = append(files, extra...)
	if !opts.NoMinify {
		parallel.For(len(files), func(i int) { files[i].Data = minifyFile(files[i].Path, files[i].Data) })
	}
	files = append(files, statics...)
	res.Files = files
	res.Pages = len(pages)
	res.Static = len(statics)
	res.Duration = time.Since(start)
	return res, nil
}

// themeHash fingerprints what every page depends on: the templates, the
// interface strings and the site config.
func themeHash(siteDir string, cfg site.Config) string {
	h := sha256.New()
	fmt.Fprintf(h, "%#v\n", cfg)
	for _, dir := range []string{"templates", filepath.FromSlash(i18n.Dir)} {
		filepath.WalkDir(filepath.Join(siteDir, dir), func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() && !IgnoredName(d.Name()) {
				if b, err := os.ReadFile(p); err == nil {
					fmt.Fprintf(h, "%s\x00%d\x00", p, len(b))
					h.Write(b)
				}
			}
			return nil
		})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Build renders a site and writes it to the output folder atomically.
func Build(opts Options) (*Result, error) {
	if opts.OutDir == "" {
		opts.OutDir = filepath.Join(opts.SiteDir, "public")
	}
	if err := output.CheckDestination(opts.SiteDir, opts.OutDir, opts.CleanDestinationDir); err != nil {
		return nil, err
	}
	start := time.Now()
	res, err := Render(opts)
	if err != nil {
		return res, err
	}
	if err := output.Write(opts.OutDir, res.Files); err != nil {
		return res, err
	}
	res.Duration = time.Since(start)
	return res, nil
}
