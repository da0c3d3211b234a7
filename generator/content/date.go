package content

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Precision says how much of a date is known.
type Precision int

const (
	// Year means only the year is known ("2015", "late 2018").
	Year Precision = iota + 1
	// Month means year and month are known ("May 2015").
	Month
	// Day means the full date is known ("21 January 2025").
	Day
)

func (p Precision) String() string {
	switch p {
	case Year:
		return "year"
	case Month:
		return "month"
	case Day:
		return "day"
	}
	return "unknown"
}

// Date is a date as precise as the sources make it, no more.
type Date struct {
	Year, Month, Day int
	Precision        Precision
	Part             string // early, mid or late, with year precision
	Approximate      bool
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d.Precision == 0 }

// ParseDate reads "YYYY", "YYYY-MM" or "YYYY-MM-DD" (the form is the
// precision). It also takes what YAML makes of an unquoted date or year.
func ParseDate(v any) (Date, error) {
	switch v := v.(type) {
	case time.Time:
		return Date{Year: v.Year(), Month: int(v.Month()), Day: v.Day(), Precision: Day}, nil
	case int:
		return ParseDate(strconv.Itoa(v))
	case string:
		s := strings.TrimSpace(v)
		if len(s) > 10 && (s[10] == 'T' || s[10] == ' ') {
			if t, err := time.Parse(time.RFC3339, s); err == nil {
				return ParseDate(t)
			}
			s = s[:10]
		}
		parts := strings.Split(s, "-")
		if len(parts) > 3 {
			break
		}
		nums := make([]int, len(parts))
		for i, p := range parts {
			want := 2
			if i == 0 {
				want = 4
			}
			n, err := strconv.Atoi(p)
			if err != nil || len(p) != want {
				return Date{}, fmt.Errorf("%q is not a date", v)
			}
			nums[i] = n
		}
		d := Date{Year: nums[0], Precision: Precision(len(nums))}
		if len(nums) > 1 {
			d.Month = nums[1]
			if d.Month < 1 || d.Month > 12 {
				return Date{}, fmt.Errorf("%q has no month %d", v, d.Month)
			}
		}
		if len(nums) > 2 {
			d.Day = nums[2]
			t := time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
			if t.Day() != d.Day {
				return Date{}, fmt.Errorf("%q is not a day of the calendar", v)
			}
		}
		return d, nil
	}
	return Date{}, fmt.Errorf("%v is not a date", v)
}

// Key sorts dates chronologically; a year-only date sorts by its part.
// It is a number (year, month, day as digits: 2015-12-11 is 20151211),
// as it is compared in sorts thousands of times a build.
func (d Date) Key() int {
	m, day := d.Month, d.Day
	if d.Precision == Year {
		switch d.Part {
		case "early":
			m = 1
		case "mid":
			m = 6
		case "late":
			m = 10
		default:
			m = 0
		}
	}
	return d.Year*10000 + m*100 + day
}

// ISO returns the date in ISO 8601 form at its own precision.
func (d Date) ISO() string {
	switch d.Precision {
	case Year:
		return fmt.Sprintf("%04d", d.Year)
	case Month:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	case Day:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
	return ""
}

var monthNames = []string{"", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// Format writes the date for readers of lang at its precision:
// "2015", "late 2018", "May 2015", "21 January 2025"; in Chinese
// "2015年", "2018年末", "2015年5月", "2025年1月21日".
func (d Date) Format(lang string) string {
	if d.IsZero() {
		return ""
	}
	var s string
	if lang == "zh" {
		switch d.Precision {
		case Year:
			s = fmt.Sprintf("%d年", d.Year)
			switch d.Part {
			case "early":
				s += "初"
			case "mid":
				s += "年中"
			case "late":
				s += "末"
			}
		case Month:
			s = fmt.Sprintf("%d年%d月", d.Year, d.Month)
		case Day:
			s = fmt.Sprintf("%d年%d月%d日", d.Year, d.Month, d.Day)
		}
		if d.Approximate {
			s = "约" + s
		}
		return s
	}
	switch d.Precision {
	case Year:
		s = strconv.Itoa(d.Year)
		if d.Part != "" {
			s = d.Part + " " + s
			if d.Part == "mid" {
				s = "mid-" + strconv.Itoa(d.Year)
			}
		}
	case Month:
		s = monthNames[d.Month] + " " + strconv.Itoa(d.Year)
	case Day:
		s = fmt.Sprintf("%d %s %d", d.Day, monthNames[d.Month], d.Year)
	}
	if d.Approximate {
		s = "c. " + s
	}
	return s
}
