package auth

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"strings"
	"time"

	"planwatch/internal/store"
)

// One-time sign-in codes: `planwatch user otp LOGIN` (someone with a
// shell on the server) issues one for an owner whom strangers have
// locked out, or whose address is throttled. The code is typed in place
// of the password; it works once, until it expires, whatever the
// throttles and the lock say, and clears the account's lock.

// Sign-in code shape: 12 characters of Crockford's base32 (60 random
// bits: guessing one in its lifetime is out of reach even untouched by
// the throttles), shown in groups of four.
const (
	codeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
	codeLen      = 12
	// DefaultCodeLife is how long a code is good for unless the command
	// says otherwise; MaxCodeLife bounds what it may say.
	DefaultCodeLife = 15 * time.Minute
	MaxCodeLife     = 24 * time.Hour
)

// NewSignInCode returns a fresh code as shown (XXXX-XXXX-XXXX) and the
// hash the store keeps.
func NewSignInCode() (code, hash string, err error) {
	b := make([]byte, codeLen)
	if _, err := rand.Read(b); err != nil {
		return "", "", fmt.Errorf("sign-in code: %w", err)
	}
	var sb strings.Builder
	for i, c := range b {
		if i > 0 && i%4 == 0 {
			sb.WriteByte('-')
		}
		sb.WriteByte(codeAlphabet[int(c)%len(codeAlphabet)]) // 256 is a multiple of 32: no bias
	}
	code = sb.String()
	norm, _ := normalizeCode(code)
	return code, store.TokenHash("signin-code\n" + norm), nil
}

// normalizeCode reads what was typed as a code: dashes and spaces
// dropped, upper case, and O, I, L read as 0, 1, 1 as Crockford's base32
// does. ok is false when it is not shaped like a code, so ordinary
// passwords never reach the store's code lookup.
func normalizeCode(s string) (string, bool) {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch {
		case r == '-' || r == ' ':
			continue
		case r == 'O':
			r = '0'
		case r == 'I' || r == 'L':
			r = '1'
		}
		if r > 127 || !strings.ContainsRune(codeAlphabet, r) {
			return "", false
		}
		b.WriteRune(r)
	}
	return b.String(), b.Len() == codeLen
}

// IssueSignInCode makes a code for the account, valid for life (at most
// MaxCodeLife), stores its hash (replacing an earlier code) and returns
// the code to show once.
func IssueSignInCode(ctx context.Context, st *store.Store, userID string, life time.Duration, now time.Time) (string, error) {
	if life <= 0 || life > MaxCodeLife {
		return "", fmt.Errorf("sign-in code: want a life from 1s to %s", MaxCodeLife)
	}
	code, hash, err := NewSignInCode()
	if err != nil {
		return "", err
	}
	if err := st.SetSignInCode(ctx, userID, hash, now.Add(life)); err != nil {
		return "", err
	}
	return code, nil
}

// signInWithCode signs in with a one-time code typed as the password.
// ok is false when what was typed is not a valid code for the login, and
// the sign-in goes on as a password one.
func (a *Service) signInWithCode(ctx context.Context, login, typed, ip, userAgent string, t time.Time) (token string, ok bool, err error) {
	norm, shaped := normalizeCode(typed)
	if !shaped {
		return "", false, nil
	}
	u, err := a.Store.UseSignInCode(ctx, login, store.TokenHash("signin-code\n"+norm), t)
	if errors.Is(err, store.ErrNotFound) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("sign in: %w", err)
	}
	if u.Disabled {
		return "", true, a.failure(ctx, login, &u, "login.failure", "account disabled (one-time code)", ErrBadCredentials)
	}
	token, err = a.startSession(ctx, u, ClientKey(ip), ip, userAgent, t, "one-time code")
	return token, true, err
}
