package web

import "maps"

// a11yMessages are the interface strings that only assistive technology
// and keyboard users meet (the skip link, labels of controls whose
// column heading names them to the eye), merged into the catalog.
var a11yMessages = map[string][2]string{
	"a11y.skip":        {"跳到正文", "Skip to main content"},
	"a11y.status_of":   {"%s的状态", "Status of %s"},
	"a11y.progress_of": {"%s的进度（%%）", "Progress of %s (%%)"},
	"a11y.note_of":     {"%s的说明", "Note on %s"},
}

func init() { maps.Copy(messages, a11yMessages) }
