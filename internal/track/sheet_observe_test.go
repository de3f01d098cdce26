package track

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"planwatch/internal/store"
)

func sampleIndicators() []store.Indicator {
	return []store.Indicator{
		{ID: "i1", Name: "研发经费投入强度", Key: Key("研发经费投入强度"), Unit: "%"},
		{ID: "i2", Name: "高新技术企业数", Unit: "家"},
		{ID: "i3", Name: "地区生产总值", Key: Key("地区生产总值"), Unit: "亿元"},
	}
}

func TestNormalizePeriod(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"2023", "2023", true},
		{"2023年", "2023", true},
		{"2023年度", "2023", true},
		{"２０２３", "2023", true},
		{"2023-Q2", "2023-Q2", true},
		{"2023Q4", "2023-Q4", true},
		{"2023 q1", "2023-Q1", true},
		{"2023年二季度", "2023-Q2", true},
		{"2023年第三季度", "2023-Q3", true},
		{"2023年第4季度", "2023-Q4", true},
		{"2023-06", "2023-06", true},
		{"2023-6", "2023-06", true},
		{"2023/06", "2023-06", true},
		{"2023.6", "2023-06", true},
		{"2023年6月", "2023-06", true},
		{"2023年12月", "2023-12", true},
		{"202306", "2023-06", true},
		{"2023-13", "", false},
		{"2023-Q5", "", false},
		{"2023年上半年", "", false},
		{"去年", "", false},
		{"", "", false},
	} {
		got, ok := NormalizePeriod(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("NormalizePeriod(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestReadObservationsCSV(t *testing.T) {
	sheet := "指标名称,时期,数值,数据来源,是否修订\n" +
		"研发经费投入强度,2023年,3.1,市统计局,\n" +
		"全市研究与试验发展经费投入强度,2024-Q2,3.25%,,否\n" + // by key
		"高新技术企业数,2023年二季度,\"1,205\",科技局月报,是\n" +
		",,,,\n" +
		"高新技术企业数,2023-06,1210,,\n" +
		"规上工业增加值,2023,5,,\n" + // unknown indicator
		"地区生产总值,2023年上半年,3500,,\n" + // unreadable period
		"地区生产总值,2023,约3500,,\n" + // not a number
		"地区生产总值,2023,3500,,也许\n" + // revised?
		"高新技术企业数,2023-Q2,1206,,是\n" // same period twice
	want := []store.Observation{
		{IndicatorID: "i1", Period: "2023", Value: 3.1, Source: "市统计局"},
		{IndicatorID: "i1", Period: "2024-Q2", Value: 3.25, Source: "import:obs.csv"},
		{IndicatorID: "i2", Period: "2023-Q2", Value: 1205, Source: "科技局月报", Revised: true},
		{IndicatorID: "i2", Period: "2023-06", Value: 1210, Source: "import:obs.csv"},
	}
	wantErrs := []string{"7:A:规上工业增加值", "8:B:2023年上半年", "9:C:约3500", "10:E:也许", "11:B:2023-Q2"}
	for _, enc := range []string{"utf-8", "bom"} {
		data := sheet
		if enc == "bom" {
			data = "\uFEFF" + sheet
		}
		obs, rowErrs, err := ReadObservations(context.Background(), Named("obs.csv", strings.NewReader(data)), "csv", sampleIndicators(), ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(obs, want) {
			t.Errorf("%s: observations:\n got %+v\nwant %+v", enc, obs, want)
		}
		var got []string
		for _, e := range rowErrs {
			got = append(got, fmt.Sprintf("%d:%s:%s", e.Row, e.Column, e.Value))
		}
		if !reflect.DeepEqual(got, wantErrs) {
			t.Errorf("%s: row errors = %q, want %q (%v)", enc, got, wantErrs, rowErrs)
		}
	}
}

func TestReadObservationsXLSX(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	sh := f.GetSheetName(0)
	for i, r := range [][]any{
		{"2023年指标监测表"},
		{"指标", "时期", "数值", "来源", "修订"},
		{"研发经费投入强度", "2023", 3.1, "统计公报", "否"},
		{"高新技术企业数", nil, 1210, "", ""},
	} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sh, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	// Excel turns a typed 2023-06 into the date 2023-06-01.
	if err := f.SetCellValue(sh, "B4", 45078); err != nil { // 2023-06-01
		t.Fatal(err)
	}
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 17}) // mmm-yy
	if err := f.SetCellStyle(sh, "B4", "B4", style); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	obs, rowErrs, err := ReadObservations(context.Background(), &buf, "xlsx", sampleIndicators(), ReadOptions{})
	if err != nil || len(rowErrs) != 0 {
		t.Fatalf("err %v, row errors %v", err, rowErrs)
	}
	want := []store.Observation{
		{IndicatorID: "i1", Period: "2023", Value: 3.1, Source: "统计公报"},
		{IndicatorID: "i2", Period: "2023-06", Value: 1210, Source: "import:sheet.xlsx"},
	}
	if !reflect.DeepEqual(obs, want) {
		t.Errorf("observations:\n got %+v\nwant %+v", obs, want)
	}
}

func TestReadObservationsNoHeader(t *testing.T) {
	if _, _, err := ReadObservations(context.Background(), strings.NewReader("名称,值\n"), "csv", nil, ReadOptions{}); err == nil {
		t.Fatal("no error for a sheet without 指标/时期/数值")
	}
}

// TestReadObservationsFigures: 数值 as offices write it, in the
// indicator's unit (150万, 1.2亿, 3.5%, 全覆盖); a figure of another kind
// (a share for an amount) is refused naming the unit.
func TestReadObservationsFigures(t *testing.T) {
	inds := append(sampleIndicators(), store.Indicator{ID: "i4", Name: "5G基站覆盖率", Unit: "%"},
		store.Indicator{ID: "i5", Name: "常住人口", Unit: "人"})
	sheet := "指标,时期,数值\n" +
		"地区生产总值,2021,6355亿元\n" + // in an indicator in 亿元
		"地区生产总值,2022,0.7万亿\n" +
		"地区生产总值,2023,7062.5\n" + // a bare figure is in the indicator's unit
		"常住人口,2023,555万\n" +
		"5G基站覆盖率,2023,全覆盖\n" +
		"研发经费投入强度,2023,３．２％\n" +
		"常住人口,2022,5%\n" // a share for a count
	obs, errs, err := ReadObservations(context.Background(), Named("obs.csv", strings.NewReader(sheet)), "csv", inds, ReadOptions{Today: "2024-06-30"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{"i3/2021": 6355, "i3/2022": 7000, "i3/2023": 7062.5, "i5/2023": 5550000, "i4/2023": 100, "i1/2023": 3.2}
	got := map[string]float64{}
	for _, o := range obs {
		got[o.IndicatorID+"/"+o.Period] = o.Value
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("values = %v, want %v", got, want)
	}
	if len(errs) != 1 || errs[0].Row != 8 || errs[0].Column != "C" || !strings.Contains(errs[0].Reason, "单位") {
		t.Errorf("row errors = %+v", errs)
	}
}
