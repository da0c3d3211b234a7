package draw

import (
	"math"
	"strconv"
	"strings"
	"unicode"
)

// Linear maps the domain [D0, D1] onto the range [R0, R1].
type Linear struct{ D0, D1, R0, R1 float64 }

// At returns the position of v.
func (s Linear) At(v float64) float64 {
	if s.D1 == s.D0 {
		return s.R0
	}
	return s.R0 + (v-s.D0)/(s.D1-s.D0)*(s.R1-s.R0)
}

// NiceTicks returns about n round values (steps of 1, 2, 2.5 or 5 times a
// power of ten) from lo to at least hi, starting at a multiple of the
// step at or below lo.
func NiceTicks(lo, hi float64, n int) []float64 {
	if n < 1 || !(hi > lo) {
		return []float64{lo}
	}
	raw := (hi - lo) / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := 10 * mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	start := math.Floor(lo/step) * step
	var out []float64
	for i := 0; ; i++ {
		v := start + float64(i)*step
		out = append(out, v)
		if v >= hi-step*1e-9 {
			break
		}
	}
	return out
}

// YearStep is how many years apart labelled ticks must be for labels of
// minPx to fit at pxPerYear: 1, 2, 5, 10, 20, 50…
func YearStep(pxPerYear, minPx float64) int {
	for _, s := range []int{1, 2, 5, 10, 20, 50, 100} {
		if float64(s)*pxPerYear >= minPx {
			return s
		}
	}
	return 100
}

// YearTicks are the years from first to last (inclusive) that carry a
// label, every step years, aligned to multiples of step so the same year
// is labelled however far the axis reaches.
func YearTicks(first, last, step int) []int {
	if step < 1 {
		step = 1
	}
	var out []int
	for y := first; y <= last; y++ {
		if y%step == 0 || step == 1 {
			out = append(out, y)
		}
	}
	return out
}

// TextWidth estimates the width in pixels of s set at size px in a
// proportional sans-serif: wide (CJK) characters take a full em, Latin
// capitals and digits more than lower case. It errs on the wide side so
// labels placed apart by it never touch.
func TextWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case r >= 0x2E80 || unicode.Is(unicode.Han, r):
			w += 1.0
		case r == ' ' || r == '.' || r == ',' || r == '\'' || r == 'i' || r == 'l' || r == 'j' || r == '|' || r == '’':
			w += 0.3
		case r == 'm' || r == 'w' || r == 'M' || r == 'W' || r == '%':
			w += 0.9
		case unicode.IsUpper(r):
			w += 0.72
		case unicode.IsDigit(r) || r == '$':
			w += 0.64
		default:
			w += 0.6
		}
	}
	return w * size
}

// Fit shortens s with an ellipsis so that it is at most max pixels wide
// at size px. It cuts between words where words are spaced (Chinese is
// not: any character will do), and leaves no opening quote, comma or
// dash before the ellipsis.
func Fit(s string, size, max float64) string {
	if TextWidth(s, size) <= max {
		return s
	}
	r := []rune(s)
	try := func(n int) (string, bool) {
		t := strings.TrimRightFunc(string(r[:n]), func(c rune) bool {
			return unicode.IsSpace(c) || strings.ContainsRune(",:;“‘\"'(—–-、，：；（《", c)
		})
		if t == "" {
			return "", false
		}
		t += "…"
		return t, TextWidth(t, size) <= max
	}
	for n := len(r) - 1; n > 0; n-- {
		if r[n] == ' ' {
			if t, ok := try(n); ok {
				return t
			}
		}
	}
	for n := len(r) - 1; n > 0; n-- {
		if t, ok := try(n); ok {
			return t
		}
	}
	return "…"
}

// num writes a coordinate with at most one decimal, so output is short
// and the same on every machine.
func num(v float64) string {
	v = math.Round(v*10) / 10
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
