// Package gen generates a realistic synthetic data set at a chosen scale
// for load tests: organisations in Germany, Japan and elsewhere with
// German and Japanese names (kanji with their kana reading), people,
// agreements, trips with agenda and participants, and joint projects with
// partners and fundings. The same seed gives the same data. Every record
// goes through its domain package's Prepare, so sort keys, search text
// and search grams are exactly what the API would have written; rows are
// loaded with COPY on PostgreSQL and multi-row inserts on SQLite.
package gen

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/opportunity"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/person"
	"github.com/innomunich/platform/pkg/project"
	"github.com/innomunich/platform/pkg/search"
	"github.com/innomunich/platform/pkg/trip"
)

// Options choose the size and the seed.
type Options struct {
	// Orgs is the number of organisations; the other records follow from
	// it: people ×2, agreements ×0.1, trips ×0.02, projects ×0.1,
	// opportunities ×0.5.
	Orgs int
	Seed uint64
	// Progress, when set, hears after each batch what has been written.
	Progress func(table string, done, total int)
	// Opportunities overrides their number (by default half the
	// organisations), for benchmarks of matching.
	Opportunities int
	// OrganisationsOnly writes the organisations (with their focus
	// areas) and nothing else, for tests of the organisation list that
	// need its size and not the records that refer to it. It excludes
	// Opportunities.
	OrganisationsOnly bool
}

// MaxOrgs bounds a run to what fits a test machine's disk and patience.
const MaxOrgs = 10_000_000

// Summary counts the rows written, by table.
type Summary map[string]int

// Scale is how many records of each kind n organisations come with.
type Scale struct{ Orgs, People, Agreements, Trips, Projects, Opportunities int }

// ScaleFor returns the record counts for n organisations.
func ScaleFor(n int) Scale {
	part := func(div int) int {
		if n == 0 {
			return 0
		}
		return max(1, n/div)
	}
	return Scale{Orgs: n, People: 2 * n, Agreements: part(10), Trips: part(50), Projects: part(10), Opportunities: part(2)}
}

// ref is the day the data set describes: trips before it are over,
// agreements are signed before it. Fixed, so a seed always gives the same data.
var ref = time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)

// epoch is when the earliest generated record was created.
var epoch = time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC)

// tables the generator writes, for dropping and rebuilding their indexes.
var tables = []string{"organisations", "organisation_focus_areas", "people", "agreements", "agreement_parties", "agreement_focus_areas",
	"trips", "trip_regions", "trip_organisers", "trip_agenda", "trip_participants",
	"projects", "project_partners", "project_focus_areas", "project_phases", "project_fundings",
	"opportunities", "opportunity_focus_areas", "opportunity_tags"}

// Generate writes the data set into db, which must be migrated. On
// PostgreSQL the secondary indexes of the tables written are dropped
// during the load and rebuilt at its end, and the tables vacuumed and
// analysed.
func Generate(ctx context.Context, db *database.DB, opt Options) (Summary, error) {
	if opt.Orgs < 1 || opt.Orgs > MaxOrgs {
		return nil, fmt.Errorf("--orgs must be from 1 to %d", MaxOrgs)
	}
	if opt.OrganisationsOnly && opt.Opportunities > 0 {
		return nil, errors.New("organisations only, with no opportunities: a number of opportunities cannot be given too")
	}
	g := &generator{seed: opt.Seed, scale: ScaleFor(opt.Orgs), progress: opt.Progress, sum: Summary{}}
	if opt.Opportunities > 0 {
		g.scale.Opportunities = opt.Opportunities
	}
	if opt.OrganisationsOnly {
		g.scale = Scale{Orgs: opt.Orgs}
	}
	err := db.WithoutIndexes(ctx, tables, func() error {
		steps := []struct {
			table string
			n     int
			build func(b *batch, i int) error
		}{
			{"organisations", g.scale.Orgs, g.organisation},
			{"people", g.scale.People, g.person},
			{"agreements", g.scale.Agreements, g.agreement},
			{"trips", g.scale.Trips, g.trip},
			{"projects", g.scale.Projects, g.project},
			{"opportunities", g.scale.Opportunities, g.opportunity},
		}
		for _, s := range steps {
			if err := g.load(ctx, db, s.table, s.n, s.build); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return g.sum, err
	}
	if db.Engine == database.Postgres {
		// Statistics for the planner, and the visibility map that lets
		// index-only scans skip the table.
		err = db.Conn(ctx).Exec("VACUUM ANALYZE").Error
	}
	return g.sum, err
}

type generator struct {
	seed     uint64
	scale    Scale
	progress func(string, int, int)
	sum      Summary
}

// batch holds the rows of a few thousand records, by table.
type batch struct {
	orgs         []organisation.Organisation
	orgGrams     [][]string
	orgAreas     []orgArea
	people       []person.Person
	peopleGrams  [][]string
	agreements   []agreement.Agreement
	agrGrams     [][]string
	parties      []agreement.Party
	agrAreas     []agreementArea
	trips        []trip.Trip
	tripGrams    [][]string
	regions      []tripRegion
	organisers   []tripOrganiser
	agenda       []trip.AgendaItem
	participants []trip.Participant
	projects     []project.Project
	projGrams    [][]string
	partners     []project.Partner
	projAreas    []projectArea
	phases       []project.PhaseChange
	fundings     []project.Funding

	opportunities []opportunity.Opportunity
	oppGrams      [][]string
	oppTags       []opportunity.Tag
	oppAreas      []opportunity.FocusArea
}

const batchSize = 5000

// load makes n records in batches and writes each batch while the next
// is made.
func (g *generator) load(ctx context.Context, db *database.DB, table string, n int, build func(*batch, int) error) error {
	type result struct {
		b    *batch
		done int
		err  error
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ch := make(chan result, 1)
	go func() {
		defer close(ch)
		for start := 0; start < n; start += batchSize {
			b := &batch{}
			end := min(n, start+batchSize)
			for i := start; i < end; i++ {
				if err := build(b, i); err != nil {
					ch <- result{err: fmt.Errorf("%s %d: %w", table, i, err)}
					return
				}
			}
			select {
			case ch <- result{b: b, done: end}:
			case <-ctx.Done():
				return
			}
		}
	}()
	for r := range ch {
		if r.err != nil {
			return r.err
		}
		if err := g.write(ctx, db, r.b); err != nil {
			return err
		}
		if g.progress != nil {
			g.progress(table, r.done, n)
		}
	}
	return ctx.Err()
}

func (g *generator) write(ctx context.Context, db *database.DB, b *batch) error {
	grams := func(all [][]string) func(int) any {
		return func(i int) any { return search.GramsValue(db, all[i]) }
	}
	// In order: rows refer to those written before them.
	for _, w := range []func() error{
		func() error { return insert(ctx, db, g.sum, "organisations", b.orgs, grams(b.orgGrams)) },
		func() error { return insert(ctx, db, g.sum, "organisation_focus_areas", b.orgAreas, nil) },
		func() error { return insert(ctx, db, g.sum, "people", b.people, grams(b.peopleGrams)) },
		func() error { return insert(ctx, db, g.sum, "agreements", b.agreements, grams(b.agrGrams)) },
		func() error { return insert(ctx, db, g.sum, "agreement_parties", b.parties, nil) },
		func() error { return insert(ctx, db, g.sum, "agreement_focus_areas", b.agrAreas, nil) },
		func() error { return insert(ctx, db, g.sum, "trips", b.trips, grams(b.tripGrams)) },
		func() error { return insert(ctx, db, g.sum, "trip_regions", b.regions, nil) },
		func() error { return insert(ctx, db, g.sum, "trip_organisers", b.organisers, nil) },
		func() error { return insert(ctx, db, g.sum, "trip_agenda", b.agenda, nil) },
		func() error { return insert(ctx, db, g.sum, "trip_participants", b.participants, nil) },
		func() error { return insert(ctx, db, g.sum, "projects", b.projects, grams(b.projGrams)) },
		func() error { return insert(ctx, db, g.sum, "project_partners", b.partners, nil) },
		func() error { return insert(ctx, db, g.sum, "project_focus_areas", b.projAreas, nil) },
		func() error { return insert(ctx, db, g.sum, "project_phases", b.phases, nil) },
		func() error { return insert(ctx, db, g.sum, "project_fundings", b.fundings, nil) },
		func() error { return insert(ctx, db, g.sum, "opportunities", b.opportunities, grams(b.oppGrams)) },
		func() error { return insert(ctx, db, g.sum, "opportunity_focus_areas", b.oppAreas, nil) },
		func() error { return insert(ctx, db, g.sum, "opportunity_tags", b.oppTags, nil) },
	} {
		if err := w(); err != nil {
			return err
		}
	}
	return nil
}

func insert[T any](ctx context.Context, db *database.DB, sum Summary, table string, rows []T, grams func(int) any) error {
	if len(rows) == 0 {
		return nil
	}
	var extra []database.Extra[T]
	if grams != nil {
		extra = append(extra, database.Extra[T]{Column: "search_grams", Value: func(i int, _ T) any { return grams(i) }})
	}
	if err := database.Insert(ctx, db, rows, extra...); err != nil {
		return err
	}
	sum[table] += len(rows)
	return nil
}

// rng returns the random source of record i of a kind: each record has
// its own, so a record does not depend on the batch size or on the
// records before it.
func (g *generator) rng(kind uint64, i int) *rand.Rand {
	return rand.New(rand.NewPCG(g.seed, kind<<48|uint64(i)))
}

// Kinds of record, for rng and id streams.
const (
	kOrg uint64 = iota + 1
	kPerson
	kAgreement
	kTrip
	kProject
	kChild
)

// id is the UUIDv7 of record i of a kind, created at t: a function of the
// seed, so that other records can refer to it without a lookup.
func (g *generator) id(kind uint64, i int, t time.Time) string {
	var b [16]byte
	ms := uint64(t.UnixMilli())
	b[0], b[1], b[2], b[3], b[4], b[5] = byte(ms>>40), byte(ms>>32), byte(ms>>24), byte(ms>>16), byte(ms>>8), byte(ms)
	h1 := mix(g.seed ^ mix(kind<<48|uint64(i)))
	h2 := mix(h1)
	binary.BigEndian.PutUint16(b[6:], uint16(h1))
	binary.BigEndian.PutUint64(b[8:], h2)
	b[6] = b[6]&0x0f | 0x70 // version 7
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	return uuid.UUID(b).String()
}

// mix is splitmix64's finaliser.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// created spreads the records of a kind evenly from epoch to ref.
func created(i, n int) time.Time {
	span := ref.Sub(epoch)
	return epoch.Add(time.Duration(float64(span) * float64(i) / float64(max(n, 1)))).Truncate(time.Microsecond)
}

// pick chooses an index by weight.
func pick(r *rand.Rand, weights ...int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := r.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

func one[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

func ptr[T any](v T) *T { return &v }

// ascii turns a German name into what an e-mail address or host holds.
var ascii = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "Ä", "Ae", "Ö", "Oe", "Ü", "Ue", "ß", "ss", " ", "-", "&", "", ".", "", ",", "", "(", "", ")", "")

func slug(s string) string {
	s = strings.ToLower(ascii.Replace(s))
	for strings.Contains(s, "--") {
		s = strings.ReplaceAll(s, "--", "-")
	}
	return strings.Trim(s, "-")
}

// areas picks one to three focus areas.
func areas(r *rand.Rand, most int) []string {
	n := 1 + r.IntN(most)
	out := make([]string, 0, n)
	for len(out) < n {
		a := focusAreas[pick(r, 20, 25, 10, 20, 25)]
		if !contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Organisations returns the first n organisations of the data set of seed
// as they would be stored, without a database: realistic records for
// benchmarks.
func Organisations(n int, seed uint64) ([]organisation.Organisation, error) {
	g := &generator{seed: seed, scale: ScaleFor(max(n, 1))}
	b := &batch{}
	for i := range n {
		if err := g.organisation(b, i); err != nil {
			return nil, err
		}
	}
	return b.orgs, nil
}
