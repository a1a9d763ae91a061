package meeting

import (
	"context"
	"errors"
	"time"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/notify"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/person"
	"github.com/riverqueue/river"
)

// The personal agenda the evening before: from 18:00 in a trip's time
// zone, everyone with meetings the next day there gets that day's
// meetings (to the person, and their organisation's users), once. An
// hourly job looks; notify.Once makes each (trip, person, day) go once,
// whatever runs twice.

// EveningHour is when, in the trip's zone, the next day's agenda goes.
const EveningHour = 18

// AgendaArgs is the hourly job, named by its hour (UTC) so that a second
// insert of one hour is skipped.
type AgendaArgs struct {
	Hour string `json:"hour"`
}

func (AgendaArgs) Kind() string { return "meeting_agendas" }

func (AgendaArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// Agendas sends the evening agendas.
type Agendas struct {
	DB *database.DB
	// Notifier is set after the job client exists, before Start.
	Notifier *notify.Notifier
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

type agendaWorker struct {
	river.WorkerDefaults[AgendaArgs]
	a *Agendas
}

func (w *agendaWorker) Work(ctx context.Context, _ *river.Job[AgendaArgs]) error {
	now := time.Now
	if w.a.Now != nil {
		now = w.a.Now
	}
	return w.a.Send(ctx, now())
}

// RegisterAgendas adds the worker.
func RegisterAgendas(ws *river.Workers, a *Agendas) { river.AddWorker(ws, &agendaWorker{a: a}) }

type hourly struct{}

func (hourly) Next(t time.Time) time.Time { return t.Truncate(time.Hour).Add(time.Hour) }

// AgendaPeriodic is the hourly job (also on start, to catch up).
func AgendaPeriodic(now func() time.Time) *river.PeriodicJob {
	return river.NewPeriodicJob(hourly{}, func() (river.JobArgs, *river.InsertOpts) {
		return AgendaArgs{Hour: now().UTC().Format("2006-01-02T15")}, nil
	}, &river.PeriodicJobOpts{ID: AgendaArgs{}.Kind(), RunOnStart: true})
}

var errNobody = errors.New("nobody wants it")

// Send queues the agendas due at now: for every scheduled meeting that
// starts within the next 30 hours, on a day whose evening before (in the
// trip's zone) has begun.
func (a *Agendas) Send(ctx context.Context, now time.Time) error {
	var due []Meeting
	if err := a.DB.Conn(ctx).Where("status = ? AND starts_at >= ? AND starts_at < ?", Accepted, now, now.Add(30*time.Hour)).
		Order("starts_at, id").Find(&due).Error; err != nil {
		return err
	}
	type key struct{ trip, person, day string }
	byKey := map[key][]Meeting{}
	var keys []key
	trips := map[string]*tripInfo{}
	for _, m := range due {
		ti, err := a.tripInfo(ctx, trips, m.TripID)
		if err != nil {
			return err
		}
		day := m.StartsAt.In(ti.loc).Format(time.DateOnly)
		d, _ := time.ParseInLocation(time.DateOnly, day, ti.loc)
		if now.Before(d.Add(-24*time.Hour + EveningHour*time.Hour)) {
			continue // not yet the evening before
		}
		for _, p := range []*string{&m.RequesterPersonID, m.ReceiverPersonID} {
			if p == nil {
				continue
			}
			k := key{m.TripID, *p, day}
			if byKey[k] == nil {
				keys = append(keys, k)
			}
			byKey[k] = append(byKey[k], m)
		}
	}
	for _, k := range keys {
		if err := a.send(ctx, trips[k.trip], k.person, k.day, byKey[k]); err != nil {
			return err
		}
	}
	return nil
}

type tripInfo struct {
	id, title, zone string
	loc             *time.Location
	places          map[string]string
}

func (a *Agendas) tripInfo(ctx context.Context, cache map[string]*tripInfo, id string) (*tripInfo, error) {
	if ti, ok := cache[id]; ok {
		return ti, nil
	}
	t, err := getTrip(ctx, a.DB, id)
	if err != nil {
		return nil, err
	}
	ti := &tripInfo{id: id, title: t.Title, zone: t.TimeZone, loc: t.Location(), places: map[string]string{}}
	var places []Place
	if err := a.DB.Conn(ctx).Where("trip_id = ?", id).Find(&places).Error; err != nil {
		return nil, err
	}
	for _, p := range places {
		ti.places[p.ID] = p.Name
	}
	cache[id] = ti
	return ti, nil
}

func (a *Agendas) send(ctx context.Context, ti *tripInfo, personID, day string, meetings []Meeting) error {
	ids := []string{personID}
	var orgIDs []string
	for _, m := range meetings {
		other, org := m.Other(personID)
		if other != nil {
			ids = append(ids, *other)
		}
		orgIDs = append(orgIDs, org)
	}
	people, err := person.ByIDs(ctx, a.DB, ids)
	if err != nil {
		return err
	}
	me, ok := people[personID]
	if !ok {
		return nil
	}
	orgs, err := organisation.Names(ctx, a.DB, append(orgIDs, me.OrganisationID))
	if err != nil {
		return err
	}
	var lines []string
	for _, m := range meetings {
		other, org := m.Other(personID)
		who := orgs[org]
		if other != nil {
			if p, ok := people[*other]; ok {
				who = bothScripts(p) + " (" + orgs[org] + ")"
			}
		}
		place := ""
		if m.PlaceID != nil {
			place = ", " + ti.places[*m.PlaceID]
		}
		lines = append(lines, m.StartsAt.In(ti.loc).Format("15:04")+"–"+m.EndsAt.In(ti.loc).Format("15:04")+place+": "+who)
	}
	to, err := notify.OrganisationUsers(ctx, a.DB, me.OrganisationID)
	if err != nil {
		return err
	}
	if r, ok := notify.Person(me.DisplayName("en"), me.Email, me.LanguageList()); ok {
		r.Name = me.DisplayName(r.Language)
		to = append(to, r)
	}
	note := notify.Notification{Kind: "meeting", Template: "meeting_agenda", Path: "/trips/" + ti.id + "/meetings", To: to, Lines: lines,
		Data: map[string]string{"Trip": ti.title, "Day": day, "Zone": ti.zone}, ByLanguage: map[string]map[string]string{}}
	for _, l := range i18n.Locales {
		note.ByLanguage[l] = map[string]string{"Person": me.DisplayName(l)}
	}
	err = a.DB.WithTx(ctx, func(ctx context.Context) error {
		first, err := notify.Once(ctx, a.DB, "meeting_agenda:"+ti.id+":"+personID+":"+day)
		if err != nil || !first {
			return err
		}
		sent, err := a.Notifier.Send(ctx, note)
		if err == nil && sent == 0 {
			return errNobody // keep no claim: someone may switch it on
		}
		return err
	})
	if errors.Is(err, errNobody) {
		return nil
	}
	return err
}

// bothScripts is a name as a delegate carries it: 田中 愛 / Ai Tanaka.
func bothScripts(p person.Person) string {
	latin := p.DisplayName("en")
	if p.FamilyNameLocal == "" && p.GivenNameLocal == "" {
		return latin
	}
	return p.DisplayName("ja") + " / " + latin
}
