package report_test

import (
	"context"
	"encoding/json"
	"github.com/innomunich/platform/pkg/auth"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/demo"
	"github.com/innomunich/platform/pkg/gen"
	"github.com/innomunich/platform/pkg/report"
)

func period(t *testing.T, key string) report.Period {
	t.Helper()
	var from, to string
	if f, tt, ok := strings.Cut(key, ".."); ok {
		key, from, to = "", f, tt
	}
	p, err := report.ParsePeriod(key, from, to)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// checkAgainstNaive computes the report for each period and compares it
// with the naive recount from the raw rows.
func checkAgainstNaive(t *testing.T, db *database.DB, keys ...string) map[string]report.KPIs {
	t.Helper()
	out := map[string]report.KPIs{}
	for _, key := range keys {
		p := period(t, key)
		got, err := report.Compute(context.Background(), db, p, "en")
		if err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		if diff := cmp.Diff(naive(t, db, p, "en"), got); diff != "" {
			t.Errorf("%s: the report differs from the naive recount (-naive +report):\n%s", key, diff)
		}
		out[key] = got
	}
	return out
}

func TestTheReportOfGeneratedDataEqualsANaiveRecountOnBothEngines(t *testing.T) {
	var byEngine []map[string]report.KPIs
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		if _, err := gen.Generate(context.Background(), db, gen.Options{Orgs: 600, Seed: 7}); err != nil {
			t.Fatal(err)
		}
		enrich(t, db)
		got := checkAgainstNaive(t, db, "2025", "FY2025", "2024")
		k := got["2025"]
		// Generated data has something in every section: a recount of
		// nothing would prove nothing.
		if m := k.Trips.Meetings; m == nil || m.Requested != 3 || m.Held != 1 || len(m.OutcomesByNextStep) != 3 || k.Funnel.Steps[1].N == 0 {
			t.Errorf("meetings %+v, funnel %+v", m, k.Funnel)
		}
		if k.Projects.Initiated == 0 || len(k.Projects.Network) == 0 || len(k.Funding.Joint) == 0 || k.Projects.Started == 0 {
			t.Errorf("the enriched data gave no initiated projects or joint fundings: %+v %+v", k.Projects, k.Funding.Joint)
		}
		if k.Directory.Organisations.Total == 0 || k.Trips.Held == 0 || k.Agreements.Signed == 0 || k.Projects.AtEnd == 0 || len(k.Funding.Committed) == 0 || k.Funnel.Steps[0].N == 0 {
			t.Errorf("generated data gave an empty report: %+v", k)
		}
		// The XLSX's trend counts only its four figures for the other
		// years: the same as the full report of each year.
		ctx := auth.With(context.Background(), auth.System("test"))
		trend, err := report.TrendFor(ctx, db, got["FY2025"])
		if err != nil {
			t.Fatal(err)
		}
		var full []report.KPIs
		for _, y := range report.TrendPeriods(got["FY2025"].Period, report.TrendYears) {
			full = append(full, must[report.KPIs](t)(report.Compute(ctx, db, y, "en")))
		}
		if diff := cmp.Diff(report.TrendTable(full), trend); diff != "" {
			t.Errorf("the trend differs from the full reports of its years (-full +trend):\n%s", diff)
		}
		byEngine = append(byEngine, got)
	})
	if len(byEngine) == 2 {
		a, _ := json.Marshal(byEngine[0])
		b, _ := json.Marshal(byEngine[1])
		if string(a) != string(b) {
			t.Errorf("SQLite and PostgreSQL give different figures on the same data:\n%s", cmp.Diff(byEngine[0], byEngine[1]))
		}
	}
}

// enrich adds to generated data what the generator does not make:
// projects with a phase history within 2025 and an origin, and a joint
// project (two references sharing a stem).
func enrich(t *testing.T, db *database.DB) {
	t.Helper()
	conn := db.Conn(context.Background())
	var projects, trips, agreements []string
	var org string
	for _, q := range []struct {
		table string
		dest  *[]string
	}{{"projects", &projects}, {"trips", &trips}, {"agreements", &agreements}} {
		if err := conn.Table(q.table).Order("id").Limit(4).Pluck("id", q.dest).Error; err != nil || len(*q.dest) < 2 {
			t.Fatalf("%s: %v %d", q.table, err, len(*q.dest))
		}
	}
	if err := conn.Table("organisations").Order("id").Limit(1).Pluck("id", &org).Error; err != nil {
		t.Fatal(err)
	}
	exec := func(sql string, args ...any) {
		t.Helper()
		if err := conn.Exec(sql, args...).Error; err != nil {
			t.Fatal(err)
		}
	}
	now := database.Now()
	// Ids that are the same on both engines, whose reports are compared.
	n := 0
	newID := func() string {
		n++
		return uuid.NewSHA1(uuid.NameSpaceOID, []byte{byte(n)}).String()
	}
	phase := func(project, phase, on string) {
		exec("INSERT INTO project_phases (id, project_id, phase, changed_on, created_at) VALUES (?, ?, ?, ?, ?)", newID(), project, phase, on, now)
	}
	phase(projects[0], "concept", "2025-02-10")
	phase(projects[0], "application", "2025-06-01")
	phase(projects[1], "application", "2025-12-31")
	phase(projects[1], "implementation", "2026-02-01")
	phase(projects[2], "concept", "2024-12-31")
	phase(projects[2], "implementation", "2025-01-01")
	phase(projects[3], "concept", "2025-04-01")
	exec("UPDATE projects SET origin_trip_id = ?, origin_agreement_id = NULL, origin_interest_id = NULL WHERE id = ?", trips[0], projects[0])
	exec("UPDATE projects SET origin_agreement_id = ?, origin_trip_id = NULL, origin_interest_id = NULL WHERE id = ?", agreements[0], projects[1])
	exec("UPDATE projects SET origin_trip_id = ?, origin_agreement_id = ? WHERE id = ?", trips[1], agreements[1], projects[3])
	funding := func(project, ref string, amount int64, currency, from, until string) {
		exec("INSERT INTO project_fundings (id, project_id, funder, programme, reference, recipient_id, amount, currency, from_date, until_date, created_at, updated_at) "+
			"VALUES (?, ?, 'bmbf', 'Joint', ?, ?, ?, ?, ?, ?, ?, ?)", newID(), project, ref, org, amount, currency, from, until, now, now)
	}
	// B2B meetings at a trip held in 2025: one held (both sides say so),
	// one where a side says the other did not come, one never answered.
	var tripID string
	var people []struct{ ID, OrganisationID string }
	if err := conn.Table("trips").Where("start_date >= '2025-01-01' AND start_date <= '2025-12-31' AND status <> 'cancelled'").Order("id").Limit(1).Pluck("id", &tripID).Error; err != nil || tripID == "" {
		t.Fatalf("no trip held in 2025: %v", err)
	}
	if err := conn.Table("trip_participants").Select("person_id AS id, organisation_id").Where("trip_id = ? AND status = 'confirmed'", tripID).
		Order("person_id").Limit(4).Find(&people).Error; err != nil || len(people) < 4 {
		t.Fatal(err)
	}
	meeting := func(status string, a, b int) string {
		id := newID()
		exec("INSERT INTO meetings (id, trip_id, requester_person_id, requester_organisation_id, receiver_person_id, receiver_organisation_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
			id, tripID, people[a].ID, people[a].OrganisationID, people[b].ID, people[b].OrganisationID, status, now, now)
		return id
	}
	outcome := func(meetingID, side, attendance, next string) {
		exec("INSERT INTO meeting_outcomes (id, meeting_id, side, attendance, next_step, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
			newID(), meetingID, side, attendance, next, now, now)
	}
	held := meeting("accepted", 0, 1)
	outcome(held, "requester", "held", "nda")
	outcome(held, "receiver", "held", "agreement")
	missed := meeting("accepted", 2, 3)
	outcome(missed, "requester", "no_show", "none")
	meeting("requested", 1, 2)
	exec("UPDATE projects SET origin_meeting_id = ? WHERE id = ?", held, projects[3])
	exec("UPDATE agreements SET origin_meeting_id = ? WHERE id = ?", held, agreements[0])

	funding(projects[0], "01ZX2501A", 100_000_00, "EUR", "2024-07-01", "2027-06-30")
	funding(projects[1], "01ZX2501B", 1, "EUR", "2025-01-01", "2027-12-31")
	funding(projects[1], "01ZX2501B", 1_000_000, "JPY", "2025-04-01", "2026-03-31")
}

func TestTheReportOfTheDemoDataEqualsANaiveRecount(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		if _, err := demo.Seed(context.Background(), db); err != nil {
			t.Fatal(err)
		}
		checkAgainstNaive(t, db, "2025", "FY2025", "2026", "FY2026")
	})
}
