package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/idempotency"
	"github.com/labstack/echo/v4"
)

const secretRouteKey = "secret_route"

// carriesSecret marks a route whose request or response carries a secret
// (a password, a refresh or set-password token, an API key's secret). Its
// Idempotency-Key record keeps neither a hash of the body nor the
// response, and a retry of a request that succeeded is 409: a secret is
// shown only once.
func carriesSecret(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Set(secretRouteKey, true)
		return next(c)
	}
}

// errServerFailed rolls back a request that failed on the server's side.
var errServerFailed = errors.New("the request failed on the server")

// idempotent makes POSTs with an Idempotency-Key safe to retry: the first
// response is stored per caller for 24 hours and replayed for a retry with
// the same body; another body under the same key is 422, a retry while the
// first is still running 409 (until the request deadline, after which the
// first is taken to have died and the retry runs). The handler's work and
// the stored response commit in one transaction, so a request that died
// left nothing done, and one that was done is found by its key. The
// response is sent only after that commit.
func (s *server) idempotent(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		key := c.Request().Header.Get("Idempotency-Key")
		if c.Request().Method != http.MethodPost || key == "" {
			return next(c)
		}
		if len(key) > 255 {
			return apperr.New(apperr.BadRequest, "Idempotency-Key must be at most 255 characters")
		}
		ctx := c.Request().Context()
		p := auth.From(ctx)
		in := idempotency.Request{Caller: p.Kind + ":" + p.ID, Key: key, Method: c.Request().Method, Path: c.Request().URL.Path,
			Fingerprint: idempotency.Fingerprint(p), Deadline: timeoutOf(c, s.Config.RequestTimeout, s.Config.ExportTimeout)}
		if p.Kind == "" {
			in.Caller = "anonymous:" + c.RealIP()
		}
		in.Secret, _ = c.Get(secretRouteKey).(bool)
		if !in.Secret { // a secret is not hashed either: a fast hash of a password can be reversed
			body, err := io.ReadAll(c.Request().Body)
			if err != nil {
				return jsonError(err)
			}
			c.Request().Body = io.NopCloser(bytes.NewReader(body))
			sum := sha256.Sum256(body)
			in.RequestHash = hex.EncodeToString(sum[:])
		}
		rec, err := idempotency.Begin(ctx, s.DB, in)
		if err != nil {
			return err
		}
		if rec.Status != 0 {
			var headers map[string]string
			_ = json.Unmarshal([]byte(rec.Headers), &headers)
			for k, v := range headers {
				c.Response().Header().Set(k, v)
			}
			c.Response().Header().Set("Idempotent-Replayed", "true")
			return c.Blob(rec.Status, headers[echo.HeaderContentType], []byte(rec.Body))
		}

		res := c.Response()
		out := res.Writer
		buf := &bufferedWriter{ResponseWriter: out}
		res.Writer = buf
		defer func() { res.Writer = out; c.SetRequest(c.Request().WithContext(ctx)) }()
		err = s.DB.WithTx(ctx, func(tx context.Context) error {
			c.SetRequest(c.Request().WithContext(tx))
			if err := next(c); err != nil {
				c.Error(err) // write the problem now, so it is stored
			}
			switch status := res.Status; {
			case status >= 500:
				return errServerFailed
			case in.Secret && status >= 300:
				return idempotency.Abandon(tx, s.DB, rec) // nothing was handed out: a retry may run again
			default:
				kept := map[string]string{}
				for _, h := range []string{echo.HeaderContentType, echo.HeaderLocation, "ETag"} {
					if v := res.Header().Get(h); v != "" {
						kept[h] = v
					}
				}
				raw, _ := json.Marshal(kept)
				return idempotency.Finish(tx, s.DB, rec, status, string(raw), buf.body.String())
			}
		})
		res.Writer = out
		if err != nil {
			if abandonErr := idempotency.Abandon(ctx, s.DB, rec); abandonErr != nil {
				return abandonErr
			}
			if !errors.Is(err, errServerFailed) {
				// The work is undone: the response written for it must not go out.
				res.Committed, res.Status, res.Size = false, 0, 0
				for _, h := range []string{echo.HeaderContentType, echo.HeaderLocation, "ETag"} {
					res.Header().Del(h)
				}
				return err
			}
		}
		if buf.status == 0 { // the handler wrote nothing
			buf.status = res.Status
		}
		out.WriteHeader(buf.status)
		_, err = out.Write(buf.body.Bytes())
		return err
	}
}

// bufferedWriter holds a response back until its transaction committed.
type bufferedWriter struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (w *bufferedWriter) WriteHeader(status int) { w.status = status }

func (w *bufferedWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.body.Write(b)
}
