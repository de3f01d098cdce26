package cli

import (
	"context"
	"strings"

	"planwatch/internal/store"
)

// setUserEmail sets the address a user's reminders go to ("none" clears
// it) and writes the change to the audit log.
func setUserEmail(ctx context.Context, st *store.Store, u store.User, addr string,
	audit func(action string, u store.User, before, after any) error) error {
	if strings.EqualFold(addr, "none") {
		addr = ""
	}
	before, err := st.SetUserEmail(ctx, u.ID, addr)
	if err != nil {
		return err
	}
	type email struct {
		Email string `json:"email"`
	}
	return audit("user.email", u, email{before}, email{addr})
}
