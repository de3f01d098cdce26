package extract

// planRoots drops the requirements a covering notice sets out before the
// plan it issues (现将《…方案》印发给你们，并提出以下要求。一、高度重视…
// 二、压实责任…), when the plan's title stands on its own line below
// them: the plan's items are those after that line, whatever heading of
// the notice they fell under.
func planRoots(text []rune, lines []line, roots []*node, title string) []*node {
	if title == "" || len(roots) == 0 {
		return roots
	}
	at, notice := -1, false
	tr := []rune(title)
	for i := 1; i < min(len(lines), max(40, len(lines)*2/5)); i++ {
		r := trimSpace(text[lines[i].start:lines[i].end])
		// Lines are compared as runes: making each a string cost more
		// than the rest of the pass.
		if !notice {
			notice = runesContain(r, "印发") && (runesContain(r, "给你们") || runesContain(r, "现将"))
			continue
		}
		if len(r) == len(tr) && string(r) == title {
			at = i
			break
		}
	}
	if at < 0 || roots[0].line > at {
		return roots
	}
	var out []*node
	var lift func(ns []*node)
	lift = func(ns []*node) {
		for _, n := range ns {
			if n.line > at {
				out = append(out, n)
			} else {
				lift(n.children)
			}
		}
	}
	lift(roots)
	if len(out) == 0 {
		return roots
	}
	return out
}
