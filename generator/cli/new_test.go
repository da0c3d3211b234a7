package cli

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/serve"
)

// TestInitThroughNewToABuild starts a site, adds a file of every kind
// and a translation, and checks that it checks clean, builds and serves.
func TestInitThroughNewToABuild(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "d")
	if code, stdout, stderr := run("init", dir); code != 0 || !strings.Contains(stdout, "dossier serve -s "+dir) {
		t.Fatalf("init: %d %q %q", code, stdout, stderr)
	}
	for _, f := range []string{"content/site.yaml", "content/_index.md", "README.md", "content/sources/example-report.md", "content/people/jane-doe.md"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("init wrote no %s", f)
		}
	}
	// Every example shows every key of its kind, commented.
	for _, sk := range content.Skeletons() {
		var file string
		switch sk.Kind {
		case content.KindPage:
			file = "content/about.md"
		case content.KindSource:
			file = "content/sources/example-report.md"
		default:
			es, _ := os.ReadDir(filepath.Join(dir, "content", string(sk.Kind)))
			if len(es) != 1 {
				t.Fatalf("init wrote %d %s, want one example", len(es), sk.Kind)
			}
			file = "content/" + string(sk.Kind) + "/" + es[0].Name()
		}
		b, _ := os.ReadFile(filepath.Join(dir, file))
		for _, k := range sk.Keys {
			if !strings.Contains(string(b), "\n# "+k.Name+" (") {
				t.Errorf("%s does not show %s", file, k.Name)
			}
		}
	}
	if code, stdout, stderr := run("check", "-s", dir); code != 0 || !strings.Contains(stdout, "; 0 warnings;") {
		t.Fatalf("check of the new site: %d %q %q", code, stdout, stderr)
	}
	if code, _, stderr := run("init", dir); code != 1 || !strings.Contains(stderr, "is not empty") {
		t.Errorf("init over a site: %d %q", code, stderr)
	}
	for _, kind := range newKinds() {
		code, stdout, stderr := run("new", kind, "my-"+kind, "-s", dir)
		if code != 0 || !strings.HasPrefix(stdout, "wrote content/") {
			t.Fatalf("new %s: %d %q %q", kind, code, stdout, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "content/people/my-person.md")); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "content/my-page.md")); err != nil {
		t.Error(err)
	}
	if code, stdout, stderr := run("new", "person", "my-person", "-s", dir, "--lang", "zh"); code != 0 || !strings.Contains(stdout, "my-person.zh.md") {
		t.Fatalf("new --lang zh: %d %q %q", code, stdout, stderr)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "content/people/my-person.zh.md"))
	if !strings.Contains(string(b), "translation_of:") || !strings.Contains(string(b), "draft: true") {
		t.Errorf("translation skeleton:\n%s", b)
	}
	code, stdout, stderr := run("check", "-s", dir)
	if code != 0 || !strings.Contains(stdout, "; 0 warnings;") || stderr != "" {
		t.Fatalf("check after new: %d %q %q", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "3 sources, 2 people, 2 organizations, 2 events, 2 claims, 2 quotes, 2 annotations") {
		t.Errorf("check counts: %q", stdout)
	}
	if code, _, stderr := run("build", "-s", dir); code != 0 {
		t.Fatalf("build: %d %q", code, stderr)
	}
	for _, f := range []string{"index.html", "people/my-person/index.html", "my-page/index.html", "zh/index.html"} {
		if _, err := os.Stat(filepath.Join(dir, "public", f)); err != nil {
			t.Errorf("build wrote no %s", f)
		}
	}
	// Usage errors.
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"new", "persn", "x", "-s", dir}, `unknown kind "persn"`},
		{[]string{"new", "person", "Ada Lovelace", "-s", dir}, "e.g. ada-lovelace"},
		{[]string{"new", "person", "-s", dir}, "want 2 arguments, got 1"},
		{[]string{"new", "event", "x", "--from", "f.txt", "-s", dir}, "--from is for sources"},
	} {
		if code, _, stderr := run(tc.args...); code != 2 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: %d %q", tc.args, code, stderr)
		}
	}
	if code, _, stderr := run("new", "person", "my-person", "-s", dir); code != 1 || !strings.Contains(stderr, "already exists") {
		t.Errorf("new over a file: %d %q", code, stderr)
	}

	// And it serves.
	srv, err := serve.New(serve.Options{SiteDir: dir, Addr: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- srv.Serve(ctx) }()
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("GET", "http://"+srv.Addr()+"/people/jane-doe/", nil))
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "Jane Doe") {
		t.Errorf("serve /people/jane-doe/: %d\n%.300s", rec.Code, rec.Body.String())
	}
	// dossier theme lists the embedded files; FILE copies one to override.
	_, list, _ := run("theme", "-s", dir)
	if !strings.Contains(list, "templates/base.html") || !strings.Contains(list, "default theme") || strings.Contains(list, "  site\n") {
		t.Errorf("theme:\n%s", list)
	}
	if code, _, stderr := run("theme", "-s", dir, "templates/partials/cites.html"); code != 0 {
		t.Fatalf("theme copy: %d %q", code, stderr)
	}
	if _, list, _ = run("build", "-v", "-s", dir, "-d", t.TempDir()); !regexp.MustCompile(`templates/partials/cites\.html +site\n`).MatchString(list) {
		t.Errorf("build -v after the copy:\n%s", list)
	}
	if code, _, stderr := run("theme", "-s", dir, "templates/nope.html"); code != 1 || !strings.Contains(stderr, "has no templates/nope.html") {
		t.Errorf("theme nope: %d %q", code, stderr)
	}

	// A site file added while serving overrides the default theme's.
	<-srv.Built // the first build
	os.MkdirAll(filepath.Join(dir, "static"), 0o755)
	if err := os.WriteFile(filepath.Join(dir, "static/style.css"), []byte("body { color: teal }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for {
		select {
		case <-srv.Built:
		case <-time.After(10 * time.Second):
			t.Fatal("no rebuild after static/style.css was created")
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", "http://"+srv.Addr()+"/style.css", nil))
		if strings.Contains(rec.Body.String(), "teal") {
			break
		}
	}
	cancel()
	<-done
}

// TestNewSourceFromArticle imports a scraped article (one of the seeds)
// and lists its debris with line numbers.
func TestNewSourceFromArticle(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "d")
	run("init", dir)
	from, _ := filepath.Abs("testdata/winbuzzer.txt")
	code, stdout, stderr := run("new", "source", "winbuzzer-emails", "-s", dir, "--from", from)
	if code != 0 || stdout != "wrote content/sources/winbuzzer-emails.md: fill in the keys marked required, then run dossier check\n" {
		t.Fatalf("new --from: %d %q %q", code, stdout, stderr)
	}
	golden(t, "debris.golden", strings.ReplaceAll(stderr, from, "testdata/winbuzzer.txt"))
	b, _ := os.ReadFile(filepath.Join(dir, "content/sources/winbuzzer-emails.md"))
	src := string(b)
	for _, want := range []string{
		"\ntitle: \"OpenAI: Released Emails of Elon Musk and Sam Altman Reveal What They Actually Discussed\"\n",
		"\nseed: winbuzzer.txt\n",
		"\n---\nHomeWinBuzzer NewsOpenAI:",
		"\n\nReleased emails from the Musk vs. Altman case offer a rare look",
		"\n\nAs part of the\u00a0court case between Elon Musk and Sam Altman,",
	} {
		if !strings.Contains(src, want) {
			t.Errorf("the source lacks %q", want)
		}
	}
	// It parses, and check asks only for its publisher.
	code, _, stderr = run("check", "-s", dir)
	if code != 0 || !strings.Contains(stderr, "winbuzzer-emails.md") || !strings.Contains(stderr, "source has no publisher") {
		t.Errorf("check: %d %q", code, stderr)
	}
	// Markdown images with dead blob: addresses, captions, scraper headers.
	art := "---\ntitle: A Test\ndate: 2024-11-20\nextra:\n  source: https://news.example/a\n---\nTitle: A Test\n\nFirst paragraph of the text.\n\n![Image 1: a caption](blob:https://news.example/abc)\n\nThe Headline Picture 1The Headline Picture 1\n\nSecond paragraph.\n"
	a, debris := importArticle(art)
	if a.title != "A Test" || a.url != "https://news.example/a" || a.published != "2024-11-20" {
		t.Errorf("article %+v", a)
	}
	var lines []int
	for _, d := range debris {
		lines = append(lines, d.line)
	}
	if got := fmt.Sprint(lines); got != "[7 11 13]" {
		t.Errorf("debris at lines %s, want [7 11 13]", got)
	}
	// Hard-wrapped Markdown keeps its paragraphs; scraped text, one
	// paragraph a line, is split at every line.
	a, _ = importArticle("# A Title\n\nThe first paragraph is wrapped\nover two lines.\n\n## A heading\nThe second one.\n")
	if a.title != "A Title" || a.body != "The first paragraph is wrapped\nover two lines.\n\n## A heading\n\nThe second one.\n" {
		t.Errorf("wrapped: %+v", a)
	}
	long := strings.Repeat("word ", 30)
	a, _ = importArticle("Title\n" + long + "one.\n" + long + "two.\n\n" + long + "three.\n")
	if strings.Count(a.body, "\n\n") != 2 {
		t.Errorf("one paragraph a line: %q", a.body)
	}
}
