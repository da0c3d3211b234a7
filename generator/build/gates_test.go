package build_test

// The quality gates of the production build, on the shipped dossier: the
// same input gives the same bytes; every page is valid HTML (the Nu Html
// Checker); sample pages of every kind pass axe-core in Chromium; and a
// crawl through nginx finds every internal link and #fragment alive, at
// the domain root and under a sub-path.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/dossier-ssg/dossier/generator/build"
	"github.com/dossier-ssg/dossier/generator/internal/browsertest"
	"github.com/dossier-ssg/dossier/generator/internal/sitetest"
)

// production builds the shipped dossier as make build does.
func production(t *testing.T, baseURL string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	if _, err := build.Build(build.Options{SiteDir: sitetest.RepoRoot(t), OutDir: out, BaseURL: baseURL}); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestReproducibleBuild(t *testing.T) {
	a := production(t, "")
	b := production(t, "")
	if sa, sb := snapshot(t, a), snapshot(t, b); sa != sb {
		t.Fatal("two builds of the same input differ")
	}
	// Nothing of the build's own time: the feed's date is its newest
	// entry's, which comes from the content.
	atom, _ := os.ReadFile(filepath.Join(a, "atom.xml"))
	dates := regexp.MustCompile(`<updated>([^<]+)</updated>`).FindAllStringSubmatch(string(atom), -1)
	if len(dates) < 2 {
		t.Fatalf("atom.xml has %d dates", len(dates))
	}
	newest := ""
	for _, d := range dates[1:] {
		if d[1] > newest {
			newest = d[1]
		}
	}
	if dates[0][1] != newest || strings.HasPrefix(newest, time.Now().Format("2006-01-02")) {
		t.Errorf("feed updated %s; want its newest entry's date %s, from the content", dates[0][1], newest)
	}
}

func TestValidHTML(t *testing.T) {
	out := production(t, "")
	jar := browsertest.Tool(t, "DOSSIER_VNU_JAR", "vnu-jar/build/dist/vnu.jar")
	java, err := exec.LookPath("java")
	if err != nil {
		t.Fatal("the HTML check needs Java: apt-get install default-jre-headless (.ci/run does)")
	}
	cmd := exec.Command(java, "-jar", jar, "--errors-only", "--format", "json", "--skip-non-html", out)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	runErr := cmd.Run()
	var report struct {
		Messages []struct {
			Type, URL, Message, Extract string
			LastLine                    int
		}
	}
	if err := json.Unmarshal(stderr.Bytes(), &report); err != nil {
		t.Fatalf("vnu: %v %v: %.500s", runErr, err, stderr.String())
	}
	pages := 0
	filepath.Walk(out, func(p string, info os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			pages++
		}
		return nil
	})
	if pages < 300 {
		t.Fatalf("only %d pages checked", pages)
	}
	for i, m := range report.Messages {
		if i == 30 {
			t.Errorf("… and %d more", len(report.Messages)-30)
			break
		}
		t.Errorf("%s:%d: %s: %s (%q)", strings.TrimPrefix(m.URL, "file:"+out), m.LastLine, m.Type, m.Message, m.Extract)
	}
	t.Logf("%d pages checked by the Nu Html Checker, %d errors", pages, len(report.Messages))
}

// TestAccessibility runs axe-core (WCAG 2.1 A and AA, and best practices,
// colour contrast included) on a page of every kind, in both languages,
// and checks that keyboard focus is visible.
func TestAccessibility(t *testing.T) {
	out := production(t, "")
	axe, err := os.ReadFile(browsertest.Tool(t, "DOSSIER_AXE_JS", "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()
	ctx := browsertest.Browser(t)
	pages := []string{"/", "/sources/verge-breakup/", "/sources/wsj-bromance/", "/people/sam-altman/", "/organizations/openai/",
		"/timeline/", "/events/2017-09-musk-no-longer-fund/", "/claims/", "/claims/musk-total-contribution/", "/quotes/no-longer-fund-openai/",
		"/annotations/verge-summary-unpaid-ceo/", "/disputed/", "/404.html", "/zh/", "/zh/sources/verge-breakup/", "/zh/people/elon-musk/", "/zh/timeline/"}
	for _, p := range pages {
		if _, err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+p)); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		browsertest.Eval[bool](t, ctx, string(axe)+";true")
		res := browsertest.Eval[string](t, ctx, `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}})
			.then(r => JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, first: v.nodes.slice(0, 3).map(n => n.target.join(" ") + ": " + n.failureSummary)}))))`, chromedp.EvalAwaitPromise)
		if res != "[]" {
			t.Errorf("%s: axe violations: %s", p, res)
		}
	}
	// Keyboard focus is visible: the first Tab lands on the skip link,
	// which shows itself and an outline.
	if _, err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/people/sam-altman/")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.KeyEvent("\t")); err != nil {
		t.Fatal(err)
	}
	focus := browsertest.Eval[string](t, ctx, `(() => { const e = document.activeElement, s = getComputedStyle(e), r = e.getBoundingClientRect();
		return e.className + "|" + s.outlineStyle + "|" + s.outlineWidth + "|" + (r.left >= 0 && r.top >= 0) })()`)
	if parts := strings.Split(focus, "|"); len(parts) != 4 || parts[0] != "skip" || parts[1] == "none" || parts[2] == "0px" || parts[3] != "true" {
		t.Errorf("focus after Tab: %s; want the visible, outlined skip link", focus)
	}
	for i := 0; i < 3; i++ {
		chromedp.Run(ctx, chromedp.KeyEvent("\t"))
	}
	focus = browsertest.Eval[string](t, ctx, `(() => { const s = getComputedStyle(document.activeElement); return document.activeElement.tagName + "|" + s.outlineStyle + "|" + s.outlineWidth })()`)
	if parts := strings.Split(focus, "|"); len(parts) != 3 || parts[1] == "none" || parts[2] == "0px" {
		t.Errorf("focus on a link: %s; want an outline", focus)
	}
}

// TestCrawlThroughNginx serves two builds with nginx, one at the root and
// one under /dossier/, and follows every internal link from the home
// pages and the sitemaps: every page and asset answers 200, every
// #fragment names an element of its page, and the sub-path build never
// links outside its sub-path.
func TestCrawlThroughNginx(t *testing.T) {
	port := freePort(t)
	origin := fmt.Sprintf("http://127.0.0.1:%d", port)
	root := production(t, origin+"/")
	sub := production(t, origin+"/dossier/")
	startNginx(t, port, root, sub)
	for _, c := range []struct{ start, prefix string }{{origin + "/", "/"}, {origin + "/dossier/", "/dossier/"}} {
		n := crawl(t, origin, c.start, c.prefix)
		if n < 400 {
			t.Errorf("crawl from %s reached only %d pages", c.start, n)
		}
	}
	// A missing page gets the site's 404 page with status 404.
	for _, p := range []string{"/nope/", "/dossier/nope/"} {
		resp, err := http.Get(origin + p)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 404 || !bytes.Contains(b, []byte("Page not found")) {
			t.Errorf("%s: %d", p, resp.StatusCode)
		}
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func startNginx(t *testing.T, port int, root, sub string) {
	t.Helper()
	bin, err := exec.LookPath("nginx")
	if err != nil {
		bin = "/usr/sbin/nginx"
		if _, err := os.Stat(bin); err != nil {
			t.Fatal("the link crawl needs nginx: apt-get install nginx-light (.ci/run does)")
		}
	}
	prefix := t.TempDir()
	user := ""
	if os.Geteuid() == 0 {
		user = "user root;\n" // the test's folders are private to it
	}
	conf := user + fmt.Sprintf(`worker_processes 1;
daemon off;
pid %[1]s/nginx.pid;
error_log stderr warn;
events { worker_connections 128; }
http {
	types { text/html html; text/css css; application/xml xml; application/atom+xml atom; text/plain txt; image/svg+xml svg; application/javascript js; }
	default_type application/octet-stream;
	access_log off;
	client_body_temp_path %[1]s/body;
	proxy_temp_path %[1]s/proxy;
	fastcgi_temp_path %[1]s/fastcgi;
	uwsgi_temp_path %[1]s/uwsgi;
	scgi_temp_path %[1]s/scgi;
	server {
		listen 127.0.0.1:%[2]d;
		root %[3]s;
		error_page 404 /404.html;
		location /dossier/ {
			alias %[4]s/;
			error_page 404 /dossier/404.html;
		}
	}
}
`, prefix, port, root, sub)
	cf := filepath.Join(prefix, "nginx.conf")
	os.WriteFile(cf, []byte(conf), 0o644)
	cmd := exec.Command(bin, "-p", prefix, "-c", cf)
	var logs bytes.Buffer
	cmd.Stderr = &logs
	// nginx's workers inherit stderr: stop the whole process group, and
	// do not wait for the pipe forever.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.WaitDelay = 2 * time.Second
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		cmd.Wait()
	})
	for i := 0; ; i++ {
		if c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port)); err == nil {
			c.Close()
			return
		}
		if i > 100 {
			t.Fatalf("nginx did not start: %s", logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

var (
	anyLinkRe = regexp.MustCompile(`\s(?:href|src)=(?:"([^"]*)"|'([^']*)'|([^\s>"']+))`)
	anyIDRe   = regexp.MustCompile(`\sid=(?:"([^"]*)"|'([^']*)'|([^\s>"']+))`)
	locRe     = regexp.MustCompile(`<loc>([^<]+)</loc>`)
)

func attr(m []string) string { return html.UnescapeString(m[1] + m[2] + m[3]) }

// crawl follows internal links breadth first and returns the number of
// HTML pages it fetched.
func crawl(t *testing.T, origin, start, prefix string) int {
	t.Helper()
	type page struct {
		status int
		ids    map[string]bool
		html   bool
	}
	got := map[string]*page{}
	links := map[string][]string{} // page URL → the links on it
	fetch := func(u string) *page {
		if p, ok := got[u]; ok {
			return p
		}
		resp, err := http.Get(u)
		if err != nil {
			t.Fatalf("GET %s: %v", u, err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		p := &page{status: resp.StatusCode, ids: map[string]bool{}, html: strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html")}
		if p.html {
			for _, m := range anyIDRe.FindAllStringSubmatch(string(b), -1) {
				p.ids[attr(m)] = true
			}
			links[u] = nil
			for _, m := range anyLinkRe.FindAllStringSubmatch(string(b), -1) {
				links[u] = append(links[u], attr(m))
			}
		}
		if strings.HasSuffix(u, "sitemap.xml") {
			for _, m := range locRe.FindAllStringSubmatch(string(b), -1) {
				links[u] = append(links[u], html.UnescapeString(m[1]))
			}
		}
		got[u] = p
		return p
	}
	queue := []string{start, origin + prefix + "sitemap.xml"}
	seen := map[string]bool{start: true, queue[1]: true}
	broken := 0
	report := func(format string, args ...any) {
		broken++
		if broken <= 25 {
			t.Errorf(format, args...)
		}
	}
	pages := 0
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		p := fetch(u)
		if p.status != 200 {
			continue // reported where it is linked from
		}
		if p.html {
			pages++
		}
		base, _ := url.Parse(u)
		for _, href := range links[u] {
			ref, err := url.Parse(href)
			if err != nil {
				report("%s: bad link %q", u, href)
				continue
			}
			abs := base.ResolveReference(ref)
			if abs.Scheme != "http" || abs.Host != base.Host {
				continue // external
			}
			if !strings.HasPrefix(abs.Path, prefix) {
				report("%s: link %q leaves %s", u, href, prefix)
				continue
			}
			frag := abs.Fragment
			if i := strings.Index(frag, ":~:"); i >= 0 {
				frag = frag[:i] // a text fragment is not an element
			}
			abs.Fragment = ""
			target := abs.String()
			tp := fetch(target)
			if tp.status != 200 {
				report("%s: broken link %q (%d)", u, href, tp.status)
				continue
			}
			if frag != "" && !tp.ids[frag] {
				report("%s: link %q: no id %q in %s", u, href, frag, target)
			}
			if !seen[target] {
				seen[target] = true
				queue = append(queue, target)
			}
		}
	}
	if broken > 25 {
		t.Errorf("… %d broken links in all", broken)
	}
	return pages
}
