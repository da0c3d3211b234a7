package draw

import (
	"math"
	"testing"
)

func TestSpread(t *testing.T) {
	for _, c := range []struct {
		centres, widths, want []float64
	}{
		{[]float64{10, 100}, []float64{20, 20}, []float64{10, 100}},   // apart: unmoved
		{[]float64{100, 104}, []float64{20, 30}, []float64{100, 131}}, // close: the second moves right
		{[]float64{104, 100}, []float64{30, 20}, []float64{131, 100}}, // input order kept
		{[]float64{50, 50, 50}, []float64{10, 10, 10}, []float64{50, 66, 82}},
	} {
		got := Spread(c.centres, c.widths, 6)
		for i := range got {
			if math.Abs(got[i]-c.want[i]) > 1e-9 {
				t.Errorf("Spread(%v, %v) = %v, want %v", c.centres, c.widths, got, c.want)
				break
			}
		}
	}
}
