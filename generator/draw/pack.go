package draw

import "math"

// Span is a horizontal extent that needs Rows consecutive rows.
type Span struct {
	X0, X1 float64
	Rows   int
}

// PackRows gives each span, in order, the first row from which it and
// its Rows-1 following rows hold nothing within gap of it: labels packed
// this way never overlap. It returns each span's first row.
//
// Each row keeps the bounds of what it holds, which settle most tests
// at once: a span starting left of every end is clear of the row only
// if it ends left of every start, and the other way round; only a span
// that reaches into the row from neither side is compared with each
// thing in it. A timeline's events come left to right, so that is rare
// (a timeline of 7,000 events compared each with a whole row).
//
// When every row's spans start before the span ends, which is so for
// spans that come left to right, a row is free exactly when its last
// end (maxX1) is far enough left, and the first such row is found in a
// tree of the rows' ends (firstFree) rather than by trying each row:
// 7,000 events that all overlap took 7,000 rows, and trying them was
// 25 million tests per picture.
func PackRows(spans []Span, gap float64) []int {
	type row struct {
		spans        []Span
		minX0, maxX0 float64
		minX1, maxX1 float64
		nan          bool // a span's X0 or X1 is NaN: the bounds say nothing
	}
	var rows []row // what each row holds so far
	free := func(k int, s Span) bool {
		if k >= len(rows) {
			return true
		}
		r := &rows[k]
		// s meets o when s.X0 < o.X1+gap && o.X0 < s.X1+gap. Adding gap
		// keeps order, so the bounds answer for all o at once when one
		// of the two holds for every o; not when a bound is NaN (a span
		// of the row has one), which no comparison orders.
		if !r.nan {
			if r.maxX0 < s.X1+gap {
				return !(s.X0 < r.maxX1+gap)
			}
			if s.X0 < r.minX1+gap {
				return !(r.minX0 < s.X1+gap)
			}
		}
		for _, o := range r.spans {
			if s.X0 < o.X1+gap && o.X0 < s.X1+gap {
				return false
			}
		}
		return true
	}
	out := make([]int, len(spans))
	leaves := 0 // at most this many rows
	for _, s := range spans {
		leaves += max(s.Rows, 1)
	}
	ends := newMinTree(leaves)
	maxX0, nan := math.Inf(-1), false // over all rows
	for i, s := range spans {
		h := max(s.Rows, 1)
		r := 0
		if h == 1 && !nan && maxX0 < s.X1+gap && !math.IsNaN(s.X0) {
			// Every row's starts are left of s's end (+gap): a row is free
			// when s starts at or right of its ends (+gap), as free says.
			r = ends.firstAtMost(s.X0, gap, len(rows))
		} else {
			for ; ; r++ {
				ok := true
				for k := r; k < r+h && ok; k++ {
					ok = free(k, s)
				}
				if ok {
					break
				}
			}
		}
		for len(rows) < r+h {
			rows = append(rows, row{})
		}
		for k := r; k < r+h; k++ {
			w := &rows[k]
			if len(w.spans) == 0 {
				w.minX0, w.maxX0, w.minX1, w.maxX1 = s.X0, s.X0, s.X1, s.X1
			} else {
				w.minX0, w.maxX0 = min(w.minX0, s.X0), max(w.maxX0, s.X0)
				w.minX1, w.maxX1 = min(w.minX1, s.X1), max(w.maxX1, s.X1)
			}
			w.nan = w.nan || math.IsNaN(s.X0) || math.IsNaN(s.X1)
			w.spans = append(w.spans, s)
			ends.set(k, w.maxX1)
			maxX0, nan = max(maxX0, s.X0), nan || w.nan
		}
		out[i] = r
	}
	return out
}

// minTree holds a value per row, +Inf for a row not yet made, and finds
// the first row whose value is far enough left.
type minTree struct {
	n   int       // leaves, a power of two
	min []float64 // node i's children are 2i and 2i+1; leaves from n
}

func newMinTree(rows int) *minTree {
	n := 1
	for n < rows {
		n *= 2
	}
	t := &minTree{n: n, min: make([]float64, 2*n)}
	for i := range t.min {
		t.min[i] = math.Inf(1)
	}
	return t
}

func (t *minTree) set(row int, v float64) {
	i := t.n + row
	t.min[i] = v
	for i /= 2; i > 0; i /= 2 {
		t.min[i] = min(t.min[2*i], t.min[2*i+1])
	}
}

// firstAtMost is the first row whose value v has !(x < v+gap), or made
// if there is none (the next row). Adding gap keeps order, so a subtree
// holds such a row exactly when its least value is one.
func (t *minTree) firstAtMost(x, gap float64, made int) int {
	if x < t.min[1]+gap {
		return made
	}
	i := 1
	for i < t.n {
		if !(x < t.min[2*i]+gap) {
			i = 2 * i
		} else {
			i = 2*i + 1
		}
	}
	return i - t.n
}

// Rect is an axis-aligned box.
type Rect struct{ X0, Y0, X1, Y1 float64 }

// Overlaps reports whether two boxes, each grown by pad, intersect.
func (a Rect) Overlaps(b Rect, pad float64) bool {
	return a.X0-pad < b.X1 && b.X0-pad < a.X1 && a.Y0-pad < b.Y1 && b.Y0-pad < a.Y1
}
