package track

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"planwatch/internal/config"
	"planwatch/internal/store"
	"planwatch/internal/track/hostile"
)

// fuzzLimits keep each fuzzed read small and quick, so that the fuzzer
// explores the budgets' edges instead of waiting on big inputs.
var fuzzLimits = config.Sheets{MaxBytes: 4 << 20, MaxInflated: 16 << 20, MaxText: 1 << 20, MaxElements: 20_000,
	MaxRows: 2_000, MaxCells: 20_000, MaxCellChars: 4_000}

// FuzzReadProgress feeds arbitrary bytes to the sheet reader as CSV and as
// XLSX: a unit's file may be anything, and the reader must answer with an
// error or row errors, never a panic, never an update for an unknown item
// or one the shared rules refuse, and within its budgets.
func FuzzReadProgress(f *testing.F) {
	plan := store.Plan{ID: "p1", Title: "示例计划", StartYear: 2024, EndYear: 2026}
	items := []store.Item{
		{ID: "g1", PlanID: "p1", Kind: store.KindGroup, Number: "一、", Title: "产业协同"},
		{ID: "t1", PlanID: "p1", ParentID: "g1", Kind: store.KindTask, Number: "1.", Title: "共建产业园"},
		{ID: "t2", PlanID: "p1", ParentID: "g1", Kind: store.KindTask, Number: "2.", Title: "引进项目"},
	}
	for _, format := range []string{"csv", "xlsx"} {
		var seed bytes.Buffer
		if err := WriteTaskList(&seed, format, plan, items, nil, time.Now()); err == nil {
			f.Add(seed.Bytes())
		}
	}
	f.Add([]byte("序号,重点任务,具体举措,牵头单位,责任单位,完成时限,进展情况,状态\n一.1,产业协同,共建产业园,,,,已开工,序时推进\n,,,,,,续行,\n"))
	f.Add([]byte("\xef\xbb\xbf序号\t状态\n9\t完成\n"))
	f.Add([]byte("PK\x03\x04garbage"))
	f.Add(hostile.NULCSV())
	f.Add(hostile.UnclosedQuoteCSV())
	f.Add(hostile.LongFieldCSV(5000))
	f.Add(hostile.SheetBomb(2 << 20))
	f.Add(hostile.SharedStringBomb(5000))
	f.Add(hostile.Workbook(`<row r="2"><c r="A2" t="inlineStr"><is><t>一.1</t></is></c><c r="B2"><v>45382</v></c></row>` +
		`</sheetData><mergeCells><mergeCell ref="A2:B3"/></mergeCells><sheetData>`))
	known := map[string]bool{"t1": true, "t2": true}
	f.Fuzz(func(t *testing.T, data []byte) {
		// A read that hangs must fail with its input, not stall the fuzzer.
		watchdog := time.AfterFunc(20*time.Second, func() { panic(fmt.Sprintf("ReadProgress hangs on %q", data)) })
		defer watchdog.Stop()
		for _, format := range []string{"csv", "xlsx"} {
			start := time.Now()
			ups, _, err := ReadProgress(context.Background(), bytes.NewReader(data), format, plan, items, "", "fuzz", "2025-06-30",
				ReadOptions{Limits: fuzzLimits, Today: "2025-06-30"})
			if took := time.Since(start); took > 5*time.Second {
				t.Fatalf("%s: %d bytes took %v", format, len(data), took)
			}
			if err != nil {
				continue
			}
			for _, u := range ups {
				if !known[u.ItemID] {
					t.Fatalf("%s: update for unknown item %q", format, u.ItemID)
				}
				if u.Progress < 0 || u.Progress > 100 || u.Date > "2025-06-30" {
					t.Fatalf("%s: update %+v", format, u)
				}
				if code, _ := CheckText(u.Note, MaxNoteChars); code != "" {
					t.Fatalf("%s: note %q passed though CheckText refuses it (%s)", format, u.Note, code)
				}
			}
		}
	})
}

// FuzzReadObservations is FuzzReadProgress for indicator sheets.
func FuzzReadObservations(f *testing.F) {
	inds := []store.Indicator{{ID: "n1", PlanID: "p1", Name: "研发经费投入强度", Unit: "%"}}
	f.Add([]byte("指标,时期,数值,来源\n研发经费投入强度,2023,3.1,统计公报\n"))
	f.Add([]byte("指标,时期,数值\n研发经费投入强度,2999,NaN\n"))
	f.Add(hostile.Workbook(`<row r="2"><c r="A2" t="inlineStr"><is><t>研发经费投入强度</t></is></c><c r="B2"><v>45078</v></c><c r="C2"><v>3.1</v></c></row>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, format := range []string{"csv", "xlsx"} {
			obs, _, err := ReadObservations(context.Background(), bytes.NewReader(data), format, inds,
				ReadOptions{Limits: fuzzLimits, Today: "2025-06-30"})
			if err != nil {
				continue
			}
			for _, o := range obs {
				if o.IndicatorID != "n1" || periodStart(o.Period) > "2025-06-30" || o.Value != o.Value {
					t.Fatalf("%s: observation %+v", format, o)
				}
			}
		}
	})
}

// FuzzXMLLexer checks the lexer the budgets count with against
// encoding/xml, which excelize parses with: on XML that encoding/xml
// reads whole, both see the same start tags, so the budgets count what
// excelize will parse.
func FuzzXMLLexer(f *testing.F) {
	for _, s := range []string{
		`<?xml version="1.0"?><a x="1>2" y='3'><b/><!-- <c> --><![CDATA[<d>]]><x:e>t</x:e></a>`,
		`<!DOCTYPE a [<!ENTITY e "v">]><a>&e;</a>`,
		`<sheetData><row r="2"><c r="B2" t="s"><v>0</v></c></row></sheetData>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		want := 0
		d := xml.NewDecoder(bytes.NewReader(data))
		d.Strict = true
		for {
			tok, err := d.RawToken()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return // not XML encoding/xml reads: the lexer may see it otherwise
			}
			if _, ok := tok.(xml.StartElement); ok {
				want++
			}
		}
		l := newXMLLexer(bytes.NewReader(data))
		got := 0
		for {
			err := l.next()
			if errors.Is(err, io.EOF) {
				break
			}
			if errors.Is(err, errCutShort) {
				return // encoding/xml lets a document end inside a tag
			}
			if err != nil {
				t.Fatalf("lexer: %v on XML encoding/xml reads: %q", err, data)
			}
			if l.start {
				got++
			}
		}
		if got != want {
			t.Fatalf("lexer counts %d start tags, encoding/xml %d, in %q", got, want, strings.ToValidUTF8(string(data), "?"))
		}
	})
}
