package agreement_test

import (
	"context"
	"testing"
	"time"

	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/page"
)

func s(v string) *string { return &v }

// The day the tests judge statuses on.
const today = "2026-11-24"

var statusCases = []struct {
	name string
	a    agreement.Agreement
	want string
}{
	{"not signed", agreement.Agreement{}, agreement.Draft},
	{"open-ended", agreement.Agreement{SignedOn: "2011"}, agreement.Active},
	{"ends in 91 days", agreement.Agreement{SignedOn: "2017", ValidUntil: s("2027-02-23")}, agreement.Active},
	{"ends in 90 days", agreement.Agreement{SignedOn: "2017", ValidUntil: s("2027-02-22")}, agreement.Expiring},
	{"ends today", agreement.Agreement{SignedOn: "2017-04", ValidUntil: s(today)}, agreement.Expiring},
	{"ended yesterday", agreement.Agreement{SignedOn: "2017-04-01", ValidUntil: s("2026-11-23")}, agreement.Expired},
	{"terminated before its end", agreement.Agreement{SignedOn: "2020", ValidUntil: s("2030-01-01"), TerminatedOn: s("2026-06-30")}, agreement.Terminated},
	{"terminated today", agreement.Agreement{SignedOn: "2020", TerminatedOn: s(today)}, agreement.Terminated},
	{"notice given, ends later", agreement.Agreement{SignedOn: "2020", TerminatedOn: s("2027-06-30")}, agreement.Active},
	{"terminated after it expired", agreement.Agreement{SignedOn: "2020", ValidUntil: s("2025-01-01"), TerminatedOn: s("2025-06-01")}, agreement.Terminated},
}

func TestStatusAtItsBoundaries(t *testing.T) {
	for _, tt := range statusCases {
		if got := tt.a.Status(today); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}

// TestStatusFilterInSQLAgreesWithStatus stores every case and asks the
// database for each status: the SQL filter finds exactly the agreements
// whose derived status it names.
func TestStatusFilterInSQLAgreesWithStatus(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := auth.With(context.Background(), auth.System("test"))
		a, _ := organisation.Create(ctx, db, organisation.Organisation{Name: "Party A", Kind: "cluster", Country: "DE"}, false)
		b, _ := organisation.Create(ctx, db, organisation.Organisation{Name: "Party B", Kind: "cluster", Country: "JP"}, false)
		want := map[string][]string{}
		for _, tt := range statusCases {
			x := tt.a
			x.Title, x.Kind = tt.name, "mou"
			x.Parties = []agreement.Party{{OrganisationID: a.ID}, {OrganisationID: b.ID}}
			created, err := agreement.Create(ctx, db, x)
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			want[tt.want] = append(want[tt.want], created.Title)
		}
		now, _ := time.ParseInLocation(time.DateOnly, today, agreement.StatusZone)
		now = now.Add(12 * time.Hour)
		for _, status := range agreement.Statuses {
			p, _ := agreement.Sort.Parse(page.Params{Sort: "signed_on"})
			rows, _, err := agreement.List(ctx, db, agreement.Filter{Status: status, Now: now}, p)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]bool{}
			for _, r := range rows {
				got[r.Title] = true
				if r.Status(today) != status {
					t.Errorf("status=%s returned %q whose status is %s", status, r.Title, r.Status(today))
				}
			}
			if len(got) != len(want[status]) {
				t.Errorf("status=%s: %d agreements, want %v", status, len(got), want[status])
			}
		}
	})
}

func TestReducedPrecisionDates(t *testing.T) {
	for _, tt := range []struct {
		signed string
		ok     bool
	}{{"2011", true}, {"2011-04", true}, {"2011-04-01", true}, {"2011-13", false}, {"2011-02-30", false}, {"11", false}, {"April 2011", false}} {
		err := agreement.Agreement{Title: "x", Kind: "mou", SignedOn: tt.signed,
			Parties: []agreement.Party{{OrganisationID: "01a229c0-0000-7000-8000-000000000001"}, {OrganisationID: "01a229c0-0000-7000-8000-000000000002"}}}.Validate()
		if (err == nil) != tt.ok {
			t.Errorf("signed_on %q: %v, want ok %v", tt.signed, err, tt.ok)
		}
	}
}
