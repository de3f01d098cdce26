package ingest

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCleanDropsNoise(t *testing.T) {
	noise := []string{
		"成人免费AV网址|亚洲手机免费在线|最新av网址发布|67194成人草|在线国产视频91|一区二区无码竹菊",
		"首页|新闻|图片|视频|专题|评论|English",
		"添加链接",
		"link管理",
		"链接快照平台",
		"• 输入网页链接,自动生成快照",
		"• 标签化管理网页链接",
		"下载", "打印", "全屏", "收藏", "【字号：", "加大", "还原", "减小", "】",
		"【字号 大 中 小】", "下载/打印/全屏", "分享到：", "打印本页 关闭窗口", "扫一扫在手机打开当前页",
		"Produced By 大汉网络 大汉版通发布系统 Produced By 大汉网络 大汉版通发布系统",
		"版权所有：某市人民政府办公厅 京ICP备05070218号",
		"网站标识码：1100000088 京公网安备 11010202000001号",
		"网站地图 | 联系我们",
		"网站地图 | 联系我们 | 关于我们 | 主办单位",
		"声明:本媒体部分图片、文章来源于网络,版权归原作者所有,如有侵权,请联系删除:025-84707368,广告合作:025-84708755。",
		"Copyright © 2020 www.example.gov.cn All Rights Reserved",
		"744",
		"- 3 -",
	}
	for _, line := range noise {
		if got := Clean("正文第一段，保留。\n" + line + "\n正文第二段。"); got != "正文第一段，保留。\n正文第二段。" {
			t.Errorf("noise line %q kept: %q", line, got)
		}
	}
}

func TestCleanKeepsContent(t *testing.T) {
	keep := []string{
		"一、总体要求",
		"（一）加快建设新型基础设施。",
		"10. 发挥商会和新乡贤作用,强化招商引资工作等。",
		"2. 设立上海产业飞地创新桥头堡。",
		"主办单位要落实安全主体责任，做好应急预案。",
		"协办单位：区财政局、各街道办事处",
		"| 序号 | 重点任务 | 牵头单位 | 协办单位 |",
		"1 | 地区生产总值 | 增长6% | 区发改局 | 区统计局 |",
		"序号\t民生实事\t主办单位\t完成时限",
		"到2025年，全市数字经济核心产业增加值达到1万亿元，年均增长10%。",
		"推进成人教育和继续教育发展。",
		"国务院",
		"2019年1月27日",
		"中共绍兴市委办公室 绍兴市人民政府办公室",
		"长三角之心,有块“试验田”",
		"附件",
		"第一章 总则",
		"信息来源:市发改委(市粮食物资局)",
	}
	for _, line := range keep {
		if got := Clean(line); got != line {
			t.Errorf("content line %q became %q", line, got)
		}
	}
}

func TestCleanLayout(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a\r\nb\rc", "a\nb\nc"},
		{"\n\n  标题  \n\n\n\n正文\n\n\n", "标题\n\n正文"},
		{"\u3000\u3000各位代表：\t", "各位代表："},
		{"首页 > 以开路先锋的姿态 书写高分答卷", "以开路先锋的姿态 书写高分答卷"},
		{"首頁>新聞頻道>聚焦長三角", "新聞頻道>聚焦長三角"},
		{"当前位置：首页 > 政务公开 > 通知", "政务公开 > 通知"},
		{"首页", ""},
		{"首页 | 新闻 | 政务 | 服务 | 互动", ""},
		{"首页 | 新闻 | 政务 | 服务 | 互动 |", ""},
		{"| 1 | 建设平台 | 市商务局 | 各区 |", "| 1 | 建设平台 | 市商务局 | 各区 |"},
		{"政府工作报\u200b告", "政府工作报告"},
		{"a\x00b\x07c", "a b c"},
		{"广义货币M\n2\n预期增长12%左右。", "广义货币M2预期增长12%左右。"},
		{"第一章 总则\n2\n第二章 目标", "第一章 总则\n第二章 目标"},
		{"主要内容见附件\n3\n正文继续", "主要内容见附件\n正文继续"},
		{"1.\t建设智慧停车系统。新增泊位2000个。", "1.建设智慧停车系统。新增泊位2000个。"},
		{"（二）\t推广电子站牌", "（二）推广电子站牌"},
		{"1.\t扩大有效投资\t县发改局", "1.\t扩大有效投资\t县发改局"},
		{"1\t地区生产总值", "1\t地区生产总值"},
	}
	for _, tc := range tests {
		if got := Clean(tc.in); got != tc.want {
			t.Errorf("Clean(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCleanSeedShapes(t *testing.T) {
	// The head of a page saved by a link-snapshot tool, then the document.
	in := strings.Join([]string{
		"添加链接", "link管理", "链接快照平台", "  • 输入网页链接,自动生成快照", "  • 标签化管理网页链接", "", "",
		"某市推进区域一体化发展行动计划", "", "各区、县(市)人民政府:", "", "聚焦长三角", "744", "收藏", "分享",
	}, "\n")
	want := "某市推进区域一体化发展行动计划\n\n各区、县(市)人民政府:\n\n聚焦长三角"
	if got := Clean(in); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// han3 and rune3 read a three-byte rune in place; with the decoder for the
// rest they must read every string as a range loop does.
func TestHan3ReadsAsRange(t *testing.T) {
	for _, s := range []string{
		"", "abc", "全市GDP增长6%", "\xe4\xb8", "\xe4\xb8a\xb8\xad中", "\xe0\x80\x80中", "\xe0\xa4\x80",
		"\xed\xa0\x80文", "\xed\x9f\xbf", "\xef\xbc\x8c，😀", "\x80\xbf\xff", "中\xe4", "\xee\x80\x80\xef\xbf\xbf",
	} {
		var got []rune
		for i := 0; i < len(s); {
			r, size := rune(s[i]), 1
			if han3(s, i) {
				r, size = rune3(s, i), 3
			} else if r >= utf8.RuneSelf {
				r, size = utf8.DecodeRuneInString(s[i:])
			}
			got = append(got, r)
			i += size
		}
		if want := []rune(s); !slices.Equal(got, want) {
			t.Errorf("%q read as %q, want %q", s, got, want)
		}
	}
}
