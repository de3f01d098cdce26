// Package harvest offers the figures stored documents report to the
// indicators of tracked plans. Each observation extracted from a document
// (extract.Result.Observations: indicator, value, unit, period, quote,
// span) is matched against every confirmed indicator of a plan in use:
// the same region (or one inside the plan's, a breakdown, scored lower),
// the same quantity (names compared by track.Key after dropping the words
// a review adds, 完成 and 同比, then through a synonym table users extend),
// a compatible unit (万元 and 亿元 converted, % and 个 refused), a period
// the indicator has no figure for yet and that the plan covers (its years,
// or the year before as baseline), and a value plausible beside the
// indicator's target (a five-year total is no one year's figure). Each
// match has a score and the reasons for it; those at or above a threshold
// are stored as proposals (store.HarvestProposal) that a person accepts,
// rejects, or marks "not this indicator". Nothing is written to an
// indicator without that acceptance.
//
// It sits beside schedule: it reads the library's stored extractions and
// writes proposals for tracking, so neither library nor track reaches
// across. Document is called when the library has stored a new document
// or version (the cli and web wire it as the library's Stored hook), Plan
// back-fills one plan from the whole library.
package harvest
