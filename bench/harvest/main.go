// Command harvest measures the harvested observations against the
// corpus: it stores the work reports of consecutive years (the national
// 政府工作报告 and the GBK district reports of 海拉尔区, 2012–2019) in a
// new library, makes a plan of each with its indicators taken as
// extracted, matches every report against the plans (each report reviews
// the year before, whose plan named the targets), and judges the
// proposals against gold.tsv, a list built by reading the reports: the
// figure each report gives for the past year of an indicator its
// predecessor targeted.
//
//	go run ./bench/harvest                       # ../shared/corpus
//	go run ./bench/harvest -corpus DIR -v        # every proposal with its verdict
//
// It prints, per set, the proposals accepted as they stand (right
// indicator, period and value) over all proposals (precision) and the
// gold figures proposed with the right value over all gold figures
// (recall). With -missing it lists the gold figures not proposed.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"planwatch/internal/extract"
	"planwatch/internal/harvest"
	"planwatch/internal/library"
	"planwatch/internal/store"
	"planwatch/internal/track"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "harvest:", err)
		os.Exit(1)
	}
}

// sets are the corpus files of each set, by a pattern with the year.
var sets = []struct {
	name string
	re   *regexp.Regexp
}{
	{"national", regexp.MustCompile(`^\d+_gwr_national_(\d{4})\.txt$`)},
	{"hailar", regexp.MustCompile(`^\d+_gwr(\d{4})_hailar_district_GBK\.txt$`)},
}

// goldKey names one figure: set, plan year, indicator key, period.
type goldKey struct {
	set, key, period string
	plan             int
}

// goldFigure is a figure read in a report; headline ones count in recall.
type goldFigure struct {
	value    float64
	headline bool
}

func run() error {
	corpus := flag.String("corpus", "../shared/corpus", "the corpus directory")
	goldPath := flag.String("gold", "bench/harvest/gold.tsv", "the gold list")
	verbose := flag.Bool("v", false, "print every proposal with its verdict")
	missing := flag.Bool("missing", false, "print the gold figures not proposed")
	minScore := flag.Float64("min-score", harvest.DefaultMinScore, "the threshold of a proposal")
	flag.Parse()
	gold, err := readGold(*goldPath)
	if err != nil {
		return err
	}
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "harvest-bench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	st, err := store.Open(ctx, filepath.Join(dir, "db.sqlite"), nil)
	if err != nil {
		return err
	}
	defer st.Close()
	lib := library.New(st, library.Options{})
	entries, err := os.ReadDir(*corpus)
	if err != nil {
		return err
	}
	for _, set := range sets {
		planYear := map[string]int{} // plan ID → year
		var docs []string
		for _, e := range entries {
			m := set.re.FindStringSubmatch(e.Name())
			if m == nil {
				continue
			}
			r := lib.Add(ctx, filepath.Join(*corpus, e.Name()), []string{set.name})
			if r.Err != nil {
				return fmt.Errorf("%s: %w", e.Name(), r.Err)
			}
			docs = append(docs, r.DocumentID)
			pid, err := makePlan(ctx, st, r.DocumentID)
			if err != nil {
				return fmt.Errorf("%s: %w", e.Name(), err)
			}
			y, _ := strconv.Atoi(m[1])
			planYear[pid] = y
		}
		h := harvest.New(st, nil, *minScore)
		for _, d := range docs {
			if _, err := h.Document(ctx, d); err != nil {
				return err
			}
		}
		var (
			right, all int
			found      = map[goldKey]bool{}
			lines      []string
		)
		for pid, y := range planYear {
			ps, err := st.HarvestProposals(ctx, store.HarvestFilter{PlanID: pid})
			if err != nil {
				return err
			}
			for _, p := range ps {
				k := goldKey{set.name, track.Key(p.IndicatorName), p.Period, y}
				g, ok := gold[k]
				verdict := "WRONG"
				if ok && close(p.Value, g.value) {
					verdict, found[k] = "right", true
					right++
				}
				all++
				lines = append(lines, fmt.Sprintf("%s\t%d\t%s\t%s\t%v\t%s\t%.2f\t%s", verdict, y, p.IndicatorName, p.Period,
					p.Value, p.IndicatorUnit, p.Score, p.Quote))
			}
		}
		sort.Strings(lines)
		if *verbose {
			for _, l := range lines {
				fmt.Println(l)
			}
		}
		n := 0
		var miss []string
		for k, v := range gold {
			if k.set != set.name || !v.headline {
				continue
			}
			n++
			if !found[k] {
				miss = append(miss, fmt.Sprintf("missing\t%d\t%s\t%s\t%v", k.plan, k.key, k.period, v.value))
			}
		}
		if *missing {
			slices.Sort(miss)
			for _, l := range miss {
				fmt.Println(l)
			}
		}
		fmt.Printf("%s: %d reports, %d proposals, %d right: precision %.3f; headline gold %d, proposed right %d: recall %.3f\n",
			set.name, len(docs), all, right, ratio(right, all), n, n-len(miss), ratio(n-len(miss), n))
	}
	return nil
}

// makePlan makes a plan of a stored report with every indicator taken as
// extracted (confirmed), as an office that reviewed them would have.
func makePlan(ctx context.Context, st *store.Store, docID string) (string, error) {
	d, err := st.Document(ctx, docID)
	if err != nil {
		return "", err
	}
	v, err := st.Version(ctx, d.ID, 0)
	if err != nil {
		return "", err
	}
	var res extract.Result
	if err := json.Unmarshal(v.Extraction, &res); err != nil {
		return "", err
	}
	plan, items, inds := track.FromExtraction(&res, d, v.Seq, "")
	for i := range inds {
		inds[i].Review = store.ReviewConfirmed
	}
	if err := st.SavePlanTree(ctx, &plan, items, inds); err != nil {
		return "", err
	}
	return plan.ID, nil
}

// readGold reads the gold list: set, plan year, indicator (any name
// track.Key folds to the plan's), period, value in the indicator's unit,
// class (headline or extra), where it was read; tab-separated, #
// comments.
func readGold(path string) (map[goldKey]goldFigure, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[goldKey]goldFigure{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) < 6 {
			return nil, fmt.Errorf("%s:%d: want set, plan year, indicator, period, value, class", path, n)
		}
		y, err1 := strconv.Atoi(c[1])
		v, err2 := strconv.ParseFloat(c[4], 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("%s:%d: plan year or value is no number", path, n)
		}
		out[goldKey{c[0], track.Key(c[2]), c[3], y}] = goldFigure{v, c[5] == "headline"}
	}
	return out, sc.Err()
}

func close(a, b float64) bool { return math.Abs(a-b) <= 1e-6*math.Max(1, math.Abs(b)) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
