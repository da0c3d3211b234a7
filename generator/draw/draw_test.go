package draw

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"sort"
	"strings"
	"testing"
)

func TestLinear(t *testing.T) {
	s := Linear{D0: 2012, D1: 2026, R0: 10, R1: 710}
	for in, want := range map[float64]float64{2012: 10, 2026: 710, 2019: 360} {
		if got := s.At(in); math.Abs(got-want) > 1e-9 {
			t.Errorf("At(%v) = %v, want %v", in, got, want)
		}
	}
	if got := (Linear{D0: 1, D1: 1, R0: 5, R1: 9}).At(1); got != 5 {
		t.Errorf("empty domain: %v", got)
	}
}

func TestNiceTicks(t *testing.T) {
	for _, c := range []struct {
		lo, hi float64
		n      int
		want   []float64
	}{
		{0, 100, 4, []float64{0, 25, 50, 75, 100}},
		{0, 10000, 4, []float64{0, 2500, 5000, 7500, 10000}},
		{0, 7, 4, []float64{0, 2, 4, 6, 8}},
		{0, 45, 4, []float64{0, 20, 40, 60}},
		{0, 0.3, 3, []float64{0, 0.1, 0.2, 0.3}},
	} {
		got := NiceTicks(c.lo, c.hi, c.n)
		if len(got) != len(c.want) {
			t.Errorf("NiceTicks(%v, %v, %d) = %v, want %v", c.lo, c.hi, c.n, got, c.want)
			continue
		}
		for i := range got {
			if math.Abs(got[i]-c.want[i]) > 1e-9 {
				t.Errorf("NiceTicks(%v, %v, %d) = %v, want %v", c.lo, c.hi, c.n, got, c.want)
				break
			}
		}
		if last := got[len(got)-1]; last < c.hi {
			t.Errorf("ticks end at %v, before %v", last, c.hi)
		}
	}
}

func TestYearTicks(t *testing.T) {
	if s := YearStep(70, 34); s != 1 {
		t.Errorf("wide years: step %d", s)
	}
	if s := YearStep(24, 34); s != 2 {
		t.Errorf("narrow years: step %d", s)
	}
	if s := YearStep(3, 34); s != 20 {
		t.Errorf("tiny years: step %d", s)
	}
	if got, want := YearTicks(2012, 2025, 5), []int{2015, 2020, 2025}; !reflect.DeepEqual(got, want) {
		t.Errorf("YearTicks every 5 = %v, want %v", got, want)
	}
	if got := YearTicks(2012, 2014, 1); !reflect.DeepEqual(got, []int{2012, 2013, 2014}) {
		t.Errorf("YearTicks every year = %v", got)
	}
}

func TestFit(t *testing.T) {
	long := "Altman calls AI potentially “the biggest development in technology ever”"
	for _, max := range []float64{60, 120, 200} {
		got := Fit(long, 12, max)
		if TextWidth(got, 12) > max || !strings.HasSuffix(got, "…") {
			t.Errorf("Fit(%v) = %q (%v px)", max, got, TextWidth(got, 12))
		}
		// Cut between words, never after an opening quote.
		body := strings.TrimSuffix(got, "…")
		if !strings.HasPrefix(long, body) || (len(body) < len(long) && long[len(body)] != ' ') || strings.HasSuffix(body, "“") {
			t.Errorf("Fit(%v) = %q: not cut between words", max, got)
		}
	}
	if got := Fit("Short", 12, 200); got != "Short" {
		t.Errorf("a fitting text is kept: %q", got)
	}
	zh := "奥尔特曼称人工智能可能是有史以来最重大的技术发展"
	got := Fit(zh, 12, 100)
	if TextWidth(got, 12) > 100 || !strings.HasPrefix(zh, strings.TrimSuffix(got, "…")) || len([]rune(got)) < 5 {
		t.Errorf("Chinese Fit = %q", got)
	}
	if TextWidth("奥尔特曼", 12) != 48 {
		t.Errorf("a Chinese character is one em: %v", TextWidth("奥尔特曼", 12))
	}
}

// spans makes n pseudo-random spans from a fixed linear congruential
// sequence: the same every run.
func spans(n int) []Span {
	var out []Span
	x := uint32(7)
	next := func() float64 { x = x*1664525 + 1013904223; return float64(x>>8) / float64(1<<24) }
	for i := 0; i < n; i++ {
		a := next() * 900
		out = append(out, Span{X0: a, X1: a + 5 + next()*200, Rows: 1 + int(next()*1.4)})
	}
	return out
}

func TestPackRowsNeverOverlaps(t *testing.T) {
	ss := spans(200)
	const gap = 8
	rows := PackRows(ss, gap)
	for i := range ss {
		for j := i + 1; j < len(ss); j++ {
			a, b := ss[i], ss[j]
			rowsMeet := rows[i] < rows[j]+max(b.Rows, 1) && rows[j] < rows[i]+max(a.Rows, 1)
			if rowsMeet && a.X0 < b.X1+gap && b.X0 < a.X1+gap {
				t.Fatalf("spans %d %v (row %d) and %d %v (row %d) overlap", i, a, rows[i], j, b, rows[j])
			}
		}
	}
	// First fit: the first span is on top; a span clear of everything
	// before it goes on top too.
	if rows[0] != 0 {
		t.Errorf("first span in row %d", rows[0])
	}
	if got := PackRows([]Span{{0, 10, 1}, {5, 20, 2}, {40, 50, 1}}, 2); !reflect.DeepEqual(got, []int{0, 1, 0}) {
		t.Errorf("PackRows = %v", got)
	}
	if !reflect.DeepEqual(rows, PackRows(ss, gap)) {
		t.Error("PackRows is not deterministic")
	}
}

func castFixture() ([]Node, []Edge) {
	var nodes []Node
	for i := 0; i < 30; i++ {
		nodes = append(nodes, Node{ID: fmt.Sprintf("n%02d", i), Label: strings.Repeat("Name ", 1+i%3) + fmt.Sprint(i), Weight: 1 + (i*7)%13})
	}
	nodes[4].Weight, nodes[9].Weight = 40, 35
	var edges []Edge
	for i := range nodes {
		for j := i + 1; j < len(nodes); j++ {
			if (i*j)%5 == 1 || i == 4 || j == 9 {
				edges = append(edges, Edge{A: i, B: j, Weight: 1 + (i+j)%4})
			}
		}
	}
	return nodes, edges
}

func TestLayoutCast(t *testing.T) {
	nodes, edges := castFixture()
	for _, aspect := range []float64{0.62, 1.4} {
		pts := LayoutCast(nodes, edges, aspect)
		if k := overlapsByRing(pts, 3); k >= 0 {
			t.Errorf("aspect %v: labels or nodes overlap on ring %d", aspect, k)
		}
		// The most connected are in the middle.
		if pts[4].Ring != 0 || pts[9].Ring != 0 {
			t.Errorf("aspect %v: main nodes on rings %d, %d", aspect, pts[4].Ring, pts[9].Ring)
		}
		for i, p := range pts {
			if p.Ring == 2 && math.Hypot(p.X, p.Y) <= math.Hypot(pts[4].X, pts[4].Y) {
				t.Errorf("node %d on the outer ring is nearer the centre than a main node", i)
			}
			if math.IsNaN(p.X) || math.IsNaN(p.Y) {
				t.Fatalf("node %d at NaN", i)
			}
		}
		if !reflect.DeepEqual(pts, LayoutCast(nodes, edges, aspect)) {
			t.Errorf("aspect %v: layout is not deterministic", aspect)
		}
	}
	rings := Rings(nodes)
	if len(rings) != 3 || len(rings[0]) != 3 || len(rings[1]) != 9 || len(rings[2]) != 18 {
		t.Errorf("rings of %d, %d, %d", len(rings[0]), len(rings[1]), len(rings[2]))
	}
}

func TestYearsAndGaps(t *testing.T) {
	evs := []Event{
		{When: When{2012, 2013}},
		{When: When{2015.5, 2015.5}},
		{When: When{2018 + 2.0/3, 2019}, Variants: []Variant{{When: When{2018, 2018 + 1.0/3}}, {When: When{2018 + 2.0/3, 2019}}}},
		{When: When{2022.1, 2022.2}},
	}
	first, last := Years(evs)
	if first != 2012 || last != 2022 {
		t.Errorf("Years = %d–%d", first, last)
	}
	if got, want := EmptyYears(evs, first, last), [][2]int{{2013, 2014}, {2016, 2017}, {2019, 2021}}; !reflect.DeepEqual(got, want) {
		t.Errorf("EmptyYears = %v, want %v", got, want)
	}
}

func TestDrawTimeline(t *testing.T) {
	evs := []Event{
		{Title: "A day <b>", URL: "/events/a/", DateText: "21 May 2015", When: When{2015.38, 2015.38}, Class: "a"},
		{Title: "A year", URL: "/events/b/", DateText: "2016", When: When{2016, 2017}, Class: "both"},
		{Title: "Disputed", URL: "/events/c/", DateText: "2018", When: When{2018, 2019}, Class: "other",
			Variants: []Variant{{When: When{2018, 2018 + 1.0/3}, Source: "Verge"}, {When: When{2018 + 2.0/3, 2019}, Source: "WSJ"}}},
		{Title: "Approximately", URL: "/events/d/", DateText: "c. 2021", When: When{2021, 2022}, Approx: true, Class: "b"},
	}
	svg := string(DrawTimeline(Timeline{ID: "t", Title: "Title", Desc: "Desc", Events: evs, Width: 700,
		GapLabel: func(f, l int) string { return fmt.Sprintf("none %d–%d", f, l) }}))
	for _, want := range []string{
		`<title id="t-t">Title</title>`, `<desc id="t-d">Desc</desc>`,
		`<a href="/events/a/" class="mark k-a"><title>21 May 2015: A day &lt;b&gt;</title>`, // escaped
		`<circle class="dot k-a"`, `<rect class="bar k-both"`, `class="bar k-b approx"`,
		`<line class="join k-other"`, `>Verge</text>`, `>WSJ</text>`,
		`none 2019–2020`, `class="band gap"`,
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("timeline lacks %s", want)
		}
	}
	if strings.Contains(svg, "<b>") {
		t.Error("a title is not escaped")
	}
	if DrawTimeline(Timeline{}) != "" {
		t.Error("no events should draw nothing")
	}
}

func TestDrawFigures(t *testing.T) {
	svg := string(DrawFigures(Figures{ID: "f", Title: "T", Desc: "D", Scale: 1e6, Width: 600, Figures: []Figure{
		{Source: "WSJ", Value: "$44 million", URL: "/s/wsj/#p", Label: "WSJ: $44 million", Low: 44e6, High: 44e6},
		{Source: "Verge", Value: "$50–100 million", URL: "/s/verge/#p", Label: "Verge", Low: 50e6, High: 100e6},
	}}))
	for _, want := range []string{`<circle class="dot" cx=`, `class="bar range"`, `class="cap"`, `>$44 million</text>`, `>WSJ</text>`, `>100</text>`, `>0</text>`} {
		if !strings.Contains(svg, want) {
			t.Errorf("chart lacks %s", want)
		}
	}
	if DrawFigures(Figures{}) != "" {
		t.Error("a claim without figures should draw nothing")
	}
}

func TestDrawCoverage(t *testing.T) {
	svg := string(DrawCoverage(Coverage{ID: "c", Title: "T", Desc: "D",
		Columns: []Column{{Label: "WSJ"}, {Label: "AI", Class: "ai"}},
		Rows: []Row{
			{Label: "One", URL: "/e/1/", Name: "One: WSJ", Date: "2015", Cells: []int{0}, Flag: "only WSJ", FlagClass: "one"},
			{Label: "Two", URL: "/e/2/", Name: "Two: WSJ, AI", Date: "2016", Cells: []int{0, 1}},
		}}))
	if n := strings.Count(svg, `class="bar cell`); n != 3 {
		t.Errorf("%d cells, want 3", n)
	}
	if n := strings.Count(svg, `<a href`); n != 2 {
		t.Errorf("%d links, want one per row", n)
	}
	for _, want := range []string{`<title>Two: WSJ, AI</title>`, `class="bar cell ai"`, `class="flag one"`, `>only WSJ</text>`, `transform="rotate(-45`, `class="band ai"`} {
		if !strings.Contains(svg, want) {
			t.Errorf("grid lacks %s", want)
		}
	}
}

// overlapsByRing finds the same ring as comparing every pair, on crowded
// and sparse random layouts, small and large (a fixed seed: the same
// layouts every run), through its grid and, given a coordinate that is
// not a number, its sweep.
func TestOverlapsByRingSweep(t *testing.T) {
	allPairs := func(pts []Point) int {
		worst := -1
		for i, a := range pts {
			for _, b := range pts[i+1:] {
				if k := max(a.Ring, b.Ring); pointsOverlap(a, b) && (worst < 0 || k < worst) {
					worst = k
				}
			}
		}
		return worst
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	seen := map[bool]int{}
	for trial := 0; trial < 400; trial++ {
		spread := 50 + rnd.Float64()*3000
		pts := make([]Point, 2+rnd.IntN(60))
		if trial%10 == 0 {
			pts = make([]Point, 300+rnd.IntN(300)) // many to a cell of the grid
		}
		for i := range pts {
			x, y, r := rnd.Float64()*spread, rnd.Float64()*spread, 4+rnd.Float64()*10
			lx := x + r + rnd.Float64()*4 - 2
			if rnd.IntN(2) == 0 {
				lx = x - r - 60
			}
			pts[i] = Point{X: x, Y: y, R: r, Ring: rnd.IntN(4), Label: Rect{lx, y - 6, lx + 20 + rnd.Float64()*80, y + 6}}
		}
		if trial%50 == 7 {
			pts[0].X = math.NaN() // the grid gives up: the sweep
		}
		want := allPairs(pts)
		seen[want >= 0]++
		if got := overlapsByRing(pts, 4); got != want {
			t.Fatalf("trial %d: sweep says ring %d, every pair %d", trial, got, want)
		}
	}
	if seen[true] == 0 || seen[false] == 0 {
		t.Fatalf("the layouts never or always overlap (%v): the test compares too little", seen)
	}
}

// packRowsNaive is PackRows as it was: each span compared with all a
// row holds.
func packRowsNaive(spans []Span, gap float64) []int {
	var rows [][]Span
	free := func(k int, s Span) bool {
		if k >= len(rows) {
			return true
		}
		for _, o := range rows[k] {
			if s.X0 < o.X1+gap && o.X0 < s.X1+gap {
				return false
			}
		}
		return true
	}
	out := make([]int, len(spans))
	for i, s := range spans {
		h := max(s.Rows, 1)
		r := 0
		for ; ; r++ {
			ok := true
			for k := r; k < r+h && ok; k++ {
				ok = free(k, s)
			}
			if ok {
				break
			}
		}
		for len(rows) < r+h {
			rows = append(rows, nil)
		}
		for k := r; k < r+h; k++ {
			rows[k] = append(rows[k], s)
		}
		out[i] = r
	}
	return out
}

// TestPackRowsAsNaive wants the bounds' shortcuts to pack as comparing
// with everything does: spans in any order and left to right, of no
// width, touching, with and without a gap.
func TestPackRowsAsNaive(t *testing.T) {
	random := spans(3000)
	sorted := append([]Span(nil), random...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].X0 < sorted[j].X0 })
	var grid []Span // zero widths and exact touches
	for i := range 400 {
		x := float64(i % 37)
		grid = append(grid, Span{X0: x, X1: x + float64(i%3), Rows: i % 3})
	}
	nan := []Span{{math.NaN(), 5, 1}, {0, 10, 1}, {1, 2, 1}, {3, math.NaN(), 1}, {4, 6, 1}} // found in review
	// Left to right and all overlapping, a row each, as a large site's
	// timeline is; then some ending early, freeing rows in between.
	var overlapping, freeing []Span
	for i := range 2000 {
		x := float64(i) / 10
		overlapping = append(overlapping, Span{X0: x, X1: x + 500, Rows: 1})
		freeing = append(freeing, Span{X0: x, X1: x + float64(i%7)*3, Rows: 1 + i%40/39})
	}
	inf := math.Inf(1)
	infinite := []Span{{0, 1, 1}, {0, inf, 1}, {inf, inf, 1}, {2, 3, 1}, {-inf, 0, 1}, {inf, inf, 2}, {5, 6, 1}}
	for name, ss := range map[string][]Span{"random": random, "left to right": sorted, "grid": grid, "NaN": nan, "overlapping": overlapping, "freeing": freeing, "infinite": infinite} {
		for _, gap := range []float64{0, 1, 8, -2} {
			if got, want := PackRows(ss, gap), packRowsNaive(ss, gap); !reflect.DeepEqual(got, want) {
				t.Errorf("%s, gap %v: rows differ from comparing with everything", name, gap)
			}
		}
	}
}
