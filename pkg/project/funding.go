package project

import (
	"context"
	"errors"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/reference"
)

// Currencies the platform accepts (ISO 4217) and their minor units: an
// amount is an integer count of the minor unit (cents for EUR, yen for
// JPY, which has none).
var Currencies = map[string]int{"EUR": 2, "JPY": 0, "USD": 2, "GBP": 2, "CHF": 2, "CNY": 2, "KRW": 0, "SEK": 2, "DKK": 2, "NOK": 2, "SGD": 2, "CAD": 2, "AUD": 2}

// fkz is the shape of a BMBF Förderkennzeichen such as 031B0123A: two
// digits, a programme part, a number, and an optional letter for the
// sub-project. Sub-projects of one joint project share all but that letter.
var fkz = regexp.MustCompile(`^\d{2}[0-9A-Z]{1,4}\d{3,5}[A-Z]?$`)

// ReferenceStem is a reference without the sub-project letter.
func ReferenceStem(ref string) string {
	if n := len(ref); n > 0 && ref[n-1] >= 'A' && ref[n-1] <= 'Z' && fkz.MatchString(ref) {
		return ref[:n-1]
	}
	return ref
}

// Funding is money for a project from one funder to one recipient.
type Funding struct {
	ID              string
	ProjectID       string
	Funder          string
	Programme       string
	Reference       string
	RecipientID     string
	ExecutingBodyID *string
	Amount          int64
	Currency        string
	FromDate        *string
	UntilDate       *string
	Version         int
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

func (Funding) TableName() string { return "project_fundings" }

type fundingView struct {
	Funder, Programme, Reference, RecipientID string
	ExecutingBodyID                           *string
	Amount                                    int64
	Currency                                  string
	FromDate, UntilDate                       *string
}

func (f Funding) view() fundingView {
	return fundingView{f.Funder, f.Programme, f.Reference, f.RecipientID, f.ExecutingBodyID, f.Amount, f.Currency, f.FromDate, f.UntilDate}
}

func (f *Funding) normalise() {
	f.Funder = strings.ToLower(strings.TrimSpace(f.Funder))
	f.Programme = strings.TrimSpace(f.Programme)
	f.Reference = strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(f.Reference), " ", ""))
	f.Currency = strings.ToUpper(strings.TrimSpace(f.Currency))
}

// MaxAmount is the largest amount of one funding, in minor units. It
// keeps every sum the platform and its reports make (thousands of
// fundings per funder and currency) far inside 64-bit integers.
const MaxAmount = 1_000_000_000_000_000

func (f Funding) check(ctx context.Context, db *database.DB, p Project) error {
	var bad apperr.Fields
	if _, ok := Currencies[f.Currency]; !ok {
		bad.Add("currency", "must be an ISO 4217 code the platform knows: EUR, JPY, USD, …")
	}
	if f.Amount < 0 {
		bad.Add("amount", "must not be negative; amounts are whole minor units (cents for EUR, yen for JPY)")
	} else if f.Amount > MaxAmount {
		bad.Add("amount", "must be at most 1000000000000000 minor units (10 trillion euros in cents)")
	}
	if utf8.RuneCountInString(f.Programme) > 300 {
		bad.Add("programme", "must be at most 300 characters")
	}
	if f.Funder == "bmbf" && f.Reference != "" && !fkz.MatchString(f.Reference) {
		bad.Add("reference", "is not the shape of a BMBF Förderkennzeichen such as 031B0123A")
	} else if utf8.RuneCountInString(f.Reference) > 100 {
		bad.Add("reference", "must be at most 100 characters")
	}
	if !validDate(f.FromDate) {
		bad.Add("from", "must be a date such as 2018-01-01")
	}
	if !validDate(f.UntilDate) {
		bad.Add("until", "must be a date such as 2020-12-31")
	}
	if f.FromDate != nil && f.UntilDate != nil && validDate(f.FromDate) && validDate(f.UntilDate) && *f.UntilDate < *f.FromDate {
		bad.Add("until", "must not be before from")
	}
	isPartner := func(id string) bool {
		return slices.ContainsFunc(p.Partners, func(x Partner) bool { return x.OrganisationID == id })
	}
	if !isPartner(f.RecipientID) {
		bad.Add("recipient_id", "must be a partner of the project")
	}
	if f.ExecutingBodyID != nil && uuid.Validate(*f.ExecutingBodyID) != nil {
		bad.Add("executing_body_id", "must be an organisation id")
	}
	checks := []error{
		organisation.CheckExists(ctx, db, "executing_body_id", f.ExecutingBodyID),
		reference.CheckCodes(ctx, db, reference.Funders, "funder", []string{f.Funder}),
	}
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

// Fundings returns a project's fundings in the order they were added.
func Fundings(ctx context.Context, db *database.DB, projectIDs ...string) ([]Funding, error) {
	var out []Funding
	if len(projectIDs) == 0 {
		return out, nil
	}
	err := db.Conn(ctx).Where("project_id IN ?", projectIDs).Order("created_at, id").Find(&out).Error
	return out, err
}

// Total is a sum of amounts in one currency, for one funder or all.
type Total struct {
	Funder   string
	Currency string
	Amount   int64
}

// Totals sums fundings per currency and per funder and currency; amounts
// in different currencies are never added together.
func Totals(fs []Funding) (byCurrency, byFunder []Total) {
	cur, fun := map[string]int64{}, map[[2]string]int64{}
	for _, f := range fs {
		cur[f.Currency] += f.Amount
		fun[[2]string{f.Funder, f.Currency}] += f.Amount
	}
	for c, a := range cur {
		byCurrency = append(byCurrency, Total{Currency: c, Amount: a})
	}
	for k, a := range fun {
		byFunder = append(byFunder, Total{Funder: k[0], Currency: k[1], Amount: a})
	}
	slices.SortFunc(byCurrency, func(a, b Total) int { return strings.Compare(a.Currency, b.Currency) })
	slices.SortFunc(byFunder, func(a, b Total) int {
		return strings.Compare(a.Funder+" "+a.Currency, b.Funder+" "+b.Currency)
	})
	return byCurrency, byFunder
}

// withProject runs fn in a transaction with the project, after the
// policy check: fundings and milestones are the project's to change.
func withProject(ctx context.Context, db *database.DB, projectID string, fn func(ctx context.Context, p Project) error) error {
	return db.WithTx(ctx, func(ctx context.Context) error {
		p, err := Get(ctx, db, projectID)
		if err != nil {
			return err
		}
		if err := canChange(auth.From(ctx), p); err != nil {
			return err
		}
		return fn(ctx, p)
	})
}

// AddFunding adds a funding to a project.
func AddFunding(ctx context.Context, db *database.DB, projectID string, f Funding) (Funding, error) {
	now := database.Now()
	f.ID, f.ProjectID, f.Version, f.CreatedAt, f.UpdatedAt = uuid.Must(uuid.NewV7()).String(), projectID, 1, now, now
	f.normalise()
	err := withProject(ctx, db, projectID, func(ctx context.Context, p Project) error {
		if err := f.check(ctx, db, p); err != nil {
			return err
		}
		if err := db.Conn(ctx).Create(&f).Error; err != nil {
			return err
		}
		return audit.Record(ctx, db, audit.Create, "funding", f.ID, f.Version, nil, f.view())
	})
	return f, err
}

// FundingPatch changes a funding.
type FundingPatch struct {
	Funder, Programme, Reference, RecipientID, Currency opt.Field[string]
	ExecutingBodyID, FromDate, UntilDate                opt.Field[string]
	Amount                                              opt.Field[int64]
}

// UpdateFunding applies a patch based on version.
func UpdateFunding(ctx context.Context, db *database.DB, projectID, id string, version int, in FundingPatch) (Funding, error) {
	var out Funding
	err := withProject(ctx, db, projectID, func(ctx context.Context, p Project) error {
		before, err := child[Funding](ctx, db, "funding", projectID, id)
		if err != nil {
			return err
		}
		if err := database.CheckVersion("funding", before.Version, version); err != nil {
			return err
		}
		after := before
		for dst, f := range map[*string]opt.Field[string]{&after.Funder: in.Funder, &after.Programme: in.Programme, &after.Reference: in.Reference,
			&after.RecipientID: in.RecipientID, &after.Currency: in.Currency} {
			if f.Set {
				*dst = f.Value
			}
		}
		setOpt(&after.ExecutingBodyID, in.ExecutingBodyID)
		setOpt(&after.FromDate, in.FromDate)
		setOpt(&after.UntilDate, in.UntilDate)
		if in.Amount.Null {
			// A funding always has an amount; null would clear it to 0
			// without saying so, and the spec does not allow it.
			return apperr.Fields{{Field: "amount", Message: "cannot be cleared; a funding has an amount (0 if not yet known)"}}.Err()
		}
		if in.Amount.Set {
			after.Amount = in.Amount.Value
		}
		after.normalise()
		if err := after.check(ctx, db, p); err != nil {
			return err
		}
		if after.Version, err = db.UpdateVersioned(ctx, "project_fundings", "funding", id, version, map[string]any{
			"funder": after.Funder, "programme": after.Programme, "reference": after.Reference, "recipient_id": after.RecipientID,
			"executing_body_id": after.ExecutingBodyID, "amount": after.Amount, "currency": after.Currency, "from_date": after.FromDate, "until_date": after.UntilDate,
		}); err != nil {
			return err
		}
		out = after
		return audit.Record(ctx, db, audit.Update, "funding", id, after.Version, before.view(), after.view())
	})
	return out, err
}

// DeleteFunding removes a funding.
func DeleteFunding(ctx context.Context, db *database.DB, projectID, id string, version int) error {
	return withProject(ctx, db, projectID, func(ctx context.Context, _ Project) error {
		before, err := child[Funding](ctx, db, "funding", projectID, id)
		if err != nil {
			return err
		}
		if err := database.CheckVersion("funding", before.Version, version); err != nil {
			return err
		}
		if err := db.DeleteVersioned(ctx, "project_fundings", "funding", id, version, database.Referrers{}); err != nil {
			return err
		}
		return audit.Record(ctx, db, audit.Delete, "funding", id, before.Version, before.view(), nil)
	})
}

type projectChild interface {
	Funding | Milestone
}

// child loads a funding or milestone of the project.
func child[T projectChild](ctx context.Context, db *database.DB, noun, projectID, id string) (T, error) {
	v, err := database.Get[T](ctx, db, noun, id)
	if err != nil {
		return v, err
	}
	var owner string
	switch x := any(v).(type) {
	case Funding:
		owner = x.ProjectID
	case Milestone:
		owner = x.ProjectID
	}
	if owner != projectID {
		var zero T
		return zero, apperr.New(apperr.NotFound, "No %s %s in this project", noun, id)
	}
	return v, nil
}
