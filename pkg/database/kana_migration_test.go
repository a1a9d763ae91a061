package database_test

import (
	"context"
	"testing"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/gen"
	"github.com/pressly/goose/v3"
)

// TestMigration29WritesStoredReadingsInKatakana stores readings typed in
// hiragana as before the rule, runs migration 00029 and reads them back
// in katakana, with everything else as it was.
func TestMigration29WritesStoredReadingsInKatakana(t *testing.T) {
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
			if _, err := p.Up(ctx); err != nil {
				t.Fatal(err)
			}
			if _, err := gen.Generate(ctx, db, gen.Options{Orgs: 4, Seed: 3}); err != nil {
				t.Fatal(err)
			}
			var org, person, other string
			conn := db.Conn(ctx)
			if err := conn.Raw("SELECT id FROM organisations ORDER BY id LIMIT 1").Scan(&org).Error; err != nil {
				t.Fatal(err)
			}
			if err := conn.Raw("SELECT id FROM people ORDER BY id LIMIT 1").Scan(&person).Error; err != nil {
				t.Fatal(err)
			}
			if err := conn.Raw("SELECT id FROM people ORDER BY id DESC LIMIT 1").Scan(&other).Error; err != nil {
				t.Fatal(err)
			}
			// As typed before the rule: hiragana, mixed with katakana, the
			// long-vowel mark and Latin letters, which stay as they are.
			for _, stmt := range []struct {
				sql  string
				args []any
			}{
				{"UPDATE organisations SET name_kana = ? WHERE id = ?", []any{"おおさか バイオへっどくおーたー ABC", org}},
				{"UPDATE people SET family_name_kana = ?, given_name_kana = ? WHERE id = ?", []any{"たなか", "あい", person}},
				{"UPDATE people SET family_name_kana = ?, given_name_kana = ? WHERE id = ?", []any{"ヤマダ", "", other}},
			} {
				if err := conn.Exec(stmt.sql, stmt.args...).Error; err != nil {
					t.Fatal(err)
				}
			}
			if _, err := p.DownTo(ctx, 28); err != nil {
				t.Fatal(err)
			}
			if _, err := p.UpTo(ctx, 29); err != nil {
				t.Fatal(err)
			}
			var got string
			if err := conn.Raw("SELECT name_kana FROM organisations WHERE id = ?", org).Scan(&got).Error; err != nil {
				t.Fatal(err)
			}
			if want := "オオサカ バイオヘッドクオーター ABC"; got != want {
				t.Errorf("organisation's reading %q, want %q", got, want)
			}
			var people []struct{ FamilyNameKana, GivenNameKana string }
			if err := conn.Raw("SELECT family_name_kana, given_name_kana FROM people WHERE id IN (?, ?) ORDER BY id", person, other).Scan(&people).Error; err != nil {
				t.Fatal(err)
			}
			if len(people) != 2 || people[0].FamilyNameKana != "タナカ" || people[0].GivenNameKana != "アイ" ||
				people[1].FamilyNameKana != "ヤマダ" || people[1].GivenNameKana != "" {
				t.Errorf("people's readings %+v, want タナカ アイ and ヤマダ", people)
			}
		})
	}
}
