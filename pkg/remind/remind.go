// Package remind sends the notifications nobody's request causes: every
// day the reminders of agreements that end or have expired and of
// milestones that are due or overdue, and every week the coordinators'
// digest of what changed in the network.
//
// They run as River periodic jobs, which only the elected leader of all
// instances inserts, on schedule and when it starts (so that a restarted
// instance catches up). Each reminder is claimed with notify.Once in the
// transaction that queues its mail, so it goes out once whatever runs
// twice: a retried job, a second instance, the next day's run.
package remind

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/mail"
	"github.com/innomunich/platform/pkg/notify"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/project"
	"github.com/innomunich/platform/pkg/trip"
	"github.com/riverqueue/river"
)

// Zone is the time zone whose calendar the reminders follow: the one
// that decides an agreement's status.
var Zone = agreement.StatusZone

// Reminders does the work of the periodic jobs.
type Reminders struct {
	DB *database.DB
	// Notifier queues the mail. It is built on the job client, which is
	// made after its workers: set it after jobs.New, before Start.
	Notifier *notify.Notifier
}

// DailyArgs is the daily job: the reminders due on Day (YYYY-MM-DD in
// Zone).
type DailyArgs struct {
	Day string `json:"day"`
}

func (DailyArgs) Kind() string { return "remind_daily" }

// InsertOpts makes the day's job unique: a second insert of the same day
// (another leader, a restart) is skipped while the first is in the queue.
func (DailyArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// DigestArgs is the weekly job: the digest of the ISO week that begins
// on Monday (YYYY-MM-DD in Zone).
type DigestArgs struct {
	Monday string `json:"monday"`
}

func (DigestArgs) Kind() string { return "remind_weekly_digest" }

func (DigestArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

type dailyWorker struct {
	river.WorkerDefaults[DailyArgs]
	r *Reminders
}

func (w *dailyWorker) Work(ctx context.Context, j *river.Job[DailyArgs]) error {
	return w.r.Daily(ctx, j.Args.Day)
}

type digestWorker struct {
	river.WorkerDefaults[DigestArgs]
	r *Reminders
}

func (w *digestWorker) Work(ctx context.Context, j *river.Job[DigestArgs]) error {
	return w.r.Digest(ctx, j.Args.Monday)
}

// Register adds the workers of the periodic jobs to ws.
func Register(ws *river.Workers, r *Reminders) {
	river.AddWorker(ws, &dailyWorker{r: r})
	river.AddWorker(ws, &digestWorker{r: r})
}

// Periodic returns the periodic jobs, judging the day by now: the
// reminders every day at 07:00, the digest of the week before every
// Monday at 07:00, both also when an instance becomes the leader.
func Periodic(now func() time.Time) []*river.PeriodicJob {
	return []*river.PeriodicJob{
		river.NewPeriodicJob(at{hour: 7}, func() (river.JobArgs, *river.InsertOpts) {
			return DailyArgs{Day: agreement.Today(now())}, nil
		}, &river.PeriodicJobOpts{ID: DailyArgs{}.Kind(), RunOnStart: true}),
		river.NewPeriodicJob(at{hour: 7, monday: true}, func() (river.JobArgs, *river.InsertOpts) {
			return DigestArgs{Monday: LastWeek(now())}, nil
		}, &river.PeriodicJobOpts{ID: DigestArgs{}.Kind(), RunOnStart: true}),
	}
}

// at is a schedule: every day, or every Monday, at hour o'clock in Zone.
type at struct {
	hour   int
	monday bool
}

func (s at) Next(t time.Time) time.Time {
	l := t.In(Zone)
	n := time.Date(l.Year(), l.Month(), l.Day(), s.hour, 0, 0, 0, Zone)
	for !n.After(t) || (s.monday && n.Weekday() != time.Monday) {
		n = time.Date(n.Year(), n.Month(), n.Day()+1, s.hour, 0, 0, 0, Zone)
	}
	return n
}

// LastWeek returns the Monday of the last whole ISO week before now.
func LastWeek(now time.Time) string {
	d := now.In(Zone)
	back := (int(d.Weekday())+6)%7 + 7 // days since the Monday before
	return time.Date(d.Year(), d.Month(), d.Day()-back, 0, 0, 0, 0, Zone).Format(time.DateOnly)
}

// errNotWanted rolls back a claim when nobody wanted the message.
var errNotWanted = errors.New("nobody has this notification on")

// once queues a notification in a transaction that claims key: the
// first run sends it, every later run finds the claim and sends nothing.
// When no recipient has it on, no claim is kept either.
func (r *Reminders) once(ctx context.Context, key string, n notify.Notification) error {
	err := r.DB.WithTx(ctx, func(ctx context.Context) error {
		first, err := notify.Once(ctx, r.DB, key)
		if err != nil || !first {
			return err
		}
		sent, err := r.Notifier.Send(ctx, n)
		if err == nil && sent == 0 {
			return errNotWanted
		}
		return err
	})
	if errors.Is(err, errNotWanted) {
		return nil
	}
	return err
}

// Daily queues the reminders due on day: agreements to the
// coordinators, milestones to the users of the project's coordinating
// organisation.
func (r *Reminders) Daily(ctx context.Context, day string) error {
	if _, err := time.Parse(time.DateOnly, day); err != nil {
		return fmt.Errorf("remind: day %q: %w", day, err)
	}
	agreements, err := agreement.DueForReminder(ctx, r.DB, day)
	if err != nil {
		return err
	}
	if len(agreements) > 0 {
		coordinators, err := notify.Coordinators(ctx, r.DB)
		if err != nil {
			return err
		}
		for _, a := range agreements {
			template := "agreement_ending"
			if a.Threshold == agreement.Lapsed {
				template = "agreement_expired"
			}
			err := r.once(ctx, "agreement_expiry:"+a.ID+":"+a.ValidUntil+":"+a.Threshold, notify.Notification{
				Kind: "agreement_expiry", Template: template,
				Data: map[string]string{"Agreement": a.Title}, ByLanguage: dates("Until", a.ValidUntil),
				Path: "/agreements/" + a.ID, To: coordinators,
			})
			if err != nil {
				return err
			}
		}
	}
	milestones, err := project.MilestonesDue(ctx, r.DB, day)
	if err != nil {
		return err
	}
	users := map[string][]notify.Recipient{}
	for _, m := range milestones {
		to, ok := users[m.CoordinatorOrg]
		if !ok {
			if to, err = notify.OrganisationUsers(ctx, r.DB, m.CoordinatorOrg); err != nil {
				return err
			}
			users[m.CoordinatorOrg] = to
		}
		template := "milestone_due"
		if m.Threshold == project.Overdue {
			template = "milestone_overdue"
		}
		err := r.once(ctx, "milestone_due:"+m.ID+":"+m.DueOn+":"+m.Threshold, notify.Notification{
			Kind: "milestone_due", Template: template,
			Data: map[string]string{"Milestone": m.Title, "Project": m.ProjectTitle}, ByLanguage: dates("Due", m.DueOn),
			Path: "/projects/" + m.ProjectID, To: to,
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// digestTopics are what a digest counts, with the catalogue key of its
// line and how to name one.
var digestTopics = []struct {
	entity, key string
	name        func(context.Context, *database.DB, string) (string, error)
}{
	{"organisation", "weekly_digest.organisations", func(ctx context.Context, db *database.DB, id string) (string, error) {
		o, err := organisation.Get(ctx, db, id)
		return o.Name, err
	}},
	{"agreement", "weekly_digest.agreements", func(ctx context.Context, db *database.DB, id string) (string, error) {
		a, err := agreement.Get(ctx, db, id)
		return a.Title, err
	}},
	{"trip", "weekly_digest.trips", func(ctx context.Context, db *database.DB, id string) (string, error) {
		t, err := trip.Get(ctx, db, id)
		return t.Title, err
	}},
	{"project", "weekly_digest.projects", func(ctx context.Context, db *database.DB, id string) (string, error) {
		p, err := project.Get(ctx, db, id)
		return p.Title, err
	}},
}

// namesInDigest is how many names a line shows.
const namesInDigest = 3

// Digest queues the weekly digest of the ISO week beginning on monday to
// every coordinator who switched it on, once per coordinator and week.
// A week without changes sends nothing.
func (r *Reminders) Digest(ctx context.Context, monday string) error {
	start, err := time.ParseInLocation(time.DateOnly, monday, Zone)
	if err != nil || start.Weekday() != time.Monday {
		return fmt.Errorf("remind: %q is not a Monday", monday)
	}
	end := start.AddDate(0, 0, 7)
	lines := map[string][]string{}
	for _, topic := range digestTopics {
		created, changed, err := audit.Touched(ctx, r.DB, topic.entity, start, end)
		if err != nil {
			return err
		}
		if len(created)+len(changed) == 0 {
			continue
		}
		var names []string
		for _, id := range append(created, changed...) {
			if len(names) == namesInDigest {
				names = append(names, "…")
				break
			}
			name, err := topic.name(ctx, r.DB, id)
			if apperr.Is(err, apperr.NotFound) {
				continue
			}
			if err != nil {
				return err
			}
			names = append(names, name)
		}
		for _, l := range i18n.Locales {
			sep := ", "
			if l == "ja" {
				sep = "、"
			}
			line, err := mail.Text(l, topic.key, map[string]string{
				"New": fmt.Sprint(len(created)), "Changed": fmt.Sprint(len(changed)), "Names": strings.Join(names, sep)})
			if err != nil {
				return err
			}
			lines[l] = append(lines[l], line)
		}
	}
	if len(lines) == 0 {
		return nil
	}
	coordinators, err := notify.Coordinators(ctx, r.DB)
	if err != nil {
		return err
	}
	year, week := start.ISOWeek()
	byLanguage := dates("From", monday)
	for l, d := range dates("To", end.AddDate(0, 0, -1).Format(time.DateOnly)) {
		byLanguage[l]["To"] = d["To"]
	}
	for _, c := range coordinators {
		err := r.once(ctx, fmt.Sprintf("weekly_digest:%s:%d-W%02d", c.UserID, year, week), notify.Notification{
			Kind: "weekly_digest", Template: "weekly_digest", ByLanguage: byLanguage,
			Path: "/", Lines: lines[mail.Language(c.Language)], To: []notify.Recipient{c},
		})
		if err != nil {
			return err
		}
	}
	return nil
}

var germanMonths = []string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"}

// dates returns day (YYYY-MM-DD) as each language writes it, as the
// placeholder key: 2 March 2027, 2. März 2027, 2027年3月2日.
func dates(key, day string) map[string]map[string]string {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return map[string]map[string]string{"en": {key: day}, "de": {key: day}, "ja": {key: day}}
	}
	return map[string]map[string]string{
		"en": {key: t.Format("2 January 2006")},
		"de": {key: fmt.Sprintf("%d. %s %d", t.Day(), germanMonths[t.Month()-1], t.Year())},
		"ja": {key: fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())},
	}
}
