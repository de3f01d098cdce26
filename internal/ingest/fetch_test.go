package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"
)

// loopback is what the happy paths allow: httptest servers listen on
// 127.0.0.1, which Fetch refuses by default.
var loopback = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}

const policyPage = "<html><head><title>关于印发行动计划的通知</title></head><body><p>各区人民政府：</p></body></html>"

// fetchServer serves the paths the Fetch tests use.
func fetchServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/doc", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Cookie") != "" {
			http.Error(w, "cookie sent", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/octet-stream") // wrong on purpose
		w.Header().Set("X-Seen-UA", r.Header.Get("User-Agent"))
		w.Header().Set("X-Seen-Accept", r.Header.Get("Accept"))
		io.WriteString(w, policyPage)
	})
	mux.HandleFunc("/cookie", func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "session", Value: "x"})
		http.Redirect(w, r, "/doc", http.StatusFound)
	})
	mux.HandleFunc("/gzip", func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			http.Error(w, "no gzip", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		io.WriteString(zw, policyPage)
		zw.Close()
	})
	mux.HandleFunc("/bomb", func(w http.ResponseWriter, r *http.Request) {
		// 8 MiB of zeros compress to a few KiB.
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		zw.Write(make([]byte, 8<<20))
		zw.Close()
	})
	mux.HandleFunc("/404", http.NotFound)
	mux.HandleFunc("/500", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/chain/", func(w http.ResponseWriter, r *http.Request) {
		// /chain/N redirects N times before serving the document.
		var n int
		fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/chain/"), "%d", &n)
		if n <= 0 {
			http.Redirect(w, r, "/doc", http.StatusFound)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/chain/%d", n-1), http.StatusMovedPermanently)
	})
	mux.HandleFunc("/to-other-loopback", func(w http.ResponseWriter, r *http.Request) {
		_, port, _ := net.SplitHostPort(r.Host)
		http.Redirect(w, r, "http://127.0.0.2:"+port+"/doc", http.StatusFound)
	})
	mux.HandleFunc("/to-v6-loopback", func(w http.ResponseWriter, r *http.Request) {
		_, port, _ := net.SplitHostPort(r.Host)
		http.Redirect(w, r, "http://[::1]:"+port+"/doc", http.StatusFound)
	})
	mux.HandleFunc("/to-metadata", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
	})
	mux.HandleFunc("/to-file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	mux.HandleFunc("/claims-2gb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "2147483648")
		w.WriteHeader(http.StatusOK)
		w.Write(make([]byte, 1024))
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	})
	mux.HandleFunc("/endless", func(w http.ResponseWriter, r *http.Request) {
		chunk := bytes.Repeat([]byte("政策文件"), 4096)
		for r.Context().Err() == nil {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/trickle", func(w http.ResponseWriter, r *http.Request) {
		// Prompt headers, then a byte now and then: only a deadline on
		// the whole request stops this.
		w.WriteHeader(http.StatusOK)
		w.(http.Flusher).Flush()
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-r.Context().Done():
				return
			case <-tick.C:
				if _, err := w.Write([]byte("x")); err != nil {
					return
				}
				w.(http.Flusher).Flush()
			}
		}
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestFetch(t *testing.T) {
	srv := fetchServer(t)
	one := []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())

	tests := []struct {
		name     string
		url      string
		opt      FetchOptions
		wantErr  error  // nil: success
		wantMsg  string // in the error message
		wantBody string
		wantURL  string // FinalURL path suffix
		maxTime  time.Duration
	}{
		{name: "200 with body", url: srv.URL + "/doc", opt: FetchOptions{AllowNets: loopback},
			wantBody: policyPage, wantURL: "/doc"},
		{name: "redirects followed", url: srv.URL + "/chain/3", opt: FetchOptions{AllowNets: loopback},
			wantBody: policyPage, wantURL: "/doc"},
		{name: "no cookies kept", url: srv.URL + "/cookie", opt: FetchOptions{AllowNets: loopback},
			wantBody: policyPage, wantURL: "/doc"},
		{name: "gzip decoded", url: srv.URL + "/gzip", opt: FetchOptions{AllowNets: loopback},
			wantBody: policyPage, wantURL: "/gzip"},
		{name: "gzip bomb bounded after decompression", url: srv.URL + "/bomb",
			opt: FetchOptions{AllowNets: loopback, MaxBytes: 1 << 20}, wantErr: ErrTooLarge},
		{name: "404", url: srv.URL + "/404", opt: FetchOptions{AllowNets: loopback},
			wantErr: ErrHTTPStatus, wantMsg: "404 Not Found"},
		{name: "500", url: srv.URL + "/500", opt: FetchOptions{AllowNets: loopback},
			wantErr: ErrHTTPStatus, wantMsg: "500 Internal Server Error"},
		{name: "redirect loop", url: srv.URL + "/loop", opt: FetchOptions{AllowNets: loopback},
			wantErr: ErrTooManyRedirects, wantMsg: "loop"},
		{name: "too many redirects", url: srv.URL + "/chain/6", opt: FetchOptions{AllowNets: loopback},
			wantErr: ErrTooManyRedirects},
		{name: "redirects within the limit", url: srv.URL + "/chain/1",
			opt: FetchOptions{AllowNets: loopback, MaxRedirects: 2}, wantBody: policyPage},
		{name: "redirects over a set limit", url: srv.URL + "/chain/2",
			opt: FetchOptions{AllowNets: loopback, MaxRedirects: 2}, wantErr: ErrTooManyRedirects},
		{name: "no redirects allowed", url: srv.URL + "/chain/0",
			opt: FetchOptions{AllowNets: loopback, MaxRedirects: -1}, wantErr: ErrTooManyRedirects},
		{name: "declared 2 GB refused unread", url: srv.URL + "/claims-2gb", opt: FetchOptions{AllowNets: loopback},
			wantErr: ErrTooLarge, wantMsg: "2147483648", maxTime: 2 * time.Second},
		{name: "endless body", url: srv.URL + "/endless",
			opt: FetchOptions{AllowNets: loopback, MaxBytes: 1 << 20}, wantErr: ErrTooLarge, maxTime: 5 * time.Second},
		{name: "trickling body times out", url: srv.URL + "/trickle",
			opt: FetchOptions{AllowNets: loopback, Timeout: 300 * time.Millisecond}, wantErr: ErrTimeout, maxTime: 3 * time.Second},

		// Address and URL checks.
		{name: "loopback refused by default", url: srv.URL + "/doc",
			wantErr: ErrForbiddenAddress, wantMsg: "127.0.0.1"},
		{name: "localhost name refused", url: "http://localhost:" + port + "/doc",
			wantErr: ErrForbiddenAddress, wantMsg: "localhost"},
		{name: "redirect out of the allowed net", url: srv.URL + "/to-other-loopback", opt: FetchOptions{AllowNets: one},
			wantErr: ErrForbiddenAddress, wantMsg: "127.0.0.2"},
		{name: "redirect to IPv6 loopback", url: srv.URL + "/to-v6-loopback", opt: FetchOptions{AllowNets: loopback},
			wantErr: ErrForbiddenAddress, wantMsg: "::1"},
		{name: "redirect to metadata", url: srv.URL + "/to-metadata", opt: FetchOptions{AllowNets: loopback},
			wantErr: ErrForbiddenAddress, wantMsg: "169.254.169.254"},
		{name: "redirect to file scheme", url: srv.URL + "/to-file", opt: FetchOptions{AllowNets: loopback},
			wantErr: ErrBadURL, wantMsg: "file"},
		{name: "metadata IP literal", url: "http://169.254.169.254/latest/meta-data/",
			wantErr: ErrForbiddenAddress, wantMsg: "metadata"},
		{name: "metadata refused inside an allowed link-local net", url: "http://169.254.169.254/",
			opt:     FetchOptions{AllowNets: []netip.Prefix{netip.MustParsePrefix("169.254.0.0/16")}},
			wantErr: ErrForbiddenAddress},
		{name: "AWS IPv6 metadata literal", url: "http://[fd00:ec2::254]/", wantErr: ErrForbiddenAddress},
		{name: "private IP literal", url: "http://10.1.2.3/plan.pdf", wantErr: ErrForbiddenAddress, wantMsg: "10.1.2.3"},
		{name: "private 192.168 literal", url: "https://192.168.1.1/", wantErr: ErrForbiddenAddress},
		{name: "CGNAT literal", url: "http://100.64.0.1/", wantErr: ErrForbiddenAddress},
		{name: "IPv6 loopback literal", url: "http://[::1]:" + port + "/doc", wantErr: ErrForbiddenAddress},
		{name: "IPv4-mapped loopback literal", url: "http://[::ffff:127.0.0.1]:" + port + "/doc", wantErr: ErrForbiddenAddress},
		{name: "unspecified literal", url: "http://0.0.0.0:" + port + "/doc", wantErr: ErrForbiddenAddress},
		{name: "ftp scheme", url: "ftp://example.gov.cn/plan.pdf", wantErr: ErrBadURL, wantMsg: "ftp"},
		{name: "file scheme", url: "file:///etc/passwd", wantErr: ErrBadURL},
		{name: "relative URL", url: "/doc", wantErr: ErrBadURL},
		{name: "no host", url: "http:///doc", wantErr: ErrBadURL},
		{name: "userinfo", url: "http://user:secret@example.gov.cn/", wantErr: ErrBadURL, wantMsg: "credentials"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			got, err := Fetch(context.Background(), tt.url, tt.opt)
			elapsed := time.Since(start)
			if tt.maxTime > 0 && elapsed > tt.maxTime {
				t.Errorf("took %v, want under %v", elapsed, tt.maxTime)
			}
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				t.Log(err)
				if got != nil {
					t.Errorf("result with error: %+v", got)
				}
				if !strings.Contains(err.Error(), tt.wantMsg) {
					t.Errorf("err = %q, want it to mention %q", err, tt.wantMsg)
				}
				if strings.Contains(err.Error(), "secret") {
					t.Errorf("err = %q shows the password", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(got.Body) != tt.wantBody {
				t.Errorf("body = %q, want %q", got.Body, tt.wantBody)
			}
			if got.Status != http.StatusOK || got.URL != tt.url || !strings.HasSuffix(got.FinalURL, tt.wantURL) {
				t.Errorf("status %d, URL %q, final %q", got.Status, got.URL, got.FinalURL)
			}
			if got.FetchedAt.Before(start) || got.Header == nil {
				t.Errorf("FetchedAt %v, Header %v", got.FetchedAt, got.Header)
			}
		})
	}
}

func TestFetchHeaders(t *testing.T) {
	srv := fetchServer(t)
	got, err := Fetch(context.Background(), srv.URL+"/doc", FetchOptions{AllowNets: loopback})
	if err != nil {
		t.Fatal(err)
	}
	if ua := got.Header.Get("X-Seen-UA"); ua != DefaultUserAgent {
		t.Errorf("User-Agent = %q", ua)
	}
	if acc := got.Header.Get("X-Seen-Accept"); !strings.Contains(acc, "text/html") || !strings.Contains(acc, "application/pdf") {
		t.Errorf("Accept = %q", acc)
	}
	// The server's Content-Type is kept, not acted on.
	if ct := got.Header.Get("Content-Type"); ct != "application/octet-stream" {
		t.Errorf("Content-Type = %q", ct)
	}

	got, err = Fetch(context.Background(), srv.URL+"/doc", FetchOptions{AllowNets: loopback, UserAgent: "planwatch-test"})
	if err != nil {
		t.Fatal(err)
	}
	if ua := got.Header.Get("X-Seen-UA"); ua != "planwatch-test" {
		t.Errorf("User-Agent = %q", ua)
	}
}

// rawServer answers every connection with resp followed by body, whatever
// the request, so a test can send what net/http's server would not: a
// Content-Length that lies.
func rawServer(t *testing.T, resp string, body []byte) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				br := bufio.NewReader(c)
				if _, err := http.ReadRequest(br); err != nil {
					return
				}
				c.SetWriteDeadline(time.Now().Add(5 * time.Second))
				io.WriteString(c, resp)
				c.Write(body)
			}()
		}
	}()
	return "http://" + ln.Addr().String() + "/"
}

func TestFetchLyingContentLength(t *testing.T) {
	big := bytes.Repeat([]byte("x"), 4<<20)
	tests := []struct {
		name     string
		resp     string
		body     []byte
		wantErr  error
		wantBody int
	}{
		// net/http stops at the declared length; the rest is never read.
		{name: "claims less than it sends", resp: "HTTP/1.1 200 OK\r\nContent-Length: 10\r\nConnection: close\r\n\r\n",
			body: big, wantBody: 10},
		{name: "claims more than it sends", resp: "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\n",
			body: []byte("short"), wantErr: io.ErrUnexpectedEOF},
		{name: "no length, over the limit", resp: "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n",
			body: big, wantErr: ErrTooLarge},
		{name: "claims over the limit", resp: "HTTP/1.1 200 OK\r\nContent-Length: 2147483648\r\nConnection: close\r\n\r\n",
			body: []byte("x"), wantErr: ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := rawServer(t, tt.resp, tt.body)
			got, err := Fetch(context.Background(), u, FetchOptions{AllowNets: loopback, MaxBytes: 1 << 20, Timeout: 5 * time.Second})
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Body) != tt.wantBody {
				t.Errorf("body is %d bytes, want %d", len(got.Body), tt.wantBody)
			}
		})
	}
}

func TestFetchContextCancelled(t *testing.T) {
	srv := fetchServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		time.Sleep(100 * time.Millisecond)
		cancel()
	}()
	_, err := Fetch(ctx, srv.URL+"/trickle", FetchOptions{AllowNets: loopback})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestAddrGuard(t *testing.T) {
	tests := []struct {
		ip    string
		allow string // a prefix, or ""
		ok    bool
	}{
		{ip: "8.8.8.8", ok: true},
		{ip: "202.96.209.133", ok: true},
		{ip: "2001:4860:4860::8888", ok: true},
		{ip: "127.0.0.1"},
		{ip: "127.8.9.10"},
		{ip: "10.0.0.1"},
		{ip: "172.16.5.4"},
		{ip: "172.32.0.1", ok: true}, // just outside 172.16/12
		{ip: "192.168.0.1"},
		{ip: "100.64.0.1"},
		{ip: "100.127.255.254"},
		{ip: "100.128.0.1", ok: true},
		{ip: "169.254.1.1"},
		{ip: "169.254.169.254"},
		{ip: "100.100.100.200"},
		{ip: "0.0.0.0"},
		{ip: "224.0.0.1"},
		{ip: "255.255.255.255"},
		{ip: "::"},
		{ip: "::1"},
		{ip: "fe80::1"},
		{ip: "fc00::1"},
		{ip: "fd00:ec2::254"},
		{ip: "ff02::1"},
		{ip: "::ffff:10.0.0.1"},
		{ip: "::ffff:8.8.8.8", ok: true},
		{ip: "64:ff9b::a9fe:a9fe"}, // NAT64 form of 169.254.169.254
		{ip: "64:ff9b::808:808", ok: true},
		{ip: "2002:c0a8:101::1"}, // 6to4 form of 192.168.1.1
		{ip: "10.0.0.1", allow: "10.0.0.0/8", ok: true},
		{ip: "::ffff:10.0.0.1", allow: "10.0.0.0/8", ok: true},
		{ip: "10.0.0.1", allow: "192.168.0.0/16"},
		{ip: "fd12::1", allow: "fd12::/16", ok: true},
		{ip: "169.254.169.254", allow: "169.254.0.0/16"},
		{ip: "169.254.169.254", allow: "169.254.169.254/32", ok: true},
		{ip: "169.254.1.1", allow: "169.254.0.0/16", ok: true},
	}
	for _, tt := range tests {
		t.Run(tt.ip+" "+tt.allow, func(t *testing.T) {
			var g addrGuard
			if tt.allow != "" {
				g.allow = []netip.Prefix{netip.MustParsePrefix(tt.allow)}
			}
			err := g.check("h.example", netip.MustParseAddr(tt.ip))
			if tt.ok && err != nil {
				t.Errorf("refused: %v", err)
			}
			if !tt.ok && !errors.Is(err, ErrForbiddenAddress) {
				t.Errorf("err = %v, want ErrForbiddenAddress", err)
			}
			if err != nil && !strings.Contains(err.Error(), "h.example") {
				t.Errorf("err = %q does not name the host", err)
			}
		})
	}
}
