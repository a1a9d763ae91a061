package api

import (
	"net/http"

	"github.com/innomunich/platform/openapi"
	"github.com/labstack/echo/v4"
	echoSwagger "github.com/swaggo/echo-swagger"
)

// openapiJSON godoc
//
//	@Summary	This API's description (OpenAPI 3)
//	@Tags		operations
//	@Produce	json
//	@Success	200	{object}	object
//	@Router		/openapi.json [get]
func (s *server) openapiJSON(c echo.Context) error {
	c.Response().Header().Set("ETag", specETags.json)
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, openapi.JSON)
}

func (s *server) openapiYAML(c echo.Context) error {
	c.Response().Header().Set("ETag", specETags.yaml)
	return c.Blob(http.StatusOK, "application/yaml", openapi.YAML)
}

// specETags are the spec's, which a release does not change.
var specETags = struct{ json, yaml string }{weakETag(openapi.JSON), weakETag(openapi.YAML)}

func redirectToDocs(c echo.Context) error {
	return c.Redirect(http.StatusFound, "/api/docs/index.html")
}

// docsUI renders /openapi.json with Swagger UI, whose files are embedded in
// the binary, so the docs work without reaching the internet.
var docsUI = echoSwagger.EchoWrapHandler(func(c *echoSwagger.Config) {
	c.URLs = []string{"/openapi.json"} // not swag's registry, which this server does not use
})
