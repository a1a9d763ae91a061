package api

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/config"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/gen"
	"github.com/innomunich/platform/pkg/user"
)

// BenchmarkSearchEverything is GET /api/v1/search (the best five of each
// kind) through the real router, one client, on PostgreSQL: with
// SEARCH_BENCH_URL on a data set that exists (one the server has started
// on since migration 00021, so that its search text is current), else with TEST_DATABASE_URL on SEARCH_BENCH_ORGS (default
// 100,000) generated organisations. The words run from rare to dense,
// Latin and Japanese, one and two words. SEARCH_BENCH_LISTS=1 adds the
// lists of organisations, people and agreements, and SEARCH_BENCH_SORT
// (with it) orders them by that sort= instead of relevance, without
// /search.
func BenchmarkSearchEverything(b *testing.B) {
	ctx := context.Background()
	var db *database.DB
	if u := os.Getenv("SEARCH_BENCH_URL"); u != "" {
		var err error
		if db, err = database.Open(ctx, u, database.Options{}); err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		if _, err := db.MigrateUp(ctx); err != nil {
			b.Fatal(err)
		}
	} else {
		if os.Getenv("TEST_DATABASE_URL") == "" {
			b.Skip("search is measured on PostgreSQL; set TEST_DATABASE_URL or SEARCH_BENCH_URL")
		}
		orgs := 100_000
		if n, err := strconv.Atoi(os.Getenv("SEARCH_BENCH_ORGS")); err == nil && n > 0 {
			orgs = n
		}
		db = dbtest.New(b, database.Postgres)
		if _, err := gen.Generate(ctx, db, gen.Options{Orgs: orgs, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		b.Fatal(err)
	}
	cfg.RateLimit, cfg.RateLimitBurst = 1_000_000_000, 1_000_000_000
	keys := auth.GenerateKeys()
	admin := auth.With(ctx, auth.Principal{Kind: auth.KindUser, ID: uuid.Must(uuid.NewV7()).String(), Role: auth.RoleAdmin})
	u, _, err := user.Create(admin, db, user.New{Email: "search-bench-" + uuid.NewString() + "@example.org", DisplayName: "Bench", Role: auth.RoleCoordinator})
	if err != nil {
		b.Fatal(err)
	}
	tok, err := keys.Issue(auth.Session{UserID: u.ID, ID: uuid.Must(uuid.NewV7()).String()}, time.Now())
	if err != nil {
		b.Fatal(err)
	}
	h := New(Deps{DB: db, Keys: keys, Config: cfg, Version: "bench"})
	// The words of the load test's search scenarios (cmd/innomunich-bench)
	// and a few more, rare to dense; on /search and on the lists they search.
	words := []string{"zzqx", "Huber", "müller", "mueller", "yamada taro", "山田 太郎", "大阪", "製薬", "oosaka", "bio", "pharma",
		"martinsried", "genomics", "tanaka", "kobe", "isar cell", "vaccines ag", "yamamoto", "neuro",
		"創薬", "細胞治療", "オオサカ", "やまだ", "川崎", "免疫", "殿町", "佐藤 花子", "ゲノム"}
	paths := []string{"/api/v1/search?q="}
	if os.Getenv("SEARCH_BENCH_LISTS") != "" {
		paths = append(paths, "/api/v1/organisations?q=", "/api/v1/people?q=", "/api/v1/agreements?q=")
	}
	// SEARCH_BENCH_SORT orders the lists (sort=, say -updated_at) rather
	// than by relevance: the matches are then the planner's to find.
	sortBy := ""
	if s := os.Getenv("SEARCH_BENCH_SORT"); s != "" {
		sortBy = "&sort=" + url.QueryEscape(s)
		paths = paths[1:]
	}
	for _, path := range paths {
		for _, q := range words {
			b.Run(path[len("/api/v1/"):strings.IndexByte(path, '?')]+"/"+q, func(b *testing.B) {
				req := func() {
					r := httptest.NewRequest(http.MethodGet, path+url.QueryEscape(q)+sortBy, nil)
					r.Header.Set("Authorization", "Bearer "+tok)
					rec := httptest.NewRecorder()
					h.ServeHTTP(rec, r)
					if rec.Code != 200 {
						b.Fatalf("%d %s", rec.Code, rec.Body.String())
					}
				}
				req() // the first answer after a bulk load warms the caches
				b.ResetTimer()
				for b.Loop() {
					req()
				}
			})
		}
	}
}
