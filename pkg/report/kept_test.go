package report_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/merge"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/person"
	"github.com/innomunich/platform/pkg/project"
)

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// keptRow is one row of a kept per-month count, or of its recount.
type keptRow struct {
	Month, Country, Region, Kind string
	SME                          bool
	N                            int64
}

// keptExact fails when the counts the report reads instead of the raw
// rows (migration 00025) differ from a recount of the raw rows, and when
// the report differs from the naive recount of the whole report.
func keptExact(t *testing.T, db *database.DB, step string) {
	t.Helper()
	conn := db.Conn(context.Background())
	month := func(col string) string {
		if db.Engine == database.Postgres {
			return "to_char(" + col + " AT TIME ZONE 'UTC', 'YYYY-MM')"
		}
		return "strftime('%Y-%m', " + col + ")"
	}
	day := func(col string) string {
		if db.Engine == database.Postgres {
			return "to_char(" + col + " AT TIME ZONE 'UTC', 'YYYY-MM-DD')"
		}
		return "strftime('%Y-%m-%d', " + col + ")"
	}
	rows := func(sql string) []keptRow {
		t.Helper()
		var out []keptRow
		if err := conn.Raw(sql).Scan(&out).Error; err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, c := range []struct{ kept, recount string }{
		{"SELECT month, country, region, kind, sme, n FROM organisation_months WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5",
			"SELECT " + month("created_at") + " AS month, country, COALESCE(region, '') AS region, kind, sme, count(*) AS n FROM organisations GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5"},
		{"SELECT day AS month, country, n FROM people_days WHERE n <> 0 ORDER BY 1, 2",
			"SELECT " + day("p.created_at") + " AS month, o.country, count(*) AS n FROM people p JOIN organisations o ON o.id = p.organisation_id GROUP BY 1, 2 ORDER BY 1, 2"},
		{"SELECT pp.project_id AS month, pp.organisation_id AS country, pp.organisation_country AS region FROM project_partners pp ORDER BY 1, 2",
			"SELECT pp.project_id AS month, pp.organisation_id AS country, o.country AS region FROM project_partners pp JOIN organisations o ON o.id = pp.organisation_id ORDER BY 1, 2"},
		{"SELECT ap.agreement_id AS month, ap.organisation_id AS country, ap.organisation_region AS region FROM agreement_parties ap ORDER BY 1, 2",
			"SELECT ap.agreement_id AS month, ap.organisation_id AS country, COALESCE(o.region, '') AS region FROM agreement_parties ap JOIN organisations o ON o.id = ap.organisation_id ORDER BY 1, 2"},
	} {
		if diff := cmp.Diff(rows(c.recount), rows(c.kept)); diff != "" {
			t.Errorf("after %s, %q differs from a recount (-recount +kept):\n%s", step, c.kept, diff)
		}
	}
	var negative int64
	if err := conn.Raw("SELECT (SELECT count(*) FROM organisation_months WHERE n < 0) + (SELECT count(*) FROM people_days WHERE n < 0)").Row().Scan(&negative); err != nil || negative != 0 {
		t.Errorf("after %s: %d negative kept counts (%v)", step, negative, err)
	}
	// The periods around the records' months: whole years, the fiscal
	// year, and ranges whose edges fall inside the months written to.
	checkAgainstNaive(t, db, "2026", "FY2026", "2025", "2026-03-15..2026-11-10", "2026-12-01..2026-12-31")
}

// The report counts organisations and people from per-month counts kept
// by triggers in the transaction of each write, and the binational share
// from the country each partner row carries, the agreements by region
// from the region each party row carries (migration 00025). They stay
// exact through creates, changes of country, region, kind and SME flag,
// moves to another month, merges, erasure of a person, deletes and
// concurrent writers — on both engines.
func TestReportKeptCountsStayExactThroughWrites(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := auth.With(context.Background(), auth.System("test"))
		conn := db.Conn(ctx)
		org := func(name, country string) organisation.Organisation {
			return must[organisation.Organisation](t)(organisation.Create(ctx, db, organisation.Organisation{Name: name, Kind: "biotech", Country: country}, true))
		}
		// created moves a record's creation time (the platform never does;
		// imports of old data and the generator do).
		created := func(table, id string, at time.Time) {
			t.Helper()
			if err := conn.Exec("UPDATE "+table+" SET created_at = ? WHERE id = ?", at, id).Error; err != nil {
				t.Fatal(err)
			}
		}
		keptExact(t, db, "nothing")

		de, jp, fr := org("Kept Biotech GmbH", "DE"), org("Kept Pharma K.K.", "JP"), org("Compte Santé SAS", "FR")
		dup := org("Kept Biotech", "DE")
		var people []person.Person
		for _, o := range []organisation.Organisation{de, jp, fr, dup, dup} {
			people = append(people, must[person.Person](t)(person.Create(ctx, db, person.Person{OrganisationID: o.ID, FamilyName: "Kept " + o.Country})))
		}
		keptExact(t, db, "creates")

		// Into earlier months, on both sides of the periods' edges
		// (2026-01-01 in Berlin is 2025-12-31 23:00 UTC; FY2026 starts
		// 2026-03-31 15:00 UTC).
		created("organisations", de.ID, time.Date(2025, 12, 31, 23, 30, 0, 0, time.UTC))
		created("organisations", jp.ID, time.Date(2026, 3, 31, 14, 59, 0, 0, time.UTC))
		created("organisations", dup.ID, time.Date(2024, 6, 5, 0, 0, 0, 0, time.UTC))
		created("people", people[0].ID, time.Date(2025, 12, 31, 22, 59, 0, 0, time.UTC))
		created("people", people[1].ID, time.Date(2026, 3, 31, 15, 0, 0, 0, time.UTC))
		created("people", people[3].ID, time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC))
		created("people", people[4].ID, time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC))
		keptExact(t, db, "moves to other months")

		pr := must[project.Project](t)(project.Create(ctx, db, project.Project{Title: "Kept project", Phase: "idea",
			Partners: []project.Partner{{OrganisationID: de.ID, Role: "coordinator"}, {OrganisationID: fr.ID, Role: "partner"}}}))
		if err := conn.Exec("INSERT INTO project_phases (id, project_id, phase, changed_on, created_at) VALUES (?, ?, 'concept', '2025-06-01', ?)",
			uuid.NewString(), pr.ID, database.Now()).Error; err != nil {
			t.Fatal(err)
		}
		keptExact(t, db, "a project with German and French partners")
		must[agreement.Agreement](t)(agreement.Create(ctx, db, agreement.Agreement{Title: "Kept MoU", Kind: "mou", SignedOn: "2026-05",
			Parties: []agreement.Party{{OrganisationID: fr.ID}, {OrganisationID: dup.ID}}}))
		must[agreement.Agreement](t)(agreement.Create(ctx, db, agreement.Agreement{Title: "Kept NDA", Kind: "confidentiality_agreement", SignedOn: "2025-12-31",
			Parties: []agreement.Party{{OrganisationID: jp.ID}, {OrganisationID: de.ID}}}))
		keptExact(t, db, "agreements")

		fr = must[organisation.Organisation](t)(organisation.Update(ctx, db, fr.ID, fr.Version, organisation.Patch{Country: opt.Of("JP"), Region: opt.Of("osaka")}))
		keptExact(t, db, "a change of country and region (the project becomes binational)")
		fr = must[organisation.Organisation](t)(organisation.Update(ctx, db, fr.ID, fr.Version, organisation.Patch{Kind: opt.Of("pharma"), SME: opt.Of(true), Archived: opt.Of(true)}))
		keptExact(t, db, "a change of kind, SME flag and archiving")
		fr = must[organisation.Organisation](t)(organisation.Update(ctx, db, fr.ID, fr.Version, organisation.Patch{City: opt.Of("Osaka")}))
		keptExact(t, db, "a change of city")
		fr = must[organisation.Organisation](t)(organisation.Update(ctx, db, fr.ID, fr.Version, organisation.Patch{Region: opt.Of("kawasaki")}))
		keptExact(t, db, "a change of region")

		pr = must[project.Project](t)(project.Update(ctx, db, pr.ID, pr.Version, project.Patch{Partners: opt.Of([]project.Partner{
			{OrganisationID: de.ID, Role: "coordinator"}, {OrganisationID: dup.ID, Role: "partner"}, {OrganisationID: jp.ID, Role: "partner"}})}))
		keptExact(t, db, "partners replaced")

		de = must[organisation.Organisation](t)(organisation.Get(ctx, db, de.ID))
		if _, err := merge.Organisations(ctx, db, de.ID, dup.ID, de.Version); err != nil {
			t.Fatal(err)
		}
		keptExact(t, db, "a merge (people and partners moved, the duplicate gone)")

		jp = must[organisation.Organisation](t)(organisation.Get(ctx, db, jp.ID))
		jp = must[organisation.Organisation](t)(organisation.Update(ctx, db, jp.ID, jp.Version, organisation.Patch{Country: opt.Of("DE")}))
		keptExact(t, db, "a change of country of an organisation with people in an earlier month")

		p := must[person.Person](t)(person.Get(ctx, db, people[1].ID))
		if _, err := person.Delete(ctx, db, p.ID, p.Version); err != nil {
			t.Fatal(err)
		}
		keptExact(t, db, "erasing a person")

		lonely := org("Short Lived GmbH", "DE")
		if err := organisation.Delete(ctx, db, lonely.ID, lonely.Version); err != nil {
			t.Fatal(err)
		}
		pr = must[project.Project](t)(project.Get(ctx, db, pr.ID))
		if err := project.Delete(ctx, db, pr.ID, pr.Version); err != nil {
			t.Fatal(err)
		}
		keptExact(t, db, "deleting an organisation and a project")

		// Concurrent writers: organisations in several countries, a person
		// each, and every third moved to another country.
		var wg sync.WaitGroup
		errs := make(chan error, 64)
		for w := range 6 {
			wg.Go(func() {
				for i := range 4 {
					o, err := organisation.Create(ctx, db, organisation.Organisation{Name: fmt.Sprintf("Kept concurrent %d-%d GmbH", w, i), Kind: "biotech",
						Country: []string{"DE", "JP", "AT"}[(w+i)%3]}, true)
					if err == nil {
						_, err = person.Create(ctx, db, person.Person{OrganisationID: o.ID, FamilyName: fmt.Sprintf("Concurrent %d-%d", w, i)})
					}
					if err == nil && i%3 == 0 {
						_, err = organisation.Update(ctx, db, o.ID, o.Version, organisation.Patch{Country: opt.Of("JP")})
					}
					if err != nil {
						errs <- err
						return
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		keptExact(t, db, "concurrent writes")
	})
}
