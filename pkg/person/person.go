// Package person owns the people of the directory: names in Latin and
// Japanese script with their reading, position, languages, contact data
// and consent. E-mail and phone are personal data: only coordinators,
// admins and the person's own organisation see them (Contact).
package person

import (
	"context"
	"maps"
	"net/mail"
	"reflect"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/extid"
	"github.com/innomunich/platform/pkg/idempotency"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/page"
	"github.com/innomunich/platform/pkg/search"
	"github.com/innomunich/platform/pkg/trip"
)

// Person is one contact.
type Person struct {
	ID              string
	OrganisationID  string
	GivenName       string
	FamilyName      string
	GivenNameLocal  string
	FamilyNameLocal string
	GivenNameKana   string
	FamilyNameKana  string
	Position        string
	Email           string
	Phone           string
	Languages       string // space-separated codes
	ConsentAt       *time.Time
	// ExternalIDs are the ids partner systems know the person by, kept in
	// person_external_ids.
	ExternalIDs map[string]string `gorm:"-"`
	NameSort    string
	KanaSort    string // Japanese names first, by reading; then Latin ones
	SearchText  string
	SearchName  string
	// SearchRank is a search's relevance bucket, read by ranked lists only.
	SearchRank int `gorm:"column:search_rank;->"`
	Version    int
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// LanguageList returns the languages as a list.
func (p Person) LanguageList() []string { return strings.Fields(p.Languages) }

// DisplayName is the one rule for writing a person's name, for every
// reader and every channel (lists, pages, e-mails, exports): a name
// written in Japanese script is family name first; a Japanese reader sees
// a Japanese person's name in Japanese script where known, and a
// romanised Japanese name family name first too; a Latin-script Western
// name keeps its given-family order in every language.
func (p Person) DisplayName(locale string) string {
	if locale == "ja" && (p.FamilyNameLocal != "" || p.GivenNameLocal != "") {
		return joinName(p.FamilyNameLocal, p.GivenNameLocal)
	}
	if JapaneseScript(p.FamilyName) || JapaneseScript(p.GivenName) || (locale == "ja" && p.Japanese()) {
		return joinName(p.FamilyName, p.GivenName)
	}
	return joinName(p.GivenName, p.FamilyName)
}

// LatinName is the name in Latin script, in its reading order for
// readers of German and English ("Ai Tanaka").
func (p Person) LatinName() string { return p.DisplayName("en") }

// LocalName is the name in Japanese script, family name first ("田中 愛"),
// or empty where none is known.
func (p Person) LocalName() string { return joinName(p.FamilyNameLocal, p.GivenNameLocal) }

// Japanese reports whether the person's name has a Japanese form: a name
// in Japanese script, or its kana reading.
func (p Person) Japanese() bool {
	return p.FamilyNameLocal != "" || p.GivenNameLocal != "" || p.FamilyNameKana != "" || p.GivenNameKana != "" ||
		JapaneseScript(p.FamilyName) || JapaneseScript(p.GivenName)
}

// JapaneseScript reports whether s has kana or kanji.
func JapaneseScript(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) {
			return true
		}
	}
	return false
}

func joinName(first, second string) string { return strings.TrimSpace(first + " " + second) }

// ContactVisibleTo reports whether the caller may see e-mail and phone.
func (p Person) ContactVisibleTo(c auth.Principal) bool { return c.SeesContactsOf(p.OrganisationID) }

type view struct {
	OrganisationID  string            `json:"organisation_id"`
	GivenName       string            `json:"given_name"`
	FamilyName      string            `json:"family_name"`
	GivenNameLocal  string            `json:"given_name_local"`
	FamilyNameLocal string            `json:"family_name_local"`
	GivenNameKana   string            `json:"given_name_kana"`
	FamilyNameKana  string            `json:"family_name_kana"`
	Position        string            `json:"position"`
	Email           string            `json:"email"`
	Phone           string            `json:"phone"`
	Languages       []string          `json:"languages"`
	ConsentAt       *time.Time        `json:"consent_at"`
	ExternalIDs     map[string]string `json:"external_ids,omitempty"`
}

func (p Person) view() view {
	return view{p.OrganisationID, p.GivenName, p.FamilyName, p.GivenNameLocal, p.FamilyNameLocal, p.GivenNameKana, p.FamilyNameKana, p.Position, p.Email, p.Phone, p.LanguageList(), p.ConsentAt, p.ExternalIDs}
}

// externalIDs is where the people's external ids are kept. Erasing a
// person removes theirs with the row (ON DELETE CASCADE).
var externalIDs = extid.Table{Name: "person_external_ids", Owner: "person_id", Noun: "person"}

// withExternalIDs loads the external ids of many people in one query.
func withExternalIDs(ctx context.Context, db *database.DB, people []Person) error {
	ids := make([]string, len(people))
	for i, p := range people {
		ids[i] = p.ID
	}
	ext, err := externalIDs.Of(ctx, db, ids)
	if err != nil {
		return err
	}
	for i := range people {
		people[i].ExternalIDs = ext[people[i].ID]
		if people[i].ExternalIDs == nil {
			people[i].ExternalIDs = map[string]string{}
		}
	}
	return nil
}

func (p *Person) normalise() {
	for _, s := range []*string{&p.GivenName, &p.FamilyName, &p.GivenNameLocal, &p.FamilyNameLocal, &p.GivenNameKana, &p.FamilyNameKana, &p.Position, &p.Email, &p.Phone} {
		*s = strings.TrimSpace(*s)
	}
	// Readings are kept in katakana, however they were typed.
	p.GivenNameKana, p.FamilyNameKana = search.Katakana(p.GivenNameKana), search.Katakana(p.FamilyNameKana)
	// The order is the person's: the first language is the one they are
	// written to in (trip notifications), so duplicates go, order stays.
	var langs []string
	for _, l := range strings.Fields(strings.ToLower(p.Languages)) {
		if !slices.Contains(langs, l) {
			langs = append(langs, l)
		}
	}
	p.Languages = strings.Join(langs, " ")
}

func (p *Person) derive() {
	switch {
	case p.FamilyNameKana != "" || p.GivenNameKana != "":
		p.NameSort = search.SortKey(p.FamilyNameKana + " " + p.GivenNameKana)
	default:
		p.NameSort = search.SortKey(p.FamilyName + " " + p.GivenName)
	}
	// The full name in both orders and each script, with and without a
	// space: "Hans Müller" and "Müller Hans", "山田 太郎" and "山田太郎".
	full := func(a, b string) (string, string, string) {
		return strings.TrimSpace(a + " " + b), strings.TrimSpace(b + " " + a), a + b
	}
	latinGF, latinFG, _ := full(p.GivenName, p.FamilyName)
	localFG, localGF, localJoined := full(p.FamilyNameLocal, p.GivenNameLocal)
	kanaFG, kanaGF, kanaJoined := full(p.FamilyNameKana, p.GivenNameKana)
	p.SearchName = search.Names(latinGF, latinFG, localFG, localJoined, localGF, kanaFG, kanaJoined, kanaGF)
	// The reading order (五十音順) puts the Japanese names first, by their
	// kana reading (by the Japanese-script name where no reading is
	// known), then the Latin names in Latin order: "0" and "1" keep the
	// two groups apart under any collation. Migration 00024 fills it the
	// same way for the people stored before.
	switch {
	case p.FamilyNameKana != "" || p.GivenNameKana != "":
		p.KanaSort = "0" + p.NameSort
	case p.FamilyNameLocal != "" || p.GivenNameLocal != "":
		p.KanaSort = "0" + search.SortKey(p.FamilyNameLocal+" "+p.GivenNameLocal)
	case p.Japanese():
		p.KanaSort = "0" + p.NameSort
	default:
		p.KanaSort = "1" + p.NameSort
	}
	p.SearchText = search.Document(p.GivenName, p.FamilyName, p.FamilyNameLocal+p.GivenNameLocal, p.GivenNameLocal, p.FamilyNameLocal,
		p.FamilyNameKana+p.GivenNameKana, p.GivenNameKana, p.FamilyNameKana, p.Position)
}

// Reindex recomputes the stored search text and name orders of every
// person when the search folding changed (see search.Refresh).
func Reindex(ctx context.Context, db *database.DB) (int, error) {
	return search.Refresh(ctx, db, "people", func(p Person) string { return p.ID }, func(p Person) search.Stored {
		p.derive()
		return search.Stored{Text: p.SearchText, Name: p.SearchName, Grams: p.grams(),
			Sort: map[string]string{"name_sort": p.NameSort, "kana_sort": p.KanaSort}}
	})
}

// Prepare returns p as Create stores it (trimmed, validated, derived
// columns filled) with its search grams, for bulk loaders.
func Prepare(p Person) (Person, []string, error) {
	p.normalise()
	if err := p.Validate(); err != nil {
		return p, nil, err
	}
	p.derive()
	return p, p.grams(), nil
}

func (p Person) grams() []string {
	return search.Grams(p.GivenName, p.FamilyName, p.FamilyNameLocal+p.GivenNameLocal, p.FamilyNameKana+p.GivenNameKana)
}

// Validate checks the fields that need no database.
func (p Person) Validate() error {
	var bad apperr.Fields
	if n := utf8.RuneCountInString(p.FamilyName); n < 1 || n > 100 {
		bad.Add("family_name", "must be 1 to 100 characters")
	}
	for field, v := range map[string]string{"given_name": p.GivenName, "given_name_local": p.GivenNameLocal, "family_name_local": p.FamilyNameLocal,
		"given_name_kana": p.GivenNameKana, "family_name_kana": p.FamilyNameKana, "phone": p.Phone} {
		if utf8.RuneCountInString(v) > 100 {
			bad.Add(field, "must be at most 100 characters")
		}
	}
	if utf8.RuneCountInString(p.Position) > 200 {
		bad.Add("position", "must be at most 200 characters")
	}
	if p.Email != "" {
		if a, err := mail.ParseAddress(p.Email); err != nil || a.Address != p.Email {
			bad.Add("email", "must be an e-mail address such as name@example.org")
		}
	}
	for _, l := range p.LanguageList() {
		if len(l) != 2 || l[0] < 'a' || l[0] > 'z' || l[1] < 'a' || l[1] > 'z' {
			bad.Add("languages", "%q is not an ISO 639-1 code such as de, en or ja", l)
		}
	}
	if uuid.Validate(p.OrganisationID) != nil {
		bad.Add("organisation_id", "must be an organisation id")
	}
	extid.Check(&bad, p.ExternalIDs)
	return bad.Err()
}

// canWrite: coordinators and admins change everyone; members the people of
// their own organisation; API keys also need write:people.
func canWrite(c auth.Principal, orgID string) error {
	if !c.Allows(auth.ScopeWritePeople) {
		return apperr.New(apperr.Forbidden, "This API key lacks the write:people scope")
	}
	if c.IsCoordinator() || (c.Role == auth.RoleMember && c.OrganisationID != "" && c.OrganisationID == orgID) {
		return nil
	}
	return apperr.New(apperr.Forbidden, "You may change only the people of your own organisation")
}

func checkOrganisation(ctx context.Context, db *database.DB, id string) error {
	return organisation.CheckExists(ctx, db, "organisation_id", &id)
}

// Create adds a person.
func Create(ctx context.Context, db *database.DB, p Person) (Person, error) {
	if err := canWrite(auth.From(ctx), p.OrganisationID); err != nil {
		return Person{}, err
	}
	if err := extid.CheckWriter(auth.From(ctx), nil, p.ExternalIDs); err != nil {
		return Person{}, err
	}
	now := database.Now()
	p.ID, p.Version, p.CreatedAt, p.UpdatedAt = uuid.Must(uuid.NewV7()).String(), 1, now, now
	p.normalise()
	if err := p.Validate(); err != nil {
		return Person{}, err
	}
	p.derive()
	err := db.WithTx(ctx, func(ctx context.Context) error {
		if err := checkOrganisation(ctx, db, p.OrganisationID); err != nil {
			return err
		}
		if err := db.Conn(ctx).Create(&p).Error; err != nil {
			return err
		}
		if err := externalIDs.Set(ctx, db, p.ID, nil, p.ExternalIDs); err != nil {
			return err
		}
		if err := search.WriteGrams(ctx, db, "people", p.ID, p.grams()); err != nil {
			return err
		}
		return audit.Record(ctx, db, audit.Create, "person", p.ID, p.Version, nil, p.view())
	})
	return p, err
}

// Get returns a person.
func Get(ctx context.Context, db *database.DB, id string) (Person, error) {
	p, err := database.Get[Person](ctx, db, "person", id)
	if err != nil {
		return p, err
	}
	one := []Person{p}
	err = withExternalIDs(ctx, db, one)
	return one[0], err
}

// Patch changes fields of a person; absent fields stay.
type Patch struct {
	OrganisationID, GivenName, FamilyName, GivenNameLocal, FamilyNameLocal, GivenNameKana, FamilyNameKana, Position, Email, Phone opt.Field[string]
	Languages                                                                                                                     opt.Field[[]string]
	ConsentAt                                                                                                                     opt.Field[time.Time]
	// ExternalIDs is a merge patch of the ids (nil value removes one; null
	// for the whole removes all).
	ExternalIDs opt.Field[map[string]*string]
}

// Update applies a patch based on version. A member may move a person only
// within reach: both the old and the new organisation must be theirs.
func Update(ctx context.Context, db *database.DB, id string, version int, in Patch) (Person, error) {
	err := db.WithTx(ctx, func(ctx context.Context) error {
		_, err := update(ctx, db, id, &version, in, false)
		return err
	})
	if err != nil {
		return Person{}, err
	}
	return Get(ctx, db, id)
}

// update applies a patch in the caller's transaction, based on version if
// one is given; with keepUnchanged a patch that changes nothing writes
// nothing, as a repeated upsert must.
func update(ctx context.Context, db *database.DB, id string, version *int, in Patch, keepUnchanged bool) (bool, error) {
	changed := false
	err := func() error {
		before, err := Get(ctx, db, id)
		if err != nil {
			return err
		}
		c := auth.From(ctx)
		if err := canWrite(c, before.OrganisationID); err != nil {
			return err
		}
		if version == nil {
			version = &before.Version
		}
		if err := database.CheckVersion("person", before.Version, *version); err != nil {
			return err
		}
		after := before
		after.ExternalIDs = maps.Clone(before.ExternalIDs)
		if in.ExternalIDs.Set {
			after.ExternalIDs = map[string]string{}
			if !in.ExternalIDs.Null {
				after.ExternalIDs = extid.Merge(before.ExternalIDs, in.ExternalIDs.Value)
			}
		}
		for dst, f := range map[*string]opt.Field[string]{
			&after.OrganisationID: in.OrganisationID, &after.GivenName: in.GivenName, &after.FamilyName: in.FamilyName,
			&after.GivenNameLocal: in.GivenNameLocal, &after.FamilyNameLocal: in.FamilyNameLocal, &after.GivenNameKana: in.GivenNameKana,
			&after.FamilyNameKana: in.FamilyNameKana, &after.Position: in.Position, &after.Email: in.Email, &after.Phone: in.Phone,
		} {
			if f.Set {
				*dst = f.Value
			}
		}
		if in.Languages.Set {
			after.Languages = strings.Join(in.Languages.Value, " ")
		}
		if in.ConsentAt.Set {
			after.ConsentAt = nil
			if !in.ConsentAt.Null {
				t := in.ConsentAt.Value.UTC().Truncate(time.Microsecond)
				after.ConsentAt = &t
			}
		}
		after.normalise()
		if err := after.Validate(); err != nil {
			return err
		}
		if err := extid.CheckWriter(c, before.ExternalIDs, after.ExternalIDs); err != nil {
			return err
		}
		if keepUnchanged && reflect.DeepEqual(before.view(), after.view()) {
			return nil
		}
		if after.OrganisationID != before.OrganisationID {
			if err := canWrite(c, after.OrganisationID); err != nil {
				return err
			}
			if err := checkOrganisation(ctx, db, after.OrganisationID); err != nil {
				return err
			}
		}
		after.derive()
		set := map[string]any{
			"organisation_id": after.OrganisationID, "given_name": after.GivenName, "family_name": after.FamilyName,
			"given_name_local": after.GivenNameLocal, "family_name_local": after.FamilyNameLocal, "given_name_kana": after.GivenNameKana,
			"family_name_kana": after.FamilyNameKana, "position": after.Position, "email": after.Email, "phone": after.Phone,
			"languages": after.Languages, "consent_at": after.ConsentAt, "name_sort": after.NameSort, "kana_sort": after.KanaSort, "search_text": after.SearchText, "search_name": after.SearchName,
		}
		if after.Version, err = db.UpdateVersioned(ctx, "people", "person", id, *version, set); err != nil {
			return err
		}
		if !extid.Equal(before.ExternalIDs, after.ExternalIDs) {
			if err := externalIDs.Set(ctx, db, id, before.ExternalIDs, after.ExternalIDs); err != nil {
				return err
			}
		}
		if err := search.WriteGrams(ctx, db, "people", after.ID, after.grams()); err != nil {
			return err
		}
		changed = true
		return audit.Record(ctx, db, audit.Update, "person", id, after.Version, before.view(), after.view())
	}()
	return changed, err
}

// Delete erases a person (GDPR): the row goes, and so do the personal data
// in the audit log's earlier events about them and the stored answers to
// retried requests that name them. The log keeps that the person existed
// and was deleted, by whom and when. The news is of the people who move
// up into the seats the person leaves.
func Delete(ctx context.Context, db *database.DB, id string, version int) ([]trip.News, error) {
	var news []trip.News
	err := db.WithTx(ctx, func(ctx context.Context) error {
		before, err := Get(ctx, db, id)
		if err != nil {
			return err
		}
		if err := canWrite(auth.From(ctx), before.OrganisationID); err != nil {
			return err
		}
		if err := database.CheckVersion("person", before.Version, version); err != nil {
			return err
		}
		// Their seats on trips go to the people waiting before the
		// registrations vanish with them.
		news, err = trip.WithdrawPerson(ctx, db, id)
		if err != nil {
			return err
		}
		if err := db.DeleteVersioned(ctx, "people", "person", id, version, database.Referrers{}); err != nil {
			return err
		}
		if err := audit.Erase(ctx, db, "person", id); err != nil {
			return err
		}
		if err := idempotency.ForgetMentions(ctx, db, id); err != nil {
			return err
		}
		// Nor do the database's files keep their bytes (SQLite's log).
		db.ScrubAfterCommit(ctx)
		return audit.Record(ctx, db, audit.Delete, "person", id, before.Version, nil, nil)
	})
	if err != nil {
		return nil, err
	}
	return news, nil
}

// RegisterForTrip signs a person up for a trip. The trip package keeps
// the seats; this package says which organisation the person belongs to,
// in the same transaction.
func RegisterForTrip(ctx context.Context, db *database.DB, tripID, personID string) (trip.Participant, error) {
	var out trip.Participant
	err := db.WithTx(ctx, func(ctx context.Context) error {
		p, err := Get(ctx, db, personID)
		if apperr.Is(err, apperr.NotFound) {
			return apperr.Fields{{Field: "person_id", Message: "is not a person in the directory"}}.Err()
		}
		if err != nil {
			return err
		}
		out, err = trip.Register(ctx, db, tripID, trip.Registrant{PersonID: p.ID, OrganisationID: p.OrganisationID})
		return err
	})
	return out, err
}

// OrganisationOf returns the organisation a person belongs to, or
// NotFound: how other records check who may act for an organisation.
func OrganisationOf(ctx context.Context, db *database.DB, id string) (string, error) {
	var orgs []string
	if uuid.Validate(id) == nil {
		if err := db.Conn(ctx).Table("people").Where("id = ?", id).Pluck("organisation_id", &orgs).Error; err != nil {
			return "", err
		}
	}
	if len(orgs) == 0 {
		return "", apperr.New(apperr.NotFound, "No person with id %s", id)
	}
	return orgs[0], nil
}

// Filter narrows the people list.
type Filter struct {
	OrganisationID string
	Language       string
	UpdatedSince   *time.Time
	Q              string
	ExternalID     string // "system:id"
}

// Sort is the people list's order spec. name sorts everyone by reading
// (the kana reading where known, else the Latin name), so Latin names come
// before kana; name_kana (五十音順, the Japanese interface's default) puts
// the Japanese names first by their reading, then the Latin ones in Latin
// order.
var Sort = page.Spec{
	Default:   "name",
	Relevance: true,
	Fields: []page.Field{
		{Name: "name", Column: "name_sort", Kind: page.String},
		{Name: "name_kana", Column: "kana_sort", Kind: page.String},
		{Name: "created_at", Column: "created_at", Kind: page.Time},
		{Name: "updated_at", Column: "updated_at", Kind: page.Time},
	},
}

// columns are what lists read: not the search text.
var columns = database.Columns[Person]("search_text", "search_name")

// organisationMatches finds a person by their organisation: the
// condition that the organisation matches a query. On PostgreSQL it is
// read from the organisation's search text and grams that each person's
// row carries (migration 00036 keeps them in step), so that a list read
// in its order checks a row without looking its organisation up, and the
// matches of a whole list are found by the people's own indexes; on
// SQLite through the organisations' (organisation.MatchClause).
func organisationMatches(db *database.DB) search.Also {
	return func(query string) search.Clause {
		if db.Engine == database.Postgres {
			return search.ConditionIn("people.organisation_search_text", "people.organisation_search_grams", query)
		}
		return organisation.MatchClause(db, "people", query)
	}
}

// List returns one page of people.
func List(ctx context.Context, db *database.DB, f Filter, p page.Page) ([]Person, *string, error) {
	p = p.Ranked(search.RankSQL("people", f.Q))
	q := p.Select(db.Conn(ctx).Table("people"), columns)
	if f.OrganisationID != "" {
		q = q.Where("organisation_id = ?", f.OrganisationID)
	}
	if f.Language != "" {
		q = q.Where("(' ' || languages || ' ') LIKE ?", "% "+f.Language+" %")
	}
	if f.UpdatedSince != nil {
		q = q.Where(db.Selective("updated_at >= ?"), f.UpdatedSince.UTC())
	}
	if system, id, ok := strings.Cut(f.ExternalID, ":"); ok {
		q = q.Where("id IN (SELECT person_id FROM person_external_ids WHERE system = ? AND external_id = ?)", system, id)
	}
	// A person is also found by their organisation's name, ranked below
	// their own name (search.RankOther).
	var rows []Person
	if err := search.Find(q, db, "people", f.Q, p, &rows, organisationMatches(db)); err != nil {
		return nil, nil, err
	}
	items, next := page.Finish(p, rows, func(x Person, field string) page.Key {
		switch field {
		case "created_at":
			return page.Key{Value: x.CreatedAt, ID: x.ID, Rank: x.SearchRank}
		case "updated_at":
			return page.Key{Value: x.UpdatedAt, ID: x.ID, Rank: x.SearchRank}
		case "name_kana":
			return page.Key{Value: x.KanaSort, ID: x.ID, Rank: x.SearchRank}
		}
		return page.Key{Value: x.NameSort, ID: x.ID, Rank: x.SearchRank}
	})
	if err := withExternalIDs(ctx, db, items); err != nil {
		return nil, nil, err
	}
	return items, next, nil
}

// ByIDs loads the people with the ids in one query.
func ByIDs(ctx context.Context, db *database.DB, ids []string) (map[string]Person, error) {
	out := map[string]Person{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []Person
	if err := db.Conn(ctx).Table("people").Select(columns).Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, err
	}
	for _, p := range rows {
		out[p.ID] = p
	}
	return out, nil
}
