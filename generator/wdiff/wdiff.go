// Package wdiff computes a word-level difference between two wordings of
// one quotation. Words are aligned on a normalised form (case, curly and
// straight quotes, dashes and surrounding punctuation ignored) and shown
// in their original form.
package wdiff

import (
	"strings"
	"unicode"

	"github.com/dossier-ssg/dossier/generator/quote"
)

// Op says what happened to a word between the two versions.
type Op int

const (
	// Same words appear in both versions.
	Same Op = iota
	// Del words appear only in the first version.
	Del
	// Ins words appear only in the second version.
	Ins
)

// Part is a run of words with one Op.
type Part struct {
	Op   Op
	Text string
}

func key(w string) string {
	w = strings.ToLower(quote.Key(w))
	return strings.TrimFunc(w, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) && r != '$' && r != '%' })
}

// Diff returns the parts that turn a into b.
func Diff(a, b string) []Part {
	aw, bw := strings.Fields(a), strings.Fields(b)
	ak := make([]string, len(aw))
	bk := make([]string, len(bw))
	for i, w := range aw {
		ak[i] = key(w)
	}
	for i, w := range bw {
		bk[i] = key(w)
	}
	// Longest common subsequence; quotations are short, O(n·m) is fine.
	n, m := len(ak), len(bk)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if ak[i] == bk[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var parts []Part
	add := func(op Op, w string) {
		if len(parts) > 0 && parts[len(parts)-1].Op == op {
			parts[len(parts)-1].Text += " " + w
			return
		}
		parts = append(parts, Part{op, w})
	}
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case ak[i] == bk[j]:
			add(Same, bw[j])
			i++
			j++
		case lcs[i+1][j] >= lcs[i][j+1]:
			add(Del, aw[i])
			i++
		default:
			add(Ins, bw[j])
			j++
		}
	}
	for ; i < n; i++ {
		add(Del, aw[i])
	}
	for ; j < m; j++ {
		add(Ins, bw[j])
	}
	return parts
}

// Similarity is the share of words the two versions have in common.
func Similarity(a, b string) float64 {
	parts := Diff(a, b)
	same, total := 0, 0
	for _, p := range parts {
		n := len(strings.Fields(p.Text))
		total += n
		if p.Op == Same {
			same += 2 * n
			total += n
		}
	}
	if total == 0 {
		return 1
	}
	return float64(same) / float64(total)
}
