package api

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/gen"
	"github.com/innomunich/platform/pkg/user"
	"github.com/labstack/echo/v4"
)

// BenchmarkListPageJSON encodes a page of 50 organisations as the list
// endpoint sends it.
func BenchmarkListPageJSON(b *testing.B) {
	rows, err := gen.Organisations(50, 1)
	if err != nil {
		b.Fatal(err)
	}
	next := "eyJzIjoibmFtZSIsInYiOiJtIiwiaWQiOiIwMTlhIn0"
	enc := json.NewEncoder(io.Discard)
	b.ReportAllocs()
	for b.Loop() {
		if err := enc.Encode(newList(rows, &next, organisationOut)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAuthenticate is what finding the caller of a request with an
// access token costs: verifying the token, then whether its session is
// alive. "session from memory" is every request but one per user and
// INNOMUNICH_SESSION_CHECK_TTL; "session from the database" is that one,
// and every request with a TTL of 0. On SQLite, or
// on PostgreSQL with TEST_DATABASE_URL set.
func BenchmarkAuthenticate(b *testing.B) {
	engines := []database.Engine{database.SQLite}
	if os.Getenv("TEST_DATABASE_URL") != "" {
		engines = append(engines, database.Postgres)
	}
	for _, e := range engines {
		db := dbtest.New(b, e)
		ctx := auth.With(context.Background(), auth.Principal{Kind: auth.KindUser, ID: uuid.Must(uuid.NewV7()).String(), Role: auth.RoleAdmin})
		u, _, err := user.Create(ctx, db, user.New{Email: "bench@example.org", DisplayName: "Bench", Role: auth.RoleCoordinator})
		if err != nil {
			b.Fatal(err)
		}
		keys := auth.GenerateKeys()
		tok, err := keys.Issue(auth.Session{UserID: u.ID, ID: uuid.Must(uuid.NewV7()).String()}, time.Now())
		if err != nil {
			b.Fatal(err)
		}
		s := &server{Deps: Deps{DB: db, Keys: keys}, sessions: user.NewSessions(db, 5*time.Second)}
		handler := s.authenticate(func(c echo.Context) error { return nil })
		e := echo.New()
		call := func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, "/api/v1/me", nil)
			req.Header.Set(echo.HeaderAuthorization, "Bearer "+tok)
			if err := handler(e.NewContext(req, httptest.NewRecorder())); err != nil {
				b.Fatal(err)
			}
		}
		b.Run(string(db.Engine)+"/session from memory", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				call(b)
			}
		})
		b.Run(string(db.Engine)+"/session from the database", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s.sessions = user.NewSessions(db, 0)
				call(b)
			}
		})
	}
}
