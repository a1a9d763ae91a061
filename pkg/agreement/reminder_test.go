package agreement_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/organisation"
)

// The reminder windows at their edges (today is 2026-11-24).
func TestDueForReminderFindsEachAgreementInOneWindow(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := auth.With(context.Background(), auth.System("test"))
		a, _ := organisation.Create(ctx, db, organisation.Organisation{Name: "Party A", Kind: "cluster", Country: "DE"}, false)
		b, _ := organisation.Create(ctx, db, organisation.Organisation{Name: "Party B", Kind: "cluster", Country: "JP"}, false)
		for _, x := range []agreement.Agreement{
			{Title: "91 days", SignedOn: "2020", ValidUntil: s("2027-02-23")},
			{Title: "90 days", SignedOn: "2020", ValidUntil: s("2027-02-22")},
			{Title: "31 days", SignedOn: "2020", ValidUntil: s("2026-12-25")},
			{Title: "30 days", SignedOn: "2020", ValidUntil: s("2026-12-24")},
			{Title: "today", SignedOn: "2020", ValidUntil: s("2026-11-24")},
			{Title: "yesterday", SignedOn: "2020", ValidUntil: s("2026-11-23")},
			{Title: "30 days ago", SignedOn: "2020", ValidUntil: s("2026-10-25")},
			{Title: "31 days ago", SignedOn: "2020", ValidUntil: s("2026-10-24")},
			{Title: "draft", ValidUntil: s("2026-12-01")},
			{Title: "terminated", SignedOn: "2020", ValidUntil: s("2026-12-01"), TerminatedOn: s("2026-11-01")},
			{Title: "open-ended", SignedOn: "2020"},
		} {
			x.Kind, x.Parties = "mou", []agreement.Party{{OrganisationID: a.ID}, {OrganisationID: b.ID}}
			if _, err := agreement.Create(ctx, db, x); err != nil {
				t.Fatal(err)
			}
		}
		due, err := agreement.DueForReminder(ctx, db, today)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, d := range due {
			got[d.Title] = d.Threshold
		}
		want := map[string]string{"90 days": "90", "31 days": "90", "30 days": "30", "today": "30", "yesterday": "expired", "30 days ago": "expired"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("due (-want +got):\n%s", diff)
		}
	})
}
