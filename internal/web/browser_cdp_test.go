package web

import (
	"bufio"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// browser is one headless Chromium driven over the DevTools protocol on
// a pipe (--remote-debugging-pipe: JSON messages ended by NUL on file
// descriptors 3 and 4), so that a test can type into forms, click and
// read the page as a user would. Only the standard library: no WebSocket,
// no driver binary. One tab, attached once; Close (via t.Cleanup) ends it.
type browser struct {
	t       *testing.T
	cmd     *exec.Cmd
	w       io.WriteCloser
	session string // the tab's flat session ID

	mu      sync.Mutex
	nextID  int
	waiting map[int]chan cdpReply
}

// cdpReply is the answer to one command.
type cdpReply struct {
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Message string `json:"message"`
	} `json:"error"`
}

// browserTimeout bounds each wait for a page (a load, a condition).
const browserTimeout = 30 * time.Second

// startBrowser launches Chromium with no network beyond the test server,
// no profile and no background traffic, opens a tab 1280 pixels wide and
// attaches to it.
func startBrowser(t *testing.T, bin string) *browser {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	toChrome, ourEnd, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	fromChrome, theirEnd, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars", "--disable-extensions",
		"--user-data-dir="+t.TempDir(), "--window-size=1280,1800", "--remote-debugging-pipe", "about:blank")
	cmd.ExtraFiles = []*os.File{toChrome, theirEnd} // fd 3: commands in, fd 4: replies out
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatalf("chromium: %v", err)
	}
	toChrome.Close()
	theirEnd.Close()
	b := &browser{t: t, cmd: cmd, w: ourEnd, waiting: map[int]chan cdpReply{}}
	go b.read(fromChrome)
	t.Cleanup(func() {
		ourEnd.Close() // Chromium exits when its pipe closes
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cancel()
			<-done
		}
		cancel()
		if t.Failed() && stderr.Len() > 0 {
			t.Logf("chromium stderr:\n%.3000s", stderr.String())
		}
	})
	var target struct {
		TargetID string `json:"targetId"`
	}
	b.callIn("", "Target.createTarget", map[string]any{"url": "about:blank"}, &target)
	var att struct {
		SessionID string `json:"sessionId"`
	}
	b.callIn("", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &att)
	b.session = att.SessionID
	b.call("Page.enable", nil, nil)
	b.viewport(1280, 1800, false)
	return b
}

// read hands each reply to the command waiting for it; events are
// dropped, since the helpers poll the page instead.
func (b *browser) read(r io.Reader) {
	br := bufio.NewReaderSize(r, 1<<20)
	for {
		msg, err := br.ReadBytes(0)
		if err != nil {
			b.mu.Lock()
			for id, ch := range b.waiting {
				close(ch)
				delete(b.waiting, id)
			}
			b.mu.Unlock()
			return
		}
		var m struct {
			ID int `json:"id"`
			cdpReply
		}
		if json.Unmarshal(msg[:len(msg)-1], &m) != nil || m.ID == 0 {
			continue
		}
		b.mu.Lock()
		ch := b.waiting[m.ID]
		delete(b.waiting, m.ID)
		b.mu.Unlock()
		if ch != nil {
			ch <- m.cdpReply
		}
	}
}

// send sends a command to the browser (session "") or to a tab and
// returns its reply, or an error from Chromium.
func (b *browser) send(session, method string, params any) (json.RawMessage, error) {
	b.mu.Lock()
	b.nextID++
	id := b.nextID
	ch := make(chan cdpReply, 1)
	b.waiting[id] = ch
	b.mu.Unlock()
	msg := map[string]any{"id": id, "method": method}
	if params != nil {
		msg["params"] = params
	}
	if session != "" {
		msg["sessionId"] = session
	}
	body, err := json.Marshal(msg)
	if err != nil {
		return nil, err
	}
	if _, err := b.w.Write(append(body, 0)); err != nil {
		return nil, fmt.Errorf("%s: %w", method, err)
	}
	select {
	case rep, ok := <-ch:
		if !ok {
			return nil, fmt.Errorf("%s: chromium went away", method)
		}
		if rep.Error != nil {
			return nil, fmt.Errorf("%s: %s", method, rep.Error.Message)
		}
		return rep.Result, nil
	case <-time.After(browserTimeout):
		return nil, fmt.Errorf("%s: no reply in %v", method, browserTimeout)
	}
}

// callIn sends a command and decodes its result into out (nil: ignored),
// failing the test on error.
func (b *browser) callIn(session, method string, params, out any) {
	b.t.Helper()
	res, err := b.send(session, method, params)
	if err != nil {
		b.t.Fatal(err)
	}
	if out != nil {
		if err := json.Unmarshal(res, out); err != nil {
			b.t.Fatalf("%s: %v", method, err)
		}
	}
}

// call sends a command to the tab.
func (b *browser) call(method string, params, out any) {
	b.t.Helper()
	b.callIn(b.session, method, params, out)
}

// viewport sets the tab's size; mobile emulates a phone (touch, meta
// viewport honoured).
func (b *browser) viewport(width, height int, mobile bool) {
	b.t.Helper()
	scale := 1
	if mobile {
		scale = 2
	}
	b.call("Emulation.setDeviceMetricsOverride", map[string]any{"width": width, "height": height,
		"deviceScaleFactor": scale, "mobile": mobile}, nil)
}

// eval runs a JavaScript expression in the page (awaiting a promise) and
// returns its value as JSON; an error when the page is between documents
// or the script throws.
func (b *browser) eval(expr string) (json.RawMessage, error) {
	res, err := b.send(b.session, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true, "awaitPromise": true})
	if err != nil {
		return nil, err
	}
	var out struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		Exception *struct {
			Text string `json:"text"`
		} `json:"exceptionDetails"`
	}
	if err := json.Unmarshal(res, &out); err != nil {
		return nil, err
	}
	if out.Exception != nil {
		return nil, fmt.Errorf("%s: %s", expr, out.Exception.Text)
	}
	return out.Result.Value, nil
}

// text returns the value of a JavaScript expression that yields a string,
// failing the test on error.
func (b *browser) text(expr string) string {
	b.t.Helper()
	raw, err := b.eval(expr)
	if err != nil {
		b.t.Fatal(err)
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		b.t.Fatalf("%s: not a string: %s", expr, raw)
	}
	return s
}

// waitFor polls a JavaScript condition until it holds (a page loading in
// between is retried), failing the test after browserTimeout with what
// the page then says.
func (b *browser) waitFor(cond string) {
	b.t.Helper()
	deadline := time.Now().Add(browserTimeout)
	for {
		raw, err := b.eval(cond)
		if err == nil && string(raw) == "true" {
			return
		}
		if time.Now().After(deadline) {
			page, _ := b.eval("location.href + '\\n' + (document.body ? document.body.innerText.slice(0, 800) : '')")
			b.t.Fatalf("waited %v for %s (%v); page: %s", browserTimeout, cond, err, page)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// open loads a URL and waits until the document has loaded.
func (b *browser) open(url string) {
	b.t.Helper()
	if _, err := b.eval("window.__before = true"); err != nil {
		b.t.Fatal(err)
	}
	b.call("Page.navigate", map[string]any{"url": url}, nil)
	b.waitFor("window.__before !== true && document.readyState === 'complete'")
}

// submit marks the current document, runs a script that submits a form
// (a click on its button), and waits for the next document to load.
func (b *browser) submit(script string) {
	b.t.Helper()
	if _, err := b.eval("window.__before = true"); err != nil {
		b.t.Fatal(err)
	}
	if _, err := b.eval(script); err != nil {
		b.t.Fatal(err)
	}
	b.waitFor("window.__before !== true && document.readyState === 'complete'")
}

// screenshot saves the tab's viewport as a PNG.
func (b *browser) screenshot(path string) {
	b.t.Helper()
	var out struct {
		Data string `json:"data"`
	}
	b.call("Page.captureScreenshot", map[string]any{"format": "png"}, &out)
	png, err := base64.StdEncoding.DecodeString(out.Data)
	if err != nil || len(png) < 1000 {
		b.t.Fatalf("screenshot %s: %d bytes, %v", path, len(png), err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// jsString quotes s for a JavaScript expression.
func jsString(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}

// fill sets a form field, found by a CSS selector, as typing would (an
// input event follows).
func (b *browser) fill(selector, value string) {
	b.t.Helper()
	_, err := b.eval(fmt.Sprintf(`(() => { const el = document.querySelector(%s); if (!el) throw new Error("no " + %s);
 el.value = %s; el.dispatchEvent(new Event("input", {bubbles: true})); return true })()`, jsString(selector), jsString(selector), jsString(value)))
	if err != nil {
		b.t.Fatal(err)
	}
}

// click submits through the element a CSS selector finds (a button).
func (b *browser) click(selector string) {
	b.t.Helper()
	b.submit(fmt.Sprintf(`(() => { const el = document.querySelector(%s); if (!el) throw new Error("no " + %s); el.click(); return true })()`,
		jsString(selector), jsString(selector)))
}

// signIn signs in through the sign-in form at base, as a user would, and
// waits for the page the form leads to (the plan list).
func signIn(t *testing.T, b *browser, base, login, password string) {
	t.Helper()
	b.open(base + "/signin")
	b.fill(`input[name="login"]`, login)
	b.fill(`input[name="password"]`, password)
	b.click(`form[action="/signin"] button[type="submit"]`)
	if got := b.text("location.pathname"); got != "/" {
		t.Fatalf("sign-in as %s led to %s: %s", login, got, b.text("document.body.innerText.slice(0, 400)"))
	}
}

// signOut signs out through the header's form.
func signOut(t *testing.T, b *browser) {
	t.Helper()
	b.click(`form.signout button[type="submit"]`)
}

// chooseFile chooses a file in the file input a CSS selector finds, as a
// user would in the file dialog.
func (b *browser) chooseFile(selector, path string) {
	b.t.Helper()
	var doc struct {
		Root struct {
			NodeID int64 `json:"nodeId"`
		} `json:"root"`
	}
	b.call("DOM.getDocument", nil, &doc)
	var input struct {
		NodeID int64 `json:"nodeId"`
	}
	b.call("DOM.querySelector", map[string]any{"nodeId": doc.Root.NodeID, "selector": selector}, &input)
	if input.NodeID == 0 {
		b.t.Fatalf("no %s", selector)
	}
	b.call("DOM.setFileInputFiles", map[string]any{"nodeId": input.NodeID, "files": []string{path}}, nil)
}

// key presses and releases a key in the tab (text: what it types, for
// Enter "\r").
func (b *browser) key(name string, code int, text string) {
	b.t.Helper()
	down := map[string]any{"type": "keyDown", "key": name, "code": name, "windowsVirtualKeyCode": code, "nativeVirtualKeyCode": code}
	if text != "" {
		down["text"] = text
	} else {
		down["type"] = "rawKeyDown"
	}
	b.call("Input.dispatchKeyEvent", down, nil)
	b.call("Input.dispatchKeyEvent", map[string]any{"type": "keyUp", "key": name, "code": name, "windowsVirtualKeyCode": code, "nativeVirtualKeyCode": code}, nil)
}
