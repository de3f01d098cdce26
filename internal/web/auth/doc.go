// Package auth is planwatch's accounts layer for the web server: argon2id
// password hashing and the password policy, the permission table (Can),
// sign-in with per-IP rate limiting and per-account lockout, the session
// middleware (cookie or Bearer API token), CSRF tokens for every form, and
// Record, which writes a change to the audit log as the request's user.
//
// It depends on internal/store and internal/web/respond (its refusals
// answer like every other error), so internal/web can import it. The
// store keeps the accounts, sessions (as token hashes) and the
// hash-chained audit log; the limits (lockout, session timeouts, audit
// retention) are constants there.
//
// Wiring, in the server:
//
//	a := auth.New(st)
//	handler := http.MaxBytesHandler(a.Middleware(mux), limit) // bound bodies before the CSRF check reads forms
//	// sign-in handler:  tok, err := a.SignIn(ctx, login, pw, auth.ClientIP(r), r.UserAgent())
//	//                   auth.SetSessionCookie(w, r, tok); on error show auth.Zh(err)
//	// templates:        <input type="hidden" name="csrf_token" value="{{csrf}}"> with auth.CSRFToken(r)
//	// handlers:         u, ok := auth.UserFrom(ctx); auth.Can(u, auth.PostUpdate, target)
//	//                   after a change: auth.Record(ctx, st, "update.post", "item", id, before, after)
package auth
