// Package build runs the pipeline: read content/ → parse each file into a
// content.Doc (in parallel) → build the site graph → render pages through
// templates/ (in parallel) → copy static/ → swap the new site into place.
package build

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/diag"
	"github.com/dossier-ssg/dossier/generator/glossary"
	"github.com/dossier-ssg/dossier/generator/i18n"
	"github.com/dossier-ssg/dossier/generator/internal/parallel"
	template "github.com/dossier-ssg/dossier/generator/internal/template/html"
	"github.com/dossier-ssg/dossier/generator/markdown"
	"github.com/dossier-ssg/dossier/generator/output"
	"github.com/dossier-ssg/dossier/generator/render"
	"github.com/dossier-ssg/dossier/generator/search"
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
	// FS holds the theme: templates/, static/ and content/i18n/ (nil:
	// SiteFS(SiteDir), the site's own files over the default theme).
	FS fs.FS
	// NoFingerprint keeps asset names as they are (style.css, not
	// style.<hash>.css), so the preview can swap a stylesheet in place.
	NoFingerprint bool
	// CleanDestinationDir lets Build replace a non-empty output folder
	// that dossier did not write (see output.CheckDestination).
	CleanDestinationDir bool
	// Progress, when set, is told each stage as it starts and how far it
	// is (the command line shows it on a terminal). It is called from the
	// goroutine that runs the build.
	Progress func(stage string, done, total int)
}

func (o Options) progress(stage string, done, total int) {
	if o.Progress != nil {
		o.Progress(stage, done, total)
	}
}

// Result describes a finished build.
type Result struct {
	Pages    int
	Static   int
	Duration time.Duration
	Diags    diag.List
	// Files are the site's files; after Build, which writes pages and
	// search indexes as it makes them, all but those (Streamed counts
	// the indexes' files).
	Files    []output.File
	Streamed int
	Config   site.Config
	// Docs are every content file as parsed; after Build, a large site's
	// documents have let their decoded front matter, sources and text go
	// (content.Doc.ForgetFrontMatter, Forget).
	Docs     []*content.Doc
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
	cfg, docs, diags, _, err := loadCached(siteDir, nil, nil)
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
// new cache too. When outline (if not nil) says so for the config and the
// number of files, each file's syntax trees are let go as soon as it is
// parsed, its outline kept (content.Doc.Outline).
func loadCached(siteDir string, cache map[string]cachedDoc, outline func(cfg site.Config, files int) bool) (site.Config, []*content.Doc, diag.List, map[string]cachedDoc, error) {
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
			if len(cache) == 0 {
				// Nothing to compare with: the size and time are those
				// the file has when it is read.
				files = append(files, entry{path: p})
				return nil
			}
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
	lean := outline != nil && outline(cfg, len(files))
	parallel.For(len(files), func(i int) {
		f := files[i]
		if c, ok := cache[f.path]; ok && c.size == f.size && c.mtime == f.mtime {
			docs[i] = c.doc
			return
		}
		src, size, mtime, err := output.ReadFile(f.path)
		if err != nil {
			errs[i] = err
			return
		}
		if len(cache) == 0 {
			files[i].size, files[i].mtime = size, mtime
		}
		rel, _ := filepath.Rel(root, f.path)
		docs[i] = content.Parse(md, filepath.ToSlash(rel), src)
		if lean {
			docs[i].Outline()
		}
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
	"sub":   func(a, b int) int { return a - b },
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
	// The pairs the cache does not hold are merged in parallel first.
	var pairs [][2]*content.Doc
	for _, code := range codes {
		for _, o := range origs {
			if t := trs[code][o.Rel]; t != nil && !t.Draft && !o.Draft && cache[[2]*content.Doc{o, t}] == nil {
				pairs = append(pairs, [2]*content.Doc{o, t})
			}
		}
	}
	merged := make([]*content.Doc, len(pairs))
	parallel.For(len(pairs), func(i int) { merged[i] = content.Localize(pairs[i][0], pairs[i][1]) })
	for i, k := range pairs {
		used[k] = merged[i]
	}
	for _, code := range codes {
		for _, o := range origs {
			t := trs[code][o.Rel]
			if t != nil && !t.Draft && !o.Draft {
				k := [2]*content.Doc{o, t}
				m := used[k] // merged above, or else kept in the cache
				if m == nil {
					m = cache[k]
					used[k] = m
				}
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
	search *search.Cache   // terms of indexed units
	gloss  *glossary.Cache // glossaries and their findings
	themes *themeCache     // the theme last loaded
	// sink, in a one-shot build, receives each page as it is rendered;
	// the pages are then not kept (nor reused: there is no next build).
	sink pageSink
}

// pageSink takes each page of a one-shot build as it is rendered: the
// output folder's writer, or nothing (Check).
type pageSink interface{ Put(output.File) error }

// discard is the sink of Check.
type discard struct{}

func (discard) Put(output.File) error { return nil }

// Check renders a site as Build does, every page through its template
// (a template can fail on one page only), and writes nothing: the pages
// are let go as they are rendered, and not minified, which reports
// nothing. The Result's Files are the site's other files, unminified,
// but for the search index, which reports nothing either and is not
// built.
func Check(opts Options) (*Result, error) {
	opts.NoMinify = true
	ss := NewSession(opts)
	ss.sink = discard{}
	return ss.Build()
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
	return &Session{Opts: opts, caches: map[string]*render.Cache{}, cites: site.NewCache(), merged: map[[2]*content.Doc]*content.Doc{}, search: search.NewCache(), gloss: glossary.NewCache()}
}

// themeHash fingerprints what every page depends on: the templates, the
// interface strings and the site config.
func themeHash(fsys fs.FS, cfg site.Config) string {
	h := sha256.New()
	fmt.Fprintf(h, "%#v\n", cfg)
	for _, dir := range []string{"templates", i18n.Dir} {
		// A file that cannot be read counts by its error: loading the
		// theme reports it, and the fingerprint changes when it is fixed.
		err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				fmt.Fprintf(h, "%s\x00error %v\x00", p, err)
				return nil
			}
			if d.Type().IsRegular() && !IgnoredName(d.Name()) {
				b, err := fs.ReadFile(fsys, p)
				if err != nil {
					fmt.Fprintf(h, "%s\x00error %v\x00", p, err)
					return nil
				}
				fmt.Fprintf(h, "%s\x00%d\x00", p, len(b))
				h.Write(b)
			}
			return nil
		})
		if err != nil {
			fmt.Fprintf(h, "%s\x00error %v\x00", dir, err)
		}
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
	w, err := output.Begin(opts.OutDir)
	if err != nil {
		return nil, err
	}
	ss := NewSession(opts)
	ss.sink = w
	res, err := ss.Build()
	if err != nil {
		w.Abort()
		return res, err
	}
	n := res.Pages + res.Streamed + len(res.Files)
	opts.progress("writing", n, n)
	errs := make([]error, len(res.Files))
	parallel.For(len(res.Files), func(i int) { errs[i] = w.Put(res.Files[i]) })
	for _, err := range errs {
		if err != nil {
			w.Abort()
			return res, output.FSError("write", opts.OutDir+string(filepath.Separator), err)
		}
	}
	if err := w.Commit(); err != nil {
		return res, err
	}
	// The pages went to disk as they were rendered: Files lists the
	// other files only.
	res.Duration = time.Since(start)
	return res, nil
}
