package auth

import (
	"strings"
	"testing"
)

func TestHashPassword(t *testing.T) {
	cheap := DefaultParams
	DefaultParams = productionParams
	defer func() { DefaultParams = cheap }()
	h, err := HashPassword("Plan-2025-office")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=65536,t=2,p=2$") {
		t.Errorf("encoding %q", h)
	}
	if h2, _ := HashPassword("Plan-2025-office"); h2 == h {
		t.Error("two hashes of one password are equal: no salt")
	}
	for _, c := range []struct {
		pw     string
		ok     bool
		rehash bool
	}{
		{"Plan-2025-office", true, false},
		{"plan-2025-office", false, false},
		{"", false, false},
	} {
		ok, rehash, err := VerifyPassword(h, c.pw)
		if err != nil || ok != c.ok || rehash != c.rehash {
			t.Errorf("VerifyPassword(%q) = %v, %v, %v", c.pw, ok, rehash, err)
		}
	}
	weak, _ := hashWith(Params{Time: 1, Memory: 8 * 1024, Threads: 1, SaltLen: 16, KeyLen: 32}, "x")
	if ok, rehash, err := VerifyPassword(weak, "x"); !ok || !rehash || err != nil {
		t.Errorf("weaker hash: ok %v rehash %v err %v", ok, rehash, err)
	}
	for _, bad := range []string{"", "plain", "$argon2i$v=19$m=65536,t=2,p=2$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
		"$argon2id$v=19$m=99999999,t=2,p=2$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", "$argon2id$v=19$m=65536,t=2,p=2$!!$!!"} {
		if _, _, err := VerifyPassword(bad, "x"); err == nil {
			t.Errorf("VerifyPassword accepted hash %q", bad)
		}
	}
}

// BenchmarkHashPassword measures one sign-in hash with DefaultParams
// (the budget is about half a second on a government server).
func BenchmarkHashPassword(b *testing.B) {
	cheap := DefaultParams
	DefaultParams = productionParams
	defer func() { DefaultParams = cheap }()
	for b.Loop() {
		if _, err := HashPassword("Plan-2025-office"); err != nil {
			b.Fatal(err)
		}
	}
}

func TestCheckPassword(t *testing.T) {
	cases := []struct {
		login, pw string
		zh        string // "" when accepted
	}{
		{"zhangsan", "Plan-2025-office", ""},
		{"zhangsan", "规划办Office2025", ""}, // Chinese counts as other
		{"zhangsan", "short1A!", "至少"},
		{"zhangsan", "alllowercase", "三类"},
		{"zhangsan", "lowercase123", "三类"},
		{"zhangsan", "ZhangSan-2025", "用户名"},
		{"zhangsan", "Abcdefghij\x00", "控制字符"},
		{"zhangsan", "Aa1" + strings.Repeat("x", MaxPasswordBytes), "字节"},
	}
	for _, c := range cases {
		err := CheckPassword(c.login, c.pw)
		if c.zh == "" {
			if err != nil {
				t.Errorf("CheckPassword(%q) = %v", c.pw, err)
			}
			continue
		}
		if err == nil || !strings.Contains(Zh(err), c.zh) || err.Error() == "" {
			t.Errorf("CheckPassword(%q) = %v (%s), want a message with %q", c.pw, err, Zh(err), c.zh)
		}
	}
}
