package cli

import (
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"text/tabwriter"

	dossier "github.com/dossier-ssg/dossier"
	"github.com/dossier-ssg/dossier/generator/build"
	"github.com/dossier-ssg/dossier/generator/i18n"
)

// listTheme writes every template, static file and string file the site
// uses and where it comes from: the site folder or the default theme
// inside the binary.
func listTheme(w io.Writer, siteDir string) error {
	o := build.SiteFS(siteDir)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, dir := range []string{"templates", "static", i18n.Dir} {
		err := fs.WalkDir(o, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if p != dir && build.IgnoredName(d.Name()) {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() {
				fmt.Fprintf(tw, "%s\t%s\n", p, o.Which(p))
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return tw.Flush()
}

func runTheme(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("theme", "theme [-s SITE] [FILE...]", stderr)
	siteDir := fs.String("s", ".", "`SITE` is the site folder")
	if code, ok := parseArgs(fs, args, stdout, 0, -1); !ok {
		return code
	}
	if err := needSite(*siteDir); err != nil {
		fmt.Fprintf(stderr, "dossier theme: %v\n", err)
		return 1
	}
	if fs.NArg() > 0 {
		return copyTheme(*siteDir, fs.Args(), stdout, stderr)
	}
	fmt.Fprintln(stdout, "A file in the site folder replaces the default theme's file of the same name;")
	fmt.Fprintln(stdout, "dossier theme FILE copies the default theme's FILE into the site to change it.")
	if err := listTheme(stdout, *siteDir); err != nil {
		fmt.Fprintf(stderr, "dossier theme: %v\n", err)
		return 1
	}
	return 0
}

// copyTheme copies files of the default theme into the site, where they
// override the embedded ones: the way to start changing a template
// when dossier came from go install and the theme is only in the binary.
func copyTheme(siteDir string, files []string, stdout, stderr io.Writer) int {
	code := 0
	for _, f := range files {
		name := filepath.ToSlash(filepath.Clean(f))
		data, err := fs.ReadFile(dossier.Theme(), name)
		if err != nil {
			fmt.Fprintf(stderr, "dossier theme: the default theme has no %s (dossier theme lists its files)\n", name)
			code = 1
			continue
		}
		if err := writeNew(filepath.Join(siteDir, filepath.FromSlash(name)), data); err != nil {
			fmt.Fprintf(stderr, "dossier theme: %v\n", err)
			code = 1
			continue
		}
		fmt.Fprintf(stdout, "copied %s into %s: the site's copy is used from now on\n", name, siteDir)
	}
	return code
}
