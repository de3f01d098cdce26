package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"math/rand"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

func encode(t testing.TB, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const sampleSimplified = "关于推进长三角区域一体化发展的实施方案\n一、总体要求\n到2025年，全市地区生产总值达到1.2万亿元，年均增长6%左右。\n（一）加快建设现代化产业体系，推动制造业高质量发展。"

const sampleTraditional = "關於推進長三角區域一體化發展的實施方案\n一、總體要求\n到2025年，全市地區生產總值達到1.2萬億元，年均增長6%左右。\n（一）加快建設現代化產業體系，推動製造業高質量發展。"

func TestDecodeText(t *testing.T) {
	tests := []struct {
		name        string
		data        []byte
		charset     string
		text        string // expected Text
		original    string // expected Original, "" to skip
		traditional bool
	}{
		{"utf8", []byte(sampleSimplified), "utf-8", sampleSimplified, sampleSimplified, false},
		{"utf8 bom crlf", []byte("\xEF\xBB\xBF" + strings.ReplaceAll(sampleSimplified, "\n", "\r\n")), "utf-8", sampleSimplified, "", false},
		{"gbk crlf", encode(t, simplifiedchinese.GBK, strings.ReplaceAll(sampleSimplified, "\n", "\r\n")), "gb18030", sampleSimplified, sampleSimplified, false},
		{"gb18030", encode(t, simplifiedchinese.GB18030, sampleSimplified), "gb18030", sampleSimplified, "", false},
		{"big5", encode(t, traditionalchinese.Big5, sampleTraditional), "big5", "", sampleTraditional, true},
		{"utf16le", encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), sampleSimplified), "utf-16le", sampleSimplified, "", false},
		{"utf16be", encode(t, unicode.UTF16(unicode.BigEndian, unicode.UseBOM), sampleSimplified), "utf-16be", sampleSimplified, "", false},
		{"fullwidth", []byte("到２０２５年，增长６．５％，ＧＤＰ达到　１万亿元"), "utf-8", "到2025年，增长6.5%，GDP达到 1万亿元", "到２０２５年，增长６．５％，ＧＤＰ达到　１万亿元", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Decode(context.Background(), tc.name+".txt", tc.data)
			if err != nil {
				t.Fatal(err)
			}
			if doc.Format != "text" || doc.Charset != tc.charset {
				t.Errorf("format %q charset %q, want text %q", doc.Format, doc.Charset, tc.charset)
			}
			if tc.text != "" && doc.Text != tc.text {
				t.Errorf("Text = %q\nwant   %q", doc.Text, tc.text)
			}
			if tc.original != "" && doc.Original != tc.original {
				t.Errorf("Original = %q\nwant       %q", doc.Original, tc.original)
			}
			if doc.Traditional != tc.traditional {
				t.Errorf("Traditional = %v", doc.Traditional)
			}
			checkParallel(t, doc)
		})
	}
}

func TestDecodeBig5Simplifies(t *testing.T) {
	doc, err := Decode(context.Background(), "a.txt", encode(t, traditionalchinese.Big5, sampleTraditional))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"关于推进长三角区域一体化发展", "总体要求", "全市地区生产总值达到1.2万亿元", "现代化产业体系"} {
		if !strings.Contains(doc.Text, w) {
			t.Errorf("Text lacks %q: %q", w, doc.Text)
		}
	}
}

// checkParallel asserts the invariant that spans on Text map to Original.
func checkParallel(t *testing.T, doc *Document) {
	t.Helper()
	o, x := []rune(doc.Original), []rune(doc.Text)
	if len(o) != len(x) {
		t.Fatalf("rune counts differ: Original %d, Text %d", len(o), len(x))
	}
	for i := range o {
		if (o[i] == '\n') != (x[i] == '\n') {
			t.Fatalf("line break mismatch at rune %d", i)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	random := make([]byte, 4096)
	rng.Read(random)
	big := make([]byte, MaxInput+1)
	for i := range big {
		big[i] = 'a'
	}
	otherZip := buildZip(t, zipPart{"readme.txt", "hello"})
	cfb := func(names ...string) []byte {
		b := []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
		b = append(b, make([]byte, 504)...)
		for _, n := range names {
			for i := 0; i < len(n); i++ {
				b = append(b, n[i], 0)
			}
		}
		return b
	}
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty.txt", nil, ErrEmpty},
		{"blank.txt", []byte(" \r\n\t \n"), ErrEmpty},
		{"bom only.txt", []byte("\xEF\xBB\xBF  \n"), ErrEmpty},
		{"chrome only.html", []byte("<html><body><nav>首页</nav><p>下载 打印</p></body></html>"), ErrNoText},
		{"huge.txt", big, ErrTooLarge},
		{"a.png", append([]byte("\x89PNG\r\n\x1a\n"), random...), ErrBinary},
		{"a.jpg", append([]byte("\xFF\xD8\xFF\xE0"), random...), ErrBinary},
		{"a.exe", append([]byte("\x7FELF\x02\x01\x01\x00"), random...), ErrBinary},
		{"random.txt", random, ErrBinary},
		{"a.gz", append([]byte("\x1F\x8B\x08"), random...), ErrBinary},
		{"a.zip", otherZip, ErrUnknownFmt},
		{"a.docx", cfb("EncryptionInfo", "EncryptedPackage"), ErrEncrypted},
		{"a.doc", cfb("WordDocument"), ErrUnknownFmt},
		{"bad.docx", []byte("PK\x03\x04 this is not really a zip"), ErrMalformed},
		{"bad.pdf", []byte("%PDF-1.7\nnothing here"), ErrMalformed},
		{"a.rtf", []byte(`{\rtf1\ansi hello}`), ErrUnknownFmt},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Decode(context.Background(), tc.name, tc.data)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v (doc %+v)", err, tc.want, doc)
			}
			if doc != nil {
				t.Errorf("doc returned with error")
			}
		})
	}
}

func TestDecodeLossyUTF8(t *testing.T) {
	// Mostly UTF-8 with a few broken bytes (a truncated download, a bad
	// splice): still text, with replacement characters.
	data := []byte(sampleSimplified)
	data = append(data[:10:10], append([]byte{0xFF, 0xFE, 0x80}, data[10:]...)...)
	doc, err := Decode(context.Background(), "a.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Charset != "utf-8" || !strings.Contains(doc.Text, "总体要求") {
		t.Errorf("charset %q text %q", doc.Charset, doc.Text)
	}
	checkParallel(t, doc)
}

func TestDecodeHTML(t *testing.T) {
	page := `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>关于推进数字经济发展的实施方案_政策文件_某市人民政府</title>
<script>var x = "不要这个，脚本。";</script><style>.a{}</style></head>
<body>
<div class="top-nav"><ul><li><a href="/">首页</a></li><li><a href="/a">机构</a></li><li><a href="/b">政务公开</a></li><li><a href="/c">办事服务</a></li></ul></div>
<div class="breadcrumb">首页 &gt; 政务公开 &gt; 政策文件</div>
<div class="main">
 <div class="article">
  <h1>关于推进数字经济发展的实施方案</h1>
  <div class="info">发布日期：2023-05-06 来源：市发展改革委</div>
  <div class="content">
   <p>为加快数字经济发展，结合本市实际，制定本方案。</p>
   <p>一、总体要求</p>
   <p>到2025年，数字经济核心产业增加值占地区生产总值比重达到10%，建成5G基站1万个。</p>
   <p>（一）加快建设新型基础设施。推进千兆光网建设，实现城乡全覆盖。</p>
   <table><tr><td>指标</td><td>目标值</td></tr><tr><td>5G基站</td><td>1万个</td></tr></table>
  </div>
 </div>
 <div class="related"><h3>相关文章</h3><ul><li><a href="1">某某通知一</a></li><li><a href="2">某某通知二</a></li><li><a href="3">某某通知三</a></li><li><a href="4">某某通知四</a></li></ul></div>
</div>
<div class="share-bar">分享到：<a>微信</a><a>微博</a></div>
<div id="footer">版权所有：某市人民政府 ICP备12345678号 联系我们</div>
</body></html>`
	tests := []struct {
		name, charset string
		data          []byte
	}{
		{"gbk with meta", "gb18030", encode(t, simplifiedchinese.GBK, page)},
		{"gbk without meta", "gb18030", encode(t, simplifiedchinese.GBK, strings.Replace(page, "; charset=gb2312", "", 1))},
		{"utf8 mislabelled gb2312", "utf-8", []byte(page)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Decode(context.Background(), "page.bin", tc.data)
			if err != nil {
				t.Fatal(err)
			}
			if doc.Format != "html" || doc.Charset != tc.charset {
				t.Errorf("format %q charset %q", doc.Format, doc.Charset)
			}
			if doc.Title != "关于推进数字经济发展的实施方案_政策文件_某市人民政府" {
				t.Errorf("Title %q", doc.Title)
			}
			if !strings.HasPrefix(doc.Text, "关于推进数字经济发展的实施方案\n") {
				t.Errorf("does not start at the title:\n%s", doc.Text)
			}
			for _, want := range []string{"一、总体要求\n", "达到10%", "5G基站\t1万个"} {
				if !strings.Contains(doc.Text, want) {
					t.Errorf("lacks %q:\n%s", want, doc.Text)
				}
			}
			for _, bad := range []string{"脚本", "办事服务", "政务公开", "相关文章", "某某通知", "分享", "版权所有", "ICP"} {
				if strings.Contains(doc.Text, bad) {
					t.Errorf("contains chrome %q:\n%s", bad, doc.Text)
				}
			}
			checkParallel(t, doc)
		})
	}
}

func TestDecodeHTMLFragments(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"truncated", "<html><body><div><p>第一条 为了规范管理，制定本办法。<p>第二条 本办法适用于全市", "第一条 为了规范管理，制定本办法。\n第二条 本办法适用于全市"},
		{"fragment", "<div class=\"wrap\"><p>一、目标</p><p>到2030年，基本建成。</p></div>", "一、目标\n到2030年，基本建成。"},
		{"br and entities", "<p>第一行<br>第二行&nbsp;&amp;第三</p>", "第一行\n第二行 &第三"},
		{"hidden body", "<body style=\"visibility:hidden\"><div><p>正文内容，必须保留。正文内容，必须保留。正文内容，必须保留。</p></div></body>", "正文内容，必须保留。正文内容，必须保留。正文内容，必须保留。"},
		{"xhtml ext", "<?xml version=\"1.0\" encoding=\"utf-8\"?><html><body><p>内容</p></body></html>", "内容"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Decode(context.Background(), "a.html", []byte(tc.data))
			if err != nil {
				t.Fatal(err)
			}
			if doc.Text != tc.want {
				t.Errorf("Text = %q, want %q", doc.Text, tc.want)
			}
		})
	}
}

func TestDecodeDOCX(t *testing.T) {
	body := para(wt("关于推进数字经济发展的实施方案")) +
		para(wt("一、"), wt("总体要求")) +
		para(wt("到２０２５年，"), "<w:tab/>", wt("比重达到10%。"), "<w:br/>", wt("下一行")) +
		`<w:tbl><w:tr><w:tc>` + para(wt("指标")) + `</w:tc><w:tc>` + para(wt("目标")) + para(wt("值")) + `</w:tc></w:tr>` +
		`<w:tr><w:tc>` + para(wt("5G基站")) + `</w:tc><w:tc>` + para(wt("1万个")) + `</w:tc></w:tr></w:tbl>` +
		para(`<w:delText>删除的文字</w:delText>`, wt("&lt;完&gt;"))
	data := buildDOCX(t, body, "数字经济方案")
	doc, err := Decode(context.Background(), "a.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	want := "关于推进数字经济发展的实施方案\n一、总体要求\n到2025年，\t比重达到10%。\n下一行\n指标\t目标 值\n5G基站\t1万个\n<完>"
	if doc.Text != want {
		t.Errorf("Text = %q\nwant   %q", doc.Text, want)
	}
	if doc.Title != "数字经济方案" || doc.Format != "docx" {
		t.Errorf("title %q format %q", doc.Title, doc.Format)
	}
	checkParallel(t, doc)

	// Content beats the extension.
	if doc, err := Decode(context.Background(), "a.txt", data); err != nil || doc.Format != "docx" {
		t.Errorf("docx named .txt: %v %v", doc, err)
	}
}

func TestDecodeZipBomb(t *testing.T) {
	// A DOCX whose document.xml inflates to 300 MB: whitespace that an XML
	// decoder would accumulate, from a ~300 KB archive.
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(`<w:document ` + wordNS + `><w:body><w:p><w:r><w:t>`))
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for i := 0; i < 300; i++ {
		w.Write(chunk)
	}
	zw.Close()
	start := time.Now()
	_, err = Decode(context.Background(), "bomb.docx", b.Bytes())
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v", d)
	}

	// Many entries.
	var m bytes.Buffer
	zw = zip.NewWriter(&m)
	for i := 0; i < (ZipLimits{}).withDefaults().MaxEntries+1; i++ {
		zw.CreateHeader(&zip.FileHeader{Name: "x", Method: zip.Store})
	}
	zw.Close()
	if _, err := Decode(context.Background(), "many.docx", m.Bytes()); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "limit doc_max_parts") {
		t.Errorf("many entries: err = %v", err)
	}
}

func TestDecodeCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Decode(ctx, "a.txt", []byte(sampleSimplified)); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
}

func TestRead(t *testing.T) {
	doc, err := Read(context.Background(), "a.txt", strings.NewReader(sampleSimplified))
	if err != nil || doc.Text != sampleSimplified || doc.Name != "a.txt" {
		t.Errorf("Read: %+v %v", doc, err)
	}
	if !utf8.ValidString(doc.Text) {
		t.Error("invalid UTF-8")
	}
}

func TestCharsetShortSamples(t *testing.T) {
	tests := []struct {
		name, text, charset string
		enc                 encoding.Encoding
	}{
		{"gbk short", "关于印发实施方案的通知", "gb18030", simplifiedchinese.GBK},
		{"gbk heading", "一、总体要求", "gb18030", simplifiedchinese.GBK},
		{"big5 short", "關於印發實施方案的通知", "big5", traditionalchinese.Big5},
		{"big5 report", "政府工作報告：經濟發展與社會進步", "big5", traditionalchinese.Big5},
		{"gbk traditional", "關於推進長三角區域一體化發展", "gb18030", simplifiedchinese.GBK},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Decode(context.Background(), "a.txt", encode(t, tc.enc, tc.text))
			if err != nil {
				t.Fatal(err)
			}
			if doc.Charset != tc.charset || doc.Original != tc.text {
				t.Errorf("charset %q original %q", doc.Charset, doc.Original)
			}
		})
	}
}

// An indicator table after the paragraphs that introduce it, side by side
// in the page's body, is part of the document, though it holds little
// punctuation and the paragraphs most of it.
func TestDecodeHTMLTableBesideProse(t *testing.T) {
	page := `<html><head><meta charset="utf-8"><title>某市林业发展规划</title></head><body>
<p>“十四五”时期，某市林业主动服从服务于全市改革发展大局，立足新发展阶段，贯彻新发展理念。</p>
<h2>指导思想</h2>
<p>坚持生态优先、绿色发展的理念，以林长制为总抓手，谋划实施天然林保护、国家储备林建设、森林城市群建设等一系列重大工程、重大行动、重大举措，探索生态产品实现路径和转化模式，走出一条生态保护与资源开发利用融合发展的绿色发展之路。</p>
<p>“十四五”林业发展主要目标指标表</p>
<table><tr><td>指标名称</td><td>2020年</td><td>2025年</td><td>属性</td></tr>
<tr><td>森林覆盖率(%)</td><td>45.31</td><td>46.3</td><td>约束性</td></tr></table>
</body></html>`
	doc, err := Decode(context.Background(), "page.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"主要目标指标表", "森林覆盖率(%)\t45.31\t46.3"} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("lacks %q:\n%s", want, doc.Text)
		}
	}
	checkParallel(t, doc)
}
