package api_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"strings"
	"testing"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"golang.org/x/text/encoding/japanese"
)

type importReportBody struct {
	DryRun     bool `json:"dry_run"`
	Committed  bool `json:"committed"`
	Created    int  `json:"created"`
	Updated    int  `json:"updated"`
	Duplicates int  `json:"duplicates"`
	Errors     int  `json:"errors"`
	Rows       []struct {
		Line   int     `json:"line"`
		Status string  `json:"status"`
		ID     *string `json:"id"`
		Name   string  `json:"name"`
		Errors []struct {
			Field   string `json:"field"`
			Message string `json:"message"`
		} `json:"errors"`
	} `json:"rows"`
}

func (h *harness) organisationCount() int64 {
	h.t.Helper()
	var n int64
	if err := h.db.Conn(context.Background()).Table("organisations").Count(&n).Error; err != nil {
		h.t.Fatal(err)
	}
	return n
}

func csvRequest(url, body, as string) request {
	return request{method: "POST", url: url, body: body, as: as, headers: map[string]string{"Content-Type": "text/csv; charset=utf-8"}}
}

func TestOrganisationImport(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		h := newHarness(t, db)
		cs := h.callers() // adds "Member A Biotech GmbH" and "メンバーB製薬株式会社"
		coordinator := cs.bearer["coordinator"]
		file := "name,kind,country,city\n" +
			"Member A Biotech AG,biotech,DE,Munich\n" + // the same as Member A Biotech GmbH
			"Import Neu GmbH,medtech,DE,Berlin\n"

		t.Run("who may import", func(t *testing.T) {
			for caller, want := range map[string]int{"member of A": 403, "viewer": 403, "key viewer": 403, "key member of A": 403, "anonymous": 401} {
				before := h.organisationCount()
				rec := h.do(csvRequest("/api/v1/organisations/import", file, cs.bearer[caller]))
				if rec.Code != want {
					t.Errorf("%s: %d, want %d: %s", caller, rec.Code, want, rec.Body.String())
				}
				if !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/problem+json") {
					t.Errorf("%s: Content-Type %q", caller, rec.Header().Get("Content-Type"))
				}
				if n := h.organisationCount(); n != before {
					t.Errorf("%s: %d organisations, want %d", caller, n, before)
				}
			}
		})

		t.Run("dry run writes nothing", func(t *testing.T) {
			before, events := h.organisationCount(), h.auditCount()
			rec := h.do(csvRequest("/api/v1/organisations/import?dry_run=true", file, coordinator))
			if rec.Code != 200 {
				t.Fatalf("%d %s", rec.Code, rec.Body.String())
			}
			rep := decode[importReportBody](t, rec)
			if !rep.DryRun || rep.Committed || rep.Created != 1 || rep.Updated != 1 || len(rep.Rows) != 2 {
				t.Fatalf("report %+v", rep)
			}
			if r := rep.Rows[0]; r.Line != 2 || r.Status != "updated" || r.ID == nil || *r.ID != cs.orgA {
				t.Errorf("line 2 %+v, want an update of %s", r, cs.orgA)
			}
			if r := rep.Rows[1]; r.Line != 3 || r.Status != "created" || r.ID != nil || r.Errors == nil {
				t.Errorf("line 3 %+v", r)
			}
			if n := h.organisationCount(); n != before || h.auditCount() != events {
				t.Errorf("a dry run wrote")
			}
		})

		t.Run("import", func(t *testing.T) {
			before := h.organisationCount()
			rec := h.do(csvRequest("/api/v1/organisations/import?dry_run=false", file, coordinator))
			if rec.Code != 200 {
				t.Fatalf("%d %s", rec.Code, rec.Body.String())
			}
			rep := decode[importReportBody](t, rec)
			if rep.DryRun || !rep.Committed || rep.Created != 1 || rep.Updated != 1 {
				t.Fatalf("report %+v", rep)
			}
			if n := h.organisationCount(); n != before+1 {
				t.Errorf("%d organisations, want %d", n, before+1)
			}
			got := decode[orgBody](t, h.get("/api/v1/organisations/"+cs.orgA))
			if got.Name != "Member A Biotech AG" {
				t.Errorf("updated organisation %+v", got)
			}
			created := decode[orgBody](t, h.get("/api/v1/organisations/"+*rep.Rows[1].ID))
			if created.Name != "Import Neu GmbH" {
				t.Errorf("created organisation %+v", created)
			}
		})

		t.Run("shift_jis as a form upload", func(t *testing.T) {
			sjis, err := japanese.ShiftJIS.NewEncoder().String("名前,種類,国\n") // not the columns: a header error, in Japanese
			if err != nil {
				t.Fatal(err)
			}
			rec := h.do(formUpload(t, sjis, coordinator))
			rep := decode[importReportBody](t, rec)
			if rec.Code != 200 || rep.Committed || rep.Errors == 0 || rep.Rows[0].Line != 1 || rep.Rows[0].Errors[0].Field != "名前" {
				t.Fatalf("%d %+v", rec.Code, rep)
			}
			sjis, err = japanese.ShiftJIS.NewEncoder().String("name,name_local,kind,country,city\nMinato Pharma KK,株式会社ミナト製薬,pharma,JP,神戸市\n")
			if err != nil {
				t.Fatal(err)
			}
			rec = h.do(formUpload(t, sjis, coordinator))
			rep = decode[importReportBody](t, rec)
			if rec.Code != 200 || !rep.Committed || rep.Created != 1 {
				t.Fatalf("%d %s", rec.Code, rec.Body.String())
			}
			got := decode[orgBody](t, h.get("/api/v1/organisations/"+*rep.Rows[0].ID))
			if got.NameLocal != "株式会社ミナト製薬" {
				t.Errorf("name_local %q", got.NameLocal)
			}
		})

		t.Run("an error on line 37 writes nothing", func(t *testing.T) {
			var b strings.Builder
			b.WriteString("\ufeffname,kind,country\n")
			for line := 2; line <= 41; line++ {
				kind := "biotech"
				if line == 37 {
					kind = "spaceship"
				}
				fmt.Fprintf(&b, "Batch %d GmbH,%s,DE\n", line, kind)
			}
			before, events := h.organisationCount(), h.auditCount()
			rec := h.do(csvRequest("/api/v1/organisations/import", b.String(), coordinator))
			if rec.Code != 200 {
				t.Fatalf("%d %s", rec.Code, rec.Body.String())
			}
			rep := decode[importReportBody](t, rec)
			if rep.Committed || rep.Errors != 1 || rep.Created != 39 {
				t.Fatalf("report: committed %v, %d errors, %d created", rep.Committed, rep.Errors, rep.Created)
			}
			for _, r := range rep.Rows {
				if (r.Status == "error") != (r.Line == 37) {
					t.Errorf("line %d: %s", r.Line, r.Status)
				}
				if r.Line == 37 && (len(r.Errors) != 1 || r.Errors[0].Field != "kind") {
					t.Errorf("line 37 errors %+v", r.Errors)
				}
			}
			if h.organisationCount() != before || h.auditCount() != events {
				t.Errorf("a failed import wrote")
			}
		})

		h.run([]scenario{
			{name: "bad dry_run", req: csvRequest("/api/v1/organisations/import?dry_run=maybe", file, coordinator), wantStatus: 400,
				wantType: "application/problem+json", wantBody: []string{`"field":"dry_run"`}},
			{name: "unknown parameter", req: csvRequest("/api/v1/organisations/import?dryrun=true", file, coordinator), wantStatus: 400,
				wantBody: []string{`"field":"dryrun"`}},
			{name: "JSON is not CSV", req: request{method: "POST", url: "/api/v1/organisations/import", body: map[string]any{"name": "x"}, as: coordinator},
				wantStatus: 400, wantBody: []string{"text/csv"}},
			{name: "form without file", req: formRequest(t, "other", "x", coordinator), wantStatus: 400, wantBody: []string{`field \"file\"`}},
			{name: "GET is not allowed", req: request{url: "/api/v1/organisations/import", as: coordinator}, wantStatus: 405, wantHeaders: map[string]string{"Allow": "OPTIONS, POST"}},
		})
	})
}

func formUpload(t *testing.T, content, as string) request {
	return formRequest(t, "file", content, as)
}

func formRequest(t *testing.T, field, content, as string) request {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	part, err := w.CreateFormFile(field, "organisations.csv")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := part.Write([]byte(content)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return request{method: "POST", url: "/api/v1/organisations/import", body: buf.Bytes(), as: as, headers: map[string]string{"Content-Type": w.FormDataContentType()}}
}
