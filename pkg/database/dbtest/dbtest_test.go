package dbtest_test

import (
	"context"
	"os"
	"testing"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
)

// A test database on PostgreSQL, migrated or empty, lies in the tablespace
// TEST_TABLESPACE names (.ci/run's, in memory), or in the server's default
// one without it.
func TestPostgresDatabasesLieInTheTestTablespace(t *testing.T) {
	want := os.Getenv("TEST_TABLESPACE")
	if want == "" {
		want = "pg_default"
	}
	for _, e := range dbtest.Engines(t) {
		if e != database.Postgres {
			continue
		}
		for name, url := range map[string]string{"migrated": dbtest.URL(t, e), "empty": dbtest.EmptyURL(t, e)} {
			t.Run(name, func(t *testing.T) {
				db, err := database.Open(context.Background(), url, database.Options{})
				if err != nil {
					t.Fatal(err)
				}
				defer db.Close()
				var got string
				err = db.SQL().QueryRow(`SELECT t.spcname FROM pg_database d JOIN pg_tablespace t ON t.oid = d.dattablespace WHERE d.datname = current_database()`).Scan(&got)
				if err != nil {
					t.Fatal(err)
				}
				if got != want {
					t.Errorf("the test database lies in tablespace %q, want %q", got, want)
				}
			})
		}
	}
}
