package organisation_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/page"
)

func extra(err error, key string) any {
	var ae *apperr.Error
	if errors.As(err, &ae) {
		return ae.Extra[key]
	}
	return nil
}

func TestAnIdentifierBelongsToOneOrganisationWhateverItsSpelling(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		sys := as(auth.System("test"))
		a, err := organisation.Create(sys, db, organisation.Organisation{Name: "Toyota Motor Corporation", Kind: "other", Country: "JP",
			Identifiers: organisation.Identifiers{CorporateNumber: "1180-3010-1877-1", LEI: "5493006W3QUS5LMH6R84"}}, false)
		if err != nil {
			t.Fatal(err)
		}
		if a.CorporateNumber != "1180301018771" {
			t.Errorf("stored %q, want the 13 digits", a.CorporateNumber)
		}
		// Another name, the same number typed in full width: the same organisation.
		_, err = organisation.Create(sys, db, organisation.Organisation{Name: "トヨタ自動車", Kind: "other", Country: "JP",
			Identifiers: organisation.Identifiers{CorporateNumber: "１１８０３０１０１８７７１"}}, true)
		if apperr.CodeOf(err) != apperr.Conflict || extra(err, "duplicate_of") != a.ID {
			t.Errorf("same corporate number: %v (%v), want 409 duplicate_of %s", err, extra(err, "duplicate_of"), a.ID)
		}
		b, err := organisation.Create(sys, db, organisation.Organisation{Name: "Other KK", Kind: "other", Country: "JP"}, false)
		if err != nil {
			t.Fatal(err)
		}
		_, err = organisation.Update(sys, db, b.ID, b.Version, organisation.Patch{Identifiers: organisation.IdentifiersPatch{LEI: opt.Of("5493 006w 3qus 5lmh 6r84")}})
		if apperr.CodeOf(err) != apperr.Conflict || extra(err, "duplicate_of") != a.ID {
			t.Errorf("same LEI on update: %v, want 409 duplicate_of %s", err, a.ID)
		}
		// The database refuses it too, whoever writes.
		err = db.Conn(sys).Exec("UPDATE organisations SET corporate_number = ? WHERE id = ?", a.CorporateNumber, b.ID).Error
		if !database.IsDuplicate(err) {
			t.Errorf("a second row with the corporate number: %v, want a unique violation", err)
		}
		_, err = organisation.Update(sys, db, b.ID, b.Version, organisation.Patch{Identifiers: organisation.IdentifiersPatch{CorporateNumber: opt.Of("1180301018772")}})
		var ae *apperr.Error
		if !errors.As(err, &ae) || ae.Code != apperr.Invalid || len(ae.Fields) != 1 || ae.Fields[0].Field != "identifiers.corporate_number" {
			t.Errorf("a bad check digit: %v, want 422 naming identifiers.corporate_number", err)
		}
	})
}

func TestAnExternalIDBelongsToOneOrganisationOfItsSystem(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		sys := as(auth.System("test"))
		a, err := organisation.Create(sys, db, organisation.Organisation{Name: "Alpha KK", Kind: "biotech", Country: "JP",
			ExternalIDs: map[string]string{"osaka-bhq": "OB-1", "kawasaki-crm": "K-77"}}, false)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := organisation.Get(sys, db, a.ID)
		if len(got.ExternalIDs) != 2 || got.ExternalIDs["osaka-bhq"] != "OB-1" {
			t.Errorf("external ids read back: %v", got.ExternalIDs)
		}
		// The same id in another system is another id.
		b, err := organisation.Create(sys, db, organisation.Organisation{Name: "Beta KK", Kind: "biotech", Country: "JP",
			ExternalIDs: map[string]string{"kawasaki-crm": "OB-1"}}, false)
		if err != nil {
			t.Fatal(err)
		}
		_, err = organisation.Update(sys, db, b.ID, b.Version, organisation.Patch{ExternalIDs: opt.Of(map[string]*string{"osaka-bhq": ptr("OB-1")})})
		if apperr.CodeOf(err) != apperr.Conflict || extra(err, "other_id") != a.ID {
			t.Errorf("another's external id: %v, want 409 other_id %s", err, a.ID)
		}
		err = db.Conn(sys).Exec("INSERT INTO organisation_external_ids (organisation_id, system, external_id) VALUES (?, 'osaka-bhq', 'OB-1')", b.ID).Error
		if !database.IsDuplicate(err) {
			t.Errorf("a second row with the external id: %v, want a unique violation", err)
		}
		for _, bad := range []map[string]*string{{"Osaka BHQ": ptr("x")}, {"osaka-bhq": ptr("")}, {"osaka--bhq": ptr("x")}} {
			if _, err := organisation.Update(sys, db, b.ID, b.Version, organisation.Patch{ExternalIDs: opt.Of(bad)}); apperr.CodeOf(err) != apperr.Invalid {
				t.Errorf("%v: %v, want 422", bad, err)
			}
		}
		// A merge patch: null removes one system's id, the rest stay.
		a2, err := organisation.Update(sys, db, a.ID, a.Version, organisation.Patch{ExternalIDs: opt.Of(map[string]*string{"kawasaki-crm": nil})})
		if err != nil || len(a2.ExternalIDs) != 1 || a2.ExternalIDs["osaka-bhq"] != "OB-1" {
			t.Errorf("removing one id: %v %v", a2.ExternalIDs, err)
		}
		rows, _, err := organisation.List(sys, db, organisation.Filter{ExternalID: "osaka-bhq:OB-1"}, firstPage(t))
		if err != nil || len(rows) != 1 || rows[0].ID != a.ID {
			t.Errorf("filter by external id: %d rows, %v", len(rows), err)
		}
	})
}

func ptr(s string) *string { return &s }

func TestAKeyOfOneSystemWritesOnlyThatSystemsIDs(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		sys := as(auth.System("test"))
		a, err := organisation.Create(sys, db, organisation.Organisation{Name: "Alpha KK", Kind: "biotech", Country: "JP",
			ExternalIDs: map[string]string{"kawasaki-crm": "K-1"}}, false)
		if err != nil {
			t.Fatal(err)
		}
		key := as(auth.Principal{Kind: auth.KindAPIKey, ID: "k", Role: auth.RoleCoordinator, Scopes: []string{auth.ScopeRead, auth.ScopeWriteOrganisations}, ExternalSystem: "osaka-bhq"})
		if _, _, err := organisation.Upsert(key, db, "kawasaki-crm", "K-2", nil, organisation.Patch{Name: opt.Of("Beta KK"), Kind: opt.Of("other"), Country: opt.Of("JP")}); apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("upsert by another system's id: %v, want 403", err)
		}
		if _, err := organisation.Update(key, db, a.ID, a.Version, organisation.Patch{ExternalIDs: opt.Of(map[string]*string{"kawasaki-crm": nil})}); apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("removing another system's id: %v, want 403", err)
		}
		o, created, err := organisation.Upsert(key, db, "osaka-bhq", "OB-9", nil, organisation.Patch{Name: opt.Of("Alpha K.K."), City: opt.Of("Osaka"),
			Kind: opt.Of("biotech"), Country: opt.Of("JP")})
		if apperr.CodeOf(err) != apperr.Conflict || extra(err, "duplicate_of") != a.ID {
			t.Errorf("upsert of a likely duplicate: %v %v %v, want 409 duplicate_of", o.ID, created, err)
		}
		// Its own system's id on the existing organisation is fine; the
		// other system's id stays.
		after, err := organisation.Update(key, db, a.ID, a.Version, organisation.Patch{ExternalIDs: opt.Of(map[string]*string{"osaka-bhq": ptr("OB-9")})})
		if err != nil || after.ExternalIDs["kawasaki-crm"] != "K-1" || after.ExternalIDs["osaka-bhq"] != "OB-9" {
			t.Errorf("adding its own id: %v %v", after.ExternalIDs, err)
		}
	})
}

func TestUpsertByExternalIDIsIdempotentAndFindsTheSameOrganisationByIdentifier(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		sys := as(auth.System("test"))
		body := organisation.Patch{Name: opt.Of("Gamma Pharma KK"), Kind: opt.Of("pharma"), Country: opt.Of("JP"), City: opt.Of("Osaka")}
		first, created, err := organisation.Upsert(sys, db, "osaka-bhq", "OB-1234", nil, body)
		if err != nil || !created {
			t.Fatalf("first upsert: created %v, %v", created, err)
		}
		again, created, err := organisation.Upsert(sys, db, "osaka-bhq", "OB-1234", nil, body)
		if err != nil || created || again.ID != first.ID || again.Version != first.Version {
			t.Errorf("second upsert: created %v id %s v%d, %v; want the same record at v%d", created, again.ID, again.Version, err, first.Version)
		}
		v := 99
		if _, _, err := organisation.Upsert(sys, db, "osaka-bhq", "OB-1234", &v, body); apperr.CodeOf(err) != apperr.PreconditionFailed {
			t.Errorf("stale If-Match: %v, want 412", err)
		}
		changed, _, err := organisation.Upsert(sys, db, "osaka-bhq", "OB-1234", &first.Version, organisation.Patch{City: opt.Of("Suita")})
		if err != nil || changed.Version != first.Version+1 || changed.City != "Suita" || changed.Name != "Gamma Pharma KK" {
			t.Errorf("upsert with If-Match: %+v %v", changed, err)
		}
		// Another system's sync sends the same organisation under another
		// name, with its LEI: it is the same organisation.
		lei, err := organisation.Update(sys, db, first.ID, changed.Version, organisation.Patch{Identifiers: organisation.IdentifiersPatch{LEI: opt.Of("529900W18LQJJN6SJ336")}})
		if err != nil {
			t.Fatal(err)
		}
		viaLEI, created, err := organisation.Upsert(sys, db, "kawasaki-crm", "K-77", nil, organisation.Patch{Name: opt.Of("ガンマ製薬"), Kind: opt.Of("pharma"), Country: opt.Of("JP"),
			Identifiers: organisation.IdentifiersPatch{LEI: opt.Of("529900w18lqjjn6sj336")}})
		if err != nil || created || viaLEI.ID != first.ID || viaLEI.ExternalIDs["kawasaki-crm"] != "K-77" || viaLEI.ExternalIDs["osaka-bhq"] != "OB-1234" {
			t.Errorf("upsert matching an identifier: created %v %+v %v", created, viaLEI.ExternalIDs, err)
		}
		_ = lei
	})
}

func TestConcurrentUpsertsOfOneExternalIDCreateOneOrganisation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		sys := as(auth.System("test"))
		const writers = 8
		systems := []string{"osaka-bhq", "kawasaki-crm", "munich-erp"}
		var wg sync.WaitGroup
		start := make(chan struct{})
		type result struct {
			id      string
			created bool
			err     error
		}
		results := make(chan result, writers*3)
		for w := 0; w < writers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				for i := 0; i < 3; i++ {
					body := organisation.Patch{Name: opt.Of("Delta Bio KK"), Kind: opt.Of("biotech"), Country: opt.Of("JP"),
						Identifiers: organisation.IdentifiersPatch{CorporateNumber: opt.Of("5010401089998")}}
					o, created, err := organisation.Upsert(sys, db, systems[i], "X-1", nil, body)
					results <- result{o.ID, created, err}
				}
			}()
		}
		close(start)
		wg.Wait()
		close(results)
		ids, creates := map[string]bool{}, 0
		for r := range results {
			if r.err != nil {
				t.Errorf("upsert: %v", r.err)
				continue
			}
			ids[r.id] = true
			if r.created {
				creates++
			}
		}
		// Three systems' ids of one corporate number, each sent by 8
		// writers at once: one organisation, created once, carrying all three.
		if len(ids) != 1 || creates != 1 {
			t.Errorf("%d organisations, %d creates; want 1 and 1", len(ids), creates)
		}
		var n int64
		db.Conn(context.Background()).Table("organisations").Count(&n)
		if n != 1 {
			t.Errorf("%d organisations stored, want 1", n)
		}
		for id := range ids {
			o, _ := organisation.Get(sys, db, id)
			if len(o.ExternalIDs) != 3 {
				t.Errorf("external ids %v, want X-1 of each of %v", o.ExternalIDs, systems)
			}
		}
	})
}

func TestAMergeCarriesExternalIDsAndIdentifiersOver(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		sys := as(auth.System("test"))
		kept, err := organisation.Create(sys, db, organisation.Organisation{Name: "Epsilon GmbH", Kind: "biotech", Country: "DE",
			ExternalIDs: map[string]string{"osaka-bhq": "OB-1"}, Identifiers: organisation.Identifiers{VATID: "DE129273398"}}, false)
		if err != nil {
			t.Fatal(err)
		}
		dup, err := organisation.Create(sys, db, organisation.Organisation{Name: "Epsilon Biotech", Kind: "biotech", Country: "DE",
			ExternalIDs: map[string]string{"osaka-bhq": "OB-2", "kawasaki-crm": "K-2"},
			Identifiers: organisation.Identifiers{VATID: "DE129274202", Register: organisation.Register{Court: "Amtsgericht München", Type: "HRB", Number: "6684"}}}, true)
		if err != nil {
			t.Fatal(err)
		}
		noMove := func(context.Context, string, string) (map[string]int64, error) { return map[string]int64{}, nil }
		after, err := organisation.Merge(sys, db, kept.ID, dup.ID, kept.Version, noMove)
		if err != nil {
			t.Fatal(err)
		}
		if after.ExternalIDs["osaka-bhq"] != "OB-1" || after.ExternalIDs["kawasaki-crm"] != "K-2" {
			t.Errorf("kept external ids %v, want its own osaka-bhq and the duplicate's kawasaki-crm", after.ExternalIDs)
		}
		if after.VATID != "DE129273398" || after.Register.Court != "München" || after.Register.Number != "6684" {
			t.Errorf("kept identifiers %+v, want its VAT id and the duplicate's register", after.Identifiers)
		}
		d, _ := organisation.Get(sys, db, dup.ID)
		if !d.Archived || !d.Register.Empty() || d.VATID != "DE129274202" || d.ExternalIDs["osaka-bhq"] != "OB-2" || len(d.ExternalIDs) != 1 {
			t.Errorf("duplicate after the merge: archived %v %+v %v", d.Archived, d.Identifiers, d.ExternalIDs)
		}
		// Found by its new identifiers and ids.
		rows, _, _ := organisation.List(sys, db, organisation.Filter{ExternalID: "kawasaki-crm:K-2"}, firstPage(t))
		if len(rows) != 1 || rows[0].ID != kept.ID {
			t.Errorf("filter by the moved id: %d rows", len(rows))
		}
	})
}

func firstPage(t *testing.T) page.Page {
	t.Helper()
	p, err := organisation.Sort.Parse(page.Params{Limit: "50"})
	if err != nil {
		t.Fatal(err)
	}
	return p
}
