package main

import (
	"embed"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/dossier-ssg/dossier/generator/synth"
)

// hugoSite is the Hugo side's configuration, layouts and section pages;
// the content files come from the same archive as dossier's.
//
//go:embed all:hugo
var hugoSite embed.FS

func corpusNamed(name string) (corpus, bool) {
	switch name {
	case "plain":
		return corpus{key: "plain", label: "plain posts", archive: synth.Plain}, true
	case "dossier":
		return corpus{key: "dossier", label: "dossier format", archive: synth.Archive}, true
	}
	return corpus{}, false
}

// writeSites writes the archive as a dossier site (with the repository's
// templates, static files and interface strings) into dsite, and as a
// Hugo site (the same content files, the section pages and layouts of
// hugoSite, the same stylesheet as a Hugo asset) into hsite.
func writeSites(archive, root, dsite, hsite string) error {
	files := synth.Parse(archive)
	for name, body := range files {
		if err := writeFile(filepath.Join(dsite, filepath.FromSlash(name)), []byte(body)); err != nil {
			return err
		}
		if err := writeFile(filepath.Join(hsite, filepath.FromSlash(name)), []byte(body)); err != nil {
			return err
		}
	}
	for _, sub := range []string{"templates", "static", "content/i18n"} {
		if err := copyTree(os.DirFS(filepath.Join(root, sub)), ".", filepath.Join(dsite, sub)); err != nil {
			return err
		}
	}
	if err := copyTree(hugoSite, "hugo", hsite); err != nil {
		return err
	}
	css, err := os.ReadFile(filepath.Join(root, "static", "style.css"))
	if err != nil {
		return err
	}
	return writeFile(filepath.Join(hsite, "assets", "style.css"), css)
}

func copyTree(fsys fs.FS, from, to string) error {
	return fs.WalkDir(fsys, from, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		return writeFile(filepath.Join(to, rel), b)
	})
}

func writeFile(p string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, b, 0o644)
}

// tool is one command to time. cmd makes the command for one run, given
// the run's output folder and a scratch folder of its own; clean removes
// what a run left in the site between cold runs.
type tool struct {
	name  string
	cmd   func(out, scratch string) *exec.Cmd
	clean func() error
	// writes is false for a command that writes no site (check).
	writes bool
}

func dossierBuild(bin, site string) *tool {
	return &tool{name: "dossier build", writes: true, clean: func() error { return nil },
		cmd: func(out, _ string) *exec.Cmd { return exec.Command(bin, "build", "-s", site, "-d", out) }}
}

func dossierCheck(bin, site string) *tool {
	return &tool{name: "dossier check", clean: func() error { return nil },
		cmd: func(_, _ string) *exec.Cmd { return exec.Command(bin, "check", "-s", site) }}
}

// hugoBuild runs hugo --minify; a cold run gets a fresh cache folder and
// no resources/ folder (where Hugo keeps its processed stylesheet).
func hugoBuild(bin, site string) *tool {
	return &tool{name: "Hugo --minify", writes: true,
		clean: func() error { return os.RemoveAll(filepath.Join(site, "resources")) },
		cmd: func(out, scratch string) *exec.Cmd {
			return exec.Command(bin, "--quiet", "--minify", "--noBuildLock", "-s", site, "-d", out, "--cacheDir", filepath.Join(scratch, "hugo-cache"))
		}}
}
