package api

import (
	"strconv"

	"github.com/labstack/echo/v4"
)

// writeOne writes a single resource with its version as ETag.
func writeOne(c echo.Context, status, version int, body any) error {
	c.Response().Header().Set("ETag", strconv.Quote(strconv.Itoa(version)))
	return c.JSON(status, body)
}
