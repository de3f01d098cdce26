package track

import (
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"planwatch/internal/amount"
	"planwatch/internal/store"
)

// Columns of an indicator-observation sheet.
const (
	ColIndicator = "指标"
	ColPeriod    = "时期"
	ColValue     = "数值"
	ColSource    = "来源"
	ColRevised   = "修订"
)

var observationAliases = func() map[string]string {
	m := map[string]string{}
	add := func(canon string, words ...string) {
		for _, w := range append(words, canon) {
			m[normLabel(w)] = canon
		}
	}
	add(ColIndicator, "指标名称", "指标项", "统计指标")
	add(ColPeriod, "期间", "统计期", "统计时期", "时间", "年份", "年度", "报告期")
	add(ColValue, "值", "实际值", "完成值", "数据", "本期值", "指标值")
	add(ColSource, "数据来源", "出处", "来源单位")
	add(ColRevised, "是否修订", "修订值", "修正")
	return m
}()

// ReadObservations reads actual values of indicators from a sheet with
// the columns 指标 | 时期 | 数值 | 来源, and optionally 修订 (synonyms such
// as 指标名称, 年份/统计期, 实际值, 数据来源, 是否修订 are read too; the
// header row is found by its labels).
//
// 指标 is matched to an indicator by its name, spaces ignored, else by
// Key (全市研究与试验发展经费投入强度 finds 研发经费投入强度). 时期 is normalized to "2023" (2023, 2023年, 2023年度), "2023-Q2"
// (2023-Q2, 2023Q2, 2023年二季度, 2023年第2季度) or "2023-06" (2023-06,
// 2023/6, 2023年6月, 202306, or a cell Excel turned into a date). 数值 is
// a figure as amount.ParseIn reads it for the indicator's unit: 1,234.5
// and 3.5% as they are, 150万 and 1.2亿元 scaled (in an indicator in 亿元,
// 1.2亿 is 1.2; a bare 1.2 is in the indicator's own unit), 全覆盖 100%. 修订 is yes for 是/Y/yes/true/1/√/修订 and no for
// 否/N/no/false/0 or empty. Source is the 来源 cell, else "import:" + the
// reader's file name. ID and RecordedAt are left for the store to set.
//
// As with ReadProgress the caller stores the observations only when there
// are no row errors. Refused rows: an unknown indicator, an unreadable or
// missing period or value, an unreadable 修订, the same indicator and
// period twice, and what CheckObservation (the rules `indicator observe`
// shares) refuses: a period that begins after opt.Today, a 来源 with
// characters no text may hold or over MaxSourceChars. Rows with nothing in
// them are skipped. The file is read within opt.Limits and ctx.
func ReadObservations(ctx context.Context, r io.Reader, format string, inds []store.Indicator, opt ReadOptions) ([]store.Observation, []RowError, error) {
	today := todayOr(opt.Today)
	grids, err := readGrids(ctx, r, format, opt.Limits)
	if err != nil {
		return nil, nil, err
	}
	var g *grid
	var h header
	for _, cand := range grids {
		if hh, ok := findHeader(cand, observationAliases, []string{ColIndicator}, []string{ColPeriod}, []string{ColValue}); ok {
			g, h = cand, hh
			break
		}
	}
	if g == nil {
		return nil, nil, fmt.Errorf("%w (指标, 时期, 数值)", ErrNoHeader)
	}
	source := importSource(r, strings.ToLower(strings.TrimPrefix(strings.TrimSpace(format), ".")))
	byName := map[string]store.Indicator{}
	byKey := map[string][]store.Indicator{}
	for _, ind := range inds {
		byName[foldTitle(ind.Name)] = ind
		k := ind.Key
		if k == "" {
			k = Key(ind.Name)
		}
		byKey[k] = append(byKey[k], ind)
	}
	var obs []store.Observation
	var errs []RowError
	seen := map[[2]string]int{}
	for ri := h.row + 1; ri < len(g.cells); ri++ {
		get := func(label string) (string, string, string) {
			c := h.col(label)
			if c < 0 {
				return "", "", label
			}
			return g.cell(ri, c), g.rawCell(ri, c), colName(c)
		}
		name, _, nameCol := get(ColIndicator)
		period, periodRaw, periodCol := get(ColPeriod)
		value, _, valueCol := get(ColValue)
		src, _, srcCol := get(ColSource)
		rev, _, revCol := get(ColRevised)
		if name == "" && period == "" && value == "" {
			continue
		}
		row := ri + 1
		bad := false
		refuse := func(col, v, reason string) {
			errs = append(errs, RowError{Row: row, Column: col, Value: v, Reason: reason})
			bad = true
		}
		ind, ok := byName[foldTitle(name)]
		if !ok && name != "" {
			switch c := byKey[Key(name)]; len(c) {
			case 0:
				refuse(nameCol, name, "本计划没有这个指标")
			case 1:
				ind, ok = c[0], true
			default:
				refuse(nameCol, name, "指标名称可对应多个指标，请写出完整名称")
			}
		} else if name == "" {
			refuse(nameCol, name, "指标为空")
		}
		p, ok := NormalizePeriod(period)
		if !ok {
			p, ok = periodFromSerial(periodRaw)
		}
		v, verr := amount.ParseIn(value, ind.Unit)
		vok := verr == nil
		switch {
		case value == "":
			refuse(valueCol, value, "数值为空")
		case errors.Is(verr, amount.ErrNotNumber):
			refuse(valueCol, value, "数值无法识别（可填 3.1、150万、1.2亿、3.5%、全覆盖）")
		case verr != nil:
			refuse(valueCol, value, fmt.Sprintf("数值的单位与指标（%s）不符：%s", ind.Unit, verr))
		}
		given := period
		if ok {
			given = p
		}
		_, problems := CheckObservation(given, v, src, today)
		for _, pr := range problems {
			switch pr.Field {
			case FieldPeriod:
				refuse(periodCol, period, pr.Reason())
			case FieldSource:
				refuse(srcCol, src, pr.Reason())
			case FieldValue:
				if vok {
					refuse(valueCol, value, pr.Reason())
				}
			}
		}
		revised, ok := parseYesNo(rev)
		if !ok {
			refuse(revCol, rev, "修订应填 是 或 否")
		}
		if bad {
			continue
		}
		k := [2]string{ind.ID, p}
		if first, dup := seen[k]; dup {
			refuse(periodCol, period, fmt.Sprintf("同一指标同一时期已在第%d行填报", first))
			continue
		}
		seen[k] = row
		if src == "" {
			src = source
		}
		obs = append(obs, store.Observation{IndicatorID: ind.ID, Period: p, Value: v, Source: src, Revised: revised})
	}
	for i := range errs {
		errs[i].Value = shown(errs[i].Value)
	}
	return obs, errs, nil
}

var (
	yearRe    = regexp.MustCompile(`^(\d{4})\s*(?:年度?)?$`)
	quarterRe = regexp.MustCompile(`^(\d{4})\s*(?:年度?)?\s*[-/._ ]?\s*(?:[QqＱｑ]\s*([1-4１-４])|第?\s*([1-4一二三四１-４])\s*季度?)$`)
	monthRe   = regexp.MustCompile(`^(\d{4})\s*(?:[-/._年]\s*(\d{1,2})\s*月?|(\d{2}))$`)
)

// NormalizePeriod reads a statistics period and writes it as "2023",
// "2023-Q2" or "2023-06"; ok is false for what it cannot read (a half
// year, a range).
func NormalizePeriod(s string) (string, bool) {
	s = strings.TrimSpace(strings.Map(widthFold, s))
	if m := yearRe.FindStringSubmatch(s); m != nil {
		return m[1], true
	}
	if m := quarterRe.FindStringSubmatch(s); m != nil {
		q := m[2] + m[3]
		if n := strings.Index("一二三四", q); n >= 0 {
			q = strconv.Itoa(n/len("一") + 1)
		}
		return m[1] + "-Q" + q, true
	}
	if m := monthRe.FindStringSubmatch(s); m != nil {
		mo, _ := strconv.Atoi(m[2] + m[3])
		if mo >= 1 && mo <= 12 {
			return fmt.Sprintf("%s-%02d", m[1], mo), true
		}
	}
	return "", false
}

// periodFromSerial reads a month from a cell Excel made a date of
// (2023-06 typed into a cell becomes 2023-06-01).
func periodFromSerial(raw string) (string, bool) {
	d, ok := parseDate("", raw)
	if !ok {
		return "", false
	}
	return d[:7], true
}

func parseYesNo(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(strings.Map(widthFold, s))) {
	case "", "否", "n", "no", "false", "0", "×", "无":
		return false, true
	case "是", "y", "yes", "true", "1", "√", "✓", "修订", "已修订", "有":
		return true, true
	}
	return false, false
}
