package extract

import (
	"regexp"
	"strings"
)

// frontMatter is the metadata block at the top of a Markdown file: YAML
// (---), TOML (+++) or the header that repositories of collected policy
// texts put above the body (# title, then **发布日期**: … lines, then ---).
// Ingest drops the lone --- and +++ fences as punctuation-only lines, so
// the block is recognised by the shape of its lines: key-value pairs under
// an optional # title, at the very top.
type frontMatter struct {
	title     string
	issuer    string
	written   string // 成文日期: the date the document was signed
	published string // 发布日期, date: a posting date unless nothing better
	kind      string
	docNumber string
	end       int // index of the first line after the block, 0 when none
}

var (
	// **key**: value, - **key**：value, key: value, key = "value".
	reLabel   = regexp.MustCompile(`^([\p{Han}A-Za-z_][\p{Han}A-Za-z0-9_\- \x{3000}]{0,30}?)\s*[:：=]`)
	reCellSep = regexp.MustCompile(`\t+|\s{2,}`)
	reFMIdent = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_\-]*$`)
	reFMTable = regexp.MustCompile(`^\[\[?[A-Za-z0-9_.\-]+\]\]?$`)
	reFMHead  = regexp.MustCompile(`^#{1,4}\s*(.*)$`)
)

// fmKeys maps the keys used in front matter, Chinese or English, to the
// field they fill. Keys of a crawl (检索时间, retrieved) map to "skip": a
// retrieval date is never the date a document was issued.
var fmKeys = map[string]string{
	"标题": "title", "题名": "title", "名称": "title", "文件名称": "title", "文件标题": "title", "文章标题": "title",
	"title": "title", "name": "title",
	"发布单位": "issuer", "发布机构": "issuer", "发文机关": "issuer", "发文单位": "issuer", "发布机关": "issuer",
	"制发机关": "issuer", "成文机关": "issuer", "印发机关": "issuer", "issuer": "issuer", "publisher": "issuer",
	"agency": "issuer", "organization": "issuer", "org": "issuer", "author": "issuer",
	"成文日期": "written", "成文时间": "written", "印发日期": "written", "发文日期": "written", "签发日期": "written",
	"issued": "written", "date_issued": "written", "signed": "written",
	"发布日期": "published", "发布时间": "published", "公布日期": "published", "日期": "published", "时间": "published",
	"date": "published", "published": "published", "pubdate": "published", "publish_date": "published",
	"类型": "kind", "文种": "kind", "体裁": "kind", "文档类型": "kind", "kind": "kind", "type": "kind", "genre": "kind",
	"文号": "number", "发文字号": "number", "文件编号": "number", "发文号": "number", "doc_number": "number",
	"docno": "number", "number": "number",
	"检索时间": "skip", "抓取时间": "skip", "采集时间": "skip", "爬取时间": "skip", "获取时间": "skip", "下载时间": "skip",
	"检索关键词": "skip", "关键词": "skip", "来源": "skip", "原文链接": "skip", "链接": "skip", "分类": "skip",
	"附件": "skip", "主题分类": "skip", "索引号": "skip", "retrieved": "skip", "crawled": "skip", "fetched": "skip",
	"accessed": "skip", "scraped": "skip", "source": "skip", "url": "skip", "link": "skip", "tags": "skip",
	"categories": "skip", "keywords": "skip", "layout": "skip", "lang": "skip", "draft": "skip",
}

// readFrontMatter reads the metadata block at the top of the text. It asks
// for two known keys (one under a # title) so that a body opening with a
// label such as 各位代表： is never taken for metadata.
func readFrontMatter(text []rune, lines []line) frontMatter {
	str := func(i int) string { return strings.TrimSpace(string(text[lines[i].start:lines[i].end])) }
	i, heading, fence := 0, "", ""
	if len(lines) > 0 && (str(0) == "---" || str(0) == "+++") {
		fence, i = str(0), 1 // text that did not pass through ingest keeps its fences
	} else if len(lines) > 0 && strings.HasPrefix(str(0), "#") {
		heading = reFMHead.FindStringSubmatch(str(0))[1]
		i = 1
	}
	known, openList := 0, false
	vals := map[string]string{}
	for ; i < len(lines) && i < 60; i++ {
		s := str(i)
		if s == "---" || s == "+++" || s == "--" {
			if known > 0 || fence != "" {
				i++ // the closing fence ends the block
				break
			}
			continue
		}
		if reFMTable.MatchString(s) {
			continue // a TOML [table] header
		}
		if strings.HasPrefix(s, "#") {
			if known == 0 && fmSection(reFMHead.FindStringSubmatch(s)[1]) {
				continue // ### 基本信息 above the pairs
			}
			break
		}
		pairs := labelPairs(s)
		if len(pairs) == 0 {
			// A list item under a key without a value (tags:, **附件**:).
			if openList && (strings.HasPrefix(s, "- ") || strings.HasPrefix(s, "* ")) {
				continue
			}
			break
		}
		ok := true
		for _, p := range pairs {
			field, isKnown := fmKeys[strings.ToLower(p[0])]
			if !isKnown && !reFMIdent.MatchString(p[0]) {
				ok = false
				break
			}
			if isKnown {
				known++
			}
			openList = p[1] == ""
			if field != "" && field != "skip" && vals[field] == "" && p[1] != "" {
				vals[field] = p[1]
			}
		}
		if !ok {
			break
		}
	}
	if known < 2 && !(heading != "" && known >= 1) {
		return frontMatter{}
	}
	fm := fieldsOf(vals)
	fm.title = fmTitle(vals["title"], heading)
	fm.end = i
	return fm
}

// fieldsOf reads the document fields from the values of labelled rows.
func fieldsOf(vals map[string]string) frontMatter {
	fm := frontMatter{
		title:     strings.TrimSpace(vals["title"]),
		issuer:    fmIssuer(vals["issuer"]),
		written:   fmDate(vals["written"]),
		published: fmDate(vals["published"]),
		docNumber: normDocNumber(vals["number"]),
	}
	for _, k := range kinds {
		if vals["kind"] == k.suffix || vals["kind"] == k.kind {
			fm.kind = k.kind
		}
	}
	return fm
}

// labelPairs splits a row of labelled values into (key, value) pairs: one
// pair (**发布日期**: 2025-01-10, title: "…", key = "…"), or the cells of a
// metadata table row, separated by tabs or wide spaces, whose labels may
// be letter-spaced (标  题：\t…, 发文机关：\t国务院\t成文日期：\t2019年01月27日).
func labelPairs(s string) [][2]string {
	// Every label ends in one of these: most lines hold none of them and
	// need no pattern run.
	if strings.IndexByte(s, ':') < 0 && strings.IndexByte(s, '=') < 0 && !strings.Contains(s, "：") {
		return nil
	}
	s = strings.TrimSpace(strings.TrimLeft(s, "-*"))
	s = strings.TrimSpace(strings.ReplaceAll(s, "**", ""))
	var out [][2]string
	for s != "" {
		mm := reLabel.FindStringSubmatchIndex(s)
		if mm == nil {
			break
		}
		key := strings.Join(strings.Fields(s[mm[2]:mm[3]]), "")
		if runeCount(key) > 20 {
			break
		}
		val, next := splitCell(strings.TrimLeft(s[mm[1]:], " \t"))
		out = append(out, [2]string{key, strings.TrimSpace(strings.Trim(strings.TrimSpace(val), `"'`))})
		s = next
	}
	return out
}

// splitCell cuts a row after a label: the value runs to the next cell
// that opens with a label of its own. An empty value takes the next cell
// when that cell is not a label (发文机关：\t国务院).
func splitCell(rest string) (val, next string) {
	locs := reCellSep.FindAllStringIndex(rest, -1)
	for _, loc := range locs {
		after := rest[loc[1]:]
		if reLabel.MatchString(after) {
			return rest[:loc[0]], after
		}
	}
	// One space before a label a site's record uses (…的通知 文号: 泾政〔2023〕1号).
	for i := 0; i < len(rest); i++ {
		if rest[i] != ' ' {
			continue
		}
		after := strings.TrimLeft(rest[i:], " ")
		if mm := reLabel.FindStringSubmatch(after); mm != nil && chromeLabels[strings.Join(strings.Fields(mm[1]), "")] {
			return rest[:i], after
		}
	}
	return rest, ""
}

// fmSection reports the heading of a metadata section (### 基本信息).
func fmSection(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, w := range []string{"基本信息", "元数据", "文档信息", "文件信息", "metadata", "info"} {
		if s == w {
			return true
		}
	}
	return false
}

// fmTitle prefers the title key over the # heading; a repository's heading
// often names the file (文档 ：xxx.md) rather than the document.
func fmTitle(val, heading string) string {
	t := val
	if t == "" {
		t = heading
	}
	t = strings.TrimSpace(strings.Trim(t, "*"))
	// 文档 ：xxx.md: a label before the name of the file.
	for _, sep := range []string{"：", ":"} {
		if before, after, ok := strings.Cut(t, sep); ok && runeCount(strings.TrimSpace(before)) <= 4 {
			t = strings.TrimSpace(after)
		}
	}
	for _, ext := range []string{".md", ".txt", ".html", ".pdf", ".docx", ".doc"} {
		t = strings.TrimSuffix(t, ext)
	}
	return t
}

// fmIssuer keeps a value that names a body (上海市科学技术委员会), not a
// vague place or phrase (上海市相关部门, 加快布局).
func fmIssuer(val string) string {
	if orgs := splitOrgs(val); len(orgs) > 0 {
		return val
	}
	return ""
}

// fmDate reads a full date from a front-matter value; a month or a span
// (2022年12月, 2021-2023年期间) gives none.
func fmDate(val string) string {
	if val == "" {
		return ""
	}
	loc := reDate.FindStringSubmatchIndex(squeezeDigits(val))
	if loc == nil || loc[0] != 0 {
		return ""
	}
	return dateAt(squeezeDigits(val), loc)
}

// normDocNumber writes a document number in the standard form, with the
// year in 〔〕 and no leading zeros: 沪科〔2025〕5号.
func normDocNumber(s string) string {
	mm := reDocNumber.FindStringSubmatch(squeezeDigits(s))
	if mm == nil {
		return ""
	}
	return mm[1] + "〔" + mm[2] + "〕" + strings.TrimLeft(mm[3], "0") + "号"
}
