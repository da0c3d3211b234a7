package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/dossier-ssg/dossier/generator/build"
	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/diag"
	"github.com/dossier-ssg/dossier/generator/site"
	"github.com/dossier-ssg/dossier/generator/translation"
)

func runTranslations(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("translations", "translations [-s SITE] [--lang zh] [--json]", stderr)
	siteDir := fs.String("s", ".", "`SITE` is the site folder")
	lang := fs.String("lang", "", "the `language` to report on (default: the site's translated language, if it has one)")
	asJSON := fs.Bool("json", false, "print the report as JSON, for tools")
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	if *lang == "" {
		*lang = onlyTranslation(*siteDir)
	}
	r, diags, err := translation.Status(*siteDir, *lang)
	if err != nil && diags.HasErrors() {
		// A broken site.yaml lists no languages: its errors are the cause.
		report(*siteDir, stderr, diags.Errors())
		return 1
	}
	if err != nil {
		fmt.Fprintf(stderr, "dossier translations: %v\n", err)
		return 2
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(r); err != nil {
			fmt.Fprintf(stderr, "dossier translations: %v\n", err)
			return 1
		}
		return 0
	}
	PrintReport(stdout, r)
	return 0
}

// PrintReport writes a translation report for people: a table of counts
// per kind, then every missing or stale page.
func PrintReport(w io.Writer, r *translation.Report) {
	fmt.Fprintf(w, "Translations into %s\n\n", r.Lang)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "kind\ttotal\ttranslated\tmissing\tstale\t")
	var tot translation.Count
	for _, c := range r.Kinds {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t\n", c.Kind, c.Total, c.Translated, c.Missing, c.Stale)
		tot.Total += c.Total
		tot.Translated += c.Translated
		tot.Missing += c.Missing
		tot.Stale += c.Stale
	}
	fmt.Fprintf(tw, "all\t%d\t%d\t%d\t%d\t\n", tot.Total, tot.Translated, tot.Missing, tot.Stale)
	tw.Flush()
	var missing, stale []translation.Page
	for _, p := range r.Pages {
		switch p.Status {
		case translation.Missing:
			missing = append(missing, p)
		case translation.Stale:
			stale = append(stale, p)
		}
	}
	if len(missing) > 0 {
		fmt.Fprintf(w, "\nMissing (%d): start one with dossier translate PATH --lang %s\n", len(missing), r.Lang)
		for _, p := range missing {
			note := ""
			if p.Draft {
				note = "  (draft: remove draft: true when it is ready)"
			}
			fmt.Fprintf(w, "  %s%s\n", p.Translation, note)
		}
	}
	if len(stale) > 0 {
		fmt.Fprintf(w, "\nStale (%d): update, then dossier translate PATH --lang %s --mark-current\n", len(stale), r.Lang)
		for _, p := range stale {
			fmt.Fprintf(w, "  %s  (translates %s; the original is now %s)\n", p.Translation, orNone(p.Recorded), p.Current)
			for _, c := range p.Changes {
				fmt.Fprintf(w, "      %s\n", c)
			}
		}
	}
	if len(r.UIMissing) > 0 {
		fmt.Fprintf(w, "\nInterface strings not translated (%d) in content/i18n/%s.yaml: %s\n", len(r.UIMissing), r.Lang, strings.Join(r.UIMissing, ", "))
	}
	if r.GlossaryMisses > 0 {
		fmt.Fprintf(w, "\nGlossary misses (%d): use the glossary's rendering, or change the glossary\n", r.GlossaryMisses)
		for _, p := range r.Pages {
			for _, g := range p.Glossary {
				fmt.Fprintf(w, "  %s:%d  %q (%s:%d) → %s  (%s)\n", p.Translation, g.Line, g.Term, p.Original, g.OrigLine, g.Rendering, g.Glossary)
			}
		}
	}
	if len(missing)+len(stale)+len(r.UIMissing)+r.GlossaryMisses == 0 {
		fmt.Fprintln(w, "\nEverything is translated and current.")
	}
}

func orNone(s string) string {
	if s == "" {
		return "no recorded version"
	}
	return s
}

// onlyTranslation is the site's one translated language, or "" (then
// translation.Status says which languages there are).
func onlyTranslation(siteDir string) string {
	var diags diag.List
	src, err := os.ReadFile(filepath.Join(siteDir, site.ConfigFile))
	if err != nil {
		return ""
	}
	if cfg := site.ParseConfig(src, &diags); len(cfg.Languages) == 2 {
		return cfg.Languages[1].Code
	}
	return ""
}

func runTranslate(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("translate", "translate PATH --lang zh [--mark-current] [-s SITE]", stderr)
	siteDir := fs.String("s", ".", "`SITE` is the site folder")
	lang := fs.String("lang", "", "the `language` to translate into (default: the site's translated language, if it has one)")
	mark := fs.Bool("mark-current", false, "record that the translation is up to date with the original as it is now")
	// Flags may come after PATH: dossier translate content/x.md --lang zh.
	if code, ok := parseArgs(fs, args, stdout, 0, -1); !ok {
		return code
	}
	paths := fs.Args()
	if len(paths) == 0 {
		fmt.Fprintln(stderr, "dossier translate: give the path of the page to translate, e.g. content/people/sam-altman.md")
		fs.Usage()
		return 2
	}
	cfg, _, _, err := build.Load(*siteDir)
	if err != nil {
		fmt.Fprintf(stderr, "dossier translate: %v\n", err)
		return 1
	}
	if *lang == "" && len(cfg.Languages) == 2 {
		*lang = cfg.Languages[1].Code
	}
	if _, ok := cfg.Lang(*lang); !ok || *lang == cfg.DefaultLanguage().Code {
		fmt.Fprintf(stderr, "dossier translate: %q is not a translated language of this site; add it under languages: in content/site.yaml\n", *lang)
		return 2
	}
	code := 0
	for _, p := range paths {
		if c := translateOne(*siteDir, p, *lang, *mark, stdout, stderr); c > code {
			code = c
		}
	}
	return code
}

func translateOne(siteDir, arg, lang string, mark bool, stdout, stderr io.Writer) int {
	origAbs, rel, err := translation.Resolve(siteDir, arg, lang)
	if err != nil {
		fmt.Fprintf(stderr, "dossier translate: %v\n", err)
		return 1
	}
	src, err := os.ReadFile(origAbs)
	if err != nil {
		fmt.Fprintf(stderr, "dossier translate: %v\n", err)
		return 1
	}
	o := content.Parse(build.Markdown(), rel, src)
	if o.Failed {
		report(siteDir, stderr, o.Diags)
		fmt.Fprintf(stderr, "dossier translate: fix %s first\n", o.Path)
		return 1
	}
	trAbs := translation.TranslationPath(origAbs, lang)
	trRel := translation.TranslationPath(o.Path, lang)
	hash := o.TranslationHash()
	existing, err := os.ReadFile(trAbs)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(stderr, "dossier translate: %v\n", err)
		return 1
	}
	switch {
	case mark && err != nil:
		fmt.Fprintf(stderr, "dossier translate: %s does not exist; run without --mark-current to start it\n", trRel)
		return 1
	case mark:
		out, err := translation.MarkCurrent(existing, hash)
		if err != nil {
			fmt.Fprintf(stderr, "dossier translate: %s: %v\n", trRel, err)
			return 1
		}
		if err := writeFile(trAbs, out); err != nil {
			fmt.Fprintf(stderr, "dossier translate: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "%s is current with %s (translation_of: %s)\n", trRel, o.Path, hash)
		return 0
	case err == nil:
		fmt.Fprintf(stderr, "dossier translate: %s already exists; edit it, then run with --mark-current\n", trRel)
		return 1
	}
	sk, err := translation.Skeleton(o, lang)
	if err != nil {
		fmt.Fprintf(stderr, "dossier translate: %v\n", err)
		return 1
	}
	if err := writeFile(trAbs, sk); err != nil {
		fmt.Fprintf(stderr, "dossier translate: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %s: translate it, then remove draft: true\n", trRel)
	return 0
}

// writeFile replaces a file atomically, so an editor or the watcher
// never sees half of it.
func writeFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".dossier-*.tmp")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	mode := os.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		mode = st.Mode().Perm()
	}
	if err := os.Chmod(tmp.Name(), mode); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}
