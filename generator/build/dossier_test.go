package build_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dossier-ssg/dossier/generator/build"
	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/internal/sitetest"
)

// TestShippedDossier builds the repository's own content and checks what
// a reader relies on: every source renders with anchored paragraphs, the
// Verge's Chinese summary is marked as Chinese, every citation verified,
// every event cited, the timeline in order, and no internal link or
// fragment broken.
func TestShippedDossier(t *testing.T) {
	root := sitetest.RepoRoot(t)
	out := filepath.Join(t.TempDir(), "public")
	res, err := build.Build(build.Options{SiteDir: root, NoMinify: true, OutDir: out})
	if err != nil {
		t.Fatal(err)
	}
	if w := res.Diags.Warnings(); len(w) > 0 {
		t.Errorf("shipped content has warnings:\n%s", w.String())
	}
	s := res.Site
	want := map[content.Kind]int{content.KindSource: 5, content.KindPerson: 20, content.KindOrganization: 15, content.KindEvent: 35, content.KindClaim: 10, content.KindQuote: 6, content.KindAnnotation: 30}
	for k, n := range want {
		if got := len(s.ByKind[k]); got < n {
			t.Errorf("%s: %d, want at least %d", k, got, n)
		}
	}
	home, _ := os.ReadFile(filepath.Join(out, "index.html"))
	for _, src := range s.ByKind[content.KindSource] {
		if !strings.Contains(string(home), `href="/sources/`+src.Slug+`/"`) {
			t.Errorf("home page does not link to source %s", src.Slug)
		}
		page := filepath.Join(out, "sources", src.Slug, "index.html")
		b, err := os.ReadFile(page)
		if err != nil {
			t.Fatalf("source %s not rendered: %v", src.Slug, err)
		}
		if n := strings.Count(string(b), `<p id="p-`); n < 5 {
			t.Errorf("source %s has %d anchored paragraphs", src.Slug, n)
		}
		if n := len(s.Notes[src.KeyOf()]); n < 4 {
			t.Errorf("source %s has %d annotations, want at least 4", src.Slug, n)
		}
	}
	sitetest.AssertFileContent(t, out, "sources/verge-breakup/index.html", `<section class="summary" lang="zh-Hans"`, `这篇文章讲述的是Elon Musk与OpenAI之间复杂而充满矛盾的分手`)

	// The Chinese edition: every page has its twin, every page is
	// translated (no fallback notice), alternates are symmetric, and each
	// source has a Chinese summary above its English text.
	en, zh := htmlFiles(t, out)
	if len(en) != len(zh) {
		t.Errorf("%d English pages, %d Chinese", len(en), len(zh))
	}
	for _, p := range en {
		b, err := os.ReadFile(filepath.Join(out, "zh", p))
		if err != nil {
			t.Errorf("no Chinese twin of %s", p)
			continue
		}
		if strings.Contains(string(b), `class="notice`) {
			t.Errorf("zh/%s is not fully translated or is stale", p)
		}
		if !strings.Contains(string(b), `<html lang="zh-Hans">`) {
			t.Errorf("zh/%s lacks lang=zh-Hans", p)
		}
	}
	checkHreflang(t, out)
	for _, src := range s.ByKind[content.KindSource] {
		sitetest.AssertFileContent(t, out, "zh/sources/"+src.Slug+"/index.html", `<h2 id="sum-h" lang="zh-Hans">摘要</h2>`, `<div class="text" lang="en" id="text">`)
	}
	zs := res.Sites["zh"]
	for _, d := range zs.Docs {
		if d.Orig == nil && !d.Draft {
			t.Errorf("%s has no Chinese translation", d.Path)
		}
	}
	// Every citation of every document resolved.
	total := 0
	for _, d := range s.Docs {
		total += len(d.Citations) + len(d.Inline)
		if d.Event != nil {
			total += len(d.Event.Variants)
		}
	}
	if got := len(s.Resolved) - len(s.ByKind[content.KindAnnotation]); got != total {
		t.Errorf("%d of %d citations verified", got, total)
	}
	// Timeline in date order.
	tl, _ := os.ReadFile(filepath.Join(out, "timeline", "index.html"))
	dates := regexp.MustCompile(`<p class="when"><time datetime="([0-9-]+)"`).FindAllStringSubmatch(string(tl), -1)
	if len(dates) < 35 {
		t.Errorf("timeline shows %d events", len(dates))
	}
	for i := 1; i < len(dates); i++ {
		if dates[i][1][:4] < dates[i-1][1][:4] {
			t.Errorf("timeline out of order: %s after %s", dates[i][1], dates[i-1][1])
		}
	}
	// Every person and organisation has backlinks with context.
	for _, k := range []content.Kind{content.KindPerson, content.KindOrganization} {
		for _, d := range s.ByKind[k] {
			b := s.Back[d.KeyOf()]
			if b == nil || len(b.MentionedIn)+len(b.Events)+len(b.LinkedFrom)+len(b.Authored) == 0 {
				t.Errorf("%s has no backlinks", d.KeyOf())
			}
		}
	}
	assertNoBrokenLinks(t, out, "/")
}

var (
	hrefRe = regexp.MustCompile(`(?:href|src)="([^"]*)"`)
	idRe   = regexp.MustCompile(` id="([^"]+)"`)
)

// assertNoBrokenLinks crawls every HTML file and checks that each
// internal link names an existing page and, with a #fragment, an
// existing id on it. A text fragment (:~:text=) is the browser's, not ours.
func assertNoBrokenLinks(t *testing.T, out, base string) {
	t.Helper()
	ids := map[string]map[string]bool{}
	pages := map[string]string{}
	filepath.Walk(out, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, _ := os.ReadFile(p)
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		pages[rel] = string(b)
		ids[rel] = map[string]bool{}
		for _, m := range idRe.FindAllStringSubmatch(string(b), -1) {
			ids[rel][m[1]] = true
		}
		return nil
	})
	broken := 0
	for page, html := range pages {
		for _, m := range hrefRe.FindAllStringSubmatch(html, -1) {
			href := strings.ReplaceAll(m[1], "&amp;", "&")
			if strings.Contains(href, "://") || strings.HasPrefix(href, "mailto:") {
				continue
			}
			target, frag, _ := strings.Cut(href, "#")
			if i := strings.Index(frag, ":~:"); i >= 0 {
				frag = frag[:i]
			}
			var file string
			switch {
			case target == "":
				file = page
			case strings.HasPrefix(target, base):
				file = strings.TrimPrefix(target, base)
				if file == "" || strings.HasSuffix(file, "/") {
					file += "index.html"
				}
			default:
				t.Errorf("%s: link %q is not under the base path %s", page, href, base)
				continue
			}
			if _, ok := ids[file]; !ok {
				if _, err := os.Stat(filepath.Join(out, file)); err != nil {
					t.Errorf("%s: broken link %q", page, href)
					broken++
				}
				continue
			}
			if frag != "" && !ids[file][frag] {
				t.Errorf("%s: broken fragment %q", page, href)
				broken++
			}
			if broken > 20 {
				t.Fatal("too many broken links")
			}
		}
	}
}
