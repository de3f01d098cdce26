package web

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"planwatch/internal/report"
	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
	"planwatch/internal/web/auth"
)

// TestBrowserSheetUpload fills in a reporter's task list and uploads it
// on /my in headless Chromium, driven over the DevTools protocol: the
// file goes into the page's file input as a user would choose it, the
// form is submitted by a click, and the summary page must say how many
// updates were posted. Skipped without Chromium.
func TestBrowserSheetUpload(t *testing.T) {
	bin, err := report.FindChromium()
	if err != nil {
		t.Skip("no chromium: ", err)
	}
	if testing.Short() {
		t.Skip("-short")
	}
	st := storetest.Fresh(t, "sqlite")
	f := seed(t, st)
	unit := f.task.Units[0].Unit
	rep := f.session(t, "fgw", store.RoleReporter, store.Scope{PlanID: f.plan.ID, Unit: unit})

	// The filled-in sheet, made here rather than downloaded by the browser.
	rec := f.do("GET", "/my/sheet.xlsx", rep, nil, nil)
	if rec.Code != 200 {
		t.Fatalf("download: %d", rec.Code)
	}
	ids, progCol, _, wb := sheetIDs(t, rec.Body.Bytes())
	row, ok := ids[f.task.ID]
	if !ok {
		t.Fatal("the seeded task is not in the unit's sheet")
	}
	wb.SetCellValue(wb.GetSheetName(0), fmt.Sprintf("%s%d", progCol, row), "浏览器上传：样机已完成联调")
	path := filepath.Join(t.TempDir(), "任务清单.xlsx")
	if err := wb.SaveAs(path); err != nil {
		t.Fatal(err)
	}

	// As in TestBrowser, the test server adds the session cookie.
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.AddCookie(&http.Cookie{Name: auth.CookieName, Value: rep.token})
		f.srv.ServeHTTP(w, r)
	}))
	defer ts.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	page := startChromium(ctx, t, bin)
	page.navigate(t, ts.URL+"/my")
	page.waitFor(t, `document.querySelector('form.sheet-upload input[name=sheet]') !== null`)
	page.screenshot(t, "web-my.png")
	doc := page.call(t, "DOM.getDocument", nil)
	var root struct {
		Root struct{ NodeID int64 } `json:"root"`
	}
	json.Unmarshal(doc, &root)
	var input struct{ NodeID int64 }
	json.Unmarshal(page.call(t, "DOM.querySelector", map[string]any{"nodeId": root.Root.NodeID,
		"selector": "form.sheet-upload input[name=sheet]"}), &input)
	if input.NodeID == 0 {
		t.Fatal("no file input on /my")
	}
	page.call(t, "DOM.setFileInputFiles", map[string]any{"nodeId": input.NodeID, "files": []string{path}})
	page.eval(t, `document.querySelector('form.sheet-upload button[type=submit]').click(); true`)
	page.waitFor(t, `document.getElementById('sheet-summary') !== null`)
	summary := page.eval(t, `document.getElementById('sheet-summary').innerText`)
	page.screenshot(t, "web-my-sheet.png")
	if !regexp.MustCompile(`^1\s*条进展已保存`).MatchString(strings.TrimSpace(summary)) {
		t.Errorf("summary %q, want 1 update posted", summary)
	}
	ups, err := st.Updates(context.Background(), f.task.ID)
	if err != nil || ups[len(ups)-1].Note != "浏览器上传：样机已完成联调" || ups[len(ups)-1].Unit != unit {
		t.Errorf("latest update %+v, %v", ups[len(ups)-1], err)
	}
}

// devtools is one page of a headless Chromium, spoken to over the
// DevTools protocol on a WebSocket (a minimal client: text frames, no
// extensions).
type devtools struct {
	conn net.Conn
	rd   *bufio.Reader
	next int64
}

// startChromium runs headless Chromium with a DevTools port and connects
// to its first page; the browser ends with the test.
func startChromium(ctx context.Context, t *testing.T, bin string) *devtools {
	t.Helper()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir="+t.TempDir(),
		"--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "about:blank")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	listening := regexp.MustCompile(`DevTools listening on (ws://[^\s]+)`)
	sc := bufio.NewScanner(stderr)
	var browserURL string
	for sc.Scan() {
		if m := listening.FindStringSubmatch(sc.Text()); m != nil {
			browserURL = m[1]
			break
		}
	}
	if browserURL == "" {
		t.Fatal("chromium printed no DevTools address")
	}
	go io.Copy(io.Discard, stderr)
	u, _ := url.Parse(browserURL)
	var targets []struct {
		Type string `json:"type"`
		WS   string `json:"webSocketDebuggerUrl"`
	}
	for deadline := time.Now().Add(10 * time.Second); ; {
		resp, err := http.Get("http://" + u.Host + "/json/list")
		if err == nil {
			json.NewDecoder(resp.Body).Decode(&targets)
			resp.Body.Close()
		}
		if len(targets) > 0 && targets[0].Type == "page" || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if len(targets) == 0 || targets[0].WS == "" {
		t.Fatal("chromium has no page to drive")
	}
	d, err := dialDevtools(ctx, targets[0].WS)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.conn.Close() })
	return d
}

// dialDevtools opens the WebSocket of a DevTools target.
func dialDevtools(ctx context.Context, wsURL string) (*devtools, error) {
	u, err := url.Parse(wsURL)
	if err != nil {
		return nil, err
	}
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", u.Host)
	if err != nil {
		return nil, err
	}
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	}
	var nonce [16]byte
	rand.Read(nonce[:])
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"+
		"Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n", u.RequestURI(), u.Host, base64.StdEncoding.EncodeToString(nonce[:]))
	rd := bufio.NewReader(conn)
	resp, err := http.ReadResponse(rd, nil)
	if err != nil {
		conn.Close()
		return nil, err
	}
	if resp.StatusCode != http.StatusSwitchingProtocols {
		conn.Close()
		return nil, fmt.Errorf("websocket handshake: %s", resp.Status)
	}
	return &devtools{conn: conn, rd: rd}, nil
}

// send writes one masked text frame, as a client must.
func (d *devtools) send(payload []byte) error {
	hdr := []byte{0x81}
	switch n := len(payload); {
	case n < 126:
		hdr = append(hdr, 0x80|byte(n))
	case n < 1<<16:
		hdr = append(hdr, 0x80|126, byte(n>>8), byte(n))
	default:
		hdr = append(hdr, 0x80|127)
		hdr = binary.BigEndian.AppendUint64(hdr, uint64(n))
	}
	var mask [4]byte
	rand.Read(mask[:])
	hdr = append(hdr, mask[:]...)
	body := make([]byte, len(payload))
	for i, b := range payload {
		body[i] = b ^ mask[i%4]
	}
	_, err := d.conn.Write(append(hdr, body...))
	return err
}

// receive reads one whole message, joining continuation frames and
// skipping pings.
func (d *devtools) receive() ([]byte, error) {
	var msg []byte
	for {
		var h [2]byte
		if _, err := io.ReadFull(d.rd, h[:]); err != nil {
			return nil, err
		}
		n := uint64(h[1] & 0x7f)
		switch n {
		case 126:
			var b [2]byte
			if _, err := io.ReadFull(d.rd, b[:]); err != nil {
				return nil, err
			}
			n = uint64(binary.BigEndian.Uint16(b[:]))
		case 127:
			var b [8]byte
			if _, err := io.ReadFull(d.rd, b[:]); err != nil {
				return nil, err
			}
			n = binary.BigEndian.Uint64(b[:])
		}
		if n > 64<<20 {
			return nil, errors.New("devtools message too large")
		}
		data := make([]byte, n)
		if _, err := io.ReadFull(d.rd, data); err != nil {
			return nil, err
		}
		switch op := h[0] & 0x0f; op {
		case 0x8:
			return nil, errors.New("devtools closed the connection")
		case 0x9, 0xa: // ping, pong
			continue
		}
		msg = append(msg, data...)
		if h[0]&0x80 != 0 {
			return msg, nil
		}
	}
}

// call sends a command and returns its result, skipping the events that
// arrive meanwhile.
func (d *devtools) call(t *testing.T, method string, params any) json.RawMessage {
	t.Helper()
	d.next++
	id := d.next
	req, _ := json.Marshal(map[string]any{"id": id, "method": method, "params": params})
	if err := d.send(req); err != nil {
		t.Fatalf("%s: %v", method, err)
	}
	for {
		msg, err := d.receive()
		if err != nil {
			t.Fatalf("%s: %v", method, err)
		}
		var resp struct {
			ID     int64           `json:"id"`
			Result json.RawMessage `json:"result"`
			Error  *struct {
				Message string `json:"message"`
			} `json:"error"`
		}
		if json.Unmarshal(msg, &resp) != nil || resp.ID != id {
			continue
		}
		if resp.Error != nil {
			t.Fatalf("%s: %s", method, resp.Error.Message)
		}
		return resp.Result
	}
}

// navigate loads a URL in the page.
func (d *devtools) navigate(t *testing.T, u string) {
	t.Helper()
	d.call(t, "Page.navigate", map[string]any{"url": u})
}

// eval evaluates a JavaScript expression in the page and returns its
// value as text.
func (d *devtools) eval(t *testing.T, expr string) string {
	t.Helper()
	var out struct {
		Result struct {
			Value any `json:"value"`
		} `json:"result"`
		Exception *struct {
			Text string `json:"text"`
		} `json:"exceptionDetails"`
	}
	json.Unmarshal(d.call(t, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true}), &out)
	if out.Exception != nil {
		return ""
	}
	return fmt.Sprint(out.Result.Value)
}

// screenshot saves the page as PNG to $PLANWATCH_ARTIFACTS (else a
// temporary directory), as TestBrowser does.
func (d *devtools) screenshot(t *testing.T, name string) {
	t.Helper()
	dir := os.Getenv("PLANWATCH_ARTIFACTS")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	d.call(t, "Emulation.setDeviceMetricsOverride", map[string]any{"width": 1280, "height": 1400, "deviceScaleFactor": 1, "mobile": false})
	var shot struct {
		Data string `json:"data"`
	}
	json.Unmarshal(d.call(t, "Page.captureScreenshot", map[string]any{"format": "png"}), &shot)
	png, err := base64.StdEncoding.DecodeString(shot.Data)
	if err != nil || len(png) < 1000 {
		t.Fatalf("screenshot %s: %d bytes, %v", name, len(png), err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s", path)
}

// waitFor polls a JavaScript condition for up to 30 seconds.
func (d *devtools) waitFor(t *testing.T, cond string) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if d.eval(t, "document.readyState === 'complete' && ("+cond+")") == "true" {
			return
		}
	}
	t.Fatalf("timed out waiting for %s; the page:\n%.1500s", cond, d.eval(t, "document.documentElement.outerHTML"))
}
