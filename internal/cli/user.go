package cli

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"strings"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/web/auth"
)

// cliActor is who the audit log names for a change made here: the
// operating-system account, since the command line has no sign-in.
func cliActor() string {
	return "cli:" + osUser()
}

// osUser names the operating-system account running the command: $USER,
// else $LOGNAME, else the account database's name for the process's
// user, else its number ("uid 1000") — someone, never "unknown" (a cron
// job or a container often has no $USER).
func osUser() string {
	for _, v := range []string{"USER", "LOGNAME"} {
		if u := strings.TrimSpace(os.Getenv(v)); u != "" {
			return u
		}
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return fmt.Sprintf("uid %d", os.Getuid())
}

// multiFlag collects a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func userCommand() *command {
	return &command{
		name:    "user",
		args:    "add LOGIN --role R --password-stdin | list | disable LOGIN | enable LOGIN | unlock LOGIN | otp LOGIN [--valid 15m] | passwd LOGIN --password-stdin | email LOGIN ADDRESS|none",
		summary: "manage the web accounts (roles admin, auditor, editor, reporter, viewer)",
		// The first admin on a fresh install, either typed without echo
		// (read -s) or from a file only root can read:
		example: "read -rs PW && printf '%s\\n' \"$PW\" | planwatch user add admin --role admin --name 管理员 --password-stdin; unset PW\n" +
			"  planwatch user add admin --role admin --password-stdin < /root/admin-password.txt\n" +
			"  planwatch user add kjj --role reporter --unit 市科技局 --plan 01jd3k9x --password-stdin < pw.txt\n" +
			"  planwatch user add lingdao --role viewer --all-plans --password-stdin < pw.txt\n" +
			"  planwatch user email kjj kjj@example.gov.cn   # where the unit's reminders go\n" +
			"  planwatch user otp admin   # a one-time sign-in code for an owner locked out by strangers' guesses\n" +
			"  planwatch user list",
		setup: func(fs *flag.FlagSet) func(*Config, []string) int {
			open := dbFlags(fs)
			role := fs.String("role", "", "the account's role: admin, auditor, editor, reporter or viewer")
			name := fs.String("name", "", "display name, e.g. 王五（市科技局）")
			var plans multiFlag
			fs.Var(&plans, "plan", "a plan the editor, reporter or viewer works on (repeatable)")
			allPlans := fs.Bool("all-plans", false, "every plan, instead of --plan")
			unit := fs.String("unit", "", "the reporter's unit, e.g. 市科技局")
			valid := fs.Duration("valid", auth.DefaultCodeLife, "how long the one-time code of otp works (at most 24h)")
			stdinPW := fs.Bool("password-stdin", false, "read the password from the first line of stdin (policy: 10+ characters, three of lower/upper/digit/symbol, not the login)")
			return func(cfg *Config, args []string) int {
				if len(args) == 0 {
					return usageError(cfg, "user", "give add, list, disable, enable, unlock, otp, passwd or email")
				}
				verb, rest := args[0], args[1:]
				want := map[string]int{"add": 1, "list": 0, "disable": 1, "enable": 1, "unlock": 1, "otp": 1, "passwd": 1, "email": 2}
				n, ok := want[verb]
				if !ok {
					return usageError(cfg, "user", fmt.Sprintf("unknown action %q", verb))
				}
				if len(rest) != n {
					return usageError(cfg, "user", fmt.Sprintf("wrong arguments for %s", verb))
				}
				if verb == "otp" && (*valid <= 0 || *valid > auth.MaxCodeLife) {
					return usageError(cfg, "user", fmt.Sprintf("--valid %s: want a duration up to %s", *valid, auth.MaxCodeLife))
				}
				if (verb == "add" || verb == "passwd") && !*stdinPW {
					return usageError(cfg, "user", verb+" needs --password-stdin (the password is never a command-line argument)")
				}
				var scopes []store.Scope
				if verb == "add" {
					var msg string
					scopes, msg = scopesFor(*role, plans, *allPlans, *unit)
					if msg != "" {
						return usageError(cfg, "user", msg)
					}
				}
				st, _, err := open(cfg)
				if err != nil {
					return fail(cfg, err)
				}
				defer st.Close()
				ctx := auth.WithRequest(cfg.Ctx, store.NewID(), "")
				audit := func(action string, u store.User, before, after any) error {
					return auth.RecordAs(ctx, st, "", cliActor(), action, "user", u.ID, before, after)
				}
				switch verb {
				case "list":
					return listUsers(cfg, st)
				case "add":
					for i, sc := range scopes {
						if sc.PlanID != "" {
							p, err := st.Plan(ctx, sc.PlanID)
							if err != nil {
								return fail(cfg, fmt.Errorf("plan %s: %w", sc.PlanID, err))
							}
							scopes[i].PlanID = p.ID
						}
						// A reporter's unit is one the registry knows, by any
						// of its names: an account for a unit no plan has is
						// refused, with the closest names.
						if sc.Unit != "" {
							name, err := st.ScopeUnit(ctx, scopes[i].PlanID, sc.Unit)
							if err != nil {
								return fail(cfg, unitHint(fmt.Errorf("--unit: %w", err)))
							}
							scopes[i].Unit = name
						}
					}
					hash, err := readPassword(cfg.Stdin, rest[0])
					if err != nil {
						return fail(cfg, fmt.Errorf("user %s: %w", rest[0], err))
					}
					u, err := st.CreateUser(ctx, store.User{Login: rest[0], Name: *name, Role: *role, PasswordHash: hash, Scopes: scopes})
					if err != nil {
						return fail(cfg, err)
					}
					if err := audit("user.create", u, nil, u); err != nil {
						return fail(cfg, err)
					}
					fmt.Fprintf(cfg.Stdout, "created %s (%s)\n", u.Login, u.Role)
					return exitOK
				}
				u, err := st.UserByLogin(ctx, rest[0])
				if err != nil {
					return fail(cfg, err)
				}
				switch verb {
				case "disable", "enable":
					off := verb == "disable"
					before, after, err := st.UpdateUser(ctx, u.ID, store.UserChange{Disabled: &off})
					if err == nil {
						err = audit("user."+verb, u, before, after)
					}
					if err != nil {
						return fail(cfg, err)
					}
				case "unlock":
					if err := st.ResetLoginFailures(ctx, u.ID); err != nil {
						return fail(cfg, err)
					}
					if err := audit("user.unlock", u, nil, nil); err != nil {
						return fail(cfg, err)
					}
				case "email":
					if err := setUserEmail(ctx, st, u, rest[1], audit); err != nil {
						return fail(cfg, err)
					}
				case "otp":
					return issueSignInCode(ctx, cfg, st, u, *valid, audit)
				case "passwd":
					hash, err := readPassword(cfg.Stdin, u.Login)
					if err != nil {
						return fail(cfg, fmt.Errorf("user %s: %w", u.Login, err))
					}
					if err := st.SetPassword(ctx, u.ID, hash); err != nil {
						return fail(cfg, err)
					}
					if err := audit("user.password", u, nil, nil); err != nil {
						return fail(cfg, err)
					}
				}
				fmt.Fprintf(cfg.Stdout, "%s: %s done\n", u.Login, verb)
				return exitOK
			}
		},
	}
}

// scopesFor turns the add flags into scopes, or says what is missing.
func scopesFor(role string, plans []string, all bool, unit string) ([]store.Scope, string) {
	if role == "" {
		return nil, "give --role (admin, auditor, editor, reporter or viewer)"
	}
	if all && len(plans) > 0 {
		return nil, "give --plan or --all-plans, not both"
	}
	switch role {
	case store.RoleAdmin, store.RoleAuditor:
		if all || len(plans) > 0 || unit != "" {
			return nil, "role " + role + " takes no --plan, --all-plans or --unit"
		}
		return nil, ""
	case store.RoleReporter:
		if unit == "" {
			return nil, "a reporter needs --unit"
		}
	default:
		if unit != "" {
			return nil, "only a reporter has a --unit"
		}
	}
	if !all && len(plans) == 0 {
		return nil, "give --plan (repeatable) or --all-plans"
	}
	if all {
		return []store.Scope{{Unit: unit}}, ""
	}
	var out []store.Scope
	for _, p := range plans {
		out = append(out, store.Scope{PlanID: p, Unit: unit})
	}
	return out, ""
}

// readPassword reads the first line of r, checks it against the policy
// and returns its hash.
func readPassword(r io.Reader, login string) (string, error) {
	line, err := bufio.NewReader(io.LimitReader(r, auth.MaxPasswordBytes+2)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read password: %w", err)
	}
	pw := strings.TrimRight(line, "\r\n")
	if pw == "" {
		return "", errors.New("no password on stdin")
	}
	if err := auth.CheckPassword(login, pw); err != nil {
		return "", fmt.Errorf("%w（%s）", err, auth.Zh(err))
	}
	return auth.HashPassword(pw)
}

// listUsers prints one line per account.
func listUsers(cfg *Config, st *store.Store) int {
	users, err := st.Users(cfg.Ctx)
	if err != nil {
		return fail(cfg, err)
	}
	for _, u := range users {
		state := "active"
		switch {
		case u.Disabled:
			state = "disabled"
		case u.Locked(time.Now()):
			state = "locked until " + u.LockedUntil.Local().Format("15:04")
		}
		var scopes []string
		for _, sc := range u.Scopes {
			plan := sc.PlanID
			if plan == "" {
				plan = "all plans"
			}
			if sc.Unit != "" {
				plan = sc.Unit + "@" + plan
			}
			scopes = append(scopes, plan)
		}
		fmt.Fprintf(cfg.Stdout, "%-16s %-9s %-10s %s  %s\n", u.Login, u.Role, state, u.Name, strings.Join(scopes, ", "))
	}
	return exitOK
}
