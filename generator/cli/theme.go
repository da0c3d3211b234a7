package cli

import (
	"fmt"
	"io"
	"io/fs"
	"text/tabwriter"

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
	fs := newFlags("theme", "theme [-s SITE]", stderr)
	siteDir := fs.String("s", ".", "`SITE` is the site folder")
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	if err := needSite(*siteDir); err != nil {
		fmt.Fprintf(stderr, "dossier theme: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, "A file in the site folder replaces the default theme's file of the same name.")
	if err := listTheme(stdout, *siteDir); err != nil {
		fmt.Fprintf(stderr, "dossier theme: %v\n", err)
		return 1
	}
	return 0
}
