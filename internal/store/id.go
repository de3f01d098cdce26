package store

import (
	"crypto/rand"
	"encoding/binary"
	"sync"
	"time"
)

// idAlphabet is base32hex in lower case: its byte order is its numeric
// order, so IDs sort by creation time as plain strings on every database.
const idAlphabet = "0123456789abcdefghijklmnopqrstuv"

// idLen is the length of every ID: 10 characters (50 bits) of milliseconds
// since the Unix epoch, then 6 characters (30 bits) of randomness.
const idLen = 16

var idState struct {
	sync.Mutex
	ms   int64
	rand uint64
}

// NewID returns a 16-character, lowercase, time-ordered ID. IDs made in the
// same millisecond by this process keep increasing (the random part is
// bumped), so they also sort in the order they were made here.
func NewID() string {
	return newIDAt(time.Now())
}

func newIDAt(t time.Time) string {
	ms := t.UnixMilli()
	idState.Lock()
	var r uint64
	if ms <= idState.ms {
		// Same (or an earlier, after a clock step) millisecond: stay on the
		// last one and count up so the order holds.
		ms = idState.ms
		r = idState.rand + 1
		if r >= 1<<30 {
			ms++
			r = randomBits()
		}
	} else {
		r = randomBits()
	}
	idState.ms, idState.rand = ms, r
	idState.Unlock()

	// 80 bits do not fit in a uint64: write the two parts one after the other.
	var b [idLen]byte
	for i := 9; i >= 0; i-- {
		b[i] = idAlphabet[ms&31]
		ms >>= 5
	}
	for i := idLen - 1; i >= 10; i-- {
		b[i] = idAlphabet[r&31]
		r >>= 5
	}
	return string(b[:])
}

// randomBits returns 29 random bits: the top bit of the 30 stays clear so a
// millisecond has room for about half a billion increments.
func randomBits() uint64 {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported systems
	return binary.LittleEndian.Uint64(b[:]) & (1<<29 - 1)
}

// validIDPrefix reports whether s could be the start of an ID, so lookups
// by prefix never need LIKE escaping.
func validIDPrefix(s string) bool {
	if len(s) == 0 || len(s) > idLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'v') {
			return false
		}
	}
	return true
}
