package api

import (
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/labstack/echo/v4"
)

// Health is the body of /healthz and /readyz.
type Health struct {
	Status  string `json:"status" example:"ok"`
	Version string `json:"version,omitempty" example:"v0.1.0"`
} // @name Health

// healthz godoc
//
//	@Summary	The process is up
//	@Tags		operations
//	@Produce	json
//	@Success	200	{object}	Health
//	@Router		/healthz [get]
func (s *server) healthz(c echo.Context) error {
	return writeList(c, Health{Status: "ok", Version: s.Version})
}

// readyz godoc
//
//	@Summary		The database answers and takes writes
//	@Description	503 while the database is unreachable or cannot take writes (a PostgreSQL standby or read-only server, a read-only SQLite file, a full disk); turns back to 200 by itself when that ends.
//	@Tags			operations
//	@Produce		json
//	@Success		200	{object}	Health
//	@Failure		503	{object}	Problem
//	@Router			/readyz [get]
func (s *server) readyz(c echo.Context) error {
	if err := s.DB.Writable(c.Request().Context()); err != nil {
		s.Logger.WarnContext(c.Request().Context(), "not ready", "error", err.Error())
		return apperr.New(apperr.Unavailable, "The database is unreachable or cannot take writes").With("retry_after", retryAfter)
	}
	return writeList(c, Health{Status: "ready", Version: s.Version})
}
