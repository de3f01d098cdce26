package cli

import (
	"context"
	"fmt"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/web/auth"
)

// issueSignInCode makes a one-time sign-in code for u, valid for life,
// prints it once and audits the issue (user.otp, without the code). The
// command line is the way in that strangers' guesses cannot shut: whoever
// runs it already has the server's shell and settings.
func issueSignInCode(ctx context.Context, cfg *Config, st *store.Store, u store.User, life time.Duration,
	audit func(action string, u store.User, before, after any) error) int {
	if u.Disabled {
		return fail(cfg, fmt.Errorf("user %s is disabled: enable it first (planwatch user enable %s)", u.Login, u.Login))
	}
	now := time.Now()
	code, err := auth.IssueSignInCode(ctx, st, u.ID, life, now)
	if err != nil {
		return fail(cfg, err)
	}
	until := now.Add(life)
	if err := audit("user.otp", u, nil, map[string]string{"valid_until": until.Format(time.RFC3339)}); err != nil {
		return fail(cfg, err)
	}
	fmt.Fprintf(cfg.Stdout, "one-time sign-in code for %s: %s\n"+
		"  type it as the password at /signin before %s; it works once, even while the account is locked\n"+
		"  or its address must wait, and clears the lock (一次性登录码：在登录页代替密码输入，仅可使用一次)\n",
		u.Login, code, until.Local().Format("2006-01-02 15:04"))
	return exitOK
}
