package report

import (
	"fmt"
	"strconv"
)

// docxCol is a table column: its header, relative width and whether its
// cells are centred (short codes and figures are; prose is not).
type docxCol struct {
	head   string
	weight int
	center bool
}

// docxTable is a bordered table under a caption.
type docxTable struct {
	caption string
	cols    []docxCol
	rows    [][]string
	size    int // cell font size in half-points: 五号 for wide tables, 四号 for short ones
}

// docxWidths shares the type area's width among the columns by weight;
// the last column takes the rounding so the grid fills it exactly.
func docxWidths(cols []docxCol) []int {
	total := 0
	for _, c := range cols {
		total += c.weight
	}
	out := make([]int, len(cols))
	used := 0
	for i, c := range cols {
		if i == len(cols)-1 {
			out[i] = docxTextWidth - used
			break
		}
		out[i] = docxTextWidth * c.weight / total
		used += out[i]
	}
	return out
}

// table writes a caption (表N　…) and the table. The header row repeats
// on every page (w:tblHeader) and never splits; data rows may split so a
// long note cannot push a row off the page. A fixed layout keeps Word and
// LibreOffice from re-balancing the columns by content.
func (d *docxBody) table(t docxTable) {
	d.tables++
	d.para("TableCaption", "", docxRun{text: fmt.Sprintf("表%d　%s", d.tables, t.caption)})
	widths := docxWidths(t.cols)
	size := t.size
	if size == 0 {
		size = docxSize5
	}
	border := func(name string) string {
		return `<w:` + name + ` w:val="single" w:sz="4" w:space="0" w:color="000000"/>`
	}
	d.b.WriteString(`<w:tbl><w:tblPr>` +
		`<w:tblW w:w="` + strconv.Itoa(docxTextWidth) + `" w:type="dxa"/><w:jc w:val="center"/>` +
		`<w:tblBorders>` + border("top") + border("left") + border("bottom") + border("right") +
		border("insideH") + border("insideV") + `</w:tblBorders>` +
		`<w:tblLayout w:type="fixed"/>` +
		`<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>` +
		`<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>` +
		"</w:tblPr>\n<w:tblGrid>")
	for _, w := range widths {
		d.b.WriteString(`<w:gridCol w:w="` + strconv.Itoa(w) + `"/>`)
	}
	d.b.WriteString("</w:tblGrid>\n")

	d.b.WriteString(`<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>`)
	for i, c := range t.cols {
		d.cell(widths[i], "center", docxRun{text: c.head, bold: true, size: size})
	}
	d.b.WriteString("</w:tr>\n")
	for _, row := range t.rows {
		d.b.WriteString(`<w:tr>`)
		for i, c := range t.cols {
			text := ""
			if i < len(row) {
				text = row[i]
			}
			jc := ""
			if c.center {
				jc = "center"
			}
			d.cell(widths[i], jc, docxRun{text: text, size: size})
		}
		d.b.WriteString("</w:tr>\n")
	}
	d.b.WriteString("</w:tbl>\n")
}

// cell writes a table cell; every cell holds a paragraph, even an empty
// one, or Word reports the file as damaged.
func (d *docxBody) cell(width int, jc string, r docxRun) {
	d.b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(width) + `" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>`)
	d.b.WriteString(`<w:p><w:pPr><w:pStyle w:val="TableText"/>`)
	if jc != "" {
		d.b.WriteString(`<w:jc w:val="` + jc + `"/>`)
	}
	d.b.WriteString(`</w:pPr>`)
	d.run(r)
	d.b.WriteString(`</w:p></w:tc>`)
}

// The report's tables. Each takes rows from the model as they are.

func docxStatusTable(caption string, counts []StatusCount, total int) docxTable {
	t := docxTable{caption: caption, size: docxSize4, cols: []docxCol{
		{"状态", 3, true}, {"任务数（项）", 2, true},
	}}
	for _, c := range counts {
		t.rows = append(t.rows, []string{c.Label, strconv.Itoa(c.Count)})
	}
	t.rows = append(t.rows, []string{"合计", strconv.Itoa(total)})
	return t
}

func docxTaskTable(caption string, tasks []TaskRow) docxTable {
	t := docxTable{caption: caption, cols: []docxCol{
		{"序号", 5, true}, {"重点任务", 22, false}, {"牵头单位", 11, false}, {"状态", 7, true},
		{"进度", 7, true}, {"序时进度", 8, true}, {"最新进展", 22, false},
	}}
	for _, tr := range tasks {
		t.rows = append(t.rows, []string{
			tr.Number, tr.Title, officeUnits(tr.Lead), tr.Label, officeProgress(tr.Progress),
			officePct(tr.Expected), officeNote(tr.LatestNote, tr.LatestDate, tr.Ref),
		})
	}
	return t
}

func docxLaggingTable(caption string, tasks []TaskRow) docxTable {
	t := docxTable{caption: caption, cols: []docxCol{
		{"序号", 5, true}, {"重点任务", 19, false}, {"牵头单位", 10, false}, {"状态", 7, true},
		{"进度", 6, true}, {"序时进度", 7, true}, {"完成时限", 8, true}, {"最新进展", 20, false},
	}}
	for _, tr := range tasks {
		t.rows = append(t.rows, []string{
			tr.Number, tr.Title, officeUnits(tr.Lead), tr.Label, officeProgress(tr.Progress),
			officePct(tr.Expected), tr.Deadline, officeNote(tr.LatestNote, tr.LatestDate, tr.Ref),
		})
	}
	return t
}

// docxUnitTable counts each lead unit's tasks by status, one column per
// status in the order of the summary's vocabulary.
func docxUnitTable(caption string, units []Group, vocab []StatusCount) docxTable {
	cols := []docxCol{{"牵头单位", 16, false}, {"任务数", 6, true}}
	for _, s := range vocab {
		cols = append(cols, docxCol{s.Label, 6, true})
	}
	t := docxTable{caption: caption, cols: cols}
	for _, g := range units {
		counts := map[string]int{}
		for _, c := range g.ByStatus {
			counts[c.Status] = c.Count
		}
		row := []string{g.Name, strconv.Itoa(len(g.Tasks))}
		for _, s := range vocab {
			row = append(row, strconv.Itoa(counts[s.Status]))
		}
		t.rows = append(t.rows, row)
	}
	return t
}

func docxIndicatorTable(caption string, rows []IndicatorRow) docxTable {
	t := docxTable{caption: caption, cols: []docxCol{
		{"序号", 4, true}, {"指标", 17, false}, {"属性", 6, true}, {"基期", 9, true}, {"最新", 9, true},
		{"目标", 10, true}, {"预计", 9, true}, {"完成度", 7, true}, {"状态", 9, true},
	}}
	for i, in := range rows {
		t.rows = append(t.rows, []string{
			strconv.Itoa(i + 1), officeIndicatorName(in.Name, in.Unit), officeBinding(in.Binding),
			officePoint(in.Baseline, in.Unit), officePoint(in.Latest, in.Unit), officeTarget(in.TargetOp, in.Target, in.TargetMax, in.Approx, in.Unit),
			officePoint(in.Projected, in.Unit), officeAttain(in.Attainment), officeIndicatorStatus(in.Known, in.OnTrack),
		})
	}
	return t
}

func docxComparisonTable(caption string, c Comparison) docxTable {
	t := docxTable{caption: caption, cols: []docxCol{
		{"地区", 8, false}, {"规划", 20, false}, {"最新", 9, true}, {"目标", 10, true}, {"状态", 9, true},
	}}
	for _, row := range c.Rows {
		t.rows = append(t.rows, []string{
			row.Region, row.Plan, officePoint(row.Latest, c.Unit), officeTarget(row.TargetOp, row.Target, row.TargetMax, row.Approx, c.Unit),
			officeIndicatorStatus(row.Known, row.OnTrack),
		})
	}
	return t
}

func docxChangeTable(caption string, changes []Change) docxTable {
	t := docxTable{caption: caption, cols: []docxCol{
		{"序号", 5, true}, {"重点任务", 22, false}, {"变化前", 8, true}, {"变化后", 8, true},
		{"说明", 24, false}, {"来源", 5, true},
	}}
	for _, c := range changes {
		before := c.Before
		if before == "" {
			before = officeDash
		}
		t.rows = append(t.rows, []string{c.Number, c.Title, before, c.After, c.Note, c.Ref})
	}
	return t
}

func docxSourceTable(caption string, sources []Source) docxTable {
	t := docxTable{caption: caption, cols: []docxCol{
		{"编号", 5, true}, {"类型", 8, true}, {"说明", 30, false}, {"记录时间", 11, true},
	}}
	for _, s := range sources {
		at := officeDash
		if !s.RecordedAt.IsZero() {
			at = s.RecordedAt.Format("2006-01-02 15:04")
		}
		t.rows = append(t.rows, []string{s.Ref, officeSourceKind(s.Kind), s.Detail, at})
	}
	return t
}
