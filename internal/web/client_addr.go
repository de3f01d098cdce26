package web

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// clientAddr is the address a request came from. It is the peer's,
// unless the peer is one of the trusted proxies: then it is the rightmost
// address of X-Forwarded-For that is not a trusted proxy (X-Real-IP when
// there is no X-Forwarded-For). Only the rightmost hops were written by
// our own proxies; anything to the left of the first untrusted one came
// from the client and could name any address, so it is never read. ok is
// false when the peer's address cannot be read (a test's RemoteAddr).
func clientAddr(r *http.Request, trusted []netip.Prefix) (addr netip.Addr, ok bool) {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}, false
	}
	peer = peer.Unmap().WithZone("")
	if !isTrusted(peer, trusted) {
		return peer, true
	}
	hops := forwardedFor(r.Header)
	if len(hops) == 0 {
		if a, err := netip.ParseAddr(strings.TrimSpace(r.Header.Get("X-Real-IP"))); err == nil {
			return a.Unmap().WithZone(""), true
		}
		return peer, true
	}
	client := peer
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(hops[i])
		if err != nil {
			// A hop our proxy wrote that is not an address (a port, a
			// name, "unknown"): nothing to its left can be believed.
			return client, true
		}
		client = a.Unmap().WithZone("")
		if !isTrusted(client, trusted) {
			return client, true
		}
	}
	return client, true // every hop a proxy of ours: the leftmost is the client
}

// forwardedFor lists the hops of every X-Forwarded-For header, in order.
func forwardedFor(h http.Header) []string {
	var out []string
	for _, v := range h.Values("X-Forwarded-For") {
		for _, hop := range strings.Split(v, ",") {
			if hop = strings.TrimSpace(hop); hop != "" {
				out = append(out, hop)
			}
		}
	}
	return out
}

func isTrusted(a netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// withClientAddr returns the request with RemoteAddr set to the client's
// address (clientAddr), keeping the peer's port, so that everything after
// it — sign-in throttles, sessions, the audit log, the access log — sees
// the user rather than the proxy.
func withClientAddr(r *http.Request, trusted []netip.Prefix) *http.Request {
	if len(trusted) == 0 {
		return r
	}
	a, ok := clientAddr(r, trusted)
	if !ok {
		return r
	}
	_, port, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		port = "0"
	}
	addr := net.JoinHostPort(a.String(), port)
	if addr == r.RemoteAddr {
		return r
	}
	r2 := *r // a shallow copy, as WithContext makes: the server's request stays as it came
	r2.RemoteAddr = addr
	return &r2
}
