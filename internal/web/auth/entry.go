package auth

import (
	"context"
	"fmt"

	"planwatch/internal/store"
)

// Entry makes the audit entry Record would append, for a store method
// that writes it in the same transaction as the change it records.
func Entry(ctx context.Context, action, entityType, entityID string, before, after any) (store.AuditEntry, error) {
	e := store.AuditEntry{Action: action, EntityType: entityType, EntityID: entityID}
	if id := IdentityFrom(ctx); id != nil {
		e.ActorID, e.ActorLogin = id.User.ID, id.User.Login
	}
	var err error
	if e.Before, err = marshal(before); err != nil {
		return store.AuditEntry{}, fmt.Errorf("audit %s: %w", action, err)
	}
	if e.After, err = marshal(after); err != nil {
		return store.AuditEntry{}, fmt.Errorf("audit %s: %w", action, err)
	}
	if ri, ok := ctx.Value(requestKey).(requestInfo); ok {
		e.RequestID, e.IP = ri.id, ri.ip
	}
	return e, nil
}
