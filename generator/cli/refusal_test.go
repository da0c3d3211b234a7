package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-ssg/dossier/generator/internal/sitetest"
)

// TestBuildRefusesDestructiveOutput: each output folder whose
// replacement would destroy the site or files dossier did not write is
// refused with exit 2 and a message naming it, and the site is whole
// afterwards.
func TestBuildRefusesDestructiveOutput(t *testing.T) {
	for _, tc := range []struct {
		name string
		out  func(site string) string
		args []string
		want string
	}{
		{"the site itself", func(s string) string { return s }, nil, "it is the site folder itself"},
		{"the site as .", func(s string) string { return filepath.Join(s, ".") }, nil, "it is the site folder itself"},
		{"the site's parent", filepath.Dir, []string{"--clean-destination-dir"}, "it holds the site folder"},
		{"an ancestor", func(s string) string { return filepath.Dir(filepath.Dir(s)) }, []string{"--clean-destination-dir"}, "it holds the site folder"},
		{"the root", func(string) string { return "/" }, []string{"--clean-destination-dir"}, "it is the root of the file system"},
		{"content/", func(s string) string { return filepath.Join(s, "content") }, nil, "it is inside the site's content/"},
		{"inside content/", func(s string) string { return filepath.Join(s, "content", "out") }, nil, "it is inside the site's content/"},
		{"inside templates/", func(s string) string { return filepath.Join(s, "templates", "out") }, nil, "it is inside the site's templates/"},
		{"static/", func(s string) string { return filepath.Join(s, "static") }, []string{"--clean-destination-dir"}, "it is inside the site's static/"},
		{"a folder of someone else's files", func(s string) string {
			d := filepath.Join(filepath.Dir(s), "documents")
			os.MkdirAll(d, 0o755)
			os.WriteFile(filepath.Join(d, "thesis.txt"), []byte("years of work"), 0o644)
			return d
		}, nil, "it is not empty and was not written by dossier"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := sitetest.NewSite(t, "-- content/_index.md --\n---\ntitle: Home\n---\nHello.\n")
			out := tc.out(site)
			before := treeHash(t, filepath.Dir(site))
			code, stdout, stderr := run(append([]string{"build", "-s", site, "-d", out}, tc.args...)...)
			if code != 2 || !strings.Contains(stderr, "refusing to build into "+out+": "+tc.want) || !strings.Contains(stderr, "hint: ") {
				t.Fatalf("exit %d, stdout %q, stderr %q; want exit 2 and %q naming %s", code, stdout, stderr, tc.want, out)
			}
			if after := treeHash(t, filepath.Dir(site)); after.String() != before.String() {
				t.Errorf("files changed:\n%s", diffTrees(before, after))
			}
		})
	}
}

// TestCleanDestinationDir: with the flag, a foreign folder is replaced;
// afterwards it is dossier's and builds into it need no flag.
func TestCleanDestinationDir(t *testing.T) {
	site := sitetest.NewSite(t, "-- content/_index.md --\n---\ntitle: Home\n---\nHello.\n")
	out := filepath.Join(t.TempDir(), "www")
	os.MkdirAll(out, 0o755)
	os.WriteFile(filepath.Join(out, "old.txt"), []byte("old"), 0o644)
	if code, _, stderr := run("build", "-s", site, "-d", out); code != 2 {
		t.Fatalf("without the flag: exit %d %s", code, stderr)
	}
	if code, _, stderr := run("build", "-s", site, "-d", out, "--clean-destination-dir"); code != 0 {
		t.Fatalf("with the flag: exit %d %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "old.txt")); err == nil {
		t.Error("the old file is still there")
	}
	if code, _, stderr := run("build", "-s", site, "-d", out); code != 0 {
		t.Fatalf("rebuild: exit %d %s", code, stderr)
	}
	sitetest.AssertFileContent(t, out, "index.html", "Hello.")
}

// TestBrokenConfigNeverPanics: a syntax error or a wrong shape in
// site.yaml is a positioned error in every command that reads the site.
func TestBrokenConfigNeverPanics(t *testing.T) {
	for _, cfg := range []struct{ yaml, at, msg string }{
		{"title: \"unclosed\n", "content/site.yaml:1:8", "quoted text is never closed"},
		{"title: T\nlanguage: [en]\n", "content/site.yaml:2:11", "language must be text, not a list"},
		{"title: T\nlanguages: [en, zh]\n", "content/site.yaml:2:12", "languages must be a map"},
	} {
		site := sitetest.NewSite(t, "-- content/_index.md --\n---\ntitle: Home\n---\nHello.\n-- content/_index.zh.md --\n---\ntitle: 首页\n---\n你好。\n-- content/site.yaml --\n"+cfg.yaml)
		for _, args := range [][]string{
			{"build", "-s", site, "-d", filepath.Join(site, "public")},
			{"check", "-s", site},
			{"translations", "-s", site},
		} {
			code, _, stderr := run(args...)
			if code != 1 || !strings.Contains(stderr, cfg.at+": ") || !strings.Contains(stderr, cfg.msg) || strings.Contains(stderr, "goroutine") {
				t.Errorf("%q with %s: exit %d, stderr:\n%s\nwant exit 1 and %s: %s", cfg.yaml, args[0], code, stderr, cfg.at, cfg.msg)
			}
		}
	}
}

func TestBaseURLFlagMustBeHTTP(t *testing.T) {
	site := sitetest.NewSite(t, "-- content/_index.md --\n---\ntitle: Home\n---\nHello.\n")
	for _, u := range []string{"javascript:alert(1)//", "/dossier/", "example.org"} {
		if code, _, stderr := run("build", "-s", site, "--base-url", u); code != 2 || !strings.Contains(stderr, "is not an absolute http(s) URL") {
			t.Errorf("--base-url %s: exit %d %s", u, code, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(site, "public")); err == nil {
		t.Error("a refused build wrote public/")
	}
}
