package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Params are argon2id's cost parameters (RFC 9106).
type Params struct {
	Time    uint32 // passes over memory
	Memory  uint32 // KiB
	Threads uint8
	SaltLen uint32 // bytes
	KeyLen  uint32 // bytes
}

// DefaultParams: t=2, m=64 MiB, p=2, a 16-byte salt and a 32-byte key.
// 64 MiB is RFC 9106's second recommended option (its first, 2 GiB, is
// out of reach of an office server); t=2 makes up for the smaller memory.
// One hash takes about 60–100 ms on a current x86 core (measured by
// BenchmarkHashPassword: keep it under ~150 ms, or sign-in feels slow), and
// hashes run at most hashSlots at a time so a burst of sign-ins cannot ask
// for more than hashSlots × 64 MiB.
var DefaultParams = Params{Time: 2, Memory: 64 * 1024, Threads: 2, SaltLen: 16, KeyLen: 32}

// hashSlots bounds concurrent hashing (memory, above).
var hashSlots = make(chan struct{}, max(2, min(runtime.NumCPU(), 8)))

// MaxPasswordBytes bounds what is hashed; longer inputs are refused
// before any work.
const MaxPasswordBytes = 1024

// ErrHashFormat is returned for a stored hash this package cannot read.
var ErrHashFormat = errors.New("password hash: not an argon2id hash this program can read")

// HashPassword hashes a password with DefaultParams into the standard
// encoding $argon2id$v=19$m=65536,t=2,p=2$<salt>$<hash> (unpadded base64).
func HashPassword(password string) (string, error) {
	return hashWith(DefaultParams, password)
}

func hashWith(p Params, password string) (string, error) {
	if len(password) > MaxPasswordBytes {
		return "", fmt.Errorf("password longer than %d bytes", MaxPasswordBytes)
	}
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("password salt: %w", err)
	}
	key := derive(p, password, salt)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

func derive(p Params, password string, salt []byte) []byte {
	hashSlots <- struct{}{}
	defer func() { <-hashSlots }()
	return argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
}

// parseHash reads an encoded hash, refusing parameters far beyond ours so
// a planted hash cannot make a sign-in take minutes or gigabytes.
func parseHash(encoded string) (Params, []byte, []byte, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return Params{}, nil, nil, ErrHashFormat
	}
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return Params{}, nil, nil, ErrHashFormat
	}
	var p Params
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return Params{}, nil, nil, ErrHashFormat
	}
	if p.Memory < 8 || p.Memory > 1<<20 || p.Time < 1 || p.Time > 16 || p.Threads < 1 || p.Threads > 16 {
		return Params{}, nil, nil, ErrHashFormat
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	key, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(salt) < 8 || len(key) < 16 || len(key) > 64 {
		return Params{}, nil, nil, ErrHashFormat
	}
	p.SaltLen, p.KeyLen = uint32(len(salt)), uint32(len(key))
	return p, salt, key, nil
}

// VerifyPassword reports whether password matches the encoded hash (in
// constant time), and whether the hash should be replaced because its
// parameters are weaker than DefaultParams.
func VerifyPassword(encoded, password string) (ok, rehash bool, err error) {
	p, salt, key, err := parseHash(encoded)
	if err != nil {
		return false, false, err
	}
	if len(password) > MaxPasswordBytes {
		return false, false, nil
	}
	got := derive(p, password, salt)
	ok = subtle.ConstantTimeCompare(got, key) == 1
	d := DefaultParams
	rehash = p.Memory < d.Memory || p.Time < d.Time || p.KeyLen < d.KeyLen || p.SaltLen < d.SaltLen
	return ok, rehash, nil
}

// PolicyError says why a password was refused, in English (Error) and in
// Chinese (Zh) for the sign-in pages.
type PolicyError struct {
	En, Zh string
}

func (e *PolicyError) Error() string { return e.En }

// MinPasswordLength is the shortest password accepted, in characters.
const MinPasswordLength = 10

// CheckPassword applies the password policy (等保 2.0 口令复杂度): at
// least MinPasswordLength characters, at least three of lower case, upper
// case, digits and other characters (a Chinese character counts as
// other), and not containing the login in any case.
func CheckPassword(login, password string) error {
	if n := utf8.RuneCountInString(password); n < MinPasswordLength {
		return &PolicyError{
			En: fmt.Sprintf("the password must have at least %d characters", MinPasswordLength),
			Zh: fmt.Sprintf("密码至少需要%d个字符", MinPasswordLength),
		}
	}
	if len(password) > MaxPasswordBytes {
		return &PolicyError{
			En: fmt.Sprintf("the password must be at most %d bytes", MaxPasswordBytes),
			Zh: fmt.Sprintf("密码不能超过%d字节", MaxPasswordBytes),
		}
	}
	var lower, upper, digit, other int
	for _, r := range password {
		switch {
		case r >= 'a' && r <= 'z':
			lower = 1
		case r >= 'A' && r <= 'Z':
			upper = 1
		case r >= '0' && r <= '9':
			digit = 1
		case unicode.IsControl(r):
			return &PolicyError{En: "the password contains a control character", Zh: "密码不能包含控制字符"}
		default:
			other = 1
		}
	}
	if lower+upper+digit+other < 3 {
		return &PolicyError{
			En: "the password must mix at least three of: lower case, upper case, digits, symbols",
			Zh: "密码须至少包含小写字母、大写字母、数字、符号中的三类",
		}
	}
	if l := strings.ToLower(strings.TrimSpace(login)); l != "" && strings.Contains(strings.ToLower(password), l) {
		return &PolicyError{En: "the password must not contain the login", Zh: "密码不能包含用户名"}
	}
	return nil
}
