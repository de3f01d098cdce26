package ingest

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// Defaults for FetchOptions fields left at their zero value.
const (
	DefaultFetchTimeout = 30 * time.Second
	DefaultMaxRedirects = 5
	DefaultUserAgent    = "planwatch (policy document archiver)"
)

// fetchAccept names the formats the decoder reads, so servers that
// negotiate content send one of them rather than, say, a JSON view.
const fetchAccept = "text/html,application/xhtml+xml,application/pdf," +
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document," +
	"text/plain;q=0.9,*/*;q=0.5"

// Errors Fetch returns; callers tell them apart with errors.Is. A body over
// the size limit gives ErrTooLarge, shared with Read.
var (
	ErrBadURL           = errors.New("unsupported URL")
	ErrForbiddenAddress = errors.New("forbidden network address")
	ErrTooManyRedirects = errors.New("too many redirects")
	ErrHTTPStatus       = errors.New("HTTP error status")
	ErrTimeout          = errors.New("fetch timed out")
)

// FetchOptions bound a Fetch. The zero value is a safe default: public
// addresses only, MaxInput bytes, 30 s, 5 redirects.
type FetchOptions struct {
	// AllowNets are networks the operator allows explicitly although they
	// are not public, such as an intranet's 10.0.0.0/8. Cloud metadata
	// addresses stay refused unless a prefix names exactly that address.
	AllowNets    []netip.Prefix
	MaxBytes     int64         // largest body accepted; default MaxInput (doc_max_bytes)
	Timeout      time.Duration // the whole request, body included; default 30 s
	MaxRedirects int           // default 5; negative refuses every redirect
	UserAgent    string        // default DefaultUserAgent
}

// Fetched is a document body fetched over HTTP(S), with what is needed to
// archive it. Content-Type is kept in Header but not trusted: the decoder
// detects the format from the bytes.
type Fetched struct {
	URL       string // as requested
	FinalURL  string // after redirects
	Status    int
	Header    http.Header
	Body      []byte
	FetchedAt time.Time
}

// Fetch gets rawURL over HTTP or HTTPS with bounded size, time and
// redirects, and refuses to connect to loopback, private, link-local,
// CGNAT, multicast, unspecified and cloud metadata addresses unless they lie
// inside opt.AllowNets. The check runs on the resolved address at connect
// time, for the first request and every redirect, so a name that resolves
// to a public address for a check and a private one for the connection
// (DNS rebinding) gains nothing. A status outside 2xx is an error wrapping
// ErrHTTPStatus.
func Fetch(ctx context.Context, rawURL string, opt FetchOptions) (*Fetched, error) {
	opt = opt.withDefaults()
	u, err := checkURL(rawURL)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", redact(rawURL), err)
	}

	// The context deadline bounds everything, including a body that
	// trickles in after prompt headers; the client's own timeout is the
	// same figure and only a second line of defence.
	ctx, cancel := context.WithTimeout(ctx, opt.Timeout)
	defer cancel()

	tr := newTransport(opt)
	defer tr.CloseIdleConnections()
	client := &http.Client{
		Transport: tr,
		Timeout:   opt.Timeout,
		// No Jar: an archiver has no session to keep, and cookies set by
		// one site must not travel with later requests.
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if _, err := checkURL(req.URL.String()); err != nil {
				return fmt.Errorf("redirect to %s: %w", redact(req.URL.String()), err)
			}
			for _, prev := range via {
				if prev.URL.String() == req.URL.String() {
					return fmt.Errorf("%w: redirect loop at %s", ErrTooManyRedirects, redact(req.URL.String()))
				}
			}
			if len(via) > opt.MaxRedirects {
				return fmt.Errorf("%w: more than %d", ErrTooManyRedirects, opt.MaxRedirects)
			}
			setFetchHeaders(req, opt)
			return nil
		},
	}

	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w: %w", redact(rawURL), ErrBadURL, err)
	}
	setFetchHeaders(req, opt)

	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", redact(rawURL), fetchErr(ctx, err))
	}
	defer resp.Body.Close()

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		// The body of an error page is not the document; leave it unread.
		return nil, fmt.Errorf("fetch %s: %w: %s", redact(rawURL), ErrHTTPStatus, resp.Status)
	}
	// A declared length over the limit fails before a byte is read. A
	// smaller declared length is honoured by net/http, which stops there,
	// and an absent one is bounded by the limited read below.
	if resp.ContentLength > opt.MaxBytes {
		return nil, fmt.Errorf("fetch %s: %w: Content-Length %d, more than %s (limit doc_max_bytes)",
			redact(rawURL), ErrTooLarge, resp.ContentLength, byteSize(opt.MaxBytes))
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, opt.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: reading body: %w", redact(rawURL), fetchErr(ctx, err))
	}
	if int64(len(body)) > opt.MaxBytes {
		return nil, fmt.Errorf("fetch %s: %w: more than %s (limit doc_max_bytes)", redact(rawURL), ErrTooLarge, byteSize(opt.MaxBytes))
	}
	return &Fetched{
		URL:       rawURL,
		FinalURL:  resp.Request.URL.String(),
		Status:    resp.StatusCode,
		Header:    resp.Header,
		Body:      body,
		FetchedAt: time.Now(),
	}, nil
}

func (o FetchOptions) withDefaults() FetchOptions {
	if o.MaxBytes <= 0 {
		o.MaxBytes = MaxInput
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultFetchTimeout
	}
	if o.MaxRedirects == 0 {
		o.MaxRedirects = DefaultMaxRedirects
	} else if o.MaxRedirects < 0 {
		o.MaxRedirects = 0
	}
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	return o
}

// checkURL accepts absolute http and https URLs with a host and no
// userinfo: credentials in a URL would be sent to whichever host a redirect
// names, and they end up in logs and the archive.
func checkURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadURL, err)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	default:
		return nil, fmt.Errorf("%w: scheme %q (only http and https)", ErrBadURL, u.Scheme)
	}
	if u.User != nil {
		return nil, fmt.Errorf("%w: credentials in the URL", ErrBadURL)
	}
	if u.Hostname() == "" {
		return nil, fmt.Errorf("%w: no host", ErrBadURL)
	}
	return u, nil
}

// redact drops userinfo from a URL for messages, so a refused URL's
// password does not reach the log.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	u.User = nil
	return u.String()
}

func setFetchHeaders(req *http.Request, opt FetchOptions) {
	req.Header.Set("User-Agent", opt.UserAgent)
	req.Header.Set("Accept", fetchAccept)
	req.Header.Set("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5")
	// Accept-Encoding is left to the transport: it asks for gzip and
	// decompresses transparently, and the size limit then applies to the
	// decompressed bytes, which also defeats a compression bomb.
}

// fetchErr turns the ways a deadline shows up (context, client timeout,
// net.Error) into ErrTimeout, keeping the original error in the chain.
func fetchErr(ctx context.Context, err error) error {
	if errors.Is(err, ErrForbiddenAddress) || errors.Is(err, ErrTooManyRedirects) || errors.Is(err, ErrBadURL) {
		// Strip url.Error's "Get "…":" prefix: the caller names the URL.
		var ue *url.Error
		if errors.As(err, &ue) {
			return ue.Err
		}
		return err
	}
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) ||
		errors.As(err, &ne) && ne.Timeout() {
		return fmt.Errorf("%w: %w", ErrTimeout, err)
	}
	return err
}

func newTransport(opt FetchOptions) *http.Transport {
	guard := addrGuard{allow: opt.AllowNets}
	dialer := &net.Dialer{
		Timeout:   10 * time.Second,
		KeepAlive: 30 * time.Second,
		// The last word: whatever address the dialer is about to connect
		// to is checked, even if a future change dials a name.
		Control: func(network, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("%w: unparsable address %q", ErrForbiddenAddress, address)
			}
			return guard.check(ap.Addr().String(), ap.Addr())
		},
	}
	return &http.Transport{
		// No proxy from the environment: through a proxy the address check
		// would see only the proxy.
		Proxy:                  nil,
		DialContext:            guard.dialContext(dialer),
		ForceAttemptHTTP2:      true,
		TLSClientConfig:        &tls.Config{MinVersion: tls.VersionTLS12},
		TLSHandshakeTimeout:    10 * time.Second,
		ResponseHeaderTimeout:  opt.Timeout,
		ExpectContinueTimeout:  time.Second,
		MaxIdleConns:           4,
		IdleConnTimeout:        30 * time.Second,
		MaxResponseHeaderBytes: 1 << 20,
	}
}

// addrGuard decides which addresses Fetch may connect to.
type addrGuard struct {
	allow []netip.Prefix
}

// dialContext resolves the host itself, checks every address it resolves
// to and dials a checked IP literal, so the name is not resolved a second
// time between check and connection.
func (g addrGuard) dialContext(d *net.Dialer) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, port, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, fmt.Errorf("dial %s: %w", addr, err)
		}
		var ips []netip.Addr
		if ip, err := netip.ParseAddr(host); err == nil {
			ips = []netip.Addr{ip}
		} else {
			ips, err = net.DefaultResolver.LookupNetIP(ctx, "ip", host)
			if err != nil {
				return nil, fmt.Errorf("resolve %s: %w", host, err)
			}
		}
		// Refuse the host if any of its addresses is forbidden: a public
		// name with a private address among its records is an attempt to
		// reach the inside, not a misconfiguration to route around.
		for _, ip := range ips {
			if err := g.check(host, ip); err != nil {
				return nil, err
			}
		}
		var errs []error
		for _, ip := range ips {
			c, err := d.DialContext(ctx, network, net.JoinHostPort(ip.Unmap().String(), port))
			if err == nil {
				return c, nil
			}
			errs = append(errs, err)
			if ctx.Err() != nil {
				break
			}
		}
		if len(errs) == 0 {
			return nil, fmt.Errorf("resolve %s: no addresses", host)
		}
		return nil, errors.Join(errs...)
	}
}

// check returns an error wrapping ErrForbiddenAddress, naming host and ip,
// unless ip is public or inside an allowed network.
func (g addrGuard) check(host string, ip netip.Addr) error {
	ip = ip.Unmap().WithZone("")
	who := host + " (" + ip.String() + ")"
	if strings.Trim(host, "[]") == ip.String() {
		who = ip.String()
	}
	if isMetadata(ip) {
		for _, p := range g.allow {
			if p.IsSingleIP() && p.Addr().Unmap() == ip {
				return nil
			}
		}
		return fmt.Errorf("%w: %s is a cloud metadata address", ErrForbiddenAddress, who)
	}
	for _, p := range g.allow {
		if p.Contains(ip) {
			return nil
		}
	}
	if why := nonPublic(ip); why != "" {
		return fmt.Errorf("%w: %s is %s", ErrForbiddenAddress, who, why)
	}
	return nil
}

var metadataAddrs = []netip.Addr{
	netip.MustParseAddr("169.254.169.254"), // AWS, GCP, Azure, OpenStack, …
	netip.MustParseAddr("fd00:ec2::254"),   // AWS over IPv6
	netip.MustParseAddr("100.100.100.200"), // Alibaba Cloud, which Chinese sites run on
}

func isMetadata(ip netip.Addr) bool {
	for _, m := range metadataAddrs {
		if ip == m {
			return true
		}
	}
	return false
}

// forbiddenNets lists what is not the public internet, each with the word
// used in the refusal.
var forbiddenNets = []struct {
	p   netip.Prefix
	why string
}{
	{netip.MustParsePrefix("0.0.0.0/8"), "unspecified"},
	{netip.MustParsePrefix("10.0.0.0/8"), "private"},
	{netip.MustParsePrefix("100.64.0.0/10"), "carrier-grade NAT"},
	{netip.MustParsePrefix("127.0.0.0/8"), "loopback"},
	{netip.MustParsePrefix("169.254.0.0/16"), "link-local"},
	{netip.MustParsePrefix("172.16.0.0/12"), "private"},
	{netip.MustParsePrefix("192.0.0.0/24"), "reserved"},
	{netip.MustParsePrefix("192.168.0.0/16"), "private"},
	{netip.MustParsePrefix("198.18.0.0/15"), "reserved"},
	{netip.MustParsePrefix("224.0.0.0/4"), "multicast"},
	{netip.MustParsePrefix("240.0.0.0/4"), "reserved"},
	{netip.MustParsePrefix("::/128"), "unspecified"},
	{netip.MustParsePrefix("::1/128"), "loopback"},
	{netip.MustParsePrefix("fc00::/7"), "private"},
	{netip.MustParsePrefix("fe80::/10"), "link-local"},
	{netip.MustParsePrefix("fec0::/10"), "site-local"},
	{netip.MustParsePrefix("ff00::/8"), "multicast"},
}

var (
	nat64Prefix = netip.MustParsePrefix("64:ff9b::/96")
	sixToFour   = netip.MustParsePrefix("2002::/16")
)

// nonPublic says why ip is not a public address, or "" if it is. IPv6
// forms that embed an IPv4 address (NAT64, 6to4) are judged by that
// address, since a gateway would carry the connection to it.
func nonPublic(ip netip.Addr) string {
	for _, f := range forbiddenNets {
		if f.p.Contains(ip) {
			return f.why
		}
	}
	if ip.Is6() {
		b := ip.As16()
		var v4 netip.Addr
		switch {
		case nat64Prefix.Contains(ip):
			v4 = netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]})
		case sixToFour.Contains(ip):
			v4 = netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]})
		default:
			return ""
		}
		if isMetadata(v4) {
			return "a cloud metadata address in IPv6 form"
		}
		if why := nonPublic(v4); why != "" {
			return why + " in IPv6 form"
		}
	}
	return ""
}
