package ingest

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// commonHan holds the most frequent characters of modern Chinese in both
// scripts. Legacy decodings of the wrong charset still produce valid Han
// characters, just rare ones, so the share of these tells the right
// decoding from the wrong one.
var commonHan = func() map[rune]bool {
	const simplified = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"
	// Traditional forms of the characters above that differ (OpenCC
	// STCharacters), for Big5 text.
	const traditional = "瞭這爲個箇國時來們於齣對會發髮動衕過說產種麪後學經進傢電裏現實兩體製機當噹點從業應開牠閤還義錶間樣與關線內數麼質氣嚮曏變條隻祇沒結問無係繫軍並併題黨員總設長頭資邊級圖統較將組見計別彆論運農幾區強決幹乾戰迴則據處隊給門規熱領東導壓誌爭濟階術朮極聯認權證証採寀轉單風帶場車務萬達積議聲報鬥類離華確纔張馬節話況溫傳許羣廣記觀織裝衆書佈復複覆兒須鬚際驗連斷難礦韆週賙備辦習響約勞團糰痠歷曆剋構稱準號維劃選標寫親養層卻專狀廠識適屬圓調滿縣侷參蔘紅細聽該鐵價嚴為"
	m := make(map[rune]bool, 800)
	for _, r := range simplified + traditional {
		m[r] = true
	}
	return m
}()

// sampleSize bounds the bytes scored per candidate charset: the decision
// is made on a prefix, the winner then decodes the whole input.
const sampleSize = 64 << 10

// decodeCharset returns data as UTF-8 text and the name of the charset it
// was read in. declared is a charset label found in the document itself
// (HTML meta, XML declaration), or "".
func decodeCharset(data []byte, declared string) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")):
		return toValidUTF8(data[3:]), "utf-8", nil
	case bytes.HasPrefix(data, []byte("\xFF\xFE")):
		return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), data), "utf-16le", nil
	case bytes.HasPrefix(data, []byte("\xFE\xFF")):
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), data), "utf-16be", nil
	}
	if looksBinary(data) {
		return "", "", fmt.Errorf("%w: NUL bytes or control characters", ErrBinary)
	}
	sample := data
	if len(sample) > sampleSize {
		sample = sample[:sampleSize]
		// Do not judge UTF-8 validity on a rune cut in half.
		for i := 0; i < utf8.UTFMax && len(sample) > 0 && !utf8.RuneStart(data[len(sample)]); i++ {
			sample = sample[:len(sample)-1]
		}
	}
	// Valid UTF-8 wins even over a declaration: pages labelled gb2312 but
	// saved as UTF-8 are common, while GBK or Big5 bytes that happen to be
	// valid UTF-8 over a whole sample are practically nonexistent.
	if utf8.Valid(sample) {
		if len(sample) == len(data) {
			// The sample was all of it: toValidUTF8 would check it again.
			return string(data), "utf-8", nil
		}
		return toValidUTF8(data), "utf-8", nil
	}
	type candidate struct {
		name  string
		enc   encoding.Encoding
		score float64
	}
	cands := []candidate{
		{name: "gb18030", enc: simplifiedchinese.GB18030},
		{name: "big5", enc: traditionalchinese.Big5},
		{name: "utf-8"},
	}
	if declared != "" {
		if enc, err := htmlindex.Get(declared); err == nil {
			name, _ := htmlindex.Name(enc)
			switch name {
			case "gbk", "gb18030":
				// GB18030 is a superset of GBK and GB2312.
				cands[0].score += 0.05
			case "big5":
				cands[1].score += 0.05
			case "utf-8":
				cands[2].score += 0.05
			default:
				if name != "" && !strings.HasPrefix(name, "utf-16") {
					cands = append(cands, candidate{name: name, enc: enc, score: 0.05})
				}
			}
		}
	}
	best := -1
	for i := range cands {
		var text string
		if cands[i].enc == nil {
			text = strings.ToValidUTF8(string(sample), "\uFFFD")
		} else {
			text = decodeWith(cands[i].enc, sample)
		}
		cands[i].score += scoreText(text)
		if best < 0 || cands[i].score > cands[best].score {
			best = i
		}
	}
	c := cands[best]
	var text string
	if c.enc == nil {
		text = toValidUTF8(data)
	} else {
		text = decodeWith(c.enc, data)
	}
	if !mostlyText(text) {
		return "", "", fmt.Errorf("%w: no charset yields readable text", ErrBinary)
	}
	return text, c.name, nil
}

// scoreText rates how plausible a decoding is: the share of common Han
// characters among Han characters rewards the right Chinese charset, and
// replacement, control and private-use characters punish wrong ones.
func scoreText(s string) float64 {
	var total, han, common, bad int
	for _, r := range s {
		total++
		switch {
		case r == utf8.RuneError:
			bad++
		case r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f':
			bad++
		case r >= 0xE000 && r <= 0xF8FF, r >= 0x80 && r < 0xA0:
			bad++
		case isHan(r):
			han++
			if commonHan[r] {
				common++
			}
		}
	}
	if total == 0 {
		return 0
	}
	score := -4 * float64(bad) / float64(total)
	if han > 0 {
		score += float64(common) / float64(han)
	}
	return score
}

// looksBinary rejects data that no text encoding explains: NUL bytes (text
// in UTF-16 was handled by its BOM) or many C0 control bytes.
func looksBinary(data []byte) bool {
	head := data
	if len(head) > 8192 {
		head = head[:8192]
	}
	ctl := 0
	for _, c := range head {
		switch {
		case c == 0:
			return true
		case c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b:
			ctl++
		}
	}
	return ctl*20 > len(head)
}

// mostlyText accepts decoded text whose runes are mostly printable.
func mostlyText(s string) bool {
	var total, bad int
	for i, r := range s {
		if i > 1<<20 {
			break
		}
		total++
		if r == utf8.RuneError || r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f' || r >= 0x7f && r < 0xa0 || r >= 0xE000 && r <= 0xF8FF {
			bad++
		}
	}
	return bad*4 < total
}

func decodeWith(enc encoding.Encoding, data []byte) string {
	// The x/text decoders substitute U+FFFD for invalid sequences and do
	// not fail; an error here would be a bug, so fall back to lossy UTF-8.
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return toValidUTF8(data)
	}
	return string(out)
}

func toValidUTF8(data []byte) string {
	if utf8.Valid(data) {
		return string(data)
	}
	return strings.ToValidUTF8(string(data), "\uFFFD")
}

// declaredCharset finds a charset label in the first bytes of an HTML or
// XML document: <meta charset=…>, <meta http-equiv content="…charset=…">
// or <?xml … encoding="…"?>.
func declaredCharset(data []byte) string {
	head := data
	if len(head) > 4096 {
		head = head[:4096]
	}
	lower := bytes.ToLower(head)
	for _, key := range []string{"charset", "encoding"} {
		off := 0
		for {
			i := bytes.Index(lower[off:], []byte(key))
			if i < 0 {
				break
			}
			j := off + i + len(key)
			off = j
			for j < len(lower) && (lower[j] == ' ' || lower[j] == '\t') {
				j++
			}
			if j >= len(lower) || lower[j] != '=' {
				continue
			}
			j++
			for j < len(lower) && (lower[j] == ' ' || lower[j] == '"' || lower[j] == '\'') {
				j++
			}
			k := j
			for k < len(lower) && (lower[k] == '-' || lower[k] == '_' || lower[k] >= 'a' && lower[k] <= 'z' || lower[k] >= '0' && lower[k] <= '9') {
				k++
			}
			if k > j {
				return string(lower[j:k])
			}
		}
	}
	return ""
}
