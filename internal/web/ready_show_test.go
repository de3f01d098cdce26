package web

import (
	"net/http/httptest"
	"strings"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// TestReadyDown checks what a monitor sees when the database is gone: a
// 503 in JSON, whatever the probe's Accept header says.
func TestReadyDown(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		st.Close()
		for _, accept := range []string{"", "text/html", "*/*"} {
			req := httptest.NewRequest("GET", "/readyz", nil)
			if accept != "" {
				req.Header.Set("Accept", accept)
			}
			rec := httptest.NewRecorder()
			f.srv.ServeHTTP(rec, req)
			if rec.Code != 503 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") ||
				!strings.Contains(rec.Body.String(), `"unavailable"`) {
				t.Errorf("Accept %q: %d %s %s", accept, rec.Code, rec.Header().Get("Content-Type"), rec.Body.String())
			}
		}
	})
}
