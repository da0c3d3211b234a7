package search

import (
	"reflect"
	"strings"
	"testing"
)

// tokenCases are shared with TestScriptTokenizerAgrees: search.js must
// produce the same tokens.
var tokenCases = []struct{ in, want string }{
	// English: case, stemming, stop words, possessives, figures.
	{"Elon Musk", "elon musk"},
	{"The founders of OpenAI", "founder openai"},
	{"Musk's emails were released", "musk email releas"},
	{"funding, founded, companies", "fund found company"},
	{"$97.4 billion", "97.4 billion"},
	{"$1,000,000 in 2015", "1000000 2015"},
	{"Feb. 14, 2025", "feb 14 2025"},
	{"co-founder and CEO", "co founder ceo"},
	{"the 0% email", "0 email"},
	{"classes boss is", "class boss"},
	{"inauguration inaugurated", "inaugurat inaugurat"},
	{"withdrawn withdraws", "withdraw withdraw"},
	// Accents and full-width forms fold.
	{"Zoë Déjà-vu", "zoe deja vu"},
	{"ＯｐｅｎＡＩ　ＣＥＯ", "openai ceo"},
	{"Ｍｕｓｋ１２３", "musk123"},
	// Chinese: single characters and pairs; Latin words inside.
	{"马斯克", "马斯 斯克 克"},
	{"星际之门", "星际 际之 之门 门"},
	{"马斯克出价974亿美元", "马斯 斯克 克出 出价 价 974 亿美 美元 元"},
	{"OpenAI的首席执行官", "openai 的首 首席 席执 执行 行官 官"},
	{"“骗子奥尔特曼”", "骗子 子奥 奥尔 尔特 特曼 曼"},
	{"奥尔特曼，马斯克", "奥尔 尔特 特曼 曼 马斯 斯克 克"},
}

func TestTokens(t *testing.T) {
	for _, c := range tokenCases {
		if got := strings.Join(Tokens(c.in), " "); got != c.want {
			t.Errorf("Tokens(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestQueryTerms(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []Term
	}{
		{"musk", []Term{{Token: "musk", Prefix: "musk"}}},
		{"musk ", []Term{{Token: "musk"}}},
		{"Musk wanted to be CEO", []Term{{Token: "musk"}, {Token: "want"}, {Token: "ceo", Prefix: "ceo"}}},
		{`"jackass"`, []Term{{Token: "jackass"}}},
		{"foun", []Term{{Token: "foun", Prefix: "foun"}}},
		{"m", []Term{{Token: "m"}}},
		{"马", []Term{{Token: "马", Prefix: "马"}}},
		{"马斯克", []Term{{Token: "马斯"}, {Token: "斯克"}}},
		{"马斯克 OpenAI", []Term{{Token: "马斯"}, {Token: "斯克"}, {Token: "openai", Prefix: "openai"}}},
		{"974亿", []Term{{Token: "974"}, {Token: "亿", Prefix: "亿"}}},
		{"ＯｐｅｎＡＩ 马斯克", []Term{{Token: "openai"}, {Token: "马斯"}, {Token: "斯克"}}},
		{"the ", nil},
	} {
		if got := QueryTerms(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("QueryTerms(%q) = %+v, want %+v", c.in, got, c.want)
		}
	}
}

func TestShardOfPrefixes(t *testing.T) {
	// Every token a typed prefix can match lives in the prefix's shard.
	for _, n := range []int{1, 7, 64} {
		for _, c := range [][2]string{{"fo", "founder"}, {"fou", "foundation"}, {"马", "马斯"}, {"97", "97.4"}} {
			if ShardOf(c[0], n) != ShardOf(c[1], n) {
				t.Errorf("n=%d: %q in shard %d, %q in %d", n, c[0], ShardOf(c[0], n), c[1], ShardOf(c[1], n))
			}
		}
	}
}
