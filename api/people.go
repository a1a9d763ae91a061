package api

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/person"
	"github.com/labstack/echo/v4"
)

// OrganisationRef names a referenced organisation.
// name is its Latin name; name_local its name in the local script
// (Japanese), empty where none is known.
type OrganisationRef struct {
	ID        string `json:"id" format:"uuid"`
	Name      string `json:"name" example:"Osaka BioHeadquarters"`
	NameLocal string `json:"name_local" example:"大阪バイオ・ヘッドクオーター"`
} // @name OrganisationRef

// orgRef names the organisation with the id from names (organisation.Refs).
func orgRef(names map[string]organisation.Ref, id string) OrganisationRef {
	return OrganisationRef{ID: id, Name: names[id].Name, NameLocal: names[id].NameLocal}
}

// Person is a contact of the directory. email and phone are null for
// callers who may not see them (only coordinators, admins and the
// person's own organisation may).
type Person struct {
	ID              string          `json:"id" format:"uuid"`
	OrganisationID  string          `json:"organisation_id" format:"uuid"`
	Organisation    OrganisationRef `json:"organisation"`
	DisplayName     string          `json:"display_name" example:"山田 太郎"`
	GivenName       string          `json:"given_name" example:"Taro"`
	FamilyName      string          `json:"family_name" example:"Yamada"`
	GivenNameLocal  string          `json:"given_name_local" example:"太郎"`
	FamilyNameLocal string          `json:"family_name_local" example:"山田"`
	GivenNameKana   string          `json:"given_name_kana" example:"タロウ"`
	FamilyNameKana  string          `json:"family_name_kana" example:"ヤマダ"`
	Position        string          `json:"position"`
	Email           *string         `json:"email" extensions:"x-nullable"`
	Phone           *string         `json:"phone" extensions:"x-nullable"`
	Languages       []string        `json:"languages" example:"ja,en"`
	ConsentAt       *time.Time      `json:"consent_at" format:"date-time" extensions:"x-nullable"`
	// ExternalIDs are the ids partner systems know the person by.
	ExternalIDs map[string]string `json:"external_ids" example:"kawasaki-crm:P-4711"`
	Version     int               `json:"version" example:"1"`
	CreatedAt   time.Time         `json:"created_at" format:"date-time"`
	UpdatedAt   time.Time         `json:"updated_at" format:"date-time"`
} // @name Person

// personOut converts for a caller: the contact data only where the caller
// may see it, the display name in the caller's language.
func personOut(caller auth.Principal, orgNames map[string]organisation.Ref) func(person.Person) Person {
	locale := caller.Locale
	return func(p person.Person) Person {
		out := Person{ID: p.ID, OrganisationID: p.OrganisationID, Organisation: orgRef(orgNames, p.OrganisationID),
			DisplayName: p.DisplayName(locale), GivenName: p.GivenName, FamilyName: p.FamilyName, GivenNameLocal: p.GivenNameLocal,
			FamilyNameLocal: p.FamilyNameLocal, GivenNameKana: p.GivenNameKana, FamilyNameKana: p.FamilyNameKana, Position: p.Position,
			Languages: p.LanguageList(), ConsentAt: p.ConsentAt, Version: p.Version, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt,
			ExternalIDs: externalIDsOut(p.ExternalIDs)}
		if p.ContactVisibleTo(caller) {
			email, phone := p.Email, p.Phone
			out.Email, out.Phone = &email, &phone
		}
		return out
	}
}

// peopleOut converts a page, naming the organisations with one query.
func (s *server) peopleOut(ctx context.Context, rows []person.Person) (func(person.Person) Person, error) {
	ids := make([]string, 0, len(rows))
	for _, p := range rows {
		ids = append(ids, p.OrganisationID)
	}
	names, err := organisation.Refs(ctx, s.DB, ids)
	if err != nil {
		return nil, err
	}
	return personOut(auth.From(ctx), names), nil
}

// PersonCreate adds a person.
type PersonCreate struct {
	OrganisationID  string     `json:"organisation_id" format:"uuid"`
	GivenName       string     `json:"given_name,omitempty" maxLength:"100"`
	FamilyName      string     `json:"family_name" minLength:"1" maxLength:"100"`
	GivenNameLocal  string     `json:"given_name_local,omitempty" maxLength:"100"`
	FamilyNameLocal string     `json:"family_name_local,omitempty" maxLength:"100"`
	GivenNameKana   string     `json:"given_name_kana,omitempty" maxLength:"100"`
	FamilyNameKana  string     `json:"family_name_kana,omitempty" maxLength:"100"`
	Position        string     `json:"position,omitempty" maxLength:"200"`
	Email           string     `json:"email,omitempty"`
	Phone           string     `json:"phone,omitempty" maxLength:"100"`
	Languages       []string   `json:"languages,omitempty"`
	ConsentAt       *time.Time `json:"consent_at,omitempty" format:"date-time"`
	// ExternalIDs are the ids partner systems know the person by: system
	// name (lowercase slug) → id; each unique per system.
	ExternalIDs map[string]string `json:"external_ids,omitempty" example:"kawasaki-crm:P-4711"`
} // @name PersonCreate

// PersonPatch changes a person (JSON merge patch).
type PersonPatch struct {
	OrganisationID  opt.Field[string]    `json:"organisation_id,omitempty" swaggertype:"string" format:"uuid"`
	GivenName       opt.Field[string]    `json:"given_name,omitempty" swaggertype:"string" maxLength:"100"`
	FamilyName      opt.Field[string]    `json:"family_name,omitempty" swaggertype:"string" minLength:"1" maxLength:"100"`
	GivenNameLocal  opt.Field[string]    `json:"given_name_local,omitempty" swaggertype:"string" maxLength:"100"`
	FamilyNameLocal opt.Field[string]    `json:"family_name_local,omitempty" swaggertype:"string" maxLength:"100"`
	GivenNameKana   opt.Field[string]    `json:"given_name_kana,omitempty" swaggertype:"string" maxLength:"100"`
	FamilyNameKana  opt.Field[string]    `json:"family_name_kana,omitempty" swaggertype:"string" maxLength:"100"`
	Position        opt.Field[string]    `json:"position,omitempty" swaggertype:"string" maxLength:"200"`
	Email           opt.Field[string]    `json:"email,omitempty" swaggertype:"string"`
	Phone           opt.Field[string]    `json:"phone,omitempty" swaggertype:"string" maxLength:"100"`
	Languages       opt.Field[[]string]  `json:"languages,omitempty" swaggertype:"array,string"`
	ConsentAt       opt.Field[time.Time] `json:"consent_at,omitempty" swaggertype:"string" format:"date-time" extensions:"x-nullable"`
	// ExternalIDs is a merge patch of the external ids: an id sets the
	// system's, null removes it; null for the whole removes them all.
	ExternalIDs opt.Field[map[string]*string] `json:"external_ids,omitempty" swaggertype:"object,string" extensions:"x-nullable" example:"kawasaki-crm:P-4711"`
} // @name PersonPatch

func (in PersonPatch) patch() person.Patch {
	return person.Patch{
		OrganisationID: in.OrganisationID, GivenName: in.GivenName, FamilyName: in.FamilyName, GivenNameLocal: in.GivenNameLocal,
		FamilyNameLocal: in.FamilyNameLocal, GivenNameKana: in.GivenNameKana, FamilyNameKana: in.FamilyNameKana, Position: in.Position,
		Email: in.Email, Phone: in.Phone, Languages: in.Languages, ConsentAt: in.ConsentAt, ExternalIDs: in.ExternalIDs,
	}
}

// listPeople godoc
//
//	@Summary		List people
//	@Description	q finds names in Latin and Japanese script and their reading. Sorted by reading by default. E-mail and phone are null unless the caller coordinates or belongs to the person's organisation.
//	@Tags			people
//	@Produce		json
//	@Security		bearer
//	@Param			organisation	query		string	false	"Organisation id"	format(uuid)
//	@Param			language		query		string	false	"Speaks this language (ISO 639-1)"	example(ja)
//	@Param			updated_since	query		string	false	"Changed at or after (RFC 3339)"	format(date-time)
//	@Param			q				query		string	false	"Search in names (in either order, Latin and Japanese script, kana reading), the position and the organisation: its names and short name, and for words of three characters or more its city, descriptions and identifiers too; ranked"	example(山田)
//	@Param			external_id		query		string	false	"system:id, the person a partner system knows by that id"	example(kawasaki-crm:P-4711)
//	@Param			limit			query		int		false	"Page size, 1–200"	default(50)
//	@Param			cursor			query		string	false	"next_cursor of the previous page"
//	@Param			sort			query		string	false	"name, name_kana (五十音順: Japanese names first by reading, then Latin names), created_at or updated_at; prefix - for descending"	default(name)
//	@Success		200				{object}	List[Person]
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Router			/api/v1/people [get]
func (s *server) listPeople(c echo.Context) error {
	q := newQuery(c, "organisation", "language", "updated_since", "q", "external_id")
	f := person.Filter{OrganisationID: q.id("organisation"), Language: strings.ToLower(q.str("language")), UpdatedSince: q.instant("updated_since"), Q: q.str("q"),
		ExternalID: q.externalID("external_id")}
	return s.writePeople(c, q, f)
}

func (s *server) writePeople(c echo.Context, q *query, f person.Filter) error {
	p := q.page(person.Sort)
	if err := q.err(); err != nil {
		return err
	}
	ctx := c.Request().Context()
	rows, next, err := person.List(ctx, s.DB, f, p)
	if err != nil {
		return err
	}
	convert, err := s.peopleOut(ctx, rows)
	if err != nil {
		return err
	}
	return writeList(c, newList(rows, next, convert))
}

// listOrganisationPeople godoc
//
//	@Summary	People of an organisation
//	@Tags		organisations
//	@Produce	json
//	@Security	bearer
//	@Param		id		path		string	true	"Organisation id"	format(uuid)
//	@Param		limit	query		int		false	"Page size, 1–200"	default(50)
//	@Param		cursor	query		string	false	"next_cursor of the previous page"
//	@Param		sort	query		string	false	"name, name_kana, created_at or updated_at"	default(name)
//	@Success	200		{object}	List[Person]
//	@Failure	400		{object}	Problem
//	@Failure	401		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Router		/api/v1/organisations/{id}/people [get]
func (s *server) listOrganisationPeople(c echo.Context) error {
	id, err := pathID(c, "id", "organisation")
	if err != nil {
		return err
	}
	if _, err := organisation.Get(c.Request().Context(), s.DB, id); err != nil {
		return err
	}
	return s.writePeople(c, newQuery(c), person.Filter{OrganisationID: id})
}

func (s *server) writePerson(c echo.Context, status int, p person.Person) error {
	convert, err := s.peopleOut(c.Request().Context(), []person.Person{p})
	if err != nil {
		return err
	}
	return writeOne(c, status, p.Version, convert(p))
}

// createPerson godoc
//
//	@Summary	Add a person
//	@Tags		people
//	@Accept		json
//	@Produce	json
//	@Security	bearer
//	@Param		Idempotency-Key	header		string			false	"Makes a retry safe"
//	@Param		body			body		PersonCreate	true	"The person"
//	@Success	201				{object}	Person
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	422				{object}	Problem
//	@Router		/api/v1/people [post]
func (s *server) createPerson(c echo.Context) error {
	var in PersonCreate
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	p, err := person.Create(c.Request().Context(), s.DB, person.Person{
		OrganisationID: in.OrganisationID, GivenName: in.GivenName, FamilyName: in.FamilyName, GivenNameLocal: in.GivenNameLocal,
		FamilyNameLocal: in.FamilyNameLocal, GivenNameKana: in.GivenNameKana, FamilyNameKana: in.FamilyNameKana, Position: in.Position,
		Email: in.Email, Phone: in.Phone, Languages: strings.Join(in.Languages, " "), ConsentAt: in.ConsentAt, ExternalIDs: in.ExternalIDs,
	})
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/people/"+p.ID)
	return s.writePerson(c, http.StatusCreated, p)
}

// getPerson godoc
//
//	@Summary	Get a person
//	@Tags		people
//	@Produce	json
//	@Security	bearer
//	@Param		id	path		string	true	"Person id"	format(uuid)
//	@Success	200	{object}	Person
//	@Failure	401	{object}	Problem
//	@Failure	404	{object}	Problem
//	@Router		/api/v1/people/{id} [get]
func (s *server) getPerson(c echo.Context) error {
	id, err := pathID(c, "id", "person")
	if err != nil {
		return err
	}
	p, err := person.Get(c.Request().Context(), s.DB, id)
	if err != nil {
		return err
	}
	return s.writePerson(c, http.StatusOK, p)
}

// updatePerson godoc
//
//	@Summary	Change a person
//	@Tags		people
//	@Accept		json
//	@Produce	json
//	@Security	bearer
//	@Param		id			path		string		true	"Person id"	format(uuid)
//	@Param		If-Match	header		string		true	"ETag of the version changed"
//	@Param		body		body		PersonPatch	true	"Fields to change (JSON merge patch)"
//	@Success	200			{object}	Person
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	412			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Router		/api/v1/people/{id} [patch]
func (s *server) updatePerson(c echo.Context) error {
	id, version, err := target(c, "person")
	if err != nil {
		return err
	}
	var in PersonPatch
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	p, err := person.Update(c.Request().Context(), s.DB, id, version, in.patch())
	if err != nil {
		return err
	}
	return s.writePerson(c, http.StatusOK, p)
}

// deletePerson godoc
//
//	@Summary		Delete a person and erase their personal data
//	@Description	The audit log keeps that the person was deleted, not their data (GDPR erasure).
//	@Tags			people
//	@Security		bearer
//	@Param			id			path	string	true	"Person id"	format(uuid)
//	@Param			If-Match	header	string	true	"ETag of the version deleted"
//	@Success		204
//	@Failure		401	{object}	Problem
//	@Failure		403	{object}	Problem
//	@Failure		404	{object}	Problem
//	@Failure		412	{object}	Problem
//	@Failure		428	{object}	Problem
//	@Router			/api/v1/people/{id} [delete]
func (s *server) deletePerson(c echo.Context) error {
	id, version, err := target(c, "person")
	if err != nil {
		return err
	}
	err = s.DB.WithTx(c.Request().Context(), func(ctx context.Context) error {
		news, err := person.Delete(ctx, s.DB, id, version)
		if err != nil {
			return err
		}
		return s.tellRegistrations(ctx, news) // those moving up into the person's seats
	})
	if err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// upsertPerson godoc
//
//	@Summary		Create or update a person by their external id
//	@Description	For a partner's nightly sync: the person that the partner system calls id is updated with the fields of the body (absent fields keep their value), or created if none has that external id (201 with Location; organisation_id and family_name are needed then). The same body again changes nothing and keeps the version (200). If-Match is optional: with it, the person must exist at that version (412 otherwise). An API key restricted to an external system may upsert only by that system's ids (403).
//	@Tags			people
//	@Accept			json
//	@Produce		json
//	@Security		bearer
//	@Param			system		path		string		true	"External system, a lowercase slug"	example(kawasaki-crm)
//	@Param			external_id	path		string		true	"The id in that system"	example(P-4711)
//	@Param			If-Match	header		string		false	"ETag of the version changed (optional)"
//	@Param			body		body		PersonPatch	true	"Fields to set (absent fields keep their value)"
//	@Success		200			{object}	Person
//	@Success		201			{object}	Person
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem
//	@Failure		409			{object}	Problem
//	@Failure		412			{object}	Problem
//	@Failure		422			{object}	Problem
//	@Router			/api/v1/people/by-external-id/{system}/{external_id} [put]
func (s *server) upsertPerson(c echo.Context) error {
	system, id, version, err := externalTarget(c)
	if err != nil {
		return err
	}
	var in PersonPatch
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	p, created, err := person.Upsert(c.Request().Context(), s.DB, system, id, version, in.patch())
	if err != nil {
		return err
	}
	if created {
		c.Response().Header().Set(echo.HeaderLocation, "/api/v1/people/"+p.ID)
		return s.writePerson(c, http.StatusCreated, p)
	}
	return s.writePerson(c, http.StatusOK, p)
}
