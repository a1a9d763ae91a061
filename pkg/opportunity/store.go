package opportunity

import (
	"context"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/reference"
	"github.com/innomunich/platform/pkg/search"
)

// canWrite is the policy: coordinators and admins keep every
// organisation's opportunities, a member its own organisation's; viewers
// none. API keys also need write:opportunities.
func canWrite(p auth.Principal, orgID string) error {
	if !p.Allows(auth.ScopeWriteOpportunities) {
		return apperr.New(apperr.Forbidden, "This API key lacks the write:opportunities scope")
	}
	if p.IsCoordinator() || (p.Role == auth.RoleMember && p.OrganisationID != "" && p.OrganisationID == orgID) {
		return nil
	}
	return apperr.New(apperr.Forbidden, "You may keep only your own organisation's opportunities")
}

// defaults fills what a new opportunity may leave out.
func (o *Opportunity) defaults(now time.Time) {
	if o.ValidUntil == "" {
		o.ValidUntil = now.In(Zone).AddDate(DefaultValidity, 0, 0).Format(time.DateOnly)
	}
	if o.Status == "" {
		o.Status = Draft
	}
	if o.Stage == "" {
		o.Stage = "not_applicable"
	}
	if o.IPStatus == "" {
		o.IPStatus = "not_applicable"
	}
}

// publish stamps the first publication.
func (o *Opportunity) publish(now time.Time) {
	if o.Status == Published && o.PublishedAt == nil {
		o.PublishedAt = &now
	}
}

// Prepare returns o as Create stores it (defaults, trimmed, validated,
// derived columns filled) with its search grams and tags, for bulk
// loaders (demo data, the generator) that write many at once.
func Prepare(o Opportunity, now time.Time) (Opportunity, []string, []string, error) {
	o.defaults(now)
	o.normalise()
	if err := o.Validate(); err != nil {
		return o, nil, nil, err
	}
	o.publish(now)
	o.derive()
	return o, o.grams(), o.tags(), nil
}

// Tag is one row of opportunity_tags, for bulk loaders.
type Tag struct {
	OpportunityID string
	Tag           string
}

func (Tag) TableName() string { return "opportunity_tags" }

// FocusArea is one row of opportunity_focus_areas, for bulk loaders.
type FocusArea struct {
	OpportunityID string
	FocusArea     string
}

func (FocusArea) TableName() string { return "opportunity_focus_areas" }

func writeLinks(ctx context.Context, db *database.DB, o Opportunity) error {
	if err := db.Conn(ctx).Exec("DELETE FROM opportunity_tags WHERE opportunity_id = ?", o.ID).Error; err != nil {
		return err
	}
	for _, t := range o.tags() {
		if err := db.Conn(ctx).Create(&Tag{o.ID, t}).Error; err != nil {
			return err
		}
	}
	if err := search.WriteGrams(ctx, db, "opportunities", o.ID, o.grams()); err != nil {
		return err
	}
	return reference.SetFocusAreas(ctx, db, "opportunity_focus_areas", "opportunity_id", o.ID, o.FocusAreas)
}

// Create adds an opportunity.
func Create(ctx context.Context, db *database.DB, o Opportunity) (Opportunity, error) {
	if err := canWrite(auth.From(ctx), o.OrganisationID); err != nil {
		return Opportunity{}, err
	}
	now := database.Now()
	o.ID, o.Version, o.CreatedAt, o.UpdatedAt, o.PublishedAt = uuid.Must(uuid.NewV7()).String(), 1, now, now, nil
	o, _, _, err := Prepare(o, now)
	if err != nil {
		return Opportunity{}, err
	}
	err = db.WithTx(ctx, func(ctx context.Context) error {
		if err := checkReferences(ctx, db, o); err != nil {
			return err
		}
		if err := db.Conn(ctx).Omit("FocusAreas").Create(&o).Error; err != nil {
			return err
		}
		if err := writeLinks(ctx, db, o); err != nil {
			return err
		}
		return audit.Record(ctx, db, audit.Create, "opportunity", o.ID, o.Version, nil, o.view())
	})
	if err != nil {
		return Opportunity{}, err
	}
	return Get(ctx, db, o.ID)
}

// Patch changes an opportunity; absent fields stay. The organisation of
// an opportunity never changes (a merge of organisations aside).
type Patch struct {
	Kind, Stage, IPStatus, ValidUntil, Status opt.Field[string]
	ContactPersonID, ClosedReason             opt.Field[string]
	Title, Summary, Details                   i18n.TextPatch
	FocusAreas, Modalities, CooperationTypes  opt.Field[[]string]
	TargetCountries                           opt.Field[[]string]
}

func setString(dst *string, f opt.Field[string]) {
	if f.Set {
		*dst = f.Value // "" when null: validation names it
	}
}

func setOptional(dst **string, f opt.Field[string]) {
	if f.Set {
		*dst = nil
		if !f.Null {
			v := f.Value
			*dst = &v
		}
	}
}

func setList(dst *[]string, f opt.Field[[]string]) {
	if f.Set {
		*dst = slices.Clone(f.Value)
	}
}

func (in Patch) apply(o *Opportunity) {
	setString(&o.Kind, in.Kind)
	setString(&o.Stage, in.Stage)
	setString(&o.IPStatus, in.IPStatus)
	setString(&o.ValidUntil, in.ValidUntil)
	setString(&o.Status, in.Status)
	setOptional(&o.ContactPersonID, in.ContactPersonID)
	setOptional(&o.ClosedReason, in.ClosedReason)
	o.Title, o.Summary, o.Details = in.Title.Apply(o.Title), in.Summary.Apply(o.Summary), in.Details.Apply(o.Details)
	setList(&o.FocusAreas, in.FocusAreas)
	m, c, t := []string(o.Modalities), []string(o.CooperationTypes), []string(o.TargetCountries)
	setList(&m, in.Modalities)
	setList(&c, in.CooperationTypes)
	setList(&t, in.TargetCountries)
	o.Modalities, o.CooperationTypes, o.TargetCountries = m, c, t
}

// Update applies a patch based on version.
func Update(ctx context.Context, db *database.DB, id string, version int, in Patch) (Opportunity, error) {
	err := db.WithTx(ctx, func(ctx context.Context) error {
		before, err := Get(ctx, db, id)
		if err != nil {
			return err
		}
		if err := canWrite(auth.From(ctx), before.OrganisationID); err != nil {
			return err
		}
		if err := database.CheckVersion("opportunity", before.Version, version); err != nil {
			return err
		}
		after := before
		in.apply(&after)
		after.normalise()
		if err := after.Validate(); err != nil {
			return err
		}
		after.publish(database.Now())
		after.derive()
		if err := checkReferences(ctx, db, after); err != nil {
			return err
		}
		if after.Version, err = db.UpdateVersioned(ctx, "opportunities", "opportunity", id, version, after.columns()); err != nil {
			return err
		}
		if err := writeLinks(ctx, db, after); err != nil {
			return err
		}
		return audit.Record(ctx, db, audit.Update, "opportunity", id, after.Version, before.view(), after.view())
	})
	if err != nil {
		return Opportunity{}, err
	}
	return Get(ctx, db, id)
}

// columns are what an update writes.
func (o Opportunity) columns() map[string]any {
	return map[string]any{
		"kind": o.Kind, "title_de": o.Title.De, "title_en": o.Title.En, "title_ja": o.Title.Ja,
		"summary_de": o.Summary.De, "summary_en": o.Summary.En, "summary_ja": o.Summary.Ja,
		"details_de": o.Details.De, "details_en": o.Details.En, "details_ja": o.Details.Ja,
		"modalities": o.Modalities, "stage": o.Stage, "cooperation_types": o.CooperationTypes,
		"target_countries": o.TargetCountries, "ip_status": o.IPStatus, "contact_person_id": o.ContactPersonID,
		"valid_until": o.ValidUntil, "status": o.Status, "closed_reason": o.ClosedReason,
		"published_at": o.PublishedAt, "published_sort": o.PublishedSort, "search_text": o.SearchText, "search_name": o.SearchName,
		"organisation_id": o.OrganisationID,
	}
}

// Delete removes an opportunity, based on version.
func Delete(ctx context.Context, db *database.DB, id string, version int) error {
	return db.WithTx(ctx, func(ctx context.Context) error {
		before, err := Get(ctx, db, id)
		if err != nil {
			return err
		}
		if err := canWrite(auth.From(ctx), before.OrganisationID); err != nil {
			return err
		}
		if err := database.CheckVersion("opportunity", before.Version, version); err != nil {
			return err
		}
		if err := db.DeleteVersioned(ctx, "opportunities", "opportunity", id, version, Referrers); err != nil {
			return err
		}
		return audit.Record(ctx, db, audit.Delete, "opportunity", id, before.Version, before.view(), nil)
	})
}

// Referrers are the records that refer to an opportunity and keep it from
// being deleted; packages that hang records off opportunities (interests)
// add theirs here.
var Referrers = database.Referrers{}
