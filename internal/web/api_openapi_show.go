package web

import (
	"net/http"

	"planwatch/internal/web/respond"
)

// apiOpenAPIShow serves the OpenAPI 3 document of the API, built from
// the same route table the mux registers.
func (s *Server) apiOpenAPIShow(w http.ResponseWriter, r *http.Request) {
	respond.JSON(w, r, http.StatusOK, s.openAPI())
}
