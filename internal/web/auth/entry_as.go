package auth

import (
	"context"

	"planwatch/internal/store"
)

// EntryAs is Entry with an explicit actor, for the command line
// ("cli:$USER") saving a change and its audit entry in one transaction.
func EntryAs(ctx context.Context, actorID, actorLogin, action, entityType, entityID string, before, after any) (store.AuditEntry, error) {
	return entry(ctx, actorID, actorLogin, action, entityType, entityID, before, after)
}
