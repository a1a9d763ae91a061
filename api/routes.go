package api

import (
	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// routes is the one place that lists every route.
func (s *server) routes(e *echo.Echo) {
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	e.GET("/metrics", echo.WrapHandler(promhttp.HandlerFor(s.metrics, promhttp.HandlerOpts{})))

	e.GET("/openapi.json", s.openapiJSON)
	e.GET("/openapi.yaml", s.openapiYAML)
	e.GET("/api/docs", redirectToDocs)
	e.GET("/api/docs/", redirectToDocs)
	e.GET("/api/docs/*", docsUI)

	v1 := e.Group("/api/v1")
	v1.GET("/regions", s.listRegions)
	v1.GET("/regions/:code", s.getRegion)
	v1.GET("/focus-areas", s.listFocusAreas)
	v1.GET("/focus-areas/:code", s.getFocusArea)
	v1.GET("/funders", s.listFunders)
	v1.GET("/funders/:code", s.getFunder)
}
