package database_test

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/innomunich/platform/pkg/apikey"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/demo"
	"github.com/innomunich/platform/pkg/gen"
	"github.com/innomunich/platform/pkg/user"
	"github.com/pressly/goose/v3"
)

// TestUpgradeFromTheFirstReleaseKeepsData starts from the first release's
// schema (migration 00001) holding data of its own, migrates one step at
// a time to the latest, adds generated and demo data there, and rolls back
// one step at a time to 00001. After every step each table that exists
// both before and after still has every row it had, in the columns both
// know (a multiset of whole rows: counts and values), and at the end the
// first release's tables hold exactly what they held at the start.
func TestUpgradeFromTheFirstReleaseKeepsData(t *testing.T) {
	for _, e := range dbtest.Engines(t) {
		t.Run(string(e), func(t *testing.T) {
			ctx := context.Background()
			db, err := database.Open(ctx, dbtest.EmptyURL(t, e), database.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			dialect := goose.DialectSQLite3
			if e == database.Postgres {
				dialect = goose.DialectPostgres
			}
			p, err := goose.NewProvider(dialect, db.SQL(), database.MigrationFiles(e), goose.WithDisableGlobalRegistry(true))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := p.UpTo(ctx, 1); err != nil {
				t.Fatal(err)
			}
			// The first release's own data: reference entries added by users.
			for i := range 40 {
				now := database.Now()
				for _, stmt := range []struct {
					sql  string
					args []any
				}{
					{"INSERT INTO regions (id, code, country, name_de, name_en, name_ja, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
						[]any{fmt.Sprintf("01a229c0-aaaa-7000-8000-%012d", i), fmt.Sprintf("region_%d", i), []string{"DE", "JP"}[i%2], fmt.Sprintf("Region %d", i), fmt.Sprintf("Region %d", i), fmt.Sprintf("地域%d", i), 1 + i%3, now, now}},
					{"INSERT INTO focus_areas (id, code, name_de, name_en, name_ja, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
						[]any{fmt.Sprintf("01a229c0-bbbb-7000-8000-%012d", i), fmt.Sprintf("focus_%d", i), "Schwerpunkt ä", "Focus", "重点", now, now}},
					{"INSERT INTO funders (id, code, country, name_de, name_en, name_ja, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
						[]any{fmt.Sprintf("01a229c0-cccc-7000-8000-%012d", i), fmt.Sprintf("funder_%d", i), "JP", "Förderer", "Funder", "助成機関", now, now}},
				} {
					if err := db.Conn(ctx).Exec(stmt.sql, stmt.args...).Error; err != nil {
						t.Fatal(err)
					}
				}
			}
			first := snapshot(t, db)

			// Up, one migration at a time.
			prev := first
			for {
				r, err := p.UpByOne(ctx)
				if err != nil {
					if strings.Contains(err.Error(), "no next version") || err == goose.ErrNoNextVersion {
						break
					}
					t.Fatalf("up: %v", err)
				}
				next := snapshot(t, db)
				keptAll(t, "up "+r.Source.Path, prev, next)
				prev = next
			}
			if v, _ := db.SchemaVersion(ctx); v != database.LatestVersion() {
				t.Fatalf("after up: schema version %d, want %d", v, database.LatestVersion())
			}

			// Data of every later table: River's tables, then the demo and
			// a generated data set.
			if _, err := db.MigrateUp(ctx); err != nil {
				t.Fatal(err)
			}
			if _, err := demo.Seed(ctx, db); err != nil {
				t.Fatalf("demo data: %v", err)
			}
			if _, err := gen.Generate(ctx, db, gen.Options{Orgs: 120, Seed: 7}); err != nil {
				t.Fatalf("generated data: %v", err)
			}
			accounts(t, ctx, db)
			prev = snapshot(t, db)
			var empty []string
			for name, tb := range prev {
				if len(tb.rows) == 0 {
					empty = append(empty, name)
				}
			}
			sort.Strings(empty)
			t.Logf("%d tables, %d of them empty at the latest schema: %v", len(prev), len(empty), empty)

			// Down, one migration at a time, to the first release.
			for {
				if v, _ := db.SchemaVersion(ctx); v <= 1 {
					break
				}
				r, err := p.Down(ctx)
				if err != nil {
					t.Fatalf("down: %v", err)
				}
				next := snapshot(t, db)
				keptAll(t, "down "+r.Source.Path, prev, next)
				prev = next
			}
			for name, tb := range first {
				if got := prev[name]; len(got.rows) != len(tb.rows) {
					t.Errorf("back at 00001 %s has %d rows, had %d", name, len(got.rows), len(tb.rows))
				}
			}
			if len(prev) != len(first) {
				t.Errorf("back at 00001 there are %d tables, want %d", len(prev), len(first))
			}
			keptAll(t, "the way up and down", first, prev)
		})
	}
}

// accounts adds users, sign-ins, a throttled address and API keys
// through their packages: gen and the demo add none.
func accounts(t *testing.T, ctx context.Context, db *database.DB) {
	t.Helper()
	const password = "Aufwärts und abwärts, ohne Verlust 2026"
	if _, err := user.EnsureAdmin(ctx, db, "upgrade-admin@example.org", password); err != nil {
		t.Fatal(err)
	}
	admin := auth.With(ctx, auth.Principal{Kind: auth.KindUser, ID: "01a229c0-0000-7000-8000-00000000ad01", Name: "upgrade test", Role: auth.RoleAdmin})
	for i := range 5 {
		if _, _, err := user.Create(admin, db, user.New{Email: fmt.Sprintf("viewer%d@example.org", i), DisplayName: fmt.Sprintf("Viewer %d", i), Role: auth.RoleViewer}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := apikey.Create(admin, db, apikey.New{Name: fmt.Sprintf("Partner sync %d", i), Role: auth.RoleViewer, Scopes: []string{"read"}, ExpiresAt: time.Now().AddDate(1, 0, 0)}); err != nil {
			t.Fatal(err)
		}
	}
	keys := auth.GenerateKeys()
	if _, err := user.Login(ctx, db, keys, "upgrade-admin@example.org", password, "192.0.2.1"); err != nil {
		t.Fatal(err)
	}
	if _, err := user.Login(ctx, db, keys, "upgrade-admin@example.org", "wrong password", "192.0.2.2"); err == nil {
		t.Fatal("a wrong password signed in")
	}
}

type table struct {
	columns []string
	rows    [][]sql.NullString
}

// snapshot reads every application table (not goose's, River's or SQLite's
// full-text index tables) in full.
func snapshot(t *testing.T, db *database.DB) map[string]table {
	t.Helper()
	q := "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"
	if db.Engine == database.SQLite {
		q = "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' ORDER BY m.name, p.cid"
	}
	rows, err := db.SQL().Query(q)
	if err != nil {
		t.Fatal(err)
	}
	cols := map[string][]string{}
	for rows.Next() {
		var tb, col string
		if err := rows.Scan(&tb, &col); err != nil {
			t.Fatal(err)
		}
		if tb == "goose_db_version" || strings.HasPrefix(tb, "river_") || strings.HasPrefix(tb, "sqlite_") || strings.Contains(tb, "_fts") {
			continue
		}
		cols[tb] = append(cols[tb], col)
	}
	rows.Close()
	out := map[string]table{}
	for name, cs := range cols {
		out[name] = table{columns: cs, rows: readAll(t, db, name, cs)}
	}
	return out
}

func readAll(t *testing.T, db *database.DB, name string, cols []string) [][]sql.NullString {
	t.Helper()
	quoted := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = `"` + c + `"`
		if db.Engine == database.Postgres {
			quoted[i] += "::text"
		}
	}
	rows, err := db.SQL().Query(fmt.Sprintf(`SELECT %s FROM "%s"`, strings.Join(quoted, ", "), name))
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	defer rows.Close()
	var out [][]sql.NullString
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, vals)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// project is tb's rows in the columns cols, as a multiset of their text.
func (tb table) project(cols []string) map[string]int {
	idx := make([]int, len(cols))
	for i, c := range cols {
		for j, have := range tb.columns {
			if have == c {
				idx[i] = j
			}
		}
	}
	out := map[string]int{}
	for _, r := range tb.rows {
		var b strings.Builder
		for _, j := range idx {
			if r[j].Valid {
				b.WriteString(r[j].String)
			} else {
				b.WriteString("\x00NULL")
			}
			b.WriteByte('\x1f')
		}
		out[b.String()]++
	}
	return out
}

// keptAll fails when a table in both before and after lost a row (in the
// columns both have) or changed a value.
func keptAll(t *testing.T, step string, before, after map[string]table) {
	t.Helper()
	names := make([]string, 0, len(before))
	for name := range before {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		b, ok := after[name]
		if !ok {
			continue // the step created or dropped the table
		}
		if searchIndexShadow(name) {
			continue // an index of the rows, which a step may rebuild or reconfigure
		}
		a := before[name]
		var common []string
		for _, c := range a.columns {
			for _, d := range b.columns {
				if c == d {
					common = append(common, c)
				}
			}
		}
		was, is := a.project(common), b.project(common)
		lost, example := 0, ""
		for row, n := range was {
			if is[row] < n {
				lost += n - is[row]
				example = row
			}
		}
		if lost > 0 {
			t.Errorf("%s: %s lost %d of its %d rows (columns %s), e.g. %q", step, name, lost, len(a.rows), strings.Join(common, ","), strings.ReplaceAll(example, "\x1f", " | "))
		}
	}
}

// TestPeopleTakeTheirOrganisationsSearchTextWhenMigrated: migration 00036
// (PostgreSQL) writes each organisation's search text and grams to its
// people, who are found by them (person.List), when it migrates a
// database that has people.
func TestPeopleTakeTheirOrganisationsSearchTextWhenMigrated(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		if db.Engine != database.Postgres {
			return // SQLite finds them through the organisations
		}
		ctx := context.Background()
		if _, err := gen.Generate(ctx, db, gen.Options{Orgs: 40, Seed: 3}); err != nil {
			t.Fatal(err)
		}
		p, err := goose.NewProvider(goose.DialectPostgres, db.SQL(), database.MigrationFiles(db.Engine), goose.WithDisableGlobalRegistry(true))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.DownTo(ctx, 35); err != nil {
			t.Fatal(err)
		}
		if _, err := p.Up(ctx); err != nil {
			t.Fatal(err)
		}
		var people, differ int
		err = db.SQL().QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE p.organisation_search_text <> o.search_text OR p.organisation_search_grams <> o.search_grams)
			FROM people p JOIN organisations o ON o.id = p.organisation_id`).Scan(&people, &differ)
		if err != nil {
			t.Fatal(err)
		}
		if people == 0 || differ != 0 {
			t.Errorf("after migrating, %d of %d people carry other than their organisation's search text and grams", differ, people)
		}
	})
}

// searchIndexShadow reports whether a SQLite table is one that an FTS5
// search index (<table>_fts, <table>_grams) keeps itself: its segments,
// structure and settings, derived from the rows and rewritten when the
// index is configured (migration 00041), not data a step may lose.
func searchIndexShadow(name string) bool {
	for _, index := range []string{"_fts_", "_grams_"} {
		if i := strings.LastIndex(name, index); i > 0 {
			switch name[i+len(index):] {
			case "data", "idx", "config", "docsize", "content":
				return true
			}
		}
	}
	return false
}
