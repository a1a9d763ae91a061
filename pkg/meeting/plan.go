package meeting

import (
	"cmp"
	"slices"
)

// The planner: a pure, deterministic function from sessions, places,
// availability, what is booked already and the requests to place, to an
// assignment of requests to (session, slot, place). It knows nothing of
// the database, so the benchmark and the tests run it as it is.
//
// How "schedule all" maximises the number placed:
//
//  1. Greedy pass, most constrained first: requests are ordered by how
//     many slots the two sides could meet in (the slots of the sessions
//     both are available in), fewest first, then by when they were made
//     and by id. Each takes the earliest slot in which both people are
//     free and a place is free, and the first free place by name.
//  2. Repair: for each request the greedy pass left out, every slot of
//     the sessions both sides share is tried: the meetings of this run
//     that keep one of the two people (or, when every place is taken, a
//     place) busy in that slot are moved, each to another slot where its
//     own people and a place are free; when all of them find one, the
//     request takes the slot. Meetings scheduled before the run are never
//     moved. One request placed by repair never unplaces another, so the
//     count only grows.
//
// Reasons for what stays unplaced: no_common_session (the two sides share
// no session they are available in), no_free_slot (in every shared slot
// one of them is busy), no_free_place (they were both free in some slot,
// but every place was taken).

// Reasons a request could not be placed.
const (
	NoCommonSession = "no_common_session"
	NoFreeSlot      = "no_free_slot"
	NoFreePlace     = "no_free_place"
	ReceiverUnnamed = "receiver_not_named"
	BookingClosed   = "booking_closed"
)

type planRequest struct {
	id     string
	a, b   string // the two people
	order  string // tie-break: created_at and id
	fixed  bool   // scheduled before the run: never moved
	at     int    // global slot, -1 when unplaced
	place  int
	reason string
}

// planner holds the state of one run. Slots are numbered globally:
// session i's slot n is offset[i]+n.
type planner struct {
	sessions  []Session
	offset    []int
	slotCount int
	places    int
	// sessionOf[g] is the session of global slot g.
	sessionOf []int
	avail     map[string][]int // person → sessions (indexes) in time order
	allowed   []bool           // sessions open to this run (booking windows)
	// busy[person][g] is the request index (+1) keeping the person busy in g.
	busy map[string][]int32
	// placeBy[g*places+p] is the request index (+1) at place p in g.
	placeBy []int32
	free    []int // free places per global slot
	reqs    []planRequest
}

func newPlanner(sessions []Session, places int, avail map[string][]int, allowed []bool) *planner {
	p := &planner{sessions: sessions, places: places, avail: avail, allowed: allowed, busy: map[string][]int32{}}
	for i, s := range sessions {
		p.offset = append(p.offset, p.slotCount)
		n := s.SlotCount()
		for range n {
			p.sessionOf = append(p.sessionOf, i)
		}
		p.slotCount += n
	}
	p.placeBy = make([]int32, p.slotCount*places)
	p.free = make([]int, p.slotCount)
	for g := range p.free {
		p.free[g] = places
	}
	return p
}

func (p *planner) busyOf(person string) []int32 {
	b := p.busy[person]
	if b == nil {
		b = make([]int32, p.slotCount)
		p.busy[person] = b
	}
	return b
}

// book puts request i at slot g and place pl.
func (p *planner) book(i, g, pl int) {
	r := &p.reqs[i]
	r.at, r.place, r.reason = g, pl, ""
	p.busyOf(r.a)[g] = int32(i + 1)
	p.busyOf(r.b)[g] = int32(i + 1)
	p.placeBy[g*p.places+pl] = int32(i + 1)
	p.free[g]--
}

func (p *planner) unbook(i int) {
	r := &p.reqs[i]
	g := r.at
	p.busy[r.a][g], p.busy[r.b][g] = 0, 0
	p.placeBy[g*p.places+r.place] = 0
	p.free[g]++
	r.at = -1
}

// mark records a booking made before the run whose meeting the run does
// not know (person "" for a place's booking, place -1 for a person's).
func (p *planner) mark(person string, g, place int) {
	if person != "" {
		p.busyOf(person)[g] = -1
	}
	if place >= 0 && p.placeBy[g*p.places+place] == 0 {
		p.placeBy[g*p.places+place] = -1
		p.free[g]--
	}
}

// addFixed records a meeting scheduled before the run.
func (p *planner) addFixed(id, a, b string, g, place int) {
	p.reqs = append(p.reqs, planRequest{id: id, a: a, b: b, fixed: true, at: -1})
	p.book(len(p.reqs)-1, g, place)
}

// common returns the sessions both people are available in and this run may use.
func (p *planner) common(a, b string) []int {
	var out []int
	sb := p.avail[b]
	for _, s := range p.avail[a] {
		if slices.Contains(sb, s) && (p.allowed == nil || p.allowed[s]) {
			out = append(out, s)
		}
	}
	return out
}

func (p *planner) firstPlace(g int) int {
	if p.free[g] == 0 {
		return -1
	}
	row := p.placeBy[g*p.places : (g+1)*p.places]
	return slices.Index(row, 0)
}

// fit returns the earliest slot (and place) where request i's people are
// free and a place is, avoiding slot skip; -1 when none.
func (p *planner) fit(i, skip int) (int, int) {
	r := p.reqs[i]
	ba, bb := p.busyOf(r.a), p.busyOf(r.b)
	for _, s := range p.common(r.a, r.b) {
		for g := p.offset[s]; g < p.offset[s]+p.sessions[s].SlotCount(); g++ {
			if g == skip || ba[g] != 0 || bb[g] != 0 || p.free[g] == 0 {
				continue
			}
			return g, p.firstPlace(g)
		}
	}
	return -1, -1
}

// run places the requests that are not fixed.
func (p *planner) run() {
	var todo []int
	capacity := make([]int, len(p.reqs))
	for i, r := range p.reqs {
		if r.fixed {
			continue
		}
		p.reqs[i].at = -1
		for _, s := range p.common(r.a, r.b) {
			capacity[i] += p.sessions[s].SlotCount()
		}
		todo = append(todo, i)
	}
	slices.SortStableFunc(todo, func(x, y int) int {
		return cmp.Or(cmp.Compare(capacity[x], capacity[y]), cmp.Compare(p.reqs[x].order, p.reqs[y].order), cmp.Compare(p.reqs[x].id, p.reqs[y].id))
	})
	var left []int
	for _, i := range todo {
		if capacity[i] == 0 {
			p.reqs[i].reason = NoCommonSession
			continue
		}
		if g, pl := p.fit(i, -1); g >= 0 {
			p.book(i, g, pl)
		} else {
			left = append(left, i)
		}
	}
	for _, i := range left {
		if !p.repair(i) {
			p.reqs[i].reason = p.why(i)
		}
	}
}

// repair tries to make room for request i by moving meetings of this run.
func (p *planner) repair(i int) bool {
	r := p.reqs[i]
	for _, s := range p.common(r.a, r.b) {
		for g := p.offset[s]; g < p.offset[s]+p.sessions[s].SlotCount(); g++ {
			var blockers []int
			fixed := false
			for _, who := range []string{r.a, r.b} {
				v := p.busyOf(who)[g]
				fixed = fixed || v < 0
				if k := int(v) - 1; k >= 0 && !slices.Contains(blockers, k) {
					blockers = append(blockers, k)
				}
			}
			if fixed {
				continue // busy with a meeting the run did not place
			}
			if len(blockers) == 0 && p.free[g] == 0 {
				// Only a place is missing: move one meeting of this run away.
				for pl := range p.places {
					k := int(p.placeBy[g*p.places+pl]) - 1
					if k >= 0 && !p.reqs[k].fixed {
						blockers = append(blockers, k)
						break
					}
				}
				if len(blockers) == 0 {
					continue
				}
			}
			if slices.ContainsFunc(blockers, func(k int) bool { return p.reqs[k].fixed }) {
				continue
			}
			type was struct{ i, g, pl int }
			var undo []was
			for _, k := range blockers {
				undo = append(undo, was{k, p.reqs[k].at, p.reqs[k].place})
				p.unbook(k)
			}
			ok := true
			var moved []int
			for _, k := range blockers {
				ng, npl := p.fit(k, g)
				if ng < 0 {
					ok = false
					break
				}
				p.book(k, ng, npl)
				moved = append(moved, k)
			}
			if ok && p.free[g] > 0 && p.busyOf(r.a)[g] == 0 && p.busyOf(r.b)[g] == 0 {
				p.book(i, g, p.firstPlace(g))
				return true
			}
			for _, k := range moved {
				p.unbook(k)
			}
			for _, u := range undo {
				p.book(u.i, u.g, u.pl)
			}
		}
	}
	return false
}

// why explains an unplaced request.
func (p *planner) why(i int) string {
	r := p.reqs[i]
	ba, bb := p.busyOf(r.a), p.busyOf(r.b)
	for _, s := range p.common(r.a, r.b) {
		for g := p.offset[s]; g < p.offset[s]+p.sessions[s].SlotCount(); g++ {
			if ba[g] == 0 && bb[g] == 0 {
				return NoFreePlace
			}
		}
	}
	return NoFreeSlot
}
