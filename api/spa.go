package api

import (
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path"
	"strings"

	"github.com/labstack/echo/v4"
)

// notBuilt is shown at / when the SPA has not been built.
const notBuilt = `<!doctype html><html lang="en"><meta charset="utf-8"><title>InnoMuNiCH Cooperation Platform</title>
<h1>InnoMuNiCH Cooperation Platform</h1><p>The web app is not built. Run <code>make run</code>, or see the <a href="/api/docs/index.html">API documentation</a>.</p></html>`

// webApp serves the built web app from Config.SPADir for every GET and
// HEAD outside the server's own paths (isAPIPath): files as they are
// (hashed assets cached for a year) and index.html for every other path,
// so the app's client-side routes survive a reload. It is a middleware
// rather than a "/*" route so that the router still answers 404 and 405
// for the API's paths.
func (s *server) webApp() echo.MiddlewareFunc {
	fsys := os.DirFS(s.Config.SPADir)
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			p := path.Clean("/" + c.Request().URL.Path)
			if m := c.Request().Method; (m != http.MethodGet && m != http.MethodHead) || isAPIPath(p) {
				return next(c)
			}
			return serveWebApp(c, fsys, p)
		}
	}
}

func serveWebApp(c echo.Context, fsys fs.FS, p string) error {
	name := strings.TrimPrefix(p, "/")
	if name != "" {
		if st, err := fs.Stat(fsys, name); err == nil && !st.IsDir() {
			if strings.HasPrefix(name, "assets/") {
				c.Response().Header().Set("Cache-Control", "public, max-age=31536000, immutable")
			}
			http.ServeFileFS(c.Response(), c.Request(), fsys, name)
			return nil
		}
		if path.Ext(name) != "" && !strings.HasSuffix(name, ".html") {
			// A missing asset is a 404, not the app's page.
			return echo.ErrNotFound
		}
	}
	index, err := fs.ReadFile(fsys, "index.html")
	if errors.Is(err, fs.ErrNotExist) {
		return c.HTML(http.StatusOK, notBuilt)
	}
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-cache")
	return c.HTMLBlob(http.StatusOK, index)
}
