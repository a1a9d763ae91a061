package remind_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/jobs"
	"github.com/innomunich/platform/pkg/mail"
	"github.com/innomunich/platform/pkg/mail/mailpittest"
	"github.com/innomunich/platform/pkg/notify"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/project"
	"github.com/innomunich/platform/pkg/remind"
	"github.com/innomunich/platform/pkg/user"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

const publicURL = "https://innomunich.example"

var admin = auth.Principal{Kind: auth.KindUser, ID: "00000000-0000-7000-8000-000000000001", Role: auth.RoleAdmin}

func suffix() string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func system() context.Context { return auth.With(context.Background(), auth.System("test")) }

func newUser(t *testing.T, db *database.DB, name, role, locale string, org *string) user.User {
	t.Helper()
	email := strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "-" + suffix() + "@example.org"
	u, _, err := user.Create(auth.With(context.Background(), admin), db, user.New{Email: email, DisplayName: name, Role: role, Locale: locale, OrganisationID: org, Password: "correct horse battery staple 42"})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// choose switches a kind of notification on or off for u.
func choose(t *testing.T, db *database.DB, u user.User, kind string, on bool) {
	t.Helper()
	ctx := auth.With(context.Background(), u.Principal())
	st := must[notify.Settings](t)(notify.Mine(ctx, db))
	must[notify.Settings](t)(notify.UpdateMine(ctx, db, st.Version, map[string]bool{kind: on}))
}

func newOrg(t *testing.T, db *database.DB, name, country string) organisation.Organisation {
	t.Helper()
	return must[organisation.Organisation](t)(organisation.Create(system(), db, organisation.Organisation{Name: name, Kind: "biotech", Country: country}, true))
}

func day(today string, n int) string {
	t, _ := time.Parse(time.DateOnly, today)
	return t.AddDate(0, 0, n).Format(time.DateOnly)
}

func ptr(s string) *string { return &s }

// insertOnly returns reminders that queue on an insert-only client, and
// that client, to read what they queued.
func insertOnly(t *testing.T, db *database.DB) (*remind.Reminders, *jobs.Client) {
	t.Helper()
	q := must[*jobs.Client](t)(jobs.New(db, jobs.Config{}))
	return &remind.Reminders{DB: db, Notifier: notify.New(db, mail.NewMailer(q, mail.Config{From: "noreply@innomunich.example"}), publicURL)}, q
}

// queued returns the messages in the queue.
func queued(t *testing.T, q *jobs.Client) []mail.Message {
	t.Helper()
	res, err := q.JobList(context.Background(), river.NewJobListParams().Kinds(mail.SendArgs{}.Kind()).First(1000).States(
		rivertype.JobStateAvailable, rivertype.JobStateCompleted, rivertype.JobStateRunning, rivertype.JobStateRetryable, rivertype.JobStateScheduled))
	if err != nil {
		t.Fatal(err)
	}
	var out []mail.Message
	for _, j := range res.Jobs {
		var a mail.SendArgs
		if err := json.Unmarshal(j.EncodedArgs, &a); err != nil {
			t.Fatal(err)
		}
		out = append(out, a.Message)
	}
	return out
}

// subjects returns the subjects of the messages to addr, sorted.
func subjects(ms []mail.Message, addr string) []string {
	var out []string
	for _, m := range ms {
		if m.To[0].Email == addr {
			out = append(out, m.Subject)
		}
	}
	slices.Sort(out)
	return out
}

// instance is one running platform process's job client: mail
// delivered by sender, the reminders' workers, and the periodic jobs.
func instance(t *testing.T, db *database.DB, sender mail.Sender, periodic []*river.PeriodicJob) (*jobs.Client, <-chan *river.Event) {
	t.Helper()
	ws := river.NewWorkers()
	mail.Register(ws, sender)
	r := &remind.Reminders{DB: db}
	remind.Register(ws, r)
	q := must[*jobs.Client](t)(jobs.New(db, jobs.Config{Concurrency: 2, Workers: ws, Periodic: periodic, PollInterval: 50 * time.Millisecond}))
	r.Notifier = notify.New(db, mail.NewMailer(q, mail.Config{From: "noreply@innomunich.example"}), publicURL)
	events, cancel := q.Subscribe(river.EventKindJobCompleted, river.EventKindJobFailed)
	if err := q.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, stop := context.WithTimeout(context.Background(), 10*time.Second)
		defer stop()
		_ = q.Shutdown(ctx)
		cancel()
	})
	return q, events
}

// awaitJobs waits until jobs of each kind have completed as often as
// want says, on any of the event streams; a failed job fails the test.
func awaitJobs(t *testing.T, want map[string]int, streams ...<-chan *river.Event) {
	t.Helper()
	merged := make(chan *river.Event)
	stop := make(chan struct{})
	defer close(stop)
	for _, s := range streams {
		go func() {
			for {
				select {
				case ev, ok := <-s:
					if !ok {
						return
					}
					select {
					case merged <- ev:
					case <-stop:
						return
					}
				case <-stop:
					return
				}
			}
		}()
	}
	deadline := time.After(60 * time.Second)
	got := map[string]int{}
	for {
		done := true
		for k, n := range want {
			if got[k] < n {
				done = false
			}
		}
		if done {
			return
		}
		select {
		case ev := <-merged:
			if ev.Kind == river.EventKindJobFailed {
				t.Fatalf("job %s failed: %+v", ev.Job.Kind, ev.Job.Errors)
			}
			got[ev.Job.Kind]++
		case <-deadline:
			t.Fatalf("jobs completed %v within 60 s, want %v", got, want)
		}
	}
}

func TestAgreementRemindersReachEachCoordinatorOnceInTheirLanguage(t *testing.T) {
	pit := mailpittest.Start(t)
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := system()
		today := agreement.Today(time.Now())
		anna := newUser(t, db, "Anna Berger", auth.RoleCoordinator, "de", nil)
		hanako := newUser(t, db, "山田 花子", auth.RoleCoordinator, "ja", nil)
		tom := newUser(t, db, "Tom Miller", auth.RoleCoordinator, "en", nil)
		quiet := newUser(t, db, "Quiet Coordinator", auth.RoleCoordinator, "en", nil)
		choose(t, db, quiet, "agreement_expiry", false)
		viewer := newUser(t, db, "Vera Viewer", auth.RoleViewer, "en", nil)

		de, jp := newOrg(t, db, "Reminder Biotech GmbH "+suffix(), "DE"), newOrg(t, db, "Reminder Pharma KK "+suffix(), "JP")
		parties := []agreement.Party{{OrganisationID: de.ID}, {OrganisationID: jp.ID}}
		create := func(a agreement.Agreement) agreement.Agreement {
			a.Kind, a.Parties = "mou", parties
			return must[agreement.Agreement](t)(agreement.Create(ctx, db, a))
		}
		in80 := create(agreement.Agreement{Title: "Ends in 80 days", SignedOn: "2020", ValidUntil: ptr(day(today, 80))})
		create(agreement.Agreement{Title: "Ends in 20 days", SignedOn: "2020", ValidUntil: ptr(day(today, 20))})
		create(agreement.Agreement{Title: "Expired", SignedOn: "2020", ValidUntil: ptr(day(today, -5))})
		renewed := create(agreement.Agreement{Title: "Renewed", SignedOn: "2020", ValidUntil: ptr(day(today, -5))})
		must[agreement.Agreement](t)(agreement.Renew(ctx, db, renewed.ID, renewed.Version, today, ptr(day(today, 400)), ""))
		create(agreement.Agreement{Title: "Expired long ago", SignedOn: "2010", ValidUntil: ptr(day(today, -400))})
		create(agreement.Agreement{Title: "Ends in a year", SignedOn: "2020", ValidUntil: ptr(day(today, 365))})
		create(agreement.Agreement{Title: "Terminated", SignedOn: "2020", ValidUntil: ptr(day(today, 10)), TerminatedOn: ptr(day(today, -1))})
		create(agreement.Agreement{Title: "Draft", ValidUntil: ptr(day(today, 10))})
		create(agreement.Agreement{Title: "Open-ended", SignedOn: "2020"})

		smtp := must[mail.Sender](t)(mail.NewSender(db, mail.Config{SMTPURL: pit.SMTPURL(), From: "noreply@innomunich.example"}))
		q, events := instance(t, db, smtp, nil)
		if err := q.Enqueue(ctx, remind.DailyArgs{Day: today}, nil); err != nil {
			t.Fatal(err)
		}
		awaitJobs(t, map[string]int{"remind_daily": 1, "mail_send": 9}, events)

		// The next day's run, and the same day's again (a second
		// instance, a retry), find every reminder claimed.
		if err := q.Enqueue(ctx, remind.DailyArgs{Day: day(today, 1)}, nil); err != nil {
			t.Fatal(err)
		}
		awaitJobs(t, map[string]int{"remind_daily": 1}, events)
		r, _ := insertOnly(t, db)
		if err := r.Daily(ctx, today); err != nil {
			t.Fatal(err)
		}
		if n := len(queued(t, q)); n != 9 {
			t.Errorf("%d mails queued after three runs, want 9: three reminders to each of three coordinators", n)
		}

		inbox := map[string][]mailpittest.Summary{}
		mailpittest.Eventually(t, "nine reminders in mailpit", func() bool {
			clear(inbox)
			for _, m := range pit.Messages() {
				inbox[m.To[0].Address] = append(inbox[m.To[0].Address], m)
			}
			return len(inbox[anna.Email])+len(inbox[hanako.Email])+len(inbox[tom.Email]) >= 9
		})
		got := func(u user.User) []string {
			var out []string
			for _, m := range inbox[u.Email] {
				out = append(out, m.Subject)
			}
			slices.Sort(out)
			return out
		}
		until80, _ := time.Parse(time.DateOnly, day(today, 80))
		if want := []string{"Vereinbarung „Ends in 20 days“ endet am ", "Vereinbarung „Ends in 80 days“ endet am ", "Vereinbarung „Expired“ ist abgelaufen"}; len(got(anna)) != 3 || !hasPrefixes(got(anna), want) {
			t.Errorf("Anna got %q, want %q…", got(anna), want)
		}
		if want := []string{"協定「Ends in 20 days」は", "協定「Ends in 80 days」は", "協定「Expired」の期限が切れました"}; len(got(hanako)) != 3 || !hasPrefixes(got(hanako), want) {
			t.Errorf("Hanako got %q, want %q…", got(hanako), want)
		}
		if want := "Agreement “Ends in 80 days” ends on " + until80.Format("2 January 2006"); len(got(tom)) != 3 || !slices.Contains(got(tom), want) {
			t.Errorf("Tom got %q, want 3 with %q", got(tom), want)
		}
		if len(inbox[quiet.Email]) != 0 || len(inbox[viewer.Email]) != 0 {
			t.Errorf("the coordinator who switched reminders off got %d, a viewer %d", len(inbox[quiet.Email]), len(inbox[viewer.Email]))
		}
		for _, s := range inbox[tom.Email] {
			if !strings.Contains(s.Subject, "80 days") {
				continue
			}
			m := pit.Message(s.ID)
			if !strings.Contains(m.Text, publicURL+"/agreements/"+in80.ID) || !strings.Contains(m.Text, publicURL+"/unsubscribe?token=") {
				t.Errorf("the reminder links neither the agreement nor the unsubscribe page: %s", m.Text)
			}
		}
	})
}

func hasPrefixes(got, want []string) bool {
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			return false
		}
	}
	return true
}

func TestMilestoneRemindersGoOnceToTheUsersOfTheCoordinatingOrganisation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := system()
		today := agreement.Today(time.Now())
		lead, partner := newOrg(t, db, "Lead Biotech GmbH", "DE"), newOrg(t, db, "Partner Pharma KK", "JP")
		jonas := newUser(t, db, "Jonas Keller", auth.RoleMember, "de", &lead.ID)
		yuki := newUser(t, db, "佐藤 由紀", auth.RoleViewer, "ja", &lead.ID)
		kenji := newUser(t, db, "Kenji Ito", auth.RoleMember, "en", &partner.ID)
		partners := []project.Partner{{OrganisationID: lead.ID, Role: "coordinator"}, {OrganisationID: partner.ID, Role: "partner"}}
		p := must[project.Project](t)(project.Create(ctx, db, project.Project{Title: "Organoid Screening", Phase: "implementation", Partners: partners}))
		add := func(projectID, title string, due int, done *string) {
			must[project.Milestone](t)(project.AddMilestone(ctx, db, projectID, project.Milestone{Title: title, DueOn: day(today, due), DoneOn: done}))
		}
		add(p.ID, "Kick-off report", 10, nil)
		add(p.ID, "Pilot data", -3, nil)
		add(p.ID, "Done already", -3, ptr(day(today, -4)))
		add(p.ID, "Next quarter", 30, nil)
		add(p.ID, "Long forgotten", -100, nil)
		stopped := must[project.Project](t)(project.Create(ctx, db, project.Project{Title: "Stopped", Phase: "discontinued", Partners: partners}))
		add(stopped.ID, "Of a stopped project", -3, nil)

		r, q := insertOnly(t, db)
		for _, d := range []string{today, today, day(today, 1)} {
			if err := r.Daily(ctx, d); err != nil {
				t.Fatal(err)
			}
		}
		ms := queued(t, q)
		if got := subjects(ms, jonas.Email); len(got) != 2 || !strings.HasPrefix(got[0], "Meilenstein „Kick-off report“ ist am ") || got[1] != "Meilenstein „Pilot data“ ist überfällig" {
			t.Errorf("Jonas got %q", got)
		}
		if got := subjects(ms, yuki.Email); len(got) != 2 || !slices.Contains(got, "マイルストーン「Pilot data」の期日を過ぎています") {
			t.Errorf("Yuki got %q", got)
		}
		if got := subjects(ms, kenji.Email); len(got) != 0 {
			t.Errorf("a partner organisation's user got %q", got)
		}
		if len(ms) != 4 {
			t.Errorf("%d mails, want 4: two milestones to two users, once", len(ms))
		}
		for _, m := range ms {
			if !strings.Contains(m.Text, publicURL+"/projects/"+p.ID) || (m.Language == "ja" && !strings.Contains(m.Text, "「Organoid Screening」")) {
				t.Errorf("%s: %s", m.Language, m.Text)
			}
		}
	})
}

func TestTheWeeklyDigestGoesOnceAWeekToCoordinatorsWhoAskedForIt(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := system()
		anna := newUser(t, db, "Anna Berger", auth.RoleCoordinator, "de", nil)
		hanako := newUser(t, db, "山田 花子", auth.RoleCoordinator, "ja", nil)
		tom := newUser(t, db, "Tom Miller", auth.RoleCoordinator, "en", nil)
		choose(t, db, anna, "weekly_digest", true)
		choose(t, db, hanako, "weekly_digest", true)

		// One organisation is older: its creation was last week, and it
		// changed this week.
		older := newOrg(t, db, "Older Institute", "DE")
		lastWeek := time.Now().AddDate(0, 0, -8)
		if err := db.Conn(ctx).Exec("UPDATE audit_events SET occurred_at = ? WHERE entity_id = ?", lastWeek, older.ID).Error; err != nil {
			t.Fatal(err)
		}
		alpha, beta := newOrg(t, db, "Alpha GmbH", "DE"), newOrg(t, db, "Beta KK", "JP")
		must[organisation.Organisation](t)(organisation.Update(ctx, db, older.ID, older.Version, organisation.Patch{City: opt.Of("Munich")}))
		must[agreement.Agreement](t)(agreement.Create(ctx, db, agreement.Agreement{Title: "Alpha–Beta MoU", Kind: "mou", SignedOn: "2026",
			Parties: []agreement.Party{{OrganisationID: alpha.ID}, {OrganisationID: beta.ID}}}))

		thisWeek := remind.LastWeek(time.Now().AddDate(0, 0, 7))
		r, q := insertOnly(t, db)
		for range 2 {
			if err := r.Digest(ctx, thisWeek); err != nil {
				t.Fatal(err)
			}
		}
		ms := queued(t, q)
		if len(ms) != 2 || len(subjects(ms, tom.Email)) != 0 {
			t.Fatalf("%d digests (%v), want one each to Anna and Hanako, who asked for it", len(ms), ms)
		}
		for _, m := range ms {
			want := map[string][]string{
				"de": {"InnoMuNiCH diese Woche: ", "- Organisationen: 2 neu, 1 geändert (Alpha GmbH, Beta KK, Older Institute)", "- Vereinbarungen: 1 neu, 0 geändert (Alpha–Beta MoU)", publicURL + "/"},
				"ja": {"InnoMuNiCH 週間ダイジェスト", "- 組織：新規 2 件、更新 1 件（Alpha GmbH、Beta KK、Older Institute）", "- 協定：新規 1 件、更新 0 件（Alpha–Beta MoU）"},
			}[m.Language]
			if !strings.HasPrefix(m.Subject, want[0]) {
				t.Errorf("%s subject %q", m.Language, m.Subject)
			}
			for _, w := range want[1:] {
				if !strings.Contains(m.Text, w) {
					t.Errorf("%s digest lacks %q:\n%s", m.Language, w, m.Text)
				}
			}
			if strings.Contains(m.Text, "Reisen") || strings.Contains(m.Text, "視察・イベント") {
				t.Errorf("a digest mentions trips, which did not change:\n%s", m.Text)
			}
		}

		// A quiet week sends nothing; a day that is no Monday is an error.
		if err := r.Digest(ctx, "2020-01-06"); err != nil || len(queued(t, q)) != 2 {
			t.Errorf("a week without changes: %v, %d mails", err, len(queued(t, q)))
		}
		if err := r.Digest(ctx, "2020-01-07"); err == nil {
			t.Error("a digest of a week beginning on a Tuesday")
		}
	})
}

// Two instances, each with workers and the periodic jobs, on one
// database: the leader alone inserts the periodic jobs, and every
// reminder and digest is kept in the outbox exactly once, even when the
// other instance runs the jobs again.
func TestTwoInstancesOnOneDatabaseSendEveryPeriodicReminderOnce(t *testing.T) {
	for _, e := range dbtest.Engines(t) {
		t.Run(string(e), func(t *testing.T) {
			url := dbtest.URL(t, e)
			open := func() *database.DB {
				db := must[*database.DB](t)(database.Open(context.Background(), url, database.Options{}))
				t.Cleanup(db.Close)
				return db
			}
			db1, db2 := open(), open()
			ctx := system()
			// A week on: the digest is of this week, the reminders judged
			// on that day.
			now := func() time.Time { return time.Now().AddDate(0, 0, 7) }
			today := agreement.Today(now())

			lead, other := newOrg(t, db1, "Lead Biotech GmbH", "DE"), newOrg(t, db1, "Partner Pharma KK", "JP")
			coordinator := newUser(t, db1, "Anna Berger", auth.RoleCoordinator, "de", nil)
			choose(t, db1, coordinator, "weekly_digest", true)
			member := newUser(t, db1, "Jonas Keller", auth.RoleMember, "de", &lead.ID)
			must[agreement.Agreement](t)(agreement.Create(ctx, db1, agreement.Agreement{Title: "Ending MoU", Kind: "mou", SignedOn: "2020",
				ValidUntil: ptr(day(today, 20)), Parties: []agreement.Party{{OrganisationID: lead.ID}, {OrganisationID: other.ID}}}))
			p := must[project.Project](t)(project.Create(ctx, db1, project.Project{Title: "Organoids", Phase: "implementation",
				Partners: []project.Partner{{OrganisationID: lead.ID, Role: "coordinator"}, {OrganisationID: other.ID, Role: "partner"}}}))
			must[project.Milestone](t)(project.AddMilestone(ctx, db1, p.ID, project.Milestone{Title: "Pilot data", DueOn: day(today, -2)}))

			outbox1 := must[mail.Sender](t)(mail.NewSender(db1, mail.Config{From: "noreply@innomunich.example"}))
			outbox2 := must[mail.Sender](t)(mail.NewSender(db2, mail.Config{From: "noreply@innomunich.example"}))
			q1, e1 := instance(t, db1, outbox1, remind.Periodic(now))
			q2, e2 := instance(t, db2, outbox2, remind.Periodic(now))
			// The agreement and the milestone reminder, and the digest.
			awaitJobs(t, map[string]int{"remind_daily": 1, "remind_weekly_digest": 1, "mail_send": 3}, e1, e2)

			// The other instance runs both again: the same day's, at once
			// (River would not insert a second job of the same day), and
			// the next day's.
			r2, _ := insertOnly(t, db2)
			if err := r2.Daily(ctx, today); err != nil {
				t.Fatal(err)
			}
			if err := r2.Digest(ctx, remind.LastWeek(now())); err != nil {
				t.Fatal(err)
			}
			if err := q2.Enqueue(ctx, remind.DailyArgs{Day: day(today, 1)}, nil); err != nil {
				t.Fatal(err)
			}
			awaitJobs(t, map[string]int{"remind_daily": 1}, e1, e2)

			for kind, want := range map[string]int{"remind_daily": 2, "remind_weekly_digest": 1, "mail_send": 3} {
				res := must[*river.JobListResult](t)(q1.JobList(ctx, river.NewJobListParams().Kinds(kind).First(100).States(
					rivertype.JobStateAvailable, rivertype.JobStateCompleted, rivertype.JobStateRunning, rivertype.JobStateRetryable, rivertype.JobStateScheduled)))
				if len(res.Jobs) != want {
					t.Errorf("%d %s jobs, want %d", len(res.Jobs), kind, want)
				}
			}
			var kept []mail.Kept
			if err := db1.Conn(ctx).Order("kind").Find(&kept).Error; err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, k := range kept {
				got = append(got, k.Kind+" → "+k.Recipients)
			}
			want := []string{
				"agreement_ending → Anna Berger <" + coordinator.Email + ">",
				"milestone_overdue → Jonas Keller <" + member.Email + ">",
				"weekly_digest → Anna Berger <" + coordinator.Email + ">",
			}
			if !slices.Equal(got, want) {
				t.Errorf("outbox %q, want each once: %q", got, want)
			}
		})
	}
}

// The periodic jobs are counted by kind in innomunich_jobs like the others.
func TestThePeriodicJobsShowInTheMetricsByKind(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		_, q := insertOnly(t, db)
		ctx := context.Background()
		for _, args := range []river.JobArgs{remind.DailyArgs{Day: "2027-03-01"}, remind.DailyArgs{Day: "2027-03-01"}, remind.DigestArgs{Monday: "2027-02-22"}} {
			if err := q.Enqueue(ctx, args, nil); err != nil {
				t.Fatal(err)
			}
		}
		reg := prometheus.NewRegistry()
		reg.MustRegister(jobs.NewCollector(db))
		families, err := reg.Gather()
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]float64{}
		for _, f := range families {
			for _, m := range f.GetMetric() {
				labels := map[string]string{}
				for _, l := range m.GetLabel() {
					labels[l.GetName()] = l.GetValue()
				}
				got[labels["kind"]+"/"+labels["state"]] = m.GetGauge().GetValue()
			}
		}
		// The same day's job twice is one: it is unique.
		if want := map[string]float64{"remind_daily/available": 1, "remind_weekly_digest/available": 1}; !maps.Equal(got, want) {
			t.Errorf("innomunich_jobs %v, want %v", got, want)
		}
	})
}
