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
		}
		out[i] = r
	}
	return out
}

// Rect is an axis-aligned box.
type Rect struct{ X0, Y0, X1, Y1 float64 }

// Overlaps reports whether two boxes, each grown by pad, intersect.
func (a Rect) Overlaps(b Rect, pad float64) bool {
	return a.X0-pad < b.X1 && b.X0-pad < a.X1 && a.Y0-pad < b.Y1 && b.Y0-pad < a.Y1
}
