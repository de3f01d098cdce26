package extract

import (
	"regexp"
	"strings"
)

// Page furniture: the lines a web page, a repository or a printed file puts
// around a document (site banners, navigation, share and print widgets,
// view counters, source and editor lines, QR notices, photo captions,
// attachment links, licence footers). They are never the title, a task or
// a figure. The rules look at the shape and vocabulary of a line, never at
// one site.

var (
	// 本报记者 戴冰摄, 记者 李森 摄, （新华社记者 王鹏/摄）
	reTOC        = regexp.MustCompile(`[.．…·]{4,}\s*(?:\d{1,3}|[IVXivx]{1,4})\b|[.．·]{8,}\s*$`)
	reRomanFolio = regexp.MustCompile(`^[IVXivx]{1,5}$`)
	reCaption    = regexp.MustCompile(`[\p{Han}·]{2,4}\s*/?\s*摄(?:影)?\s*[）)]?$`)
	// 图为…, ▲…, （图片来源：…）
	reCaptionHead = regexp.MustCompile(`^(?:图为|图[：:]|图片[：:]|▲|△|[（(](?:图片来源|图源|图片|摄影)[：:])`)
	// img_0412.jpg (88 KB, 下载次数: 3), 附件：xxx.pdf, [布局图.pdf](./布局图.pdf) (pdf)
	reFileName = regexp.MustCompile(`(?i)\.(?:pdf|docx?|xlsx?|wps|ofd|zip|rar|7z|jpe?g|png|gif|bmp|tiff?)\b`)
	reFileSize = regexp.MustCompile(`(?i)\d+(?:\.\d+)?\s*[KMG]B\b`)
	// 2026-02-03 09:02:33, 2026年02月10日 07时41分: a posting time alone.
	reStamp = regexp.MustCompile(`^(?:19|20)\d{2}\s*[-年./]\s*\d{1,2}\s*[-月./]\s*\d{1,2}\s*日?\s*\d{1,2}\s*[:时]\s*\d{1,2}(?:\s*[:分]\s*\d{1,2}\s*秒?)?$`)
	// XX市人民政府文件, 中共XX委员会文件: the red banner of an official file.
	reBanner = regexp.MustCompile(`^[\p{Han}（）() ]{2,40}(?:文件|文件汇编|公报)$`)
	// （此件公开发布）, （联系电话：…）, 抄送：…, 公开方式：主动公开.
	reFileNote = regexp.MustCompile(`^[（(](?:此件|联系|信息公开选项|公开属性)|^(?:抄送|公开方式|信息公开选项)\s*[：:]`)
	// XX办公室 2021年4月16日印发: the printer's line at the foot.
	rePrinted = regexp.MustCompile(`(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发$`)
	reURLLine = regexp.MustCompile(`^(?:[(（\[]?\s*)?https?://\S+$`)
	// 2023年7月18日 星期二: a page's dateline.
	reWeekday = regexp.MustCompile(`^(?:19|20)\d{2}\s*[-年./]\s*\d{1,2}\s*[-月./]\s*\d{1,2}\s*日?\s*(?:星期|周|礼拜)[一二三四五六日天]$`)
	// XX市人民政府门户网站, XX日报客户端: the name of a site or an app.
	reSiteName = regexp.MustCompile(`^[\p{Han}A-Za-z0-9·]{2,20}(?:` + strings.Join(siteWords, "|") + `)$`)
)

// widgetWords name page controls and counters; a short line holding one is
// chrome.
var widgetWords = []string{
	"分享到", "扫一扫", "二维码", "扫码", "【打印", "【关闭", "【收藏", "打印本页", "关闭窗口", "【字号", "字号：", "字号:",
	"点击图片", "点击进入", "点击查看", "点击下载", "下载次数", "浏览次数", "阅读次数", "阅读量", "访问量", "点击量",
	"点击数", "手机版", "关注我们", "返回顶部", "上一篇", "下一篇", "【字体", "视力保护",
}

// widgetSet is widgetWords, found in one pass over a line.
var widgetSet = newWordSet(widgetWords...)

// siteWords end the name of a site or an app (reSiteName): a line ending
// in none of them cannot match it.
var siteWords = []string{"门户网站", "政府网", "官方网站", "网站", "客户端", "新闻网", "融媒体中心", "官方微信", "微信公众号"}

// siteSuffix is the cheap test before reSiteName, which most short lines
// would otherwise run in full.
func siteSuffix(s string) bool {
	for _, w := range siteWords {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// chromeLabels open the lines a page prints about itself: source, author,
// editor, counters and the rows of a metadata table.
var chromeLabels = map[string]bool{
	"来源": true, "信息来源": true, "文章来源": true, "稿件来源": true, "作者": true, "责任编辑": true, "编辑": true,
	"审核": true, "校对": true, "责编": true, "供稿": true, "发布时间": true, "发布日期": true, "发表时间": true,
	"更新时间": true, "时间": true, "日期": true, "浏览次数": true, "阅读量": true, "点击数": true, "访问量": true,
	"字号": true, "索引号": true, "主题分类": true, "分类": true, "发文机关": true, "发布机构": true, "发布机关": true,
	"成文日期": true, "标题": true, "名称": true, "文号": true, "发文字号": true, "主题词": true, "统一编号": true,
	"实施日期": true, "生效日期": true, "失效日期": true, "废止日期": true, "文件状态": true, "有效性": true,
	"公开方式": true, "体裁": true, "关键词": true, "所属机构": true, "组配分类": true, "文件编号": true,
	"公开范围": true, "公开时限": true, "发文日期": true, "公开日期": true, "效力状态": true, "主题": true, "信息分类": true,
}

// navWords end the names of site channels shown above a page's title
// (云南要闻, 政务信息, 政府信息公开).
var navWords = []string{"要闻", "动态", "新闻", "资讯", "公开", "频道", "专题", "栏目", "政务", "信息", "首页", "导航", "热点",
	"详情", "原文", "解读", "老年版", "长辈版", "关怀版", "无障碍", "联系我们", "申报条件", "申报程序", "提交材料", "受理服务", "扶持力度"}

// relatedHeads open the list of links at the foot of a page.
var relatedHeads = []string{"相关文档", "相关链接", "相关阅读", "相关新闻", "相关文章", "延伸阅读", "推荐阅读", "热点推荐", "猜你喜欢"}

// furnitureLines returns the indexes of the lines from `from` on that are
// page furniture. Labelled rows and channel names count only in the head
// and foot of the text, where pages put them: inside a plan, 时间：… can
// be a line of a schedule.
func furnitureLines(text []rune, lines []line, from int, str func(int) string) map[int]bool {
	out := map[int]bool{}
	headEnd, footStart := min(len(lines), from+40), max(from, len(lines)-25)
	for i := from; i < len(lines); i++ {
		edge := i < headEnd || i >= footStart
		// Furniture is short; in the body a long line, or one that ends a
		// sentence, is prose. A contents page a layer ran into one line
		// (主要成效……1第二节存在问题……2) is furniture however long.
		if n := lines[i].end - lines[i].start; n > 200 || !edge && (n > 120 || n > 24 && text[lines[i].end-1] == '。') {
			// Looking for the dots in the runes spares making a string of
			// every long line of the body.
			if runesContain(text[lines[i].start:lines[i].end], "......") && reTOC.MatchString(str(i)) {
				out[i] = true
			}
			continue
		}
		s := str(i)
		if chromeLine(s) || edge && (labelRow(s) || spacedLabelRow(s)) {
			out[i] = true
			// A label alone on its line (来源：) has its value on the next.
			if label := labelAlone(s); edge && i+1 < len(lines) && label != "" && labelValue(label, str(i+1)) {
				out[i+1] = true
				i++
			}
			continue
		}
		if i < headEnd && navLine(s) {
			out[i] = true
		}
	}
	markFooterBlocks(lines, str, footStart, out)
	return out
}

// captionStart reports what a caption's head pattern may open with.
func captionStart(s string) bool {
	for _, p := range []string{"图", "▲", "△", "（", "("} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// chromeLine reports a line that is furniture wherever it stands.
func chromeLine(s string) bool {
	n := runesUpTo(s, 121) // the tests below ask about 120 at most
	if n == 0 {
		return false
	}
	// A widget line is short or a row of controls; prose that names a QR
	// code or a 公众号 in passing is not.
	if n <= 40 && !hasAnyRune(s, "。；，、") && containsAny(s, widgetSet) &&
		(n <= 16 || hasAnyRune(s, "【】|｜") || countWords(s, widgetWords) >= 2) {
		return true
	}
	if n <= 60 && !strings.HasSuffix(s, "。") && (strings.Contains(s, "摄") && reCaption.MatchString(s) && captionLike(s) || captionStart(s) && reCaptionHead.MatchString(s)) {
		return true
	}
	if n <= 120 && strings.ContainsRune(s, '.') && reFileName.MatchString(s) && (strings.HasPrefix(s, "附件") || reFileSize.MatchString(s) ||
		strings.Contains(s, "下载") || strings.Contains(s, "](") || n <= 40 && !hasAnyRune(s, "，。；")) {
		return true
	}
	// Cheap tests first: these patterns are anchored, and most lines fail
	// on their first character.
	if (s[0] == '1' || s[0] == '2') && n <= 40 && (reStamp.MatchString(s) || reWeekday.MatchString(s)) {
		return true
	}
	if strings.Contains(s, "http") && reURLLine.MatchString(s) || n <= 40 && siteSuffix(s) && reSiteName.MatchString(s) {
		return true
	}
	if fileNoteStart(s) && reFileNote.MatchString(s) {
		return true
	}
	if n <= 40 && strings.HasSuffix(s, "印发") && rePrinted.MatchString(s) {
		return true
	}
	if n <= 40 && (strings.HasSuffix(s, "文件") || strings.HasSuffix(s, "文件汇编") || strings.HasSuffix(s, "公报")) && reBanner.MatchString(s) {
		org := strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(s, "文件汇编"), "文件"), "公报"))
		if len(splitOrgs(org)) > 0 {
			return true
		}
	}
	switch strings.Trim(s, "#*《》<> ") {
	case "政策全文", "正文", "全文", "原文", "×", "阅读全文", "目录", "目 录", "目  录":
		return true
	}
	// A table of contents (第一节 形势与问题……5) and a page's roman folio.
	if (strings.Contains(s, "....") || strings.Contains(s, "……") || strings.Contains(s, "····") || strings.Contains(s, "．．．．")) && reTOC.MatchString(s) {
		return true
	}
	if n <= 5 && reRomanFolio.MatchString(s) {
		return true
	}
	return false
}

// fileNoteStart reports a line that opens as reFileNote requires: the
// pattern is run only on those. Many lines of a plan open with a bracket
// ((一), （二）), and few go on with the words of a file's note.
func fileNoteStart(s string) bool {
	rest, ok := strings.CutPrefix(s, "（")
	if !ok {
		rest, ok = strings.CutPrefix(s, "(")
	}
	if ok {
		return strings.HasPrefix(rest, "此件") || strings.HasPrefix(rest, "联系") || strings.HasPrefix(rest, "信息公开选项") || strings.HasPrefix(rest, "公开属性")
	}
	return strings.HasPrefix(s, "抄送") || strings.HasPrefix(s, "公开") || strings.HasPrefix(s, "信息")
}

// captionLike keeps 摄 lines to captions: a credit (记者, 摄) after a
// sentence or a name, not a heading that ends in 摄 by chance.
func captionLike(s string) bool {
	return strings.Contains(s, "记者") || strings.Contains(s, "摄影") || strings.Contains(s, "通讯员") ||
		hasAnyRune(s, "。 /") || strings.Contains(s, "\u3000")
}

// labelRow reports a row of page metadata opening with a known label:
// 来源：云南日报, 发布日期：2023-11-07  浏览次数：-, 索 引 号：\t….
func labelRow(s string) bool {
	if runesOver(s, 150) || strings.HasSuffix(s, "。") {
		return false
	}
	pairs := labelPairs(s)
	if len(pairs) == 0 || !chromeLabels[pairs[0][0]] {
		return false
	}
	// 时间：2024年12月底前 in a plan's schedule is no page's date.
	switch k, v := pairs[0][0], pairs[0][1]; {
	case fmKeys[k] == "published" || fmKeys[k] == "written" || strings.HasSuffix(k, "日期"):
		return v == "" || fmDate(v) != "" || len(pairs) > 1
	case fmKeys[k] == "skip" || fmKeys[k] == "issuer" || k == "作者" || k == "编辑" || k == "责任编辑":
		return runeCount(v) <= 40
	}
	return true
}

// spacedLabelRow reports a site's record row whose labels are set off by
// spaces, not colons: 索引号 1133…/2024-152907 组配分类 民生实事.
func spacedLabelRow(s string) bool {
	f := strings.Fields(s)
	if len(f) < 2 || runeCount(s) > 150 {
		return false
	}
	// 文    号 蔡政办〔2030〕1号: a label whose characters a table spaced out.
	label, k := "", 0
	for k < len(f) && k < 4 && runeCount(f[k]) == 1 {
		label += f[k]
		k++
	}
	if k >= 2 && chromeLabels[label] && k < len(f) {
		return true
	}
	if len(f) < 3 || !chromeLabels[f[0]] {
		return false
	}
	n := 0
	for _, w := range f {
		if chromeLabels[w] {
			n++
		}
	}
	return n >= 2
}

// labelAlone returns the label of a line that holds a label without its
// value (来源：), or "".
func labelAlone(s string) string {
	pairs := labelPairs(s)
	if len(pairs) == 1 && pairs[0][1] == "" {
		return pairs[0][0]
	}
	return ""
}

// labelValue reports a line that is the value of a label left alone on
// the line above: a date under a date label, a count under a counter, a
// short name under a source or author label. Other labels (主题词：) keep
// the next line: it may be the title.
func labelValue(label, s string) bool {
	n := runeCount(s)
	if n == 0 || n > 80 || hasAnyRune(s, "，。；：:") {
		return false
	}
	// A site's record of a document (标题：, 发文字号：, 索引号：) printed
	// with each label above its value: the value is the record's too.
	switch fmKeys[label] {
	case "title":
		return kindSuffix(s) != "" || strings.Contains(s, "关于")
	case "number":
		return reDocNumber.MatchString(s)
	case "issuer":
		return n <= 40 && hasAnySuffix(s, orgSuffixes)
	case "skip":
		if n <= 40 && (label == "索引号" || label == "主题分类" || label == "分类") {
			return true
		}
	}
	if n > 20 {
		return false
	}
	switch fmKeys[label] {
	case "published", "written", "skip":
		if reStamp.MatchString(s) || standaloneDate(s) != "" {
			return true
		}
	}
	switch label {
	case "浏览次数", "阅读量", "点击数", "访问量":
		return strings.Trim(s, "-—0123456789 次") == ""
	case "来源", "信息来源", "文章来源", "稿件来源", "作者", "责任编辑", "编辑", "责编", "审核", "校对", "供稿":
		return n <= 12 && kindSuffix(s) == "" && !strings.Contains(s, "关于")
	}
	return false
}

// navLine reports the name of a site channel or a breadcrumb above the
// title: short, no punctuation, ending in a channel word.
func navLine(s string) bool {
	n := runesUpTo(s, 11) // the tests below ask about 10 at most
	if strings.HasSuffix(s, "位置:") || strings.HasSuffix(s, "位置：") {
		return n <= 10
	}
	if n > 8 || hasAnyRune(s, "，。；：:0123456789") {
		return false
	}
	for _, w := range navWords {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// markFooterBlocks marks the licence notice and the related-links list
// that close a page, from their first line to the end of the text.
func markFooterBlocks(lines []line, str func(int) string, from int, out map[int]bool) {
	for i := from; i < len(lines); i++ {
		s := str(i)
		licence := strings.HasPrefix(s, "本作品") || strings.Contains(s, "公有领域") || strings.EqualFold(s, "public domain") ||
			strings.Contains(s, "Creative Commons") || strings.Contains(s, "知识共享")
		related := false
		for _, h := range relatedHeads {
			if strings.HasPrefix(s, h) && runeCount(s) <= len([]rune(h))+2 {
				related = true
			}
		}
		if !licence && !related {
			continue
		}
		for k := i; k < len(lines); k++ {
			if related && hasAnyRune(str(k), "。") && runeCount(str(k)) > 60 {
				return // prose again: not a list of links
			}
		}
		for k := i; k < len(lines); k++ {
			out[k] = true
		}
		return
	}
}

func countWords(s string, words []string) int {
	n := 0
	for _, w := range words {
		if strings.Contains(s, w) {
			n++
		}
	}
	return n
}

func containsWord(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
