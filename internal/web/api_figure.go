package web

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// apiFigure is a figure in a JSON body, taken as a number (60, 1.2e8) or
// as text the way people write it ("60%", "150万", "全覆盖"): the API reads
// figures as every other door does (package amount), the text is kept to
// be read there.
type apiFigure string

// UnmarshalJSON takes a JSON number or string; anything else is refused.
func (f *apiFigure) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = apiFigure(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("want a number or a string like \"60%%\": %w", err)
	}
	*f = apiFigure(n.String())
	return nil
}
