package auth

import (
	"net/netip"
	"sync"
	"time"
)

// Throttle slows down guessing one account's password from one client
// address: the first FreeFailures failures cost nothing, then each try
// must wait twice as long as the one before (FirstDelay, 2×, 4× … up to
// MaxDelay). Its key is the pair, so a stranger failing an account's
// password slows only themselves: the owner, from any other address, is
// not held up. Unknown logins are throttled exactly like real ones, so
// the answer tells nothing about which accounts exist.
//
// It lives in memory (one server process; a restart forgets it); the
// account lockout for guesses from many addresses is in the database.
type Throttle struct {
	mu    sync.Mutex
	pairs map[pairKey]*pairState
}

// Throttle parameters. One address gets 3 + 9 tries at an account in the
// first 15 minutes, then one every MaxDelay: fewer than the account's
// lockout (store.MaxLoginFailures) takes, so one address alone cannot
// lock anyone out.
const (
	FreeFailures = 3
	FirstDelay   = time.Second
	MaxDelay     = 15 * time.Minute
	// pairMemory is how long a pair's failures are remembered after its
	// last one.
	pairMemory = 24 * time.Hour
	// maxPairs bounds the memory; beyond it old and harmless pairs go
	// first (a few hundred bytes each: 100,000 are tens of megabytes).
	maxPairs = 100000
)

type pairKey struct{ login, client string }

type pairState struct {
	failures int
	last     time.Time
}

// NewThrottle returns an empty throttle.
func NewThrottle() *Throttle {
	return &Throttle{pairs: map[pairKey]*pairState{}}
}

// delay is how long after its last failure a pair with n failures waits.
func delay(n int) time.Duration {
	if n < FreeFailures {
		return 0
	}
	shift := n - FreeFailures
	if shift > 20 {
		return MaxDelay
	}
	return min(FirstDelay<<shift, MaxDelay)
}

// Begin asks whether login may be tried from client at t. It returns how
// long to wait (0: go ahead). Going ahead counts as a failure at once, so
// that parallel tries cannot slip past the delay; Succeeded forgives it.
func (th *Throttle) Begin(login, client string, t time.Time) time.Duration {
	th.mu.Lock()
	defer th.mu.Unlock()
	k := pairKey{keyLogin(login), client}
	p := th.pairs[k]
	if p != nil && t.Sub(p.last) > pairMemory {
		p.failures = 0
	}
	if p != nil {
		if wait := p.last.Add(delay(p.failures)).Sub(t); wait > 0 {
			return wait
		}
	}
	if p == nil {
		th.makeRoom(t)
		p = &pairState{}
		th.pairs[k] = p
	}
	p.failures++
	p.last = t
	return 0
}

// Succeeded forgets the pair's failures: its owner got in.
func (th *Throttle) Succeeded(login, client string) {
	th.mu.Lock()
	defer th.mu.Unlock()
	delete(th.pairs, pairKey{keyLogin(login), client})
}

// keyLogin bounds the login a pair is kept under: no login is longer
// than 64 bytes, and a stranger's megabyte "logins" must not fill the
// memory (those sharing a prefix share their delays).
func keyLogin(login string) string {
	if len(login) > 64 {
		return login[:64]
	}
	return login
}

// Forget drops every pair of login (an admin unlocked the account).
func (th *Throttle) Forget(login string) {
	th.mu.Lock()
	defer th.mu.Unlock()
	for k := range th.pairs {
		if k.login == keyLogin(login) {
			delete(th.pairs, k)
		}
	}
}

// makeRoom keeps the map under maxPairs: it drops forgotten pairs, then
// pairs still in their free tries, then the stalest.
func (th *Throttle) makeRoom(t time.Time) {
	if len(th.pairs) < maxPairs {
		return
	}
	for k, p := range th.pairs {
		if t.Sub(p.last) > pairMemory || p.failures < FreeFailures {
			delete(th.pairs, k)
		}
	}
	for len(th.pairs) >= maxPairs {
		var oldest pairKey
		var at time.Time
		for k, p := range th.pairs {
			if at.IsZero() || p.last.Before(at) {
				oldest, at = k, p.last
			}
		}
		delete(th.pairs, oldest)
	}
}

// ClientKey is the key a client address is throttled and remembered by:
// the address, or for IPv6 its /64, which one subscriber usually holds
// whole (a stranger must not get a fresh key per address of their own
// network). Text that is not an address is kept as it is.
func ClientKey(ip string) string {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return ip
	}
	a = a.Unmap().WithZone("")
	if a.Is4() {
		return a.String()
	}
	p, _ := a.Prefix(64)
	return p.String()
}
