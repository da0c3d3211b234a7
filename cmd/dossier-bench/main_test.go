package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestSpreadAndRatios(t *testing.T) {
	if got := spreadOf([]float64{3, 1, 2}); got != (spread{1, 2, 3}) {
		t.Errorf("spread of 3 1 2 = %v", got)
	}
	if got := spreadOf([]float64{4, 1, 2, 3}); got != (spread{1, 2.5, 4}) {
		t.Errorf("spread of 4 1 2 3 = %v", got)
	}
	sec := func(xs ...float64) (ss []sample) {
		for _, x := range xs {
			ss = append(ss, sample{wall: time.Duration(x * float64(time.Second))})
		}
		return ss
	}
	// Pair ratios 1/2, 4/2, 3/6: median 0.5; medians 3 and 2: 1.5.
	a, b := toolResult{samples: sec(1, 4, 3)}, toolResult{samples: sec(2, 2, 6)}
	pair, med := ratios(a, b, wallOf)
	if pair != 0.5 || med != 1.5 {
		t.Errorf("ratios = %v (pairs), %v (medians); want 0.5, 1.5", pair, med)
	}
}

// fakeTool logs its name, and whether its output folder already exists,
// then writes one page there.
func fakeTool(name, log string) *tool {
	return &tool{name: name, writes: true, clean: func() error { return nil },
		cmd: func(out, _ string) *exec.Cmd {
			return exec.Command("sh", "-c", `if [ -e "$2" ]; then s=kept; else s=fresh; fi; echo "$1 $s" >> "$3"; mkdir -p "$2" && echo x > "$2/index.html"`, "sh", name, out, log)
		}}
}

func TestCompareInterleaves(t *testing.T) {
	for _, repeated := range []bool{false, true} {
		log := filepath.Join(t.TempDir(), "log")
		b := &bench{tmp: t.TempDir(), runs: 3, warmup: 1, repeated: repeated}
		res, err := b.compare([]*tool{fakeTool("A", log), fakeTool("B", log)})
		if err != nil {
			t.Fatal(err)
		}
		got, _ := os.ReadFile(log)
		want := "A fresh\nB fresh\nB fresh\nA fresh\nA fresh\nB fresh\nB fresh\nA fresh\n"
		if repeated {
			want = "A fresh\nB fresh\nB kept\nA kept\nA kept\nB kept\nB kept\nA kept\n"
		}
		if string(got) != want {
			t.Errorf("repeated=%v: runs\n%swant\n%s", repeated, got, want)
		}
		for _, tr := range res.tools {
			if len(tr.samples) != 3 || tr.pages != 1 || tr.htmlBytes != 2 {
				t.Errorf("repeated=%v: %s: %d samples, %d pages of %d bytes; want 3 samples, 1 page of 2 bytes", repeated, tr.name, len(tr.samples), tr.pages, tr.htmlBytes)
			}
			for _, s := range tr.samples {
				if s.wall <= 0 || s.rssKiB <= 0 {
					t.Errorf("%s: sample %+v has no wall time or memory", tr.name, s)
				}
			}
		}
	}
}

// TestEqualWork builds both corpora with dossier and with Hugo and checks
// that they write the same HTML pages, and that Hugo's pages show the
// fields dossier's do.
func TestEqualWork(t *testing.T) {
	hugo, _ := findHugo()
	if hugo == "" {
		t.Fatal("the benchmark's equal-work test needs Hugo: apt-get install hugo")
	}
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	dossier, err := buildDossier("go", root, filepath.Join(tmp, "bin"))
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"plain", "dossier"} {
		c, _ := corpusNamed(key)
		dsite, hsite := filepath.Join(tmp, key+"-dossier"), filepath.Join(tmp, key+"-hugo")
		if err := writeSites(c.archive(60), root, dsite, hsite); err != nil {
			t.Fatal(err)
		}
		var outs []string
		for _, tl := range []*tool{dossierBuild(dossier, dsite), hugoBuild(hugo, hsite)} {
			out := filepath.Join(tmp, key+"-"+strings.Fields(tl.name)[0], "public")
			if _, err := measure(tl.cmd(out, filepath.Dir(out))); err != nil {
				t.Fatal(err)
			}
			outs = append(outs, out)
		}
		dp, err := htmlPaths(outs[0])
		if err != nil {
			t.Fatal(err)
		}
		hp, err := htmlPaths(outs[1])
		if err != nil {
			t.Fatal(err)
		}
		if len(dp) < 60 || !reflect.DeepEqual(dp, hp) {
			t.Errorf("%s: dossier wrote %d HTML pages, Hugo %d; they differ:\ndossier %v\nhugo    %v", key, len(dp), len(hp), dp, hp)
		}
		read := func(out, page string) string {
			b, err := os.ReadFile(filepath.Join(out, page))
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
		checks := map[string][]string{
			"plain": {"sources/post7/index.html", `<title>Post 7: notes on topic 7 · Dossier</title>`, `rel=canonical href=http://localhost:1313/sources/post7/`,
				`<dd>Press 7</dd>`, `8 August 2022`, `<h2 id=what-came-of-it>What came of it</h2>`, `<a href=/sources/ aria-current=page>Sources</a>`, `integrity=sha384-`},
			"dossier": {"people/p5/index.html", `<title>Person5 · Dossier</title>`, `<h1>Person5</h1>`, `<p class=lede>Someone</p>`, `<a href=/people/ aria-current=page>People</a>`},
		}
		page, wants := checks[key][0], checks[key][1:]
		for i, out := range outs {
			html := read(out, page)
			for _, want := range wants {
				if !strings.Contains(html, want) {
					t.Errorf("%s: %s %s lacks %s", key, []string{"dossier's", "Hugo's"}[i], page, want)
				}
			}
		}
		if key == "dossier" {
			// An event: its date, its participant by name and role, its citation.
			re := regexp.MustCompile(`<time datetime=2020-01-06>6 January 2020</time>.*<h1>Event 5</h1>.*<a href=/people/p5/>Person5</a> <span class=meta>Someone</span>.*who met in city 5-5.*<a href=/sources/s5/>Source 5</a>`)
			for i, out := range outs {
				if html := read(out, "events/e5/index.html"); !re.MatchString(html) {
					t.Errorf("%s events/e5 lacks the date, participant or citation:\n%s", []string{"dossier's", "Hugo's"}[i], html)
				}
			}
		}
	}
}

func TestReportTable(t *testing.T) {
	ms := func(wall, cpu float64, kib int64) sample {
		return sample{wall: time.Duration(wall * float64(time.Millisecond)), cpu: time.Duration(cpu * float64(time.Millisecond)), rssKiB: kib}
	}
	r := &report{out: "/dev/shm", start: time.Date(2026, 12, 2, 7, 0, 0, 0, time.UTC), runs: 2, hugoVersion: "Hugo 0.111.3"}
	r.add("plain posts, 1,000 pages", &result{tools: []toolResult{
		{name: "dossier build", pages: 1009, htmlBytes: 4 << 20, samples: []sample{ms(400, 600, 40960), ms(500, 700, 51200)}},
		{name: "Hugo --minify", pages: 1009, htmlBytes: 3 << 20, samples: []sample{ms(800, 1200, 81920), ms(1000, 1400, 102400)}},
	}})
	r.add("the shipped dossier", &result{tools: []toolResult{{name: "dossier check", pages: -1, samples: []sample{ms(300, 310, 70000), ms(320, 330, 71000)}}}})
	var b strings.Builder
	r.write(&b)
	out := b.String()
	for _, want := range []string{
		"| work | tool | HTML pages | wall: min / median / max | CPU: min / median / max | peak RSS: min / median / max | per page |\n",
		"| plain posts, 1,000 pages | dossier build | 1,009 (4.0 MiB) | 400 / 450 / 500 ms | 600 / 650 / 700 ms | 40 / 45 / 50 MiB | 446 µs |\n",
		"| plain posts, 1,000 pages | Hugo 0.111.3 --minify | 1,009 (3.0 MiB) | 800 / 900 / 1000 ms | 1.20 / 1.30 / 1.40 s | 80 / 90 / 100 MiB | 892 µs |\n",
		"| plain posts, 1,000 pages | **dossier / Hugo** |  | **0.50×** (0.50×) | **0.50×** (0.50×) | **0.50×** (0.50×) | |\n",
		"| the shipped dossier | dossier check | — | 300 / 310 / 320 ms |",
		"Cold: every build into a fresh output folder under /dev/shm;",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the table lacks\n%s\nin\n%s", want, out)
		}
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "|") && strings.Count(line, "|") != 8 {
			t.Errorf("row with %d cells: %s", strings.Count(line, "|")-1, line)
		}
	}
}
