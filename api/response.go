package api

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/innomunich/platform/pkg/page"
	"github.com/labstack/echo/v4"
)

// writeOne writes a single resource with its version as ETag.
func writeOne(c echo.Context, status, version int, body any) error {
	c.Response().Header().Set("ETag", strconv.Quote(strconv.Itoa(version)))
	return c.JSON(status, body)
}

// writeList writes the answer to a GET that is not one versioned record
// (a list page, a search, a summary, a schedule) with a weak ETag of its
// body, so that a poller sending it back as If-None-Match gets 304 while
// the answer is the same (notModified answers that): the spec promises
// it on every GET that answers JSON.
func writeList(c echo.Context, body any) error {
	// The total a request asked for (include=total) was counted when the
	// list was read with the page q.page parsed.
	if l, ok := body.(interface{ withTotal(*page.Total) any }); ok {
		if p, ok := c.Get(pageKey).(*page.Page); ok {
			body = l.withTotal(p.Total())
		}
	}
	raw, err := json.Marshal(body)
	if err != nil {
		return err
	}
	c.Response().Header().Set("ETag", weakETag(raw))
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSONCharsetUTF8, raw)
}

// weakETag is the weak ETag of a body: a hash of its bytes.
func weakETag(raw []byte) string {
	sum := sha256.Sum256(raw)
	return `W/"` + hex.EncodeToString(sum[:16]) + `"`
}

// notModified answers a GET or HEAD whose If-None-Match names the ETag of
// the 200 the handler is about to send with 304 and no body: the one
// place for every single resource (ETag = version) and list (ETag =
// hash of the page).
func notModified(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		inm := r.Header.Get("If-None-Match")
		if inm == "" || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
			return next(c)
		}
		w := &notModifiedWriter{ResponseWriter: c.Response().Writer, ifNoneMatch: inm}
		c.Response().Writer = w
		return next(c)
	}
}

type notModifiedWriter struct {
	http.ResponseWriter
	ifNoneMatch string
	skip        bool
}

func (w *notModifiedWriter) WriteHeader(code int) {
	if code == http.StatusOK && etagMatches(w.ifNoneMatch, w.Header().Get("ETag")) {
		w.skip = true
		for _, h := range []string{echo.HeaderContentType, echo.HeaderContentLength, echo.HeaderContentEncoding} {
			w.Header().Del(h)
		}
		w.ResponseWriter.WriteHeader(http.StatusNotModified)
		return
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *notModifiedWriter) Write(b []byte) (int, error) {
	if w.skip {
		return len(b), nil
	}
	return w.ResponseWriter.Write(b)
}

func (w *notModifiedWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok && !w.skip {
		f.Flush()
	}
}

func (w *notModifiedWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// etagMatches is If-None-Match's weak comparison (RFC 9110 13.1.2): any
// listed tag equal to the current one but for W/, or *.
func etagMatches(header, etag string) bool {
	if etag == "" {
		return false
	}
	want := strings.TrimPrefix(etag, "W/")
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == want {
			return true
		}
	}
	return false
}
