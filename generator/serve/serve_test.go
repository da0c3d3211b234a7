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

func TestBatcher(t *testing.T) {
	b := NewBatcher(30*time.Millisecond, 300*time.Millisecond)
	defer b.Close()
	// A burst (a git checkout) is one batch, each path once.
	for i := 0; i < 500; i++ {
		b.Add(fmt.Sprintf("content/x%d.md", i%250))
	}
	got := <-b.Batches()
	if len(got) != 250 {
		t.Errorf("burst: batch of %d paths, want 250", len(got))
	}
	select {
	case extra := <-b.Batches():
		t.Errorf("burst gave a second batch: %v", extra)
	case <-time.After(100 * time.Millisecond):
	}
	// Two edits further apart than the quiet time are two batches.
	b.Add("a")
	time.Sleep(80 * time.Millisecond)
	b.Add("b")
	if x, y := <-b.Batches(), <-b.Batches(); len(x) != 1 || len(y) != 1 || x[0] != "a" || y[0] != "b" {
		t.Errorf("separate edits: %v %v", x, y)
	}
	// A steady stream is cut at the maximum wait, not delayed forever.
	start := time.Now()
	done := make(chan bool)
	go func() {
		defer close(done)
		for time.Since(start) < 700*time.Millisecond {
			b.Add("stream")
			time.Sleep(10 * time.Millisecond)
		}
	}()
	<-b.Batches()
	if d := time.Since(start); d > 450*time.Millisecond {
		t.Errorf("first batch of a stream after %v; want about 300ms", d)
	}
	<-done
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
	srv, err := New(Options{SiteDir: dir, Addr: "127.0.0.1:0", AllowHosts: allow, Quiet: 20 * time.Millisecond, Max: 200 * time.Millisecond})
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

func TestServerRebuilds(t *testing.T) {
	dir := sitetest.NewSite(t, site)
	srv := start(t, dir)
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
	pages, _ := change()
	if strings.Join(pages, " ") != "/about/ /zh/about/" {
		t.Errorf("edit: changed %v", pages)
	}
	if _, _, body := get(t, base+"about/"); !strings.Contains(body, "edited") {
		t.Error("edit not served")
	}
	// A stylesheet change is a CSS change, not a page change.
	write("static/style.css", "body { color: rebeccapurple; }\n")
	if pages, css := change(); len(pages) != 0 || strings.Join(css, " ") != "/style.css" {
		t.Errorf("css: pages %v css %v", pages, css)
	}
	// A broken build keeps the last good site and sends the errors.
	write("content/about.md", "---\ntitle: [\n---\nBroken.\n")
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
	ev.next(t, "ok")
	if pages, _ := change(); strings.Join(pages, " ") != "/about/ /zh/about/" {
		t.Errorf("fix: %v", pages)
	}
	// A folder created later is watched; deleting it removes its pages.
	write("content/guides/deep/intro.md", "---\ntitle: Intro\n---\nNew.\n")
	if pages, _ := change(); !contains(pages, "/guides/deep/intro/") {
		t.Errorf("new folder: %v", pages)
	}
	if code, _, _ := get(t, base+"guides/deep/intro/"); code != 200 {
		t.Errorf("new page: %d", code)
	}
	os.RemoveAll(filepath.Join(dir, "content/guides"))
	if pages, _ := change(); !contains(pages, "/guides/deep/intro/") {
		t.Errorf("deleted folder: %v", pages)
	}
	if code, _, _ := get(t, base+"guides/deep/intro/"); code != 404 {
		t.Errorf("deleted page: %d", code)
	}
	// Editor litter triggers nothing.
	drain(srv)
	os.WriteFile(filepath.Join(dir, "content", ".about.md.swp"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "content", "about.md~"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "content", "4913"), []byte("x"), 0o644)
	select {
	case b := <-srv.Built:
		t.Errorf("editor temp files caused a build: %+v", b)
	case <-time.After(300 * time.Millisecond):
	}
	// Lost events (an overflow) are answered with a full rebuild.
	drain(srv)
	srv.watcher.Errors <- fsnotify.ErrEventOverflow
	select {
	case b := <-srv.Built:
		if b.Errors != 0 {
			t.Errorf("rebuild after overflow: %+v", b)
		}
	case <-time.After(3 * time.Second):
		t.Error("no rebuild after an event overflow")
	}
	// A burst of 200 files is one or a few builds, and ends with all of them.
	for i := 0; i < 200; i++ {
		os.WriteFile(filepath.Join(dir, "content", fmt.Sprintf("p%03d.md", i)), []byte(fmt.Sprintf("---\ntitle: P%d\n---\nText %d.\n", i, i)), 0o644)
	}
	// Wait until the last file is served, then count the builds.
	deadline := time.Now().Add(15 * time.Second)
	for {
		if code, _, body := get(t, base+"p199/"); code == 200 && strings.Contains(body, "Text 199.") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the end of the burst was never served")
		}
		time.Sleep(50 * time.Millisecond)
	}
	builds := 0
	for {
		select {
		case <-srv.Built:
			builds++
			continue
		case <-time.After(500 * time.Millisecond):
		}
		break
	}
	if builds == 0 || builds > 4 {
		t.Errorf("a burst of 200 files gave %d builds", builds)
	}
	// The site folders themselves may be deleted and made again.
	os.RemoveAll(filepath.Join(dir, "static"))
	drain(srv)
	write("static/style.css", "body { color: teal; }\n")
	deadline = time.Now().Add(10 * time.Second)
	for {
		if _, _, css := get(t, base+"style.css"); strings.Contains(css, "teal") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("a re-created static/ folder is not watched")
		}
		time.Sleep(50 * time.Millisecond)
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

func drain(s *Server) {
	for {
		select {
		case <-s.Built:
		case <-time.After(100 * time.Millisecond):
			return
		}
	}
}
