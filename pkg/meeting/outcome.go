package meeting

import (
	"context"
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
)

// Sides of a meeting.
const (
	RequesterSide = "requester"
	ReceiverSide  = "receiver"
)

// Sides lists both.
var Sides = []string{RequesterSide, ReceiverSide}

// Attendances an outcome records.
var Attendances = []string{"held", "no_show"}

// NextSteps are what a side wants to happen after a meeting.
var NextSteps = []string{"none", "send_information", "second_meeting", "nda", "mta", "agreement", "project_idea"}

// Outcome is what one side records after a meeting. The note is for the
// side's own organisation only.
type Outcome struct {
	ID         string
	MeetingID  string
	Side       string
	Attendance string
	Rating     *int
	FollowUp   bool
	NextStep   string
	Note       string
	Version    int
	CreatedAt  time.Time
	UpdatedAt  time.Time
	// NoteHidden: the caller may not read the note (it is blanked).
	NoteHidden bool `gorm:"-"`
}

func (Outcome) TableName() string { return "meeting_outcomes" }

type outcomeView struct {
	Side       string `json:"side"`
	Attendance string `json:"attendance"`
	Rating     *int   `json:"rating"`
	FollowUp   bool   `json:"follow_up"`
	NextStep   string `json:"next_step"`
	Note       string `json:"note"`
}

func (o Outcome) view() outcomeView {
	return outcomeView{o.Side, o.Attendance, o.Rating, o.FollowUp, o.NextStep, o.Note}
}

func (o *Outcome) check() error {
	o.Note = strings.TrimSpace(o.Note)
	var bad apperr.Fields
	if !slices.Contains(Attendances, o.Attendance) {
		bad.Add("attendance", "must be held or no_show")
	}
	if o.Rating != nil && (*o.Rating < 1 || *o.Rating > 5) {
		bad.Add("rating", "must be 1 to 5, or null")
	}
	if o.NextStep == "" {
		o.NextStep = "none"
	}
	if !slices.Contains(NextSteps, o.NextStep) {
		bad.Add("next_step", "must be one of %s", strings.Join(NextSteps, ", "))
	}
	if utf8.RuneCountInString(o.Note) > 5000 {
		bad.Add("note", "must be at most 5000 characters")
	}
	return bad.Err()
}

func sideOrg(m Meeting, side string) string {
	if side == RequesterSide {
		return m.RequesterOrganisationID
	}
	return m.ReceiverOrganisationID
}

// seesNote: only the side's own organisation reads its note.
func seesNote(p auth.Principal, m Meeting, side string) bool {
	return p.OrganisationID != "" && p.OrganisationID == sideOrg(m, side)
}

// Outcomes returns a meeting's outcomes, notes blanked for those who may
// not read them.
func Outcomes(ctx context.Context, db *database.DB, tripID, meetingID string) ([]Outcome, error) {
	m, err := Get(ctx, db, tripID, meetingID)
	if err != nil {
		return nil, err
	}
	var list []Outcome
	if err := db.Conn(ctx).Where("meeting_id = ?", meetingID).Order("side").Find(&list).Error; err != nil {
		return nil, err
	}
	p := auth.From(ctx)
	for i := range list {
		if !seesNote(p, m, list[i].Side) {
			list[i].Note, list[i].NoteHidden = "", true
		}
	}
	return list, nil
}

// RecordOutcome records one side's outcome of a scheduled meeting: by
// the side's own organisation, or a coordinator.
func RecordOutcome(ctx context.Context, db *database.DB, tripID, meetingID string, o Outcome) (Outcome, error) {
	if !slices.Contains(Sides, o.Side) {
		return Outcome{}, apperr.Fields{{Field: "side", Message: "must be requester or receiver"}}.Err()
	}
	if err := o.check(); err != nil {
		return Outcome{}, err
	}
	err := db.WithTx(ctx, func(ctx context.Context) error {
		m, err := Get(ctx, db, tripID, meetingID)
		if err != nil {
			return err
		}
		if err := canActFor(auth.From(ctx), sideOrg(m, o.Side), "record outcomes"); err != nil {
			return err
		}
		if m.Status != Accepted || !m.Scheduled() {
			return apperr.New(apperr.Conflict, "Only a scheduled meeting has an outcome (this one is %s)", m.Status)
		}
		now := database.Now()
		o.ID, o.MeetingID, o.Version, o.CreatedAt, o.UpdatedAt = uuid.Must(uuid.NewV7()).String(), meetingID, 1, now, now
		if err := db.WithTx(ctx, func(ctx context.Context) error { return db.Conn(ctx).Create(&o).Error }); err != nil {
			if database.IsDuplicate(err) {
				return apperr.New(apperr.Conflict, "The %s side has recorded its outcome already; change it instead", o.Side)
			}
			return err
		}
		return audit.Record(ctx, db, audit.Create, "meeting_outcome", o.ID, o.Version, nil, o.view())
	})
	return o, err
}

// OutcomePatch changes an outcome.
type OutcomePatch struct {
	Attendance, NextStep, Note opt.Field[string]
	Rating                     opt.Field[int]
	FollowUp                   opt.Field[bool]
}

// UpdateOutcome changes one side's outcome based on its version.
func UpdateOutcome(ctx context.Context, db *database.DB, tripID, meetingID, side string, version int, in OutcomePatch) (Outcome, error) {
	var out Outcome
	err := db.WithTx(ctx, func(ctx context.Context) error {
		m, err := Get(ctx, db, tripID, meetingID)
		if err != nil {
			return err
		}
		var before Outcome
		err = db.Conn(ctx).Where("meeting_id = ? AND side = ?", meetingID, side).Take(&before).Error
		if database.IsNotFound(err) {
			return apperr.New(apperr.NotFound, "The %s side has recorded no outcome", side)
		}
		if err != nil {
			return err
		}
		if err := canActFor(auth.From(ctx), sideOrg(m, side), "record outcomes"); err != nil {
			return err
		}
		if err := database.CheckVersion("outcome", before.Version, version); err != nil {
			return err
		}
		after := before
		for dst, f := range map[*string]opt.Field[string]{&after.Attendance: in.Attendance, &after.NextStep: in.NextStep, &after.Note: in.Note} {
			if f.Set {
				*dst = f.Value
			}
		}
		if in.Rating.Set {
			after.Rating = nil
			if !in.Rating.Null {
				v := in.Rating.Value
				after.Rating = &v
			}
		}
		if in.FollowUp.Set {
			after.FollowUp = in.FollowUp.Value
		}
		if err := after.check(); err != nil {
			return err
		}
		if after.Version, err = db.UpdateVersioned(ctx, "meeting_outcomes", "outcome", before.ID, version, map[string]any{
			"attendance": after.Attendance, "rating": after.Rating, "follow_up": after.FollowUp, "next_step": after.NextStep, "note": after.Note,
		}); err != nil {
			return err
		}
		after.UpdatedAt = database.Now()
		out = after
		return audit.Record(ctx, db, audit.Update, "meeting_outcome", before.ID, after.Version, before.view(), after.view())
	})
	return out, err
}
