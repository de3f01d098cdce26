package library

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
)

// DiffOp says what a line of a diff does.
type DiffOp int

// The operations of a diff, from the first text to the second.
const (
	Equal  DiffOp = iota // in both texts
	Insert               // only in the second
	Delete               // only in the first
)

// String returns the op's name, for messages and tests.
func (op DiffOp) String() string {
	switch op {
	case Equal:
		return "equal"
	case Insert:
		return "insert"
	case Delete:
		return "delete"
	}
	return fmt.Sprintf("DiffOp(%d)", int(op))
}

// DiffLine is one line of a diff, without its line break.
type DiffLine struct {
	Op   DiffOp
	Text string
}

// Limits that keep Diff's time and memory bounded on big or very different
// texts. Myers' algorithm takes O((N+M)·D) time for D differing lines and,
// in the linear-space form used here, O(N+M) memory.
const (
	// maxExactLines is the most lines, after the common head and tail are
	// set aside, that Diff compares line by line. Beyond it the texts are
	// first cut at lines that occur once in each (patience anchors).
	maxExactLines = 20000
	// maxEditCost bounds D in one Myers search. A search that reaches it
	// stops and reports the block as replaced: a correct diff, only not
	// the shortest, for texts that share almost nothing.
	maxEditCost = 4000
)

// Diff compares a and b line by line (split on '\n'; a final line break
// ends the last line rather than starting an empty one) and returns the
// lines of both in order, each marked Equal, Delete (only in a) or Insert
// (only in b); deletions come before the insertions that replace them. The
// diff is a shortest one (Myers) except on texts of more than 20,000
// differing lines or very many differences, where it is coarser but still
// turns a into b.
func Diff(a, b string) []DiffLine {
	al, bl := splitLines(a), splitLines(b)
	// Compare small integers, not strings: each distinct line gets an ID.
	ids := make(map[string]int, len(al)+len(bl))
	intern := func(lines []string) []int {
		out := make([]int, len(lines))
		for i, l := range lines {
			id, ok := ids[l]
			if !ok {
				id = len(ids)
				ids[l] = id
			}
			out[i] = id
		}
		return out
	}
	d := differ{a: al, b: bl, out: make([]DiffLine, 0, max(len(al), len(bl)))}
	d.diff(intern(al), intern(bl), 0, 0)
	deletesFirst(d.out)
	return d.out
}

// deletesFirst reorders each run of changed lines so that its deletions
// come before its insertions, as readers of a diff expect; the search can
// leave them interleaved. Either order turns the old text into the new.
func deletesFirst(d []DiffLine) {
	for i := 0; i < len(d); {
		if d[i].Op == Equal {
			i++
			continue
		}
		j := i
		for j < len(d) && d[j].Op != Equal {
			j++
		}
		slices.SortStableFunc(d[i:j], func(x, y DiffLine) int { return int(y.Op) - int(x.Op) })
		i = j
	}
}

// splitLines splits s into lines without their '\n'.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	s = strings.TrimSuffix(s, "\n")
	return strings.Split(s, "\n")
}

// differ collects the diff of its texts' lines; the recursive steps work on
// line IDs and offsets into a and b.
type differ struct {
	a, b []string
	out  []DiffLine
}

func (d *differ) emit(op DiffOp, lines []string) {
	for _, l := range lines {
		d.out = append(d.out, DiffLine{Op: op, Text: l})
	}
}

// diff appends the diff of x and y, which are the line IDs of
// a[ax:ax+len(x)] and b[by:by+len(y)].
func (d *differ) diff(x, y []int, ax, by int) {
	// The common head and tail cost nothing to find and are most of a
	// typical version diff.
	pre := 0
	for pre < len(x) && pre < len(y) && x[pre] == y[pre] {
		pre++
	}
	d.emit(Equal, d.a[ax:ax+pre])
	x, y, ax, by = x[pre:], y[pre:], ax+pre, by+pre
	suf := 0
	for suf < len(x) && suf < len(y) && x[len(x)-1-suf] == y[len(y)-1-suf] {
		suf++
	}
	x, y = x[:len(x)-suf], y[:len(y)-suf]

	switch {
	case len(x) == 0:
		d.emit(Insert, d.b[by:by+len(y)])
	case len(y) == 0:
		d.emit(Delete, d.a[ax:ax+len(x)])
	case len(x)+len(y) > maxExactLines:
		d.anchored(x, y, ax, by)
	default:
		if sx, sy, ok := middleSnake(x, y); ok {
			d.diff(x[:sx], y[:sy], ax, by)
			d.diff(x[sx:], y[sy:], ax+sx, by+sy)
		} else {
			d.replace(x, y, ax, by)
		}
	}
	d.emit(Equal, d.a[ax+len(x):ax+len(x)+suf])
}

// replace reports x as deleted and y as inserted.
func (d *differ) replace(x, y []int, ax, by int) {
	d.emit(Delete, d.a[ax:ax+len(x)])
	d.emit(Insert, d.b[by:by+len(y)])
}

// anchored diffs big inputs by cutting them at lines that occur exactly
// once in x and once in y and appear in the same order in both (the
// longest such sequence, as in patience diff), then diffing the pieces
// between anchors, which are usually small. Without anchors the block is
// replaced whole.
func (d *differ) anchored(x, y []int, ax, by int) {
	type seen struct{ nx, ny, ix, iy int }
	count := map[int]*seen{}
	for i, id := range x {
		s := count[id]
		if s == nil {
			s = &seen{}
			count[id] = s
		}
		s.nx++
		s.ix = i
	}
	for i, id := range y {
		if s := count[id]; s != nil {
			s.ny++
			s.iy = i
		}
	}
	// Unique pairs in x order; their longest run increasing in y is the
	// set of anchors.
	var pairs [][2]int
	for i, id := range x {
		if s := count[id]; s.nx == 1 && s.ny == 1 {
			pairs = append(pairs, [2]int{i, s.iy})
		}
	}
	anchors := longestIncreasing(pairs)
	if len(anchors) == 0 {
		d.replace(x, y, ax, by)
		return
	}
	px, py := 0, 0
	for _, p := range anchors {
		d.diffPiece(x[px:p[0]], y[py:p[1]], ax+px, by+py)
		d.emit(Equal, d.a[ax+p[0]:ax+p[0]+1])
		px, py = p[0]+1, p[1]+1
	}
	d.diffPiece(x[px:], y[py:], ax+px, by+py)
}

// diffPiece diffs the text between two anchors, replacing it whole if it
// is still too big to compare: anchoring it again could find nothing new.
func (d *differ) diffPiece(x, y []int, ax, by int) {
	if len(x)+len(y) > maxExactLines {
		d.replace(x, y, ax, by)
		return
	}
	d.diff(x, y, ax, by)
}

// longestIncreasing returns the longest subsequence of pairs (sorted by
// their first element) whose second elements increase, by patience
// sorting in O(n log n).
func longestIncreasing(pairs [][2]int) [][2]int {
	if len(pairs) == 0 {
		return nil
	}
	tails := []int{}                // tails[k]: index of the smallest tail of a run of length k+1
	prev := make([]int, len(pairs)) // predecessor of each pair in its run
	for i, p := range pairs {
		lo, hi := 0, len(tails)
		for lo < hi {
			mid := (lo + hi) / 2
			if pairs[tails[mid]][1] < p[1] {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		prev[i] = -1
		if lo > 0 {
			prev[i] = tails[lo-1]
		}
		if lo == len(tails) {
			tails = append(tails, i)
		} else {
			tails[lo] = i
		}
	}
	out := make([][2]int, len(tails))
	for i, k := tails[len(tails)-1], len(tails)-1; k >= 0; i, k = prev[i], k-1 {
		out[k] = pairs[i]
	}
	return out
}

// middleSnake finds a point (sx, sy) on a shortest edit path from x to y by
// running Myers' search forward from the start and backward from the end
// until the two meet (Myers 1986, section 4b), so that the halves can be
// diffed separately in linear space. x and y are non-empty and differ in
// their first and in their last lines, so the point is strictly inside.
// ok is false if the edit cost passes maxEditCost before the searches meet.
func middleSnake(x, y []int) (sx, sy int, ok bool) {
	n, m := len(x), len(y)
	maxD := (n + m + 1) / 2
	off := maxD
	// vf[off+k] is the furthest x reached on diagonal k = x-y going
	// forward; vb[off+k] the same going backward, counted from the end.
	// -1 marks a diagonal not reached yet.
	vf := make([]int, 2*maxD+2)
	vb := make([]int, 2*maxD+2)
	for i := range vf {
		vf[i], vb[i] = -1, -1
	}
	vf[off+1], vb[off+1] = 0, 0
	delta := n - m
	// With an odd delta the paths meet on a forward step, else on a
	// backward one.
	front := delta%2 != 0
	// Diagonals that ran off the grid on either side need no more work.
	fLo, fHi, bLo, bHi := 0, 0, 0, 0
	for d := 0; d < min(maxD, maxEditCost); d++ {
		for k := -d + fLo; k <= d-fHi; k += 2 {
			var px int
			if k == -d || k != d && vf[off+k-1] < vf[off+k+1] {
				px = vf[off+k+1] // down: insert y[py]
			} else {
				px = vf[off+k-1] + 1 // right: delete x[px-1]
			}
			py := px - k
			for px < n && py < m && x[px] == y[py] {
				px++
				py++
			}
			vf[off+k] = px
			switch {
			case px > n:
				fHi += 2
			case py > m:
				fLo += 2
			case front:
				// The backward diagonal through this point is delta-k.
				if kb := off + delta - k; kb >= 0 && kb < len(vb) && vb[kb] != -1 && px >= n-vb[kb] {
					return px, py, true
				}
			}
		}
		for k := -d + bLo; k <= d-bHi; k += 2 {
			var px int
			if k == -d || k != d && vb[off+k-1] < vb[off+k+1] {
				px = vb[off+k+1]
			} else {
				px = vb[off+k-1] + 1
			}
			py := px - k
			for px < n && py < m && x[n-1-px] == y[m-1-py] {
				px++
				py++
			}
			vb[off+k] = px
			switch {
			case px > n:
				bHi += 2
			case py > m:
				bLo += 2
			case !front:
				if kf := off + delta - k; kf >= 0 && kf < len(vf) && vf[kf] != -1 && vf[kf] >= n-px {
					fx := vf[kf]
					return fx, fx - (kf - off), true
				}
			}
		}
	}
	return 0, 0, false
}

// FormatDiff writes d as a unified diff without file headers: hunks
// headed "@@ -l,s +l,s @@" (line numbers from 1; a count of 1 is left
// out, and an empty side is numbered by the line before it), then each
// line with "- ", "+ " or "  " in front. context is the number of equal
// lines shown around each change; changes fewer than 2×context+1 lines
// apart share a hunk. When the texts are equal nothing is written.
func FormatDiff(w io.Writer, d []DiffLine, context int) error {
	context = max(context, 0)
	bw := bufio.NewWriter(w)
	// Line numbers, counted from 0, of each entry in the two texts.
	na, nb := make([]int, len(d)+1), make([]int, len(d)+1)
	for i, l := range d {
		na[i+1], nb[i+1] = na[i], nb[i]
		if l.Op != Insert {
			na[i+1]++
		}
		if l.Op != Delete {
			nb[i+1]++
		}
	}
	for i := 0; i < len(d); {
		if d[i].Op == Equal {
			i++
			continue
		}
		// A hunk: from context lines before this change to context lines
		// after the last change that is close enough to join it.
		start := max(i-context, 0)
		end := i
		for end < len(d) {
			if d[end].Op != Equal {
				end++
				continue
			}
			run := end
			for run < len(d) && d[run].Op == Equal {
				run++
			}
			if run == len(d) || run-end > 2*context {
				end = min(end+context, len(d))
				break
			}
			end = run
		}
		fmt.Fprintf(bw, "@@ -%s +%s @@\n",
			hunkRange(na[start], na[end]-na[start]), hunkRange(nb[start], nb[end]-nb[start]))
		for _, l := range d[start:end] {
			prefix := "  "
			switch l.Op {
			case Insert:
				prefix = "+ "
			case Delete:
				prefix = "- "
			}
			bw.WriteString(prefix)
			bw.WriteString(l.Text)
			bw.WriteByte('\n')
		}
		i = end
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write diff: %w", err)
	}
	return nil
}

// hunkRange formats one side of a hunk header as diff -u does: "l" for one
// line, "l,n" otherwise, with l the line before the hunk when n is 0.
func hunkRange(first, n int) string {
	switch n {
	case 0:
		return fmt.Sprintf("%d,0", first)
	case 1:
		return fmt.Sprintf("%d", first+1)
	}
	return fmt.Sprintf("%d,%d", first+1, n)
}
