package cli

import (
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-ssg/dossier/generator/internal/sitetest"
)

// pprofStrings reads a pprof file (gzipped protobuf) and returns its
// bytes, whose string table names the profiled functions.
func pprofStrings(t *testing.T, p string) string {
	t.Helper()
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s is not a pprof profile: %v", p, err)
	}
	b, err := io.ReadAll(z)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestBuildProfiles(t *testing.T) {
	dir := sitetest.Synthetic(t, 200)
	tmp := t.TempDir()
	cpu, mem := filepath.Join(tmp, "cpu.pprof"), filepath.Join(tmp, "mem.pprof")
	code, _, stderr := run("build", "-s", dir, "-d", filepath.Join(tmp, "public"), "--base-url", "https://bench.example/", "-cpuprofile", cpu, "-memprofile", mem)
	if code != 0 || stderr != "" {
		t.Fatalf("build with profiles: exit %d, %q", code, stderr)
	}
	for _, p := range []string{cpu, mem, mem + ".peak"} {
		s := pprofStrings(t, p)
		if !strings.Contains(s, "samples") && !strings.Contains(s, "space") {
			t.Errorf("%s has no sample types", p)
		}
	}
	// Allocation samples come every 512 KiB on average, and the build of
	// 200 pages allocates many megabytes: the build's functions are in.
	if s := pprofStrings(t, mem); !strings.Contains(s, "generator/build.Build") {
		t.Errorf("the memory profile does not name build.Build")
	}
	code, _, stderr = run("build", "-s", dir, "-d", filepath.Join(tmp, "public"), "-cpuprofile", filepath.Join(tmp, "no", "such", "cpu.pprof"))
	if code != 1 || !strings.Contains(stderr, "-cpuprofile") {
		t.Errorf("a CPU profile that cannot be created: exit %d, %q", code, stderr)
	}
}

// The heap profile of a peak is taken at the collection after it, when
// the runtime has published it, and at stop if none came after.
func TestPeakProfileWaitsForTheNextCollection(t *testing.T) {
	p := &profiles{}
	p.observe(1, 100)
	if p.peak.Len() != 0 || !p.pending {
		t.Fatalf("at the peak's own collection: profile %d bytes, pending %v; want none yet, pending", p.peak.Len(), p.pending)
	}
	p.observe(2, 50)
	if p.peak.Len() == 0 || p.pending {
		t.Fatalf("a collection after the peak: profile %d bytes, pending %v; want it taken", p.peak.Len(), p.pending)
	}
	taken := p.peak.Len()
	p.observe(3, 80) // below the peak: nothing to take
	if p.pending || p.peakLive != 100 {
		t.Fatalf("below the peak: pending %v, peak %d; want the peak of 100 kept", p.pending, p.peakLive)
	}
	p.observe(4, 200)
	if !p.pending || p.peakCycle != 4 || p.peak.Len() != taken {
		t.Fatalf("a new peak: pending %v at cycle %d; want it pending at 4 with the old profile kept", p.pending, p.peakCycle)
	}
}
