package serve

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-ssg/dossier/generator/internal/sitetest"
)

// TestServeSurvivesBrokenConfig saves a broken site.yaml and broken
// interface strings while serving: each is a positioned error on the
// overlay, the last good site stays served, and a fix brings it back.
func TestServeSurvivesBrokenConfig(t *testing.T) {
	dir := sitetest.NewSite(t, site)
	srv := start(t, dir)
	base := srv.URL()
	ev := listen(t, base)
	ev.next(t, "hello")
	for _, tc := range []struct{ file, src, where, msg string }{
		{"content/site.yaml", "title: \"unclosed\nbase_url: https://example.org/\n", "content/site.yaml:1:8", "quoted text is never closed"},
		{"content/site.yaml", "title: Test\nlanguage: [en]\n", "content/site.yaml:2:11", "language must be text"},
		{"content/site.yaml", "- just a list\n", "content/site.yaml:1:1", "settings are a map"},
		{"content/i18n/en.yaml", "nav.home: \"Home\n", "content/i18n/en.yaml:1:11", "quoted text is never closed"},
	} {
		p := filepath.Join(dir, filepath.FromSlash(tc.file))
		orig, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(tc.src), 0o644); err != nil {
			t.Fatal(err)
		}
		var errs []errView
		json.Unmarshal([]byte(ev.next(t, "errors")), &errs)
		found := false
		for _, e := range errs {
			found = found || e.Where == tc.where && strings.Contains(e.Msg, tc.msg)
		}
		if !found {
			t.Errorf("%s: errors %+v, want %s: %s", tc.file, errs, tc.where, tc.msg)
		}
		if code, _, body := get(t, base); code != 200 || !strings.Contains(body, "Welcome home.") {
			t.Errorf("%s broken: the last good site is not served (%d)", tc.file, code)
		}
		if err := os.WriteFile(p, orig, 0o644); err != nil {
			t.Fatal(err)
		}
		ev.next(t, "ok")
	}
}
