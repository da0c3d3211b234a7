package quote

import "testing"

func TestFind(t *testing.T) {
	text := "Musk wrote: “I will no longer fund OpenAI” — and left… He said it's over. Musk wrote again."
	tests := []struct {
		name string
		sel  Selector
		want []string
	}{
		{"exact", Selector{Exact: "I will no longer fund OpenAI"}, []string{"I will no longer fund OpenAI"}},
		{"straight quotes match curly", Selector{Exact: `"I will no longer fund OpenAI"`}, []string{"“I will no longer fund OpenAI”"}},
		{"hyphen matches em dash", Selector{Exact: "OpenAI\" - and left..."}, []string{"OpenAI” — and left…"}},
		{"whitespace collapsed", Selector{Exact: "He  said\nit's over"}, []string{"He said it's over"}},
		{"curly apostrophe matches straight", Selector{Exact: "it’s over"}, []string{"it's over"}},
		{"case is exact", Selector{Exact: "he said"}, nil},
		{"spelling is exact", Selector{Exact: "I will no longer fund OpenAl"}, nil},
		{"ambiguous", Selector{Exact: "Musk wrote"}, []string{"Musk wrote", "Musk wrote"}},
		{"prefix singles out", Selector{Exact: "Musk wrote", Prefix: "over."}, []string{"Musk wrote"}},
		{"suffix singles out", Selector{Exact: "Musk wrote", Suffix: ": “I"}, []string{"Musk wrote"}},
		{"wrong prefix", Selector{Exact: "Musk wrote", Prefix: "nothing"}, nil},
	}
	n := Normalize(text)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Find(n, tc.sel)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d matches %v, want %d", len(got), got, len(tc.want))
			}
			for i, r := range got {
				if s := text[r.Start:r.End]; s != tc.want[i] {
					t.Errorf("match %d = %q, want %q", i, s, tc.want[i])
				}
			}
		})
	}
}

func TestClosest(t *testing.T) {
	got, score := Closest("Lovelace wrote the second program", "Ada met Babbage in London. Lovelace wrote the first program.")
	if got != "Lovelace wrote the first program." || score < 0.5 {
		t.Errorf("Closest = %q, %.2f", got, score)
	}
}

func TestUnwrap(t *testing.T) {
	if s, ok := Unwrap("“words here”"); !ok || s != "words here" {
		t.Errorf("Unwrap = %q, %v", s, ok)
	}
	if _, ok := Unwrap("no quotes"); ok {
		t.Error("unwrapped a string without quotes")
	}
}
