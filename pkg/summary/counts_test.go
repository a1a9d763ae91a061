package summary_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/innomunich/platform/pkg/agreement"
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
	Agreements    map[string]int64
	// Funding per phase (every phase), per currency.
	Funding map[string][]project.Total
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
	c.Agreements = map[string]int64{}
	for _, status := range agreement.Statuses {
		cond, args := agreement.StatusWhere(status, agreement.Today(now))
		var n int64
		if err := conn.Raw("SELECT count(*) FROM agreements WHERE "+cond, args...).Row().Scan(&n); err != nil {
			t.Fatal(err)
		}
		c.Agreements[status] = n
	}
	c.Funding = map[string][]project.Total{}
	for _, ph := range project.Phases {
		out := []project.Total{}
		if err := conn.Raw("SELECT f.currency, sum(f.amount) AS amount FROM project_fundings f JOIN projects p ON p.id = f.project_id WHERE p.phase = ? GROUP BY f.currency ORDER BY f.currency", ph).Scan(&out).Error; err != nil {
			t.Fatal(err)
		}
		c.Funding[ph] = out
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
	kept := counted{Organisations: got.Organisations, People: got.People, Projects: got.Projects, Agreements: got.Agreements, Funding: map[string][]project.Total{}}
	for _, ph := range project.Phases {
		if kept.Funding[ph], err = project.FundingByCurrency(context.Background(), db, ph); err != nil {
			t.Fatal(err)
		}
	}
	if diff := cmp.Diff(want.Funding["implementation"], got.ImplementationFunding); diff != "" {
		t.Errorf("after %s, the summary's funding differs from a recount (-recount +summary):\n%s", step, diff)
	}
	if diff := cmp.Diff(want, kept); diff != "" {
		t.Errorf("after %s, the summary differs from a recount (-recount +summary):\n%s", step, diff)
	}
}

// The dashboard reads counts kept in the transaction of each write
// (migrations 00022 and 00027) instead of counting the tables: they stay
// exact through creates, changes of country, archiving, deletes, merges,
// changes of phase, agreements signed, renewed, terminated and deleted,
// fundings added, changed and deleted, and concurrent writers.
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

		// Agreements in every status, then moved between them.
		parties := []agreement.Party{{OrganisationID: de.ID}, {OrganisationID: jp.ID}}
		var ags []agreement.Agreement
		for _, a := range []agreement.Agreement{
			{Title: "draft"},
			{Title: "open-ended", SignedOn: "2011"},
			{Title: "ends next year", SignedOn: "2020", ValidUntil: s("2028-01-01")},
			{Title: "ends in 90 days", SignedOn: "2017", ValidUntil: s("2027-02-22")},
			{Title: "ends in 30 days", SignedOn: "2017", ValidUntil: s("2026-12-24")},
			{Title: "ended yesterday", SignedOn: "2017", ValidUntil: s("2026-11-23")},
			{Title: "ended long ago", SignedOn: "2010", ValidUntil: s("2015-06-30")},
			{Title: "terminated", SignedOn: "2017", TerminatedOn: s("2026-01-31")},
			{Title: "to be terminated", SignedOn: "2017", ValidUntil: s("2030-01-01"), TerminatedOn: s("2026-12-31")},
		} {
			a.Kind, a.Parties = "mou", parties
			ags = append(ags, must[agreement.Agreement](t)(agreement.Create(ctx, db, a)))
		}
		exact(t, db, "agreements created")
		ags[0] = must[agreement.Agreement](t)(agreement.Update(ctx, db, ags[0].ID, ags[0].Version, agreement.Patch{SignedOn: opt.Of("2026-11-01"), ValidUntil: opt.Of("2026-12-01")}))
		exact(t, db, "signing a draft")
		ags[1] = must[agreement.Agreement](t)(agreement.Update(ctx, db, ags[1].ID, ags[1].Version, agreement.Patch{TerminatedOn: opt.Of("2026-11-24")}))
		exact(t, db, "terminating")
		ags[5] = must[agreement.Agreement](t)(agreement.Renew(ctx, db, ags[5].ID, ags[5].Version, "2026-11-24", s("2029-11-23"), "renewed"))
		exact(t, db, "renewing")
		ags[2] = must[agreement.Agreement](t)(agreement.Update(ctx, db, ags[2].ID, ags[2].Version, agreement.Patch{ValidUntil: opt.Field[string]{Set: true, Null: true}, Title: opt.Of("now open-ended")}))
		exact(t, db, "clearing an end date")
		ags[4] = must[agreement.Agreement](t)(agreement.Update(ctx, db, ags[4].ID, ags[4].Version, agreement.Patch{Title: opt.Of("only the title")}))
		if err := agreement.Delete(ctx, db, ags[3].ID, ags[3].Version); err != nil {
			t.Fatal(err)
		}
		exact(t, db, "changing a title and deleting an agreement")

		// Fundings added, changed, moved with their project's phase and
		// deleted with it.
		fund := func(p project.Project, amount int64, currency string) project.Funding {
			return must[project.Funding](t)(project.AddFunding(ctx, db, p.ID, project.Funding{Funder: "bmbf", RecipientID: p.Partners[0].OrganisationID, Amount: amount, Currency: currency}))
		}
		both := []project.Partner{{OrganisationID: de.ID, Role: "coordinator"}, {OrganisationID: jp.ID, Role: "partner"}}
		running := must[project.Project](t)(project.Create(ctx, db, project.Project{Title: "Running project", Phase: "implementation", Partners: both}))
		later := must[project.Project](t)(project.Create(ctx, db, project.Project{Title: "Later project", Phase: "application", Partners: both}))
		f1 := fund(running, 1_250_000, "EUR")
		fund(running, 125_000_000, "JPY")
		fund(later, 300, "EUR")
		fund(later, 7, "JPY")
		exact(t, db, "fundings added")
		f1 = must[project.Funding](t)(project.UpdateFunding(ctx, db, running.ID, f1.ID, f1.Version, project.FundingPatch{Amount: opt.Of(int64(1_000_000))}))
		exact(t, db, "a funding's amount changed")
		f1 = must[project.Funding](t)(project.UpdateFunding(ctx, db, running.ID, f1.ID, f1.Version, project.FundingPatch{Currency: opt.Of("JPY")}))
		exact(t, db, "a funding's currency changed")
		later = must[project.Project](t)(project.Update(ctx, db, later.ID, later.Version, project.Patch{Phase: opt.Of("implementation")}))
		exact(t, db, "a funded project into implementation")
		running = must[project.Project](t)(project.Update(ctx, db, running.ID, running.Version, project.Patch{Phase: opt.Of("completed")}))
		exact(t, db, "a funded project completed")
		if err := project.DeleteFunding(ctx, db, running.ID, f1.ID, f1.Version); err != nil {
			t.Fatal(err)
		}
		exact(t, db, "a funding deleted")
		if err := project.Delete(ctx, db, later.ID, later.Version); err != nil {
			t.Fatal(err)
		}
		exact(t, db, "a funded project deleted")

		// Concurrent writers: each creates organisations in several
		// countries, a person each, and archives every third; each adds
		// fundings to a shared project while another moves that project
		// between phases.
		var shared []project.Project
		var sharedIDs []string
		for i := range 3 {
			shared = append(shared, must[project.Project](t)(project.Create(ctx, db, project.Project{Title: fmt.Sprintf("Shared project %d", i), Phase: "application", Partners: both})))
			sharedIDs = append(sharedIDs, shared[i].ID)
		}
		var wg sync.WaitGroup
		errs := make(chan error, 64)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, phase := range []string{"implementation", "completed"} {
				for i, p := range shared {
					var err error
					if shared[i], err = project.Update(ctx, db, p.ID, p.Version, project.Patch{Phase: opt.Of(phase)}); err != nil {
						errs <- err
						return
					}
				}
			}
		}()
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
					if _, err := project.AddFunding(ctx, db, sharedIDs[(w+i)%3], project.Funding{Funder: "bmbf", RecipientID: de.ID, Amount: int64(1000*w + i), Currency: []string{"EUR", "JPY"}[i%2]}); err != nil {
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
