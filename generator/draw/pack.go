package draw

// Span is a horizontal extent that needs Rows consecutive rows.
type Span struct {
	X0, X1 float64
	Rows   int
}

// PackRows gives each span, in order, the first row from which it and
// its Rows-1 following rows hold nothing within gap of it: labels packed
// this way never overlap. It returns each span's first row.
func PackRows(spans []Span, gap float64) []int {
	var rows [][]Span // what each row holds so far
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

// Rect is an axis-aligned box.
type Rect struct{ X0, Y0, X1, Y1 float64 }

// Overlaps reports whether two boxes, each grown by pad, intersect.
func (a Rect) Overlaps(b Rect, pad float64) bool {
	return a.X0-pad < b.X1 && b.X0-pad < a.X1 && a.Y0-pad < b.Y1 && b.Y0-pad < a.Y1
}
