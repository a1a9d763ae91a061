package meeting

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// oneSlotSessions are n sessions of one 30-minute slot each, an hour apart.
func oneSlotSessions(n int) []Session {
	base := time.Date(2026, 10, 15, 1, 0, 0, 0, time.UTC)
	var out []Session
	for i := range n {
		start := base.Add(time.Duration(i) * time.Hour)
		out = append(out, Session{ID: fmt.Sprint("s", i), StartsAt: start, EndsAt: start.Add(30 * time.Minute), MeetingMinutes: 30})
	}
	return out
}

func TestRepairMakesRoomByMovingAMeetingOfTheRun(t *testing.T) {
	// One table per slot. A–B could meet in S0 or S1 and, asked first,
	// takes S0. C–D could meet in S0 or S2, but C is in a meeting
	// scheduled before in S2: the greedy pass leaves C–D out, and repair
	// moves A–B to S1 to give C–D the table in S0.
	p := newPlanner(oneSlotSessions(3), 1, map[string][]int{"A": {0, 1}, "B": {0, 1}, "C": {0, 2}, "D": {0, 2}, "E": {2}}, nil)
	p.addFixed("earlier", "C", "E", 2, 0)
	p.reqs = append(p.reqs,
		planRequest{id: "ab", a: "A", b: "B", order: "1", at: -1},
		planRequest{id: "cd", a: "C", b: "D", order: "2", at: -1})
	p.run()
	got := map[string]int{}
	for _, r := range p.reqs {
		got[r.id] = r.at
	}
	if got["ab"] != 1 || got["cd"] != 0 || got["earlier"] != 2 {
		t.Errorf("slots %v, want ab in 1, cd in 0 and the earlier meeting left in 2", got)
	}
}

func TestPlannerSaysWhyAMeetingStaysUnplaced(t *testing.T) {
	avail := map[string][]int{"A": {0}, "B": {0}, "C": {0}, "D": {1}, "E": {0}, "F": {0}}
	p := newPlanner(oneSlotSessions(2), 1, avail, nil)
	p.reqs = append(p.reqs,
		planRequest{id: "ab", a: "A", b: "B", order: "1", at: -1}, // gets S0
		planRequest{id: "ac", a: "A", b: "C", order: "2", at: -1}, // A is busy in the only shared slot
		planRequest{id: "ad", a: "A", b: "D", order: "3", at: -1}, // no shared session
		planRequest{id: "ef", a: "E", b: "F", order: "4", at: -1}) // both free in S0, but the table is taken
	p.run()
	want := map[string]string{"ab": "", "ac": NoFreeSlot, "ad": NoCommonSession, "ef": NoFreePlace}
	for _, r := range p.reqs {
		if r.reason != want[r.id] {
			t.Errorf("%s: reason %q, want %q", r.id, r.reason, want[r.id])
		}
	}
}

// scale builds the benchmark's problem: people, sessions of 16 slots,
// places, and accepted requests between the two halves of the people,
// each person available in 6 of the sessions (seeded, so every run is the
// same problem).
func scale(people, requests, sessions, places int) ([]Session, map[string][]int, [][2]string) {
	rng := rand.New(rand.NewPCG(17, 2026))
	base := time.Date(2026, 10, 14, 0, 0, 0, 0, time.UTC)
	var ss []Session
	for i := range sessions {
		start := base.Add(time.Duration(i) * 12 * time.Hour)
		ss = append(ss, Session{ID: fmt.Sprint("s", i), StartsAt: start, EndsAt: start.Add(16 * 30 * time.Minute), MeetingMinutes: 25, BreakMinutes: 5})
	}
	avail := map[string][]int{}
	var names []string
	for i := range people {
		name := fmt.Sprintf("p%04d", i)
		names = append(names, name)
		perm := rng.Perm(sessions)[:min(6, sessions)]
		slices.Sort(perm)
		avail[name] = perm
	}
	seen := map[[2]string]bool{}
	var reqs [][2]string
	for len(reqs) < requests {
		pair := [2]string{names[rng.IntN(people/2)], names[people/2+rng.IntN(people/2)]}
		if !seen[pair] {
			seen[pair] = true
			reqs = append(reqs, pair)
		}
	}
	return ss, avail, reqs
}

func planScale(ss []Session, avail map[string][]int, reqs [][2]string, places int) *planner {
	p := newPlanner(ss, places, avail, nil)
	for i, r := range reqs {
		p.reqs = append(p.reqs, planRequest{id: fmt.Sprintf("m%05d", i), a: r[0], b: r[1], order: fmt.Sprintf("%05d", i), at: -1})
	}
	p.run()
	return p
}

func TestPlannerIsDeterministicAndConflictFreeAtScale(t *testing.T) {
	ss, avail, reqs := scale(500, 5000, 10, 40)
	first, second := planScale(ss, avail, reqs, 40), planScale(ss, avail, reqs, 40)
	placed := 0
	person, place := map[string]bool{}, map[string]bool{}
	for i, r := range first.reqs {
		if r.at != second.reqs[i].at || r.place != second.reqs[i].place || r.reason != second.reqs[i].reason {
			t.Fatalf("request %d placed differently in two runs", i)
		}
		if r.at < 0 {
			if r.reason == "" {
				t.Errorf("request %d unplaced without a reason", i)
			}
			continue
		}
		placed++
		s := first.sessionOf[r.at]
		if !slices.Contains(avail[r.a], s) || !slices.Contains(avail[r.b], s) {
			t.Errorf("request %d in a session one side is not available in", i)
		}
		for _, k := range []string{fmt.Sprint(r.at, r.a), fmt.Sprint(r.at, r.b)} {
			if person[k] {
				t.Errorf("double-booked person %s", k)
			}
			person[k] = true
		}
		k := fmt.Sprint(r.at, "/", r.place)
		if place[k] {
			t.Errorf("double-booked place %s", k)
		}
		place[k] = true
	}
	t.Logf("placed %d of %d", placed, len(reqs))
	if placed < 4900 {
		t.Errorf("placed only %d of 5000", placed)
	}
}

// BenchmarkPlanScheduleAll is the planner alone at the scale: 500
// participants, 5,000 accepted requests, 10 sessions × 16 slots × 40 places.
func BenchmarkPlanScheduleAll(b *testing.B) {
	ss, avail, reqs := scale(500, 5000, 10, 40)
	for b.Loop() {
		planScale(ss, avail, reqs, 40)
	}
}
