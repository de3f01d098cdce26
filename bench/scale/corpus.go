package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"
)

// seed is one document of the corpus the variants are made from.
type seed struct {
	name string // base name, whose extension is the format hint
	text string
}

// readSeeds reads the corpus's text, Markdown and HTML documents in UTF-8
// (not the PDFs, nor the few files in GBK: the variants rewrite bytes as
// UTF-8 text).
func readSeeds(dir string) ([]seed, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	var out []seed
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if e.IsDir() || (ext != ".txt" && ext != ".md" && ext != ".html") || strings.EqualFold(e.Name(), "README.md") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("corpus: %w", err)
		}
		if !utf8.Valid(b) {
			continue
		}
		out = append(out, seed{name: e.Name(), text: string(b)})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("corpus %s: no UTF-8 .txt, .md or .html documents", dir)
	}
	return out, nil
}

// places are swapped for one another in a variant: the same list shifted
// by the variant's number, so 上海市 becomes 江苏省 in one and 安徽省 in
// another.
var places = []string{"北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省", "上海市",
	"江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省",
	"广西壮族自治区", "海南省", "重庆市", "四川省", "贵州省", "云南省", "西藏自治区", "陕西省", "甘肃省",
	"青海省", "宁夏回族自治区", "新疆维吾尔自治区", "广州市", "杭州市", "南京市", "苏州市", "嘉兴市",
	"合肥市", "武汉市", "成都市", "海拉尔区", "浦东新区", "雄安新区"}

// replacers[i] maps every place to the one i further down the list.
var replacers = func() []*strings.Replacer {
	out := make([]*strings.Replacer, len(places))
	for shift := range places {
		var pairs []string
		for j, p := range places {
			pairs = append(pairs, p, places[(j+shift)%len(places)])
		}
		out[shift] = strings.NewReplacer(pairs...)
	}
	return out
}()

// variant returns document k of the bench library, made from seed
// k mod len(seeds): its places swapped, its years moved by up to five,
// every other figure rewritten digit by digit, and about one line in
// seven left out, so that no two variants (nor a variant and its seed)
// share their text. The first lines (title, issuer) always stay.
func variant(seeds []seed, k int) (name string, data []byte) {
	s := seeds[k%len(seeds)]
	round := k / len(seeds)
	rng := rand.New(rand.NewPCG(uint64(k), 7))
	text := replacers[(round+1)%len(places)].Replace(s.text)
	lines := strings.Split(text, "\n")
	var b strings.Builder
	b.Grow(len(text))
	yearShift := round%11 - 5
	// In a page only the text changes: a line with markup is kept whole
	// and the digits inside tags stay, or the page would no longer parse.
	html := strings.HasSuffix(s.name, ".html") || strings.HasSuffix(s.name, ".htm")
	inTag := false
	for i, l := range lines {
		if i >= 6 && rng.IntN(7) == 0 && !(html && strings.ContainsAny(l, "<>")) {
			continue
		}
		if html {
			inTag = rewriteText(&b, l, inTag, yearShift, rng)
		} else {
			rewriteFigures(&b, l, yearShift, rng)
		}
		b.WriteByte('\n')
	}
	return fmt.Sprintf("%06d_%s", k, s.name), []byte(b.String())
}

// rewriteFigures writes line with its ASCII digit runs changed: a run
// that reads as a year from 1949 to 2040 moves by yearShift, any other
// gets new random digits (a leading digit stays non-zero).
func rewriteFigures(b *strings.Builder, line string, yearShift int, rng *rand.Rand) {
	for i := 0; i < len(line); {
		c := line[i]
		if c < '0' || c > '9' {
			b.WriteByte(c)
			i++
			continue
		}
		j := i
		for j < len(line) && line[j] >= '0' && line[j] <= '9' {
			j++
		}
		run := line[i:j]
		if y, err := strconv.Atoi(run); err == nil && len(run) == 4 && y >= 1949 && y <= 2040 {
			b.WriteString(strconv.Itoa(y + yearShift))
		} else {
			for n := range len(run) {
				d := byte(rng.IntN(10))
				if n == 0 && len(run) > 1 && d == 0 {
					d = 1
				}
				b.WriteByte('0' + d)
			}
		}
		i = j
	}
}

// rewriteText is rewriteFigures for the text of a page's line, leaving
// its tags as they are; inTag says whether the line starts inside one, and
// the result whether the next does.
func rewriteText(b *strings.Builder, line string, inTag bool, yearShift int, rng *rand.Rand) bool {
	for line != "" {
		if inTag {
			k := strings.IndexByte(line, '>')
			if k < 0 {
				b.WriteString(line)
				return true
			}
			b.WriteString(line[:k+1])
			line, inTag = line[k+1:], false
			continue
		}
		k := strings.IndexByte(line, '<')
		if k < 0 {
			rewriteFigures(b, line, yearShift, rng)
			return false
		}
		rewriteFigures(b, line[:k], yearShift, rng)
		line, inTag = line[k:], true
	}
	return inTag
}

// writeVariants writes variants from..to-1 into dir, a thousand per
// subdirectory, and returns their total size in bytes.
func writeVariants(dir string, seeds []seed, from, to int) (int64, error) {
	var total int64
	for k := from; k < to; k++ {
		sub := filepath.Join(dir, fmt.Sprintf("%03d", k/1000))
		if k%1000 == 0 || k == from {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				return 0, err
			}
		}
		name, data := variant(seeds, k)
		if err := os.WriteFile(filepath.Join(sub, name), data, 0o644); err != nil {
			return 0, err
		}
		total += int64(len(data))
	}
	return total, nil
}
