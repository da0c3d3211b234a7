// Package build runs the pipeline: read content/ → parse each file into a
// content.Doc (in parallel) → build the site graph → render pages through
// templates/ (in parallel) → copy static/ → swap the new site into place.
package build

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/diag"
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
}

// Result describes a finished build.
type Result struct {
	Pages    int
	Static   int
	Duration time.Duration
	Diags    diag.List
	Files    []output.File
	Site     *site.Site
}

// md is dossier's one goldmark instance, built once and reused.
var md = markdown.New()

// IgnoredName reports whether a file name is an editor's temporary file,
// a backup, or hidden, and so never content.
func IgnoredName(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") || strings.HasSuffix(name, "~") ||
		strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".tmp") ||
		name == "4913"
}

// Load reads and parses every content file of a site.
func Load(siteDir string) (site.Config, []*content.Doc, diag.List, error) {
	var diags diag.List
	cfgSrc, err := os.ReadFile(filepath.Join(siteDir, filepath.FromSlash(site.ConfigFile)))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return site.Config{}, nil, nil, fmt.Errorf("failed to read %s: %w", site.ConfigFile, err)
	}
	cfg := site.ParseConfig(cfgSrc, &diags)
	root := filepath.Join(siteDir, "content")
	var paths []string
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
		if d.Type().IsRegular() && strings.HasSuffix(d.Name(), ".md") {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return cfg, nil, diags, fmt.Errorf("failed to read content: %w", err)
	}
	docs := make([]*content.Doc, len(paths))
	errs := make([]error, len(paths))
	parallel.For(len(paths), func(i int) {
		src, err := os.ReadFile(paths[i])
		if err != nil {
			errs[i] = err
			return
		}
		rel, _ := filepath.Rel(root, paths[i])
		docs[i] = content.Parse(md, filepath.ToSlash(rel), src)
	})
	for _, err := range errs {
		if err != nil {
			return cfg, nil, diags, fmt.Errorf("failed to read content: %w", err)
		}
	}
	return cfg, docs, diags, nil
}

// Funcs are the functions templates may call.
var Funcs = template.FuncMap{
	"join":  strings.Join,
	"lower": strings.ToLower,
	"add":   func(a, b int) int { return a + b },
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return one
		}
		return many
	},
}

// Render loads and renders a site in memory, writing nothing. It returns
// the output files, or diagnostics when the content has errors.
func Render(opts Options) (*Result, error) {
	start := time.Now()
	cfg, docs, diags, err := Load(opts.SiteDir)
	if err != nil {
		return nil, err
	}
	if opts.BaseURL != "" {
		cfg.BaseURL = opts.BaseURL
	}
	s := site.Build(cfg, docs)
	res := &Result{Site: s}
	res.Diags = append(diags, s.Diags...)
	if s.Home == nil {
		res.Diags.Errorf("content/_index.md", 0, 0, "create content/_index.md with a title and the home page text", "the site has no home page")
	}
	tmpls, tdiags := render.LoadTemplates(filepath.Join(opts.SiteDir, "templates"), Funcs)
	res.Diags = append(res.Diags, tdiags...)
	res.Diags.Sort()
	if res.Diags.HasErrors() {
		res.Duration = time.Since(start)
		return res, &diag.BuildError{Diags: res.Diags}
	}
	statics, err := output.ReadTree(filepath.Join(opts.SiteDir, "static"))
	if err != nil {
		return nil, fmt.Errorf("failed to read static files: %w", err)
	}
	b := &render.Builder{MD: md, Site: s, CSS: strings.TrimSuffix(cfg.BasePath(), "/") + "/style.css"}
	pages := b.Pages()
	html, rdiags := tmpls.ExecuteAll(pages)
	if len(rdiags) > 0 {
		res.Diags = append(res.Diags, rdiags...)
		res.Diags.Sort()
		return res, &diag.BuildError{Diags: res.Diags}
	}
	files := make([]output.File, 0, len(pages)+len(statics))
	for i, p := range pages {
		files = append(files, output.File{Path: p.Out, Data: html[i]})
	}
	files = append(files, statics...)
	res.Files = files
	res.Pages = len(pages)
	res.Static = len(statics)
	res.Duration = time.Since(start)
	return res, nil
}

// Build renders a site and writes it to the output folder atomically.
func Build(opts Options) (*Result, error) {
	if opts.OutDir == "" {
		opts.OutDir = filepath.Join(opts.SiteDir, "public")
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
