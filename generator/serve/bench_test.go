package serve

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dossier-ssg/dossier/generator/internal/gcpace"
	"github.com/dossier-ssg/dossier/generator/internal/sitetest"
)

// benchReload measures edit-to-reload latency: from saving a file to the
// moment an open page hears that it must reload, through the watcher,
// the batcher, the incremental rebuild and the event stream. It reports
// the median and the 95th percentile.
func benchReload(b *testing.B, dir, rel, page string) {
	gcpace.Start() // the collector's pace of dossier serve
	srv, err := New(Options{SiteDir: dir, Addr: "127.0.0.1:0"})
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go srv.Serve(ctx)
	<-srv.Built
	ev := listen(b, srv.URL())
	ev.next(b, "hello")
	p := filepath.Join(dir, rel)
	orig, _ := os.ReadFile(p)
	var lat []time.Duration
	for i := 0; b.Loop(); i++ {
		body := strings.Replace(string(orig), "\n---\n", "\n---\nEdit number "+strconv.Itoa(i)+".\n\n", 1)
		start := time.Now()
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			b.Fatal(err)
		}
		for {
			d := ev.next(b, "change")
			if strings.Contains(d, `"`+page+`"`) {
				break
			}
		}
		lat = append(lat, time.Since(start))
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "ms-median")
	b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds())/1000, "ms-p95")
}

func BenchmarkEditToReloadDossier(b *testing.B) {
	dir := sitetest.CopySite(b, sitetest.RepoRoot(b))
	benchReload(b, dir, "content/people/sam-altman.md", "/people/sam-altman/")
}

func BenchmarkEditToReload1000(b *testing.B) {
	dir := sitetest.Synthetic(b, 1000)
	benchReload(b, dir, "content/people/p1.md", "/people/p1/")
}

// BenchmarkEditToReload10000 is the largest size: each rebuild
// builds every page's view again, to learn what it depends on.
func BenchmarkEditToReload10000(b *testing.B) {
	dir := sitetest.Synthetic(b, 10000)
	benchReload(b, dir, "content/people/p1.md", "/people/p1/")
}
