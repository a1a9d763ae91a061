package api

import (
	"net/http/httptest"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
)

// A report's files get the export deadline (an XLSX also counts its trend over
// five years); its JSON, and other routes' files, do not.
func TestReportFilesGetTheExportDeadline(t *testing.T) {
	e := echo.New()
	for _, c := range []struct {
		path, url, accept string
		want              time.Duration
	}{
		{"/api/v1/reports/kpis", "/api/v1/reports/kpis?period=2025&format=xlsx", "", time.Hour},
		{"/api/v1/reports/kpis", "/api/v1/reports/kpis?period=2025", xlsxAccept, time.Hour},
		{"/api/v1/reports/:id", "/api/v1/reports/x?format=zip", "", time.Hour},
		{"/api/v1/reports/kpis", "/api/v1/reports/kpis?period=2025", "application/json", time.Second},
		{"/api/v1/reports/kpis", "/api/v1/reports/kpis?period=2025&format=json", "", time.Second},
		{"/api/v1/trips", "/api/v1/trips?format=xlsx", "", time.Second},
	} {
		req := httptest.NewRequest("GET", c.url, nil)
		if c.accept != "" {
			req.Header.Set("Accept", c.accept)
		}
		ctx := e.NewContext(req, httptest.NewRecorder())
		ctx.SetPath(c.path)
		if got := timeoutOf(ctx, time.Second, time.Hour); got != c.want {
			t.Errorf("%s (Accept %q): deadline %v, want %v", c.url, c.accept, got, c.want)
		}
	}
}

const xlsxAccept = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
