package api_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
	"github.com/innomunich/platform/openapi"
)

// specDoc is the committed spec, the very document the server serves at
// /openapi.json, loaded and validated once for every test that reads it.
var specDoc = sync.OnceValues(func() (*openapi3.T, error) {
	doc, err := openapi3.NewLoader().LoadFromData(openapi.JSON)
	if err != nil {
		return nil, err
	}
	return doc, doc.Validate(context.Background())
})

// spec is specDoc for a test, which stops when the spec does not load.
func spec(t *testing.T) *openapi3.T {
	t.Helper()
	doc, err := specDoc()
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// specRouter finds the operation of a request in the spec.
var specRouter = sync.OnceValues(func() (routers.Router, error) {
	doc, err := specDoc()
	if err != nil {
		return nil, err
	}
	// The calendars are text; read them as such to check their content type.
	openapi3filter.RegisterBodyDecoder("text/calendar", openapi3filter.PlainBodyDecoder)
	// The spec says an import's CSV is a string: the server reads it and
	// reports a malformed line in its 200 report, so kin-openapi must not
	// parse it as CSV.
	openapi3filter.RegisterBodyDecoder("text/csv", openapi3filter.PlainBodyDecoder)
	// A report's ZIP and XLSX are files (a string of bytes in the spec);
	// TestReportFiles opens them.
	openapi3filter.RegisterBodyDecoder("application/zip", openapi3filter.PlainBodyDecoder)
	openapi3filter.RegisterBodyDecoder("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", openapi3filter.PlainBodyDecoder)
	return legacy.NewRouter(doc)
})

// agreesWithSpec wraps the handler under test so that every request of
// every API test also checks that the server answers as openapi/openapi.json
// says: the status is documented for the operation, the body matches its
// schema and content type, and a request the server accepts (2xx) is one
// the spec allows. A disagreement fails the test that sent the request.
func agreesWithSpec(t *testing.T, next http.Handler) http.Handler {
	router, err := specRouter()
	if err != nil {
		t.Fatalf("openapi/openapi.json: %v", err)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reqBody, err := io.ReadAll(r.Body)
		if err != nil {
			t.Fatal(err)
		}
		r.Body = io.NopCloser(bytes.NewReader(reqBody))
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		if err := checkAgainstSpec(router, r, reqBody, rec); err != nil {
			t.Errorf("%s %s answered %d, which disagrees with openapi/openapi.json: %v\nresponse: %.600s", r.Method, r.URL, rec.Code, err, rec.Body.String())
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
	})
}

func checkAgainstSpec(router routers.Router, r *http.Request, reqBody []byte, rec *httptest.ResponseRecorder) error {
	// A copy of the request as it arrived: the handler has read its body.
	req := r.Clone(context.Background())
	req.Body = io.NopCloser(bytes.NewReader(reqBody))
	if rec.Code == http.StatusMethodNotAllowed {
		// A wrong method is no operation: the spec's description promises
		// 405 with Allow for it at every address, rather than repeating
		// it in each path (a literal path such as /organisations/import
		// would otherwise match the operations of /organisations/{id}).
		allow := strings.Split(rec.Header().Get("Allow"), ", ")
		if len(allow) < 2 || slices.Contains(allow, r.Method) || rec.Header().Get("Content-Type") != "application/problem+json" {
			return fmt.Errorf("a wrong method must be a problem with an Allow header that lacks the method, got Allow %q and %s", rec.Header().Get("Allow"), rec.Header().Get("Content-Type"))
		}
		return nil
	}
	route, pathParams, err := router.FindRoute(req)
	if err != nil {
		// Not an operation of the API (the web app, /metrics, the docs UI,
		// an unknown address or method): nothing to compare with.
		return nil
	}
	opts := &openapi3filter.Options{
		AuthenticationFunc:    openapi3filter.NoopAuthenticationFunc,
		IncludeResponseStatus: true,
		SkipSettingDefaults:   true,
		MultiError:            true,
	}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: pathParams, Route: route, Options: opts}
	if rec.Code >= 200 && rec.Code < 300 {
		if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
			return fmt.Errorf("the server accepted a request the spec rejects: %w", err)
		}
	}
	body := rec.Body.Bytes()
	if rec.Header().Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return err
		}
		if body, err = io.ReadAll(zr); err != nil {
			return err
		}
	}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in, Status: rec.Code, Header: rec.Header(),
		Body: io.NopCloser(bytes.NewReader(body)), Options: opts,
	}
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		return err
	}
	if rec.Code == http.StatusOK && strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") &&
		route.Operation.Responses.Value("304") != nil && rec.Header().Get("ETag") == "" {
		return fmt.Errorf("the spec promises 304 to If-None-Match, but the 200 carries no ETag to send back")
	}
	if resp := route.Operation.Responses.Status(rec.Code); resp != nil && len(resp.Value.Content) == 0 && len(body) > 0 {
		return fmt.Errorf("the spec documents no body for status %d, the server sent one", rec.Code)
	}
	return nil
}
