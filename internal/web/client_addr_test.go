package web

import (
	"net/http/httptest"
	"net/netip"
	"testing"
)

func TestClientAddr(t *testing.T) {
	trusted := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	cases := []struct {
		name, peer, xff, realIP, want string
	}{
		{"no proxy", "203.0.113.7:5000", "", "", "203.0.113.7"},
		{"untrusted peer's header is ignored", "203.0.113.7:5000", "198.51.100.1", "", "203.0.113.7"},
		{"untrusted peer's X-Real-IP is ignored", "203.0.113.7:5000", "", "198.51.100.1", "203.0.113.7"},
		{"trusted proxy", "10.0.0.2:5000", "198.51.100.1", "", "198.51.100.1"},
		{"spoofed hop left of the real one", "10.0.0.2:5000", "1.2.3.4, 198.51.100.1", "", "198.51.100.1"},
		{"two proxies of ours", "10.0.0.2:5000", "198.51.100.1, 10.0.0.3", "", "198.51.100.1"},
		{"every hop ours", "10.0.0.2:5000", "10.0.0.9, 10.0.0.3", "", "10.0.0.9"},
		{"garbage hop stops the walk", "10.0.0.2:5000", "198.51.100.1, unknown", "", "10.0.0.2"},
		{"X-Real-IP from a proxy", "10.0.0.2:5000", "", "198.51.100.1", "198.51.100.1"},
		{"X-Forwarded-For wins over X-Real-IP", "10.0.0.2:5000", "198.51.100.1", "192.0.2.8", "198.51.100.1"},
		{"IPv6 proxy, mapped client", "[::1]:5000", "::ffff:198.51.100.1", "", "198.51.100.1"},
		{"IPv6 client", "[::1]:5000", "2001:db8::1", "", "2001:db8::1"},
		{"no header from a proxy", "10.0.0.2:5000", "", "", "10.0.0.2"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = c.peer
			if c.xff != "" {
				r.Header.Set("X-Forwarded-For", c.xff)
			}
			if c.realIP != "" {
				r.Header.Set("X-Real-IP", c.realIP)
			}
			got, ok := clientAddr(r, trusted)
			if !ok || got.String() != c.want {
				t.Errorf("clientAddr = %v (%v), want %s", got, ok, c.want)
			}
		})
	}
	// Two X-Forwarded-For headers read as one list, in order.
	r := httptest.NewRequest("GET", "/", nil)
	r.RemoteAddr = "10.0.0.2:1"
	r.Header.Add("X-Forwarded-For", "1.2.3.4")
	r.Header.Add("X-Forwarded-For", "198.51.100.1, 10.0.0.3")
	if got, _ := clientAddr(r, trusted); got.String() != "198.51.100.1" {
		t.Errorf("two headers: %v", got)
	}
	if r2 := withClientAddr(r, trusted); r2.RemoteAddr != "198.51.100.1:1" || r.RemoteAddr != "10.0.0.2:1" {
		t.Errorf("RemoteAddr = %q (the original %q)", r2.RemoteAddr, r.RemoteAddr)
	}
}
