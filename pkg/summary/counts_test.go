package summary_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/merge"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/person"
	"github.com/innomunich/platform/pkg/project"
	"github.com/innomunich/platform/pkg/summary"
)

// counted is what the summary's kept counts must equal: the tables
// counted row by row.
type counted struct {
	Organisations summary.Organisations
	People        int64
	Projects      map[string]int64
}

func recount(t *testing.T, db *database.DB) counted {
	t.Helper()
	c := counted{Projects: map[string]int64{}}
	for _, ph := range project.Phases {
		c.Projects[ph] = 0
	}
	var orgs []struct {
		Country string
		N       int64
	}
	conn := db.Conn(context.Background())
	if err := conn.Raw("SELECT country, count(*) AS n FROM organisations WHERE archived = ? GROUP BY country", false).Scan(&orgs).Error; err != nil {
		t.Fatal(err)
	}
	for _, o := range orgs {
		c.Organisations.Total += o.N
		switch o.Country {
		case "DE":
			c.Organisations.DE += o.N
		case "JP":
			c.Organisations.JP += o.N
		default:
			c.Organisations.Other += o.N
		}
	}
	if err := conn.Raw("SELECT count(*) FROM people").Row().Scan(&c.People); err != nil {
		t.Fatal(err)
	}
	var phases []struct {
		Phase string
		N     int64
	}
	if err := conn.Raw("SELECT phase, count(*) AS n FROM projects GROUP BY phase").Scan(&phases).Error; err != nil {
		t.Fatal(err)
	}
	for _, p := range phases {
		c.Projects[p.Phase] = p.N
	}
	return c
}

// exact fails when the summary's kept counts differ from a recount.
func exact(t *testing.T, db *database.DB, step string) {
	t.Helper()
	got, err := summary.Get(context.Background(), db, now)
	if err != nil {
		t.Fatal(err)
	}
	want := recount(t, db)
	if diff := cmp.Diff(want, counted{Organisations: got.Organisations, People: got.People, Projects: got.Projects}); diff != "" {
		t.Errorf("after %s, the summary differs from a recount (-recount +summary):\n%s", step, diff)
	}
}

// The dashboard reads counts kept in the transaction of each write
// (migration 00022) instead of counting the tables: they stay exact
// through creates, changes of country, archiving, deletes, merges,
// changes of phase and concurrent writers.
func TestSummaryCountsStayExactThroughWrites(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := auth.With(context.Background(), auth.System("test"))
		org := func(name, country string) organisation.Organisation {
			return must[organisation.Organisation](t)(organisation.Create(ctx, db, organisation.Organisation{Name: name, Kind: "biotech", Country: country}, true))
		}
		exact(t, db, "nothing")
		de, jp, fr := org("Count Biotech GmbH", "DE"), org("Count Pharma K.K.", "JP"), org("Compte Santé SAS", "FR")
		dup := org("Count Biotech", "DE")
		for _, o := range []organisation.Organisation{de, jp, dup} {
			must[person.Person](t)(person.Create(ctx, db, person.Person{OrganisationID: o.ID, FamilyName: "Counted " + o.Country}))
		}
		exact(t, db, "creates")

		fr = must[organisation.Organisation](t)(organisation.Update(ctx, db, fr.ID, fr.Version, organisation.Patch{Country: opt.Of("JP")}))
		exact(t, db, "a change of country")
		fr = must[organisation.Organisation](t)(organisation.Update(ctx, db, fr.ID, fr.Version, organisation.Patch{Archived: opt.Of(true)}))
		exact(t, db, "archiving")
		fr = must[organisation.Organisation](t)(organisation.Update(ctx, db, fr.ID, fr.Version, organisation.Patch{Archived: opt.Of(false), City: opt.Of("Kobe")}))
		exact(t, db, "unarchiving")
		fr = must[organisation.Organisation](t)(organisation.Update(ctx, db, fr.ID, fr.Version, organisation.Patch{City: opt.Of("Osaka")}))
		exact(t, db, "a change of city")

		if _, err := merge.Organisations(ctx, db, de.ID, dup.ID, de.Version); err != nil {
			t.Fatal(err)
		}
		exact(t, db, "a merge")

		lonely := org("Short Lived GmbH", "DE")
		p := must[person.Person](t)(person.Create(ctx, db, person.Person{OrganisationID: lonely.ID, FamilyName: "Leaving"}))
		if _, err := person.Delete(ctx, db, p.ID, p.Version); err != nil {
			t.Fatal(err)
		}
		exact(t, db, "deleting a person")
		if err := organisation.Delete(ctx, db, lonely.ID, lonely.Version); err != nil {
			t.Fatal(err)
		}
		exact(t, db, "deleting an organisation")

		pr := must[project.Project](t)(project.Create(ctx, db, project.Project{Title: "Counted project", Phase: "idea",
			Partners: []project.Partner{{OrganisationID: de.ID, Role: "coordinator"}}}))
		gone := must[project.Project](t)(project.Create(ctx, db, project.Project{Title: "Gone project", Phase: "idea",
			Partners: []project.Partner{{OrganisationID: jp.ID, Role: "coordinator"}}}))
		must[project.Project](t)(project.Update(ctx, db, pr.ID, pr.Version, project.Patch{Phase: opt.Of("concept")}))
		if err := project.Delete(ctx, db, gone.ID, gone.Version); err != nil {
			t.Fatal(err)
		}
		exact(t, db, "projects created, moved on and deleted")

		// Concurrent writers: each creates organisations in several
		// countries, a person each, and archives every third.
		var wg sync.WaitGroup
		errs := make(chan error, 64)
		for w := range 6 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range 5 {
					o, err := organisation.Create(ctx, db, organisation.Organisation{Name: fmt.Sprintf("Concurrent %d-%d GmbH", w, i), Kind: "biotech",
						Country: []string{"DE", "JP", "AT"}[(w+i)%3]}, true)
					if err != nil {
						errs <- err
						return
					}
					if _, err := person.Create(ctx, db, person.Person{OrganisationID: o.ID, FamilyName: fmt.Sprintf("Concurrent %d-%d", w, i)}); err != nil {
						errs <- err
						return
					}
					if i%3 == 0 {
						if _, err := organisation.Update(ctx, db, o.ID, o.Version, organisation.Patch{Archived: opt.Of(true)}); err != nil {
							errs <- err
							return
						}
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		exact(t, db, "concurrent writes")
	})
}
