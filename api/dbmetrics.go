package api

import (
	"github.com/innomunich/platform/pkg/database"
	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
)

// countStatements observes how many SQL statements each request ran, by
// method and route pattern (never the raw path, which the caller chooses
// and which would let anyone grow the metrics without bound),
// so that an N+1 query shows in production as it does in the tests.
func countStatements(reg prometheus.Registerer) echo.MiddlewareFunc {
	h := prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Namespace: "innomunich",
		Subsystem: "db",
		Name:      "statements_per_request",
		Help:      "SQL statements run per HTTP request, by method and route.",
		Buckets:   []float64{0, 1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 50, 100},
	}, []string{"method", "route"})
	reg.MustRegister(h)
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if c.Path() == "/metrics" {
				return next(c)
			}
			ctx, n := database.CountStatements(c.Request().Context())
			c.SetRequest(c.Request().WithContext(ctx))
			err := next(c)
			route := c.Path() // a registered pattern, or "" when none matched
			if route == "" {
				route = "unmatched"
			}
			h.WithLabelValues(c.Request().Method, route).Observe(float64(n.Load()))
			return err
		}
	}
}
