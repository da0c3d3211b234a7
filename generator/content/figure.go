package content

import (
	"math"
	"regexp"
)

// Figure is the number a claim's version gives, so the versions can be
// drawn on one axis: a single amount (Low == High) or a range, in a unit.
type Figure struct {
	Low, High float64
	Unit      string // e.g. USD
}

// IsRange reports whether the figure is a range rather than one amount.
func (f *Figure) IsRange() bool { return f != nil && f.High > f.Low }

// unitRe is the form of a unit: an ISO 4217 currency code (USD) or a
// plain lower-case word (people, percent).
var unitRe = regexp.MustCompile(`^([A-Z]{3}|[a-z][a-z-]*)$`)

// figure decodes the optional amount, range and unit keys of a claim's
// version. A version without them has no figure and draws nothing.
func (cf *Fields) figure() *Figure {
	cf.seen["amount"], cf.seen["range"], cf.seen["unit"] = true, true, true
	amount, hasAmount := cf.m["amount"]
	rng, hasRange := cf.m["range"]
	unit := cf.str("unit")
	if !hasAmount && !hasRange {
		if unit != "" {
			cf.d.ErrAt(cf.at("unit"), "give the number too, e.g. amount: 44000000, or remove unit", "unit without amount or range")
		}
		return nil
	}
	if hasAmount && hasRange {
		cf.d.ErrAt(cf.at("range"), "give either amount: (one figure) or range: [low, high], not both", "version has both amount and range")
		return nil
	}
	f := &Figure{Unit: unit}
	ok := true
	numKey := "amount"
	if hasRange {
		numKey = "range"
	}
	if hasAmount {
		v, isNum := number(amount)
		if !isNum {
			cf.d.ErrAt(cf.at("amount"), "write the figure as a plain number without a currency sign or commas, e.g. amount: 44000000", "amount must be a number, not %s", typeName(amount))
			ok = false
		}
		f.Low, f.High = v, v
	} else {
		list, isList := rng.([]any)
		var lo, hi float64
		okLo, okHi := false, false
		if isList && len(list) == 2 {
			lo, okLo = number(list[0])
			hi, okHi = number(list[1])
		}
		switch {
		case !okLo || !okHi:
			cf.d.ErrAt(cf.at("range"), "write the low and high figures as two plain numbers, e.g. range: [50000000, 100000000]", "range must be a list of two numbers")
			ok = false
		case lo >= hi:
			cf.d.ErrAt(cf.at("range"), "put the lower figure first; for one figure use amount:", "range [%g, %g] does not go from low to high", lo, hi)
			ok = false
		}
		f.Low, f.High = lo, hi
	}
	switch {
	case unit == "":
		cf.d.ErrAt(cf.at(numKey), "say what the number counts, e.g. unit: USD", "%s has no unit", numKey)
		ok = false
	case !unitRe.MatchString(unit):
		cf.d.ErrAt(cf.at("unit"), "use a currency code such as USD, or a lower-case word such as people", "unit %q is not a currency code or a word", unit)
		ok = false
	}
	if !ok {
		return nil
	}
	return f
}

// number reads a YAML number as a finite float.
func number(v any) (float64, bool) {
	var f float64
	switch v := v.(type) {
	case int:
		f = float64(v)
	case int64:
		f = float64(v)
	case uint64:
		f = float64(v)
	case float64:
		f = v
	default:
		return 0, false
	}
	return f, !math.IsNaN(f) && !math.IsInf(f, 0)
}
