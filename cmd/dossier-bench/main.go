// Command dossier-bench times dossier against Hugo on the same machine
// and the same synthetic sites: it writes a site of N pages in dossier's
// format and the same pages as a Hugo site (same Markdown, minimal
// layouts), builds each several times and prints the medians and the
// ratio. make bench runs it.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/dossier-ssg/dossier/generator/build"
	"github.com/dossier-ssg/dossier/generator/synth"
)

var hugoLayouts = map[string]string{
	"layouts/_default/baseof.html": `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title>
<link rel="canonical" href="{{ .Permalink }}"></head>
<body><nav><a href="/sources/">Sources</a> <a href="/people/">People</a> <a href="/events/">Events</a></nav>
<main>{{ block "main" . }}{{ end }}</main></body></html>
`,
	"layouts/_default/single.html": `{{ define "main" }}<article><h1>{{ .Title }}</h1>{{ with .Params.role }}<p>{{ . }}</p>{{ end }}{{ .Content }}</article>{{ end }}
`,
	"layouts/_default/list.html": `{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>{{ end }}</ul>{{ end }}
`,
	"config.toml": "baseURL = \"https://example.org/\"\ntitle = \"Bench\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"robotsTXT\"]\n",
}

func main() {
	sizes := flag.String("sizes", "1000,10000", "comma-separated site sizes (pages)")
	runs := flag.Int("runs", 7, "builds per tool and size")
	cold := flag.Bool("cold", false, "delete the output (and dossier's spare) before every build")
	flag.Parse()
	hugo, herr := exec.LookPath("hugo")
	if herr != nil {
		fmt.Println("hugo is not installed (apt-get install hugo): timing dossier alone")
	}
	tmp, err := os.MkdirTemp("", "dossier-bench-")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(tmp)
	root, _ := os.Getwd()
	fmt.Printf("%-8s %-8s %12s %12s %10s\n", "pages", "tool", "median", "min", "per page")
	for _, sz := range strings.Split(*sizes, ",") {
		var n int
		fmt.Sscan(sz, &n)
		files := synth.Parse(synth.Archive(n))
		dsite := filepath.Join(tmp, fmt.Sprintf("dossier-%d", n))
		hsite := filepath.Join(tmp, fmt.Sprintf("hugo-%d", n))
		for name, body := range files {
			write(filepath.Join(dsite, name), body)
			if !strings.HasSuffix(name, "site.yaml") {
				write(filepath.Join(hsite, name), body)
			}
		}
		for name, body := range hugoLayouts {
			write(filepath.Join(hsite, name), body)
		}
		for _, sub := range []string{"templates", "static", "content/i18n"} {
			copyDir(filepath.Join(root, sub), filepath.Join(dsite, sub))
		}
		pages := 0
		clean := func(site string) {
			if *cold {
				for _, p := range []string{"public", ".public.prev", ".public.manifest", ".public.prev.manifest"} {
					os.RemoveAll(filepath.Join(site, p))
				}
			}
		}
		d := timeRuns(*runs, func() { clean(dsite) }, func() error {
			res, err := build.Build(build.Options{SiteDir: dsite, OutDir: filepath.Join(dsite, "public")})
			if err == nil {
				pages = res.Pages
			}
			return err
		})
		fmt.Printf("%-8d %-8s %12s %12s %10s\n", pages, "dossier", d[len(d)/2].Round(time.Millisecond), d[0].Round(time.Millisecond), (d[len(d)/2] / time.Duration(pages)).Round(time.Microsecond))
		if herr == nil {
			h := timeRuns(*runs, func() { clean(hsite) }, func() error {
				cmd := exec.Command(hugo, "--quiet", "--minify", "-s", hsite, "-d", filepath.Join(hsite, "public"))
				cmd.Stderr = os.Stderr
				return cmd.Run()
			})
			hp := countHTML(filepath.Join(hsite, "public"))
			fmt.Printf("%-8d %-8s %12s %12s %10s\n", hp, "hugo", h[len(h)/2].Round(time.Millisecond), h[0].Round(time.Millisecond), (h[len(h)/2] / time.Duration(hp)).Round(time.Microsecond))
			fmt.Printf("%-8s ratio hugo/dossier (median, whole build): %.2f\n", "", float64(h[len(h)/2])/float64(d[len(d)/2]))
		}
	}
}

func timeRuns(n int, before func(), f func() error) []time.Duration {
	var ds []time.Duration
	for i := 0; i < n; i++ {
		before()
		start := time.Now()
		if err := f(); err != nil {
			fail(err)
		}
		ds = append(ds, time.Since(start))
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds
}

func countHTML(dir string) int {
	n := 0
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			n++
		}
		return nil
	})
	return n
}

func write(p, s string) {
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		fail(err)
	}
}

func copyDir(from, to string) {
	filepath.Walk(from, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(from, p)
		b, _ := os.ReadFile(p)
		write(filepath.Join(to, rel), string(b))
		return nil
	})
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "dossier-bench:", err)
	os.Exit(1)
}
