// Package organisation owns the directory's organisations: companies,
// research institutes, clusters and agencies in Germany and Japan. It
// keeps their rules (validation, who may change what, duplicates, what
// refers to them) next to their queries.
package organisation

import (
	"context"
	"errors"
	"maps"
	"net/mail"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/extid"
	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/reference"
	"github.com/innomunich/platform/pkg/search"
)

// Kinds of organisation.
var Kinds = []string{"pharma", "biotech", "medtech", "research_institute", "university", "hospital", "cluster", "government", "investor", "service_provider", "other"}

// SMELimit is the EU definition: an SME has fewer than 250 employees.
const SMELimit = 250

// Organisation is one record of the directory.
type Organisation struct {
	ID          string
	Name        string
	NameLocal   string
	NameKana    string
	ShortName   string
	Kind        string
	SME         bool `gorm:"column:sme"`
	Employees   *int
	Country     string
	Region      *string
	City        string
	Website     string
	Email       string
	Phone       string
	Description i18n.Text `gorm:"embedded;embeddedPrefix:description_"`
	Archived    bool
	FocusAreas  []string `gorm:"-"`
	Identifiers `gorm:"embedded"`
	// ExternalIDs are the ids partner systems know it by, kept in
	// organisation_external_ids.
	ExternalIDs map[string]string `gorm:"-"`
	// Derived, kept for search, sorting and duplicate detection.
	NameKey     string
	WebsiteHost string
	NameSort    string
	KanaSort    string
	SearchText  string
	SearchName  string
	SearchGrams string `gorm:"-"` // written per engine, never read
	// SearchRank is a search's relevance bucket, read by ranked lists only.
	SearchRank int `gorm:"column:search_rank;->"`
	Version    int
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// view is what the audit log records.
type view struct {
	Name        string            `json:"name"`
	NameLocal   string            `json:"name_local"`
	NameKana    string            `json:"name_kana"`
	ShortName   string            `json:"short_name"`
	Kind        string            `json:"kind"`
	SME         bool              `json:"sme"`
	Employees   *int              `json:"employees"`
	Country     string            `json:"country"`
	Region      *string           `json:"region"`
	City        string            `json:"city"`
	Website     string            `json:"website"`
	Email       string            `json:"email"`
	Phone       string            `json:"phone"`
	Description i18n.Text         `json:"description"`
	FocusAreas  []string          `json:"focus_areas"`
	Archived    bool              `json:"archived"`
	Identifiers identifierView    `json:"identifiers"`
	ExternalIDs map[string]string `json:"external_ids,omitempty"`
}

func (o Organisation) view() view {
	return view{o.Name, o.NameLocal, o.NameKana, o.ShortName, o.Kind, o.SME, o.Employees, o.Country, o.Region, o.City, o.Website, o.Email, o.Phone, o.Description, o.FocusAreas, o.Archived,
		o.Identifiers.view(), o.ExternalIDs}
}

// derive fills the derived columns from the record's fields.
func (o *Organisation) derive() {
	o.NameKey = search.NameKey(o.Name)
	o.WebsiteHost = search.Host(o.Website)
	o.NameSort = search.SortKey(o.Name)
	o.KanaSort = search.SortKey(o.NameKana)
	if o.KanaSort == "" {
		o.KanaSort = search.SortKey(o.NameLocal)
	}
	if o.KanaSort == "" {
		o.KanaSort = o.NameSort
	}
	// Found by its names (ranked first), and also by short name and city.
	o.SearchName = search.Names(o.Name, o.NameLocal, o.NameKana)
	// Identifiers and external ids come last: found by, never ranked by.
	secondary := append(o.Identifiers.texts(), slices.Sorted(maps.Values(o.ExternalIDs))...)
	o.SearchText = search.Document(append([]string{o.Name, o.NameLocal, o.NameKana, o.ShortName, o.City, o.Description.De, o.Description.En, o.Description.Ja}, secondary...)...)
}

// Reindex recomputes the stored search text and name orders of every
// organisation when the search folding changed (see search.Refresh).
func Reindex(ctx context.Context, db *database.DB) (int, error) {
	return search.Refresh(ctx, db, "organisations", func(o Organisation) string { return o.ID }, func(o Organisation) search.Stored {
		o.derive()
		return search.Stored{Text: o.SearchText, Name: o.SearchName, Grams: o.grams(),
			Sort: map[string]string{"name_sort": o.NameSort, "kana_sort": o.KanaSort}}
	}, func(ctx context.Context, batch []Organisation) error {
		// External ids are part of the search text.
		ptrs := make([]*Organisation, len(batch))
		for i := range batch {
			ptrs[i] = &batch[i]
		}
		return withFocusAreas(ctx, db, ptrs)
	})
}

// Prepare returns o as Create stores it (trimmed, validated, derived
// columns filled) with its search grams, without touching the database:
// for bulk loaders, so that what they write is found and sorted exactly
// like what the API writes.
func Prepare(o Organisation) (Organisation, []string, error) {
	o.normalise()
	if err := o.Validate(); err != nil {
		return o, nil, err
	}
	o.derive()
	return o, o.grams(), nil
}

func (o Organisation) grams() []string {
	return search.Grams(o.Name, o.NameLocal, o.NameKana, o.ShortName)
}

// columns are the stored columns a change sets (all but id, version,
// timestamps and search grams).
func (o Organisation) columns() map[string]any {
	set := map[string]any{
		"name": o.Name, "name_local": o.NameLocal, "name_kana": o.NameKana, "short_name": o.ShortName,
		"kind": o.Kind, "sme": o.SME, "employees": o.Employees, "country": o.Country, "region": o.Region,
		"city": o.City, "website": o.Website, "email": o.Email, "phone": o.Phone,
		"description_de": o.Description.De, "description_en": o.Description.En, "description_ja": o.Description.Ja,
		"archived": o.Archived, "name_key": o.NameKey, "website_host": o.WebsiteHost,
		"name_sort": o.NameSort, "kana_sort": o.KanaSort, "search_text": o.SearchText, "search_name": o.SearchName,
	}
	o.Identifiers.columns(set)
	return set
}

// normalise trims what people type around values.
func (o *Organisation) normalise() {
	for _, s := range []*string{&o.Name, &o.NameLocal, &o.NameKana, &o.ShortName, &o.City, &o.Website, &o.Email, &o.Phone,
		&o.Description.De, &o.Description.En, &o.Description.Ja} {
		*s = strings.TrimSpace(*s)
	}
	o.NameKana = search.Katakana(o.NameKana)
	o.Country = strings.ToUpper(o.Country)
	o.Identifiers.normalise()
	slices.Sort(o.FocusAreas)
	o.FocusAreas = slices.Compact(o.FocusAreas)
}

// Validate checks the fields that need no database.
func (o Organisation) Validate() error {
	var bad apperr.Fields
	text := func(field, v string, min, max int) {
		if n := utf8.RuneCountInString(v); n < min || n > max {
			if min > 0 {
				bad.Add(field, "must be %d to %d characters", min, max)
			} else {
				bad.Add(field, "must be at most %d characters", max)
			}
		}
	}
	text("name", o.Name, 1, 200)
	text("name_local", o.NameLocal, 0, 200)
	text("name_kana", o.NameKana, 0, 200)
	text("short_name", o.ShortName, 0, 50)
	text("city", o.City, 0, 100)
	text("phone", o.Phone, 0, 50)
	for lang, d := range map[string]string{"de": o.Description.De, "en": o.Description.En, "ja": o.Description.Ja} {
		text("description."+lang, d, 0, 5000)
	}
	if !slices.Contains(Kinds, o.Kind) {
		bad.Add("kind", "must be one of %s", strings.Join(Kinds, ", "))
	}
	if !i18n.ValidCountry(o.Country) {
		bad.Add("country", "must be an ISO 3166-1 alpha-2 code such as DE or JP")
	}
	if o.Employees != nil && (*o.Employees < 0 || *o.Employees > 10_000_000) {
		bad.Add("employees", "must be a whole number from 0 to 10000000")
	}
	if o.SME && o.Employees != nil && *o.Employees >= SMELimit {
		bad.Add("sme", "cannot be true with %d or more employees (EU SME definition)", SMELimit)
	}
	if o.Website != "" {
		u, err := url.Parse(o.Website)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(o.Website) > 500 {
			bad.Add("website", "must be an http(s) URL such as https://www.example.org")
		}
	}
	if o.Email != "" {
		if a, err := mail.ParseAddress(o.Email); err != nil || a.Address != o.Email {
			bad.Add("email", "must be an e-mail address such as info@example.org")
		}
	}
	o.Identifiers.validate(&bad)
	extid.Check(&bad, o.ExternalIDs)
	return bad.Err()
}

// checkReferences validates the codes the record points to.
func checkReferences(ctx context.Context, db *database.DB, o Organisation) error {
	var bad apperr.Fields
	var checks []error
	if o.Region != nil {
		checks = append(checks, reference.CheckCodes(ctx, db, reference.Regions, "region", []string{*o.Region}))
	}
	checks = append(checks, reference.CheckCodes(ctx, db, reference.FocusAreas, "focus_areas", o.FocusAreas))
	for _, err := range checks {
		var ae *apperr.Error
		if errors.As(err, &ae) && ae.Code == apperr.Invalid {
			bad = append(bad, ae.Fields...)
		} else if err != nil {
			return err
		}
	}
	return bad.Err()
}

// Policy: coordinators and admins change every organisation; a member
// only its own; API keys also need the write:organisations scope.
func canCreate(p auth.Principal) error {
	if !p.Allows(auth.ScopeWriteOrganisations) {
		return apperr.New(apperr.Forbidden, "This API key lacks the write:organisations scope")
	}
	if !p.IsCoordinator() {
		return apperr.New(apperr.Forbidden, "Only coordinators and admins add organisations")
	}
	return nil
}

func canChange(p auth.Principal, o Organisation) error {
	if !p.Allows(auth.ScopeWriteOrganisations) {
		return apperr.New(apperr.Forbidden, "This API key lacks the write:organisations scope")
	}
	if p.IsCoordinator() || (p.Role == auth.RoleMember && p.OrganisationID == o.ID) {
		return nil
	}
	return apperr.New(apperr.Forbidden, "You may change only your own organisation")
}

// Create adds an organisation. A likely duplicate (same name ignoring
// case, width, punctuation and legal form, or same website host) is 409
// naming the existing one, unless allowDuplicate (coordinators only).
func Create(ctx context.Context, db *database.DB, o Organisation, allowDuplicate bool) (Organisation, error) {
	p := auth.From(ctx)
	if err := canCreate(p); err != nil {
		return Organisation{}, err
	}
	if err := extid.CheckWriter(p, nil, o.ExternalIDs); err != nil {
		return Organisation{}, err
	}
	now := database.Now()
	o.ID, o.Version, o.CreatedAt, o.UpdatedAt, o.Archived = uuid.Must(uuid.NewV7()).String(), 1, now, now, false
	o.normalise()
	if err := o.Validate(); err != nil {
		return Organisation{}, err
	}
	o.derive()
	err := db.WithTx(ctx, func(ctx context.Context) error {
		if err := checkReferences(ctx, db, o); err != nil {
			return err
		}
		if err := checkIdentifiers(ctx, db, o); err != nil {
			return err
		}
		if !allowDuplicate {
			if err := checkDuplicate(ctx, db, o); err != nil {
				return err
			}
		}
		if err := insert(ctx, db, o); err != nil {
			return err
		}
		return audit.Record(ctx, db, audit.Create, "organisation", o.ID, o.Version, nil, o.view())
	})
	return o, err
}

// insert writes a new row with its focus areas and grams.
func insert(ctx context.Context, db *database.DB, o Organisation) error {
	if err := db.Conn(ctx).Create(&o).Error; err != nil {
		return raced(err)
	}
	if err := externalIDs.Set(ctx, db, o.ID, nil, o.ExternalIDs); err != nil {
		return err
	}
	if err := search.WriteGrams(ctx, db, "organisations", o.ID, o.grams()); err != nil {
		return err
	}
	return reference.SetFocusAreas(ctx, db, "organisation_focus_areas", "organisation_id", o.ID, o.FocusAreas)
}

// externalIDs is where the organisations' external ids are kept.
var externalIDs = extid.Table{Name: "organisation_external_ids", Owner: "organisation_id", Noun: "organisation"}

// errRaced is a unique index on an identifier refusing a row because a
// concurrent transaction wrote the same identifier first.
var errRaced = apperr.New(apperr.Conflict, "Another request gave the same identifier to an organisation at the same moment; try again")

func raced(err error) error {
	if database.IsDuplicate(err) {
		return errRaced
	}
	return err
}

// byIdentifier returns the first other organisation that shares an
// identifier with o, and the field of that identifier.
func byIdentifier(ctx context.Context, db *database.DB, o Organisation) (id, name, field string, err error) {
	for _, l := range o.Identifiers.lookups() {
		var rows []struct{ ID, Name string }
		q := db.Conn(ctx).Table("organisations").Select("id, name").Where(l.Column+" = ?", l.Value)
		if o.ID != "" {
			q = q.Where("id <> ?", o.ID)
		}
		err := q.Limit(1).Find(&rows).Error
		if err != nil {
			return "", "", "", err
		}
		if len(rows) > 0 {
			return rows[0].ID, rows[0].Name, l.Field, nil
		}
	}
	return "", "", "", nil
}

// checkIdentifiers answers 409 naming the organisation that carries one
// of o's identifiers already: the same number is the same organisation,
// whatever its name, so allow_duplicate does not pass it.
func checkIdentifiers(ctx context.Context, db *database.DB, o Organisation) error {
	id, name, field, err := byIdentifier(ctx, db, o)
	if err != nil || id == "" {
		return err
	}
	return apperr.New(apperr.Conflict, "%q has the same %s as %q, which is in the directory already: it is the same organisation", o.Name, strings.TrimPrefix(field, "identifiers."), name).
		With("duplicate_of", id).With("field", field)
}

// checkDuplicate answers 409 with the existing record's id when o looks
// like an organisation that is in the directory already.
func checkDuplicate(ctx context.Context, db *database.DB, o Organisation) error {
	// Two lookups, each on its own index (an OR of both would scan).
	var dup struct{ ID, Name string }
	find := func(where string, arg string) (bool, error) {
		err := db.Conn(ctx).Table("organisations").Select("id, name").Where("id <> ?", o.ID).
			Where(where, arg).Order("created_at").Limit(1).Take(&dup).Error
		if database.IsNotFound(err) {
			return false, nil
		}
		return err == nil, err
	}
	found := false
	var err error
	if o.NameKey != "" {
		if found, err = find("name_key = ?", o.NameKey); err != nil {
			return err
		}
	}
	if !found && o.WebsiteHost != "" {
		if found, err = find("website_host = ? AND website_host <> ''", o.WebsiteHost); err != nil {
			return err
		}
	}
	if !found {
		return nil
	}
	return apperr.New(apperr.Conflict, "%q looks like %q, which is in the directory already; open it, or pass allow_duplicate=true if they really differ", o.Name, dup.Name).
		With("duplicate_of", dup.ID)
}

// Get returns an organisation with its focus areas.
func Get(ctx context.Context, db *database.DB, id string) (Organisation, error) {
	o, err := database.Get[Organisation](ctx, db, "organisation", id)
	if err != nil {
		return o, err
	}
	if err := withFocusAreas(ctx, db, []*Organisation{&o}); err != nil {
		return o, err
	}
	return o, nil
}

// withFocusAreas loads the focus areas and external ids of many
// organisations, one query each.
func withFocusAreas(ctx context.Context, db *database.DB, orgs []*Organisation) error {
	ids := make([]string, len(orgs))
	for i, o := range orgs {
		ids[i] = o.ID
	}
	areas, err := reference.FocusAreasOf(ctx, db, "organisation_focus_areas", "organisation_id", ids)
	if err != nil {
		return err
	}
	ext, err := externalIDs.Of(ctx, db, ids)
	if err != nil {
		return err
	}
	for _, o := range orgs {
		o.FocusAreas = append([]string{}, areas[o.ID]...)
		o.ExternalIDs = ext[o.ID]
		if o.ExternalIDs == nil {
			o.ExternalIDs = map[string]string{}
		}
	}
	return nil
}

// Patch changes fields of an organisation; absent fields stay.
type Patch struct {
	Name, NameLocal, NameKana, ShortName, Kind, Country, City, Website, Email, Phone opt.Field[string]
	Region                                                                           opt.Field[string]
	SME, Archived                                                                    opt.Field[bool]
	Employees                                                                        opt.Field[int]
	Description                                                                      i18n.TextPatch
	FocusAreas                                                                       opt.Field[[]string]
	Identifiers                                                                      IdentifiersPatch
	// ExternalIDs is a merge patch of the ids: a nil value removes the
	// system's id; null for the whole removes them all.
	ExternalIDs opt.Field[map[string]*string]
}

// IdentifiersPatch changes identifiers; absent ones stay, null clears.
type IdentifiersPatch struct {
	CorporateNumber, VATID, LEI, RORID opt.Field[string]
	Register                           opt.Field[Register]
}

func (in IdentifiersPatch) apply(i *Identifiers) {
	for dst, f := range map[*string]opt.Field[string]{&i.CorporateNumber: in.CorporateNumber, &i.VATID: in.VATID, &i.LEI: in.LEI, &i.RORID: in.RORID} {
		if f.Set {
			*dst = f.Value
		}
	}
	if in.Register.Set {
		i.Register = in.Register.Value // null is the empty register
	}
}

func (in Patch) apply(o *Organisation) {
	str := func(dst *string, f opt.Field[string]) {
		if f.Set {
			*dst = f.Value // null clears to ""
		}
	}
	str(&o.Name, in.Name)
	str(&o.NameLocal, in.NameLocal)
	str(&o.NameKana, in.NameKana)
	str(&o.ShortName, in.ShortName)
	str(&o.Kind, in.Kind)
	str(&o.Country, in.Country)
	str(&o.City, in.City)
	str(&o.Website, in.Website)
	str(&o.Email, in.Email)
	str(&o.Phone, in.Phone)
	if in.Region.Set {
		o.Region = nil
		if !in.Region.Null {
			v := in.Region.Value
			o.Region = &v
		}
	}
	if in.Employees.Set {
		o.Employees = nil
		if !in.Employees.Null {
			v := in.Employees.Value
			o.Employees = &v
		}
	}
	if in.SME.Set {
		o.SME = in.SME.Value
	}
	if in.Archived.Set {
		o.Archived = in.Archived.Value
	}
	o.Description = in.Description.Apply(o.Description)
	if in.FocusAreas.Set {
		o.FocusAreas = append([]string{}, in.FocusAreas.Value...)
	}
	in.Identifiers.apply(&o.Identifiers)
	if in.ExternalIDs.Set {
		if in.ExternalIDs.Null {
			o.ExternalIDs = map[string]string{}
		} else {
			o.ExternalIDs = extid.Merge(o.ExternalIDs, in.ExternalIDs.Value)
		}
	}
}

// Update applies a patch based on version.
func Update(ctx context.Context, db *database.DB, id string, version int, in Patch) (Organisation, error) {
	err := db.WithTx(ctx, func(ctx context.Context) error {
		_, err := update(ctx, db, id, &version, in, false)
		return err
	})
	if err != nil {
		return Organisation{}, err
	}
	return Get(ctx, db, id)
}

// update applies a patch in the caller's transaction, based on version if
// one is given. With keepUnchanged a patch that changes nothing writes
// nothing (the version stays), as an upsert repeated must.
func update(ctx context.Context, db *database.DB, id string, version *int, in Patch, keepUnchanged bool) (bool, error) {
	before, err := Get(ctx, db, id)
	if err != nil {
		return false, err
	}
	p := auth.From(ctx)
	if err := canChange(p, before); err != nil {
		return false, err
	}
	if version == nil {
		version = &before.Version
	}
	if err := database.CheckVersion("organisation", before.Version, *version); err != nil {
		return false, err
	}
	after := before
	after.FocusAreas = slices.Clone(before.FocusAreas)
	after.ExternalIDs = maps.Clone(before.ExternalIDs)
	in.apply(&after)
	after.normalise()
	if err := after.Validate(); err != nil {
		return false, err
	}
	if err := extid.CheckWriter(p, before.ExternalIDs, after.ExternalIDs); err != nil {
		return false, err
	}
	after.derive()
	if keepUnchanged && reflect.DeepEqual(before.view(), after.view()) {
		return false, nil
	}
	if err := checkReferences(ctx, db, after); err != nil {
		return false, err
	}
	if err := checkIdentifiers(ctx, db, after); err != nil {
		return false, err
	}
	if after.Version, err = db.UpdateVersioned(ctx, "organisations", "organisation", id, *version, after.columns()); err != nil {
		return false, raced(err)
	}
	if !extid.Equal(before.ExternalIDs, after.ExternalIDs) {
		if err := externalIDs.Set(ctx, db, id, before.ExternalIDs, after.ExternalIDs); err != nil {
			return false, err
		}
	}
	if err := search.WriteGrams(ctx, db, "organisations", id, after.grams()); err != nil {
		return false, err
	}
	if !slices.Equal(before.FocusAreas, after.FocusAreas) {
		if err := reference.SetFocusAreas(ctx, db, "organisation_focus_areas", "organisation_id", id, after.FocusAreas); err != nil {
			return false, err
		}
	}
	return true, audit.Record(ctx, db, audit.Update, "organisation", id, after.Version, before.view(), after.view())
}

// referrers are the tables that point at organisations, and what a
// person calls one row of each (the web app knows these nouns). Later
// resources add theirs here.
var referrers = database.Referrers{
	From: []database.Referrer{
		{Table: "people", Column: "organisation_id", Noun: "people"},
		{Table: "users", Column: "organisation_id", Noun: "users"},
		{Table: "api_keys", Column: "organisation_id", Noun: "API keys"},
		{Table: "agreement_parties", Column: "organisation_id", Noun: "agreements"},
		{Table: "trip_organisers", Column: "organisation_id", Noun: "trips organised"},
		{Table: "trip_agenda", Column: "organisation_id", Noun: "agenda items"},
		{Table: "trip_participants", Column: "organisation_id", Noun: "trip registrations"},
		{Table: "project_partners", Column: "organisation_id", Noun: "projects"},
		{Table: "project_fundings", Column: "recipient_id", Noun: "fundings received"},
		{Table: "project_fundings", Column: "executing_body_id", Noun: "fundings executed"},
		{Table: "opportunities", Column: "organisation_id", Noun: "opportunities"},
	},
	Instead: "archive it instead (archived: true)",
}

// Delete removes an organisation nothing refers to; otherwise 409 naming
// what does (archive it instead).
func Delete(ctx context.Context, db *database.DB, id string, version int) error {
	return db.WithTx(ctx, func(ctx context.Context) error {
		before, err := Get(ctx, db, id)
		if err != nil {
			return err
		}
		if err := canCreate(auth.From(ctx)); err != nil { // deleting is for coordinators too
			return err
		}
		if err := database.CheckVersion("organisation", before.Version, version); err != nil {
			return err
		}
		if err := db.DeleteVersioned(ctx, "organisations", "organisation", id, version, referrers); err != nil {
			return err
		}
		return audit.Record(ctx, db, audit.Delete, "organisation", id, before.Version, before.view(), nil)
	})
}

// Move moves, in the caller's transaction, every record that refers to
// organisation from so that it refers to organisation to instead, and
// counts what it moved by the nouns of referrers. The packages that own
// those records do the moving (see package merge): each bumps the version
// of what it changed and records the move in the audit log.
type Move func(ctx context.Context, fromID, toID string) (map[string]int64, error)

// Merge joins a duplicate into the organisation kept, in one transaction:
// move moves what refers to the duplicate, the kept organisation gains the
// duplicate's focus areas and a new version, and the duplicate is
// archived. The kept organisation's audit event counts what moved.
func Merge(ctx context.Context, db *database.DB, keptID, duplicateID string, keptVersion int, move Move) (Organisation, error) {
	if keptID == duplicateID {
		return Organisation{}, apperr.Fields{{Field: "duplicate_id", Message: "must differ from the organisation kept"}}.Err()
	}
	if uuid.Validate(duplicateID) != nil { // PostgreSQL would refuse it as a uuid
		return Organisation{}, apperr.Fields{{Field: "duplicate_id", Message: "is not an organisation"}}.Err()
	}
	err := db.WithTx(ctx, func(ctx context.Context) error {
		p := auth.From(ctx)
		if err := canCreate(p); err != nil {
			return err
		}
		kept, err := Get(ctx, db, keptID)
		if err != nil {
			return err
		}
		if err := database.CheckVersion("organisation", kept.Version, keptVersion); err != nil {
			return err
		}
		dup, err := Get(ctx, db, duplicateID)
		if apperr.Is(err, apperr.NotFound) {
			return apperr.Fields{{Field: "duplicate_id", Message: "is not an organisation"}}.Err()
		}
		if err != nil {
			return err
		}
		moved, err := move(ctx, duplicateID, keptID)
		if err != nil {
			return err
		}
		// The duplicate's external ids and identifiers go to the kept
		// organisation where it has none of that system or kind; the
		// others stay with the (archived) duplicate.
		n, err := externalIDs.Move(ctx, db, duplicateID, keptID)
		if err != nil {
			return err
		}
		if n > 0 {
			if moved == nil {
				moved = map[string]int64{}
			}
			moved["external ids"] = n
		}
		keptIDs, dupIDs := kept.Identifiers, dup.Identifiers
		takeIdentifiers(&keptIDs, &dupIDs)
		if dupIDs != dup.Identifiers { // cleared first: each is unique
			set := map[string]any{}
			dupIDs.columns(set)
			if err := db.Conn(ctx).Table("organisations").Where("id = ?", duplicateID).Updates(set).Error; err != nil {
				return err
			}
		}
		// Focus areas of the duplicate are kept too.
		union := slices.Clone(kept.FocusAreas)
		for _, f := range dup.FocusAreas {
			if !slices.Contains(union, f) {
				union = append(union, f)
			}
		}
		slices.Sort(union)
		keptAfter := kept
		keptAfter.Identifiers = keptIDs
		if keptAfter.ExternalIDs, err = externalIDs.One(ctx, db, keptID); err != nil {
			return err
		}
		keptAfter.derive()
		v, err := db.UpdateVersioned(ctx, "organisations", "organisation", keptID, keptVersion, keptAfter.columns())
		if err != nil {
			return err
		}
		if err := reference.SetFocusAreas(ctx, db, "organisation_focus_areas", "organisation_id", keptID, union); err != nil {
			return err
		}
		if err := audit.Record(ctx, db, "merge", "organisation", keptID, v,
			map[string]any{"focus_areas": kept.FocusAreas, "identifiers": kept.Identifiers.view(), "external_ids": kept.ExternalIDs},
			map[string]any{"focus_areas": union, "identifiers": keptAfter.Identifiers.view(), "external_ids": keptAfter.ExternalIDs, "merged_from": duplicateID, "moved": moved}); err != nil {
			return err
		}
		dupAfter := dup
		dupAfter.Archived = true
		dupAfter.Identifiers = dupIDs
		if dupAfter.ExternalIDs, err = externalIDs.One(ctx, db, duplicateID); err != nil {
			return err
		}
		dupAfter.derive()
		if v, err = db.UpdateVersioned(ctx, "organisations", "organisation", duplicateID, dup.Version, dupAfter.columns()); err != nil {
			return err
		}
		return audit.Record(ctx, db, audit.Update, "organisation", duplicateID, v, dup.view(), dupAfter.view())
	})
	if err != nil {
		return Organisation{}, err
	}
	return Get(ctx, db, keptID)
}

// takeIdentifiers moves each identifier from dup to kept where kept has
// none of that kind.
func takeIdentifiers(kept, dup *Identifiers) {
	for _, p := range []struct{ k, d *string }{{&kept.CorporateNumber, &dup.CorporateNumber}, {&kept.VATID, &dup.VATID}, {&kept.LEI, &dup.LEI}, {&kept.RORID, &dup.RORID}} {
		if *p.k == "" && *p.d != "" {
			*p.k, *p.d = *p.d, ""
		}
	}
	if kept.Register.Empty() && !dup.Register.Empty() {
		kept.Register, dup.Register = dup.Register, Register{}
	}
}

// CheckExists is the rule for records that belong to an organisation: it
// must be in the directory. The field is named in the error. A failing
// database is an error of its own, never "not in the directory".
func CheckExists(ctx context.Context, db *database.DB, field string, id *string) error {
	if id == nil || uuid.Validate(*id) != nil {
		return nil // shape errors are the caller's validation
	}
	missing, err := Missing(ctx, db, []string{*id})
	if err != nil {
		return err
	}
	if len(missing) > 0 {
		return apperr.Fields{{Field: field, Message: "is not an organisation in the directory"}}.Err()
	}
	return nil
}

// Missing returns, in their order, those of ids that name no organisation
// in the directory (malformed ones included), for records that refer to
// several and say in their own words which are missing.
func Missing(ctx context.Context, db *database.DB, ids []string) ([]string, error) {
	var valid []string
	for _, id := range ids {
		if uuid.Validate(id) == nil {
			valid = append(valid, id)
		}
	}
	var known []string
	if len(valid) > 0 {
		if err := db.Conn(ctx).Table("organisations").Where("id IN ?", valid).Pluck("id", &known).Error; err != nil {
			return nil, err
		}
	}
	var missing []string
	for _, id := range ids {
		if !slices.Contains(known, id) {
			missing = append(missing, id)
		}
	}
	return missing, nil
}
