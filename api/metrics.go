package api

import (
	"crypto/subtle"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metricsHandler serves /metrics in Prometheus' format. With
// INNOMUNICH_METRICS_TOKEN set it answers only to "Authorization: Bearer
// <token>" (Prometheus' authorization.credentials), so that an instance
// reachable from outside does not tell everyone its routes and load.
//
// Besides the collectors registered in New (requests, latency, SQL
// statements per request, the pool with its wait time, the job queue,
// rate-limit refusals), other packages' collectors belong in s.metrics
// too, registered in New: a webhook deliveries counter, for one.
func (s *server) metricsHandler() echo.HandlerFunc {
	// Compression is the gzip middleware's, once for every response.
	serve := echo.WrapHandler(promhttp.HandlerFor(s.metrics, promhttp.HandlerOpts{DisableCompression: true}))
	token := s.Config.MetricsToken
	if token == "" {
		return serve
	}
	return func(c echo.Context) error {
		scheme, cred, _ := strings.Cut(c.Request().Header.Get(echo.HeaderAuthorization), " ")
		if !strings.EqualFold(scheme, "Bearer") || subtle.ConstantTimeCompare([]byte(cred), []byte(token)) != 1 {
			return unauthorized(c, "Send Authorization: Bearer <INNOMUNICH_METRICS_TOKEN> for /metrics")
		}
		return serve(c)
	}
}
