package web

import (
	"net/http"
	"net/url"

	"planwatch/internal/web/respond"
)

// extensionCreate records the task page's 延期 form (deadline, reason,
// approver, approved_on) and goes back to the task.
func (s *Server) extensionCreate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	d, err := s.loadTask(ctx, r.PathValue("id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	v := r.PostFormValue
	if _, err := s.extendTask(ctx, d, apiExtensionRequest{Deadline: v("deadline"), Reason: v("reason"), Approver: v("approver"),
		ApprovedOn: v("approved_on")}); err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.Redirect(w, r, "/tasks/"+url.PathEscape(d.Item.ID)+"#extensions", http.StatusSeeOther)
}
