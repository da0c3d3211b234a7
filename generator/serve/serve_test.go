package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dossier-ssg/dossier/generator/internal/sitetest"
	"github.com/fsnotify/fsnotify"
)

func TestIgnored(t *testing.T) {
	for path, want := range map[string]bool{
		"content/people/x.md":             false,
		"content/people/.x.md.swp":        true,
		"content/people/.x.md.swo":        true,
		"content/people/x.md~":            true,
		"content/people/#x.md#":           true,
		"content/people/.#x.md":           true,
		"content/people/4913":             true,
		"content/people/x.md.tmp":         true,
		"content/people/x.md___jb_tmp___": true,
		"content/.git/index":              true,
		"static/.DS_Store":                true,
		"templates/base.html":             false,
		"content/sources/new-folder":      false,
	} {
		if got := Ignored(path); got != want {
			t.Errorf("Ignored(%q) = %v, want %v", path, got, want)
		}
	}
}

// TestGathering checks the batching rule on plain times: a batch is
// handed over Quiet after its last event or Max after its first,
// whichever comes first, with each path once.
func TestGathering(t *testing.T) {
	t0 := time.Unix(0, 0)
	ms := func(n int) time.Time { return t0.Add(time.Duration(n) * time.Millisecond) }
	for _, c := range []struct {
		name   string
		events []int // milliseconds
		due    int
	}{
		{"one event", []int{0}, 30},
		{"a burst at one instant", []int{0, 0, 0}, 30},
		{"quiet time restarts", []int{0, 20, 40}, 70},
		{"a steady stream is cut at max", []int{0, 25, 50, 75, 100, 125, 150, 175, 200, 225, 250, 275}, 300},
		{"max wins exactly", []int{0, 280}, 300},
	} {
		var g gathering
		for i, at := range c.events {
			g.add(fmt.Sprintf("p%d", i%2), ms(at))
		}
		if got := g.due(30*time.Millisecond, 300*time.Millisecond); !got.Equal(ms(c.due)) {
			t.Errorf("%s: due at %v, want %dms", c.name, got.Sub(t0), c.due)
		}
		want := min(len(c.events), 2)
		if paths := g.take(); len(paths) != want {
			t.Errorf("%s: %d paths, want %d", c.name, len(paths), want)
		}
		if len(g.paths) != 0 {
			t.Errorf("%s: take left %v", c.name, g.paths)
		}
	}
}

// TestBatcher runs the batcher on a manual clock, so each assertion is
// exact whatever the machine's load.
func TestBatcher(t *testing.T) {
	clock := newManualClock()
	quiet, max := 30*time.Millisecond, 300*time.Millisecond
	b := NewBatcher(quiet, max, clock)
	defer b.Close()
	waitPending := func(n int) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for b.Pending() < n {
			if time.Now().After(deadline) {
				t.Fatalf("pending %d, want %d", b.Pending(), n)
			}
			time.Sleep(time.Millisecond)
		}
	}
	none := func(what string) {
		t.Helper()
		select {
		case got := <-b.Batches():
			t.Fatalf("%s: unexpected batch %v", what, got)
		default:
		}
	}
	next := func() []string {
		t.Helper()
		select {
		case got := <-b.Batches():
			return got
		case <-time.After(5 * time.Second):
			t.Fatal("no batch")
			return nil
		}
	}
	// A burst (a git checkout) is one batch, each path once, handed over
	// exactly when the quiet time has passed.
	for i := 0; i < 250; i++ {
		b.Add(fmt.Sprintf("content/x%d.md", i))
	}
	waitPending(250)
	clock.Advance(quiet - time.Millisecond)
	none("before the quiet time")
	clock.Advance(time.Millisecond)
	if got := next(); len(got) != 250 {
		t.Errorf("burst: batch of %d paths, want 250", len(got))
	}
	none("after the burst")
	// Two edits further apart than the quiet time are two batches.
	b.Add("a")
	waitPending(1)
	clock.Advance(quiet)
	b.Add("b")
	if x, y := next(), func() []string { waitPending(1); clock.Advance(quiet); return next() }(); len(x) != 1 || len(y) != 1 || x[0] != "a" || y[0] != "b" {
		t.Errorf("separate edits: %v %v", x, y)
	}
	// A steady stream is cut at the maximum wait, not delayed forever.
	for i := 0; i < 12; i++ {
		b.Add(fmt.Sprintf("stream%d", i))
		waitPending(i + 1)
		clock.Advance(25 * time.Millisecond) // 25ms apart: never quiet
		if i < 11 {
			none(fmt.Sprintf("stream at %dms", (i+1)*25))
		}
	}
	if got := next(); len(got) != 12 {
		t.Errorf("stream cut at %d paths, want 12 (at 300ms)", len(got))
	}
}

const site = `
-- content/site.yaml --
title: Test
base_url: https://example.org/
languages:
  en: {name: English}
  zh: {name: 中文, locale: zh-Hans}
-- content/_index.md --
---
title: Home
---
Welcome home.
-- content/about.md --
---
title: About
---
About this site.
-- static/extra.txt --
plain text
-- static/img/a.txt --
a
`

type sse struct {
	events chan [2]string
	cancel func()
}

func listen(t testing.TB, base string) *sse {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"__dossier/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	s := &sse{events: make(chan [2]string, 100), cancel: cancel}
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		var name string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = line[7:]
			case strings.HasPrefix(line, "data: "):
				s.events <- [2]string{name, line[6:]}
			}
		}
	}()
	t.Cleanup(cancel)
	return s
}

func (s *sse) next(t testing.TB, name string) string {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case e := <-s.events:
			if e[0] == name {
				return e[1]
			}
		case <-timeout:
			t.Fatalf("no %q event", name)
		}
	}
}

func start(t *testing.T, dir string, allow ...string) *Server {
	t.Helper()
	return startWith(t, Options{SiteDir: dir, AllowHosts: allow})
}

// startWith starts a server on a free port; Quiet and Max default to
// 20 ms and 200 ms.
func startWith(t *testing.T, opts Options) *Server {
	t.Helper()
	opts.Addr = "127.0.0.1:0"
	if opts.Quiet == 0 {
		opts.Quiet, opts.Max = 20*time.Millisecond, 200*time.Millisecond
	}
	srv, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("shutdown: %v", err)
		}
	})
	<-srv.Built // the first build
	return srv
}

func get(t *testing.T, url string, header ...string) (int, http.Header, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	for i := 0; i+1 < len(header); i += 2 {
		if header[i] == "Host" {
			req.Host = header[i+1]
		} else {
			req.Header.Set(header[i], header[i+1])
		}
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

func TestServerSecurity(t *testing.T) {
	dir := sitetest.NewSite(t, site)
	secret := filepath.Join(t.TempDir(), "secret.txt")
	os.WriteFile(secret, []byte("TOP SECRET"), 0o644)
	os.Symlink(secret, filepath.Join(dir, "static", "leak.txt"))
	os.Symlink(filepath.Dir(secret), filepath.Join(dir, "static", "leakdir"))
	srv := start(t, dir, "dossier.test")
	base := srv.URL()
	// Nothing outside the site, however the path is spelt.
	for _, p := range []string{
		"../secret.txt", "..%2fsecret.txt", "%2e%2e/secret.txt", "%2e%2e%2fsecret.txt", "static/../../secret.txt",
		"..%5csecret.txt", "%5c..%5csecret.txt", "leak.txt", "leakdir/secret.txt", "%00", "content/site.yaml",
		"templates/base.html", "..;/secret.txt", ".%2e/.%2e/etc/passwd", "%252e%252e/secret.txt",
	} {
		code, _, body := get(t, base+p)
		if code != http.StatusNotFound || strings.Contains(body, "TOP SECRET") || strings.Contains(body, "root:") {
			t.Errorf("%s: %d %.80q", p, code, body)
		}
	}
	// No directory listings: a folder without an index is a 404.
	if code, _, body := get(t, base+"img/"); code != 404 || strings.Contains(body, "a.txt") {
		t.Errorf("folder: %d", code)
	}
	// DNS rebinding: a foreign Host is refused; IPs, localhost and
	// --allow-host names are accepted.
	for host, want := range map[string]int{"evil.example": 403, "evil.example:80": 403, "localhost:1313": 200, "127.0.0.1": 200, "[::1]:1313": 200, "dossier.test": 200, "sub.dossier.test": 403} {
		code, _, body := get(t, base, "Host", host)
		if code != want {
			t.Errorf("Host %q: %d, want %d", host, code, want)
		}
		if code == 403 && !strings.Contains(body, "--allow-host") {
			t.Errorf("Host %q: the refusal does not say how to allow it: %q", host, body)
		}
	}
	// Content types, the site's own 404 per language, canonical slashes.
	for p, want := range map[string]string{"": "text/html; charset=utf-8", "style.css": "text/css; charset=utf-8", "extra.txt": "text/plain; charset=utf-8", "__dossier/live.js": "text/javascript; charset=utf-8"} {
		code, h, _ := get(t, base+p)
		if code != 200 || h.Get("Content-Type") != want || h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: %d %q", p, code, h.Get("Content-Type"))
		}
	}
	if code, _, body := get(t, base+"nope/"); code != 404 || !strings.Contains(body, "Page not found") || !strings.Contains(body, "live.js") {
		t.Errorf("404: %d %.200s", code, body)
	}
	if code, _, body := get(t, base+"zh/nope/"); code != 404 || !strings.Contains(body, "页面不存在") {
		t.Errorf("zh 404: %d", code)
	}
	if code, h, _ := get(t, base+"about"); code != 301 || h.Get("Location") != "/about/" {
		t.Errorf("about: %d %q", code, h.Get("Location"))
	}
	// Never a redirect to another host: //about would be one.
	if code, h, _ := get(t, base+"/about"); code != 301 || h.Get("Location") != "/about/" {
		t.Errorf("//about: %d %q", code, h.Get("Location"))
	}
	if _, _, css := get(t, base+"style.css"); strings.Contains(css, "live.js") {
		t.Error("script injected into CSS")
	}
	resp, err := http.Post(base, "text/plain", strings.NewReader("x"))
	if err != nil || resp.StatusCode != 405 {
		t.Errorf("POST: %v %v", err, resp.StatusCode)
	}
}

// settle waits until the watcher has handed the batcher at least n
// changed paths, then moves the manual clock on until the batch is built,
// and returns that build. Nothing is built before: with the clock stopped,
// what one batch holds does not depend on how busy the machine is.
func settle(t *testing.T, srv *Server, clock *manualClock, n int) BuildInfo {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for srv.batcher.Pending() < n {
		if time.Now().After(deadline) {
			t.Fatalf("the watcher reported %d changed paths, want %d", srv.batcher.Pending(), n)
		}
		time.Sleep(2 * time.Millisecond)
	}
	for {
		clock.Advance(srv.opts.Quiet)
		select {
		case b := <-srv.Built:
			return b
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatal("no build")
		}
	}
}

func TestServerRebuilds(t *testing.T) {
	dir := sitetest.NewSite(t, site)
	clock := newManualClock()
	srv := startWith(t, Options{SiteDir: dir, Clock: clock})
	base := srv.URL()
	ev := listen(t, base)
	ev.next(t, "hello")
	write := func(rel, s string) {
		t.Helper()
		p := filepath.Join(dir, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		// An atomic save, as editors do: a temp file renamed over.
		tmp := filepath.Join(filepath.Dir(p), "."+filepath.Base(p)+".swp")
		os.WriteFile(tmp, []byte(s), 0o644)
		if err := os.Rename(tmp, p); err != nil {
			t.Fatal(err)
		}
	}
	change := func() (pages, css []string) {
		t.Helper()
		var d struct{ Pages, CSS []string }
		json.Unmarshal([]byte(ev.next(t, "change")), &d)
		return d.Pages, d.CSS
	}
	write("content/about.md", "---\ntitle: About\n---\nAbout this site, edited.\n")
	settle(t, srv, clock, 1)
	pages, _ := change()
	if strings.Join(pages, " ") != "/about/ /zh/about/" {
		t.Errorf("edit: changed %v", pages)
	}
	if _, _, body := get(t, base+"about/"); !strings.Contains(body, "edited") {
		t.Error("edit not served")
	}
	// A stylesheet change is a CSS change, not a page change.
	write("static/style.css", "body { color: rebeccapurple; }\n")
	settle(t, srv, clock, 1)
	if pages, css := change(); len(pages) != 0 || strings.Join(css, " ") != "/style.css" {
		t.Errorf("css: pages %v css %v", pages, css)
	}
	// A broken build keeps the last good site and sends the errors.
	write("content/about.md", "---\ntitle: [\n---\nBroken.\n")
	settle(t, srv, clock, 1)
	var errs []errView
	json.Unmarshal([]byte(ev.next(t, "errors")), &errs)
	if len(errs) != 1 || errs[0].Where != "content/about.md:2:1" || !strings.Contains(errs[0].Msg, "invalid front matter") {
		t.Errorf("errors: %+v", errs)
	}
	if _, _, body := get(t, base+"about/"); !strings.Contains(body, "edited") {
		t.Error("the last good page is not served during an error")
	}
	// A client connecting now hears the errors at once.
	late := listen(t, base)
	if hello := late.next(t, "hello"); !strings.Contains(hello, "content/about.md:2:1") {
		t.Errorf("hello during error: %s", hello)
	}
	write("content/about.md", "---\ntitle: About\n---\nFixed.\n")
	settle(t, srv, clock, 1)
	ev.next(t, "ok")
	if pages, _ := change(); strings.Join(pages, " ") != "/about/ /zh/about/" {
		t.Errorf("fix: %v", pages)
	}
	// A folder created later is watched; deleting it removes its pages.
	write("content/guides/deep/intro.md", "---\ntitle: Intro\n---\nNew.\n")
	settle(t, srv, clock, 1)
	if pages, _ := change(); !contains(pages, "/guides/deep/intro/") {
		t.Errorf("new folder: %v", pages)
	}
	if code, _, _ := get(t, base+"guides/deep/intro/"); code != 200 {
		t.Errorf("new page: %d", code)
	}
	os.RemoveAll(filepath.Join(dir, "content/guides"))
	settle(t, srv, clock, 1)
	if pages, _ := change(); !contains(pages, "/guides/deep/intro/") {
		t.Errorf("deleted folder: %v", pages)
	}
	if code, _, _ := get(t, base+"guides/deep/intro/"); code != 404 {
		t.Errorf("deleted page: %d", code)
	}
	// Editor litter triggers nothing: the next build's batch holds only
	// the real edit written after it.
	os.WriteFile(filepath.Join(dir, "content", ".about.md.swp"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "content", "about.md~"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "content", "4913"), []byte("x"), 0o644)
	write("content/about.md", "---\ntitle: About\n---\nFixed again.\n")
	// The deleted folder's last events may come late, in a batch of
	// their own before the edit's (a loaded machine): batches are taken
	// until the edit's.
	var batched []string
	for i := 0; i < 3 && !contains(batched, "content/about.md"); i++ {
		batched = append(batched, settle(t, srv, clock, 1).Changed...)
	}
	if !contains(batched, "content/about.md") || contains(batched, "content/4913") || contains(batched, "content/about.md~") || contains(batched, "content/.about.md.swp") {
		t.Errorf("editor temp files reached the batcher: %v", batched)
	}
	// Lost events (an overflow) are answered with a full rebuild (after
	// any batch of late events still on its way).
	srv.watcher.Errors <- fsnotify.ErrEventOverflow
	var overflow BuildInfo
	for i := 0; i < 3 && !contains(overflow.Changed, "*"); i++ {
		overflow = settle(t, srv, clock, 1)
	}
	if overflow.Errors != 0 || !contains(overflow.Changed, "*") {
		t.Errorf("rebuild after overflow: %+v", overflow)
	}
	// A burst of 200 files is one build, and it serves all of them.
	for i := 0; i < 200; i++ {
		os.WriteFile(filepath.Join(dir, "content", fmt.Sprintf("p%03d.md", i)), []byte(fmt.Sprintf("---\ntitle: P%d\n---\nText %d.\n", i, i)), 0o644)
	}
	if b := settle(t, srv, clock, 200); len(b.Changed) < 200 || b.Errors != 0 {
		t.Errorf("a burst of 200 files: first build had %d paths, %d errors", len(b.Changed), b.Errors)
	}
	if code, _, body := get(t, base+"p199/"); code != 200 || !strings.Contains(body, "Text 199.") {
		t.Errorf("the end of the burst is not served after its one build: %d", code)
	}
	// The site folders themselves may be deleted and made again.
	os.RemoveAll(filepath.Join(dir, "static"))
	settle(t, srv, clock, 1)
	write("static/style.css", "body { color: teal; }\n")
	settle(t, srv, clock, 1)
	if _, _, css := get(t, base+"style.css"); !strings.Contains(css, "teal") {
		t.Fatal("a re-created static/ folder is not watched")
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

func TestDiffFiles(t *testing.T) {
	f := func(kv ...string) map[string][]byte {
		m := map[string][]byte{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = []byte(kv[i+1])
		}
		return m
	}
	for _, c := range []struct {
		name       string
		old, next  map[string][]byte
		pages, css string
	}{
		{"nothing changed", f("index.html", "a", "style.css", "x"), f("index.html", "a", "style.css", "x"), "", ""},
		{"a page changed", f("index.html", "a", "people/x/index.html", "b"), f("index.html", "a", "people/x/index.html", "B"), "/people/x/", ""},
		{"the home page", f("index.html", "a"), f("index.html", "b"), "/", ""},
		{"a stylesheet is not a page", f("style.css", "x"), f("style.css", "y"), "", "/style.css"},
		{"added and deleted pages", f("a/index.html", "1"), f("b/index.html", "2"), "/a/ /b/", ""},
		{"other files count as pages", f("atom.xml", "1", "404.html", "x"), f("atom.xml", "2", "404.html", "y"), "/404.html /atom.xml", ""},
		{"a deleted stylesheet tells nothing", f("old.css", "x"), f(), "", ""},
		{"the first build", nil, f("index.html", "a", "zh/index.html", "b"), "/ /zh/", ""},
	} {
		pages, css := diffFiles(c.old, c.next)
		if strings.Join(pages, " ") != c.pages || strings.Join(css, " ") != c.css {
			t.Errorf("%s: pages %v css %v, want %q %q", c.name, pages, css, c.pages, c.css)
		}
		if pages == nil || css == nil {
			t.Errorf("%s: nil list", c.name)
		}
	}
}
