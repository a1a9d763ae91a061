package api_test

import (
	"context"
	"encoding/json"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/gen"
	"github.com/innomunich/platform/pkg/organisation"
)

// planNode is one node of EXPLAIN (FORMAT JSON).
type planNode struct {
	NodeType    string     `json:"Node Type"`
	Relation    string     `json:"Relation Name"`
	Index       string     `json:"Index Name"`
	IndexCond   string     `json:"Index Cond"`
	RecheckCond string     `json:"Recheck Cond"`
	Plans       []planNode `json:"Plans"`
}

func (n planNode) walk(fn func(planNode)) {
	fn(n)
	for _, c := range n.Plans {
		c.walk(fn)
	}
}

// TestEveryDocumentedListFilterAndSortUsesAnIndex runs each documented
// filter and sort of every list through the real router on PostgreSQL,
// takes the list query the code sent, and asks PostgreSQL for its plan
// with sequential scans priced out. A Seq Scan left in the plan means no
// index can serve the query; where a filter names a column, an index
// condition on that column must be in the plan, or a partial index whose
// predicate names it (not just an ordered scan that filters row by row).
// Sorts are checked on a second page, whose keyset condition must be an
// index condition, so deep pages cost what the first does.
//
// On SQLite the same requests go through EXPLAIN QUERY PLAN: no step may
// scan the list's table without an index, a filter's column must appear
// in an index's search condition (SEARCH ... USING INDEX ... (col=?)),
// and a sort's page may not sort in a temporary B-tree: the index must
// deliver the rows in the keyset order.
//
// make test runs it on PostgreSQL without the race detector (ONE_GOROUTINE
// in the Makefile): keep its requests on the test's goroutine.
func TestEveryDocumentedListFilterAndSortUsesAnIndex(t *testing.T) {
	for _, e := range dbtest.Engines(t) {
		t.Run(string(e), func(t *testing.T) { listPlans(t, e) })
	}
}

func listPlans(t *testing.T, engine database.Engine) {
	db, sent := dbtest.Recording(t, engine)
	h := newHarness(t, db)
	d := newListData(t, h, 25)
	if rec := h.do(request{method: "POST", url: "/api/v1/focus-areas", body: map[string]any{"code": "rare_area", "name": map[string]string{"en": "Rare area"}}}); rec.Code != 201 {
		t.Fatalf("create focus area: %d %s", rec.Code, rec.Body.String())
	}
	if _, err := organisation.Create(setupCtx(), db, organisation.Organisation{Name: "Rare Area GmbH", Kind: "biotech", Country: "DE", FocusAreas: []string{"rare_area"}}, true); err != nil {
		t.Fatal(err)
	}
	for range 200 {
		h.newUser(auth.RoleCoordinator, nil)
	}
	// Realistic distributions around the records above, which the
	// filters single out; Generate analyses the tables.
	if _, err := gen.Generate(setupCtx(), db, gen.Options{Orgs: 3000, Seed: 1}); err != nil {
		t.Fatal(err)
	}

	// Expressions of interest: three organisations answer one offer.
	offerID := h.createOpportunity("", offer(d.orgDE, nil)).ID
	for k := range 3 {
		org := h.newOrganisation("Interested KK "+randomSuffix(), "JP").ID
		h.express("", offerID, map[string]any{"organisation_id": org, "person_id": h.newPerson(org, "Tanaka"), "message": "Interested " + strconv.Itoa(k)})
	}

	// listQueries runs a request and returns the keyset queries it sent to
	// table: one, or on PostgreSQL one per relevance bucket that a ranked
	// search read (search.Find), and the reads of the buckets' candidates
	// in the list's order from search_terms.
	listQueries := func(t *testing.T, path, table string) ([]database.Statement, map[string]any) {
		t.Helper()
		sent.Start()
		rec := h.get(path)
		stmts := sent.Stop()
		if rec.Code != 200 {
			t.Fatalf("GET %s: %d %s", path, rec.Code, rec.Body.String())
		}
		from := regexp.MustCompile("FROM [\"`]?(" + table + "|search_terms)[\"`]?[\\s$]")
		var out []database.Statement
		for _, st := range stmts {
			if from.MatchString(st.SQL+" ") && strings.Contains(st.SQL, "ORDER BY") && strings.Contains(st.SQL, "LIMIT") {
				out = append(out, st)
			}
		}
		if len(out) == 0 {
			t.Fatalf("GET %s sent no list query on %s; it sent %v", path, table, stmts)
		}
		return out, decode[map[string]any](t, rec)
	}
	// listQuery runs a request and returns the (first) keyset query it sent to table.
	listQuery := func(t *testing.T, path, table string) (database.Statement, map[string]any) {
		t.Helper()
		sts, body := listQueries(t, path, table)
		return sts[0], body
	}

	cases := []struct {
		name   string // list and filter, as a failure should name them
		path   string
		table  string
		column string // a column the plan must use in an index condition ("" for none)
	}{
		{"organisations default", "/api/v1/organisations", "organisations", ""},
		{"organisations country", "/api/v1/organisations?country=DK", "organisations", "country"},
		{"organisations region", "/api/v1/organisations?region=osaka", "organisations", "region"},
		{"organisations kind", "/api/v1/organisations?kind=government", "organisations", "kind"},
		{"organisations focus_area", "/api/v1/organisations?focus_area=rare_area&focus_area=viral_oncology", "organisations", ""},
		{"organisations rare focus_area", "/api/v1/organisations?focus_area=rare_area", "organisations", "focus_area"},
		{"organisations sme", "/api/v1/organisations?sme=true", "organisations", ""},
		{"organisations archived", "/api/v1/organisations?archived=true", "organisations", "archived"},
		{"organisations updated_since", "/api/v1/organisations?updated_since=2030-01-01T00:00:00Z", "organisations", "updated_at"},
		{"organisations q latin", "/api/v1/organisations?q=statement", "organisations", "search_text"},
		{"organisations q japanese", "/api/v1/organisations?q=ステ", "organisations", "search_grams"},
		{"organisations q common japanese", "/api/v1/organisations?q=大阪", "organisations", ""},
		{"organisations q kana", "/api/v1/organisations?q=おおさかステ", "organisations", "search_text"},

		{"people default", "/api/v1/people", "people", ""},
		{"people organisation", "/api/v1/people?organisation=" + d.orgJP, "people", "organisation_id"},
		{"people language", "/api/v1/people?language=fr", "people", "languages"},
		{"people common language", "/api/v1/people?language=ja", "people", ""},
		{"people updated_since", "/api/v1/people?updated_since=2030-01-01T00:00:00Z", "people", "updated_at"},
		// updated_since from the list mechanism (page), as a poller asks it.
		{"agreements updated_since", "/api/v1/agreements?sort=updated_at&updated_since=2030-01-01T00:00:00Z", "agreements", "updated_at"},
		{"trips updated_since", "/api/v1/trips?sort=updated_at&updated_since=2030-01-01T00:00:00Z", "trips", "updated_at"},
		{"projects updated_since", "/api/v1/projects?sort=updated_at&updated_since=2030-01-01T00:00:00Z", "projects", "updated_at"},
		{"opportunities updated_since", "/api/v1/opportunities?sort=updated_at&updated_since=2030-01-01T00:00:00Z", "opportunities", "updated_at"},
		{"users updated_since", "/api/v1/users?sort=updated_at&updated_since=2030-01-01T00:00:00Z", "users", "updated_at"},
		{"regions updated_since", "/api/v1/regions?sort=updated_at&updated_since=2030-01-01T00:00:00Z", "regions", "updated_at"},
		{"people q", "/api/v1/people?q=person+07", "people", "search_"}, // each word by an index: 07 by the gram array (search_grams),
		{"organisation's people", "/api/v1/organisations/" + d.orgJP + "/people", "people", "organisation_id"},

		{"agreements default", "/api/v1/agreements", "agreements", ""},
		{"agreements party", "/api/v1/agreements?party=" + d.orgDE, "agreements", "organisation_id"},
		{"agreements region", "/api/v1/agreements?region=kawasaki", "agreements", "region"},
		{"agreements country", "/api/v1/agreements?country=AT", "agreements", "country"},
		// A common country: read in the register's order, each agreement's
		// parties checked (organisation.CountryIsCommon).
		{"agreements common country", "/api/v1/agreements?country=JP", "agreements", ""},
		{"agreements kind", "/api/v1/agreements?kind=licence", "agreements", "kind"},
		{"agreements status draft", "/api/v1/agreements?status=draft", "agreements", "signed_on"},
		{"agreements status active", "/api/v1/agreements?status=active", "agreements", ""},
		{"agreements status expiring", "/api/v1/agreements?status=expiring", "agreements", "valid_until"},
		{"agreements status expired", "/api/v1/agreements?status=expired", "agreements", ""},
		{"agreements status terminated", "/api/v1/agreements?status=terminated", "agreements", "terminated_on"},
		{"agreements focus_area", "/api/v1/agreements?focus_area=viral_oncology", "agreements", "focus_area"},
		{"agreements signed_from", "/api/v1/agreements?signed_from=2030", "agreements", "signed_on"},
		{"agreements signed_to", "/api/v1/agreements?signed_to=2000", "agreements", "signed_on"},
		{"agreements q", "/api/v1/agreements?q=agreement+07", "agreements", "search_"}, // each word by an index: 07 by the gram array (search_grams),
		{"organisation's agreements", "/api/v1/organisations/" + d.orgDE + "/agreements", "agreements", "organisation_id"},

		{"trips default", "/api/v1/trips", "trips", ""},
		{"trips kind", "/api/v1/trips?kind=trade_fair", "trips", "kind"},
		{"trips status", "/api/v1/trips?status=cancelled", "trips", "status"},
		{"trips country", "/api/v1/trips?country=DE", "trips", "country"},
		{"trips region", "/api/v1/trips?region=kawasaki", "trips", "region"},
		{"trips from", "/api/v1/trips?from=2030-01-01", "trips", "end_date"},
		{"trips to", "/api/v1/trips?to=2000-01-01", "trips", "start_date"},
		{"trips organiser", "/api/v1/trips?organiser=" + d.orgJP, "trips", "organisation_id"},
		{"trips participant_organisation", "/api/v1/trips?participant_organisation=" + d.orgJP, "trips", "organisation_id"},
		{"trips q", "/api/v1/trips?q=trip+07", "trips", "search_"}, // each word by an index: 07 by the gram array (search_grams),

		{"projects default", "/api/v1/projects", "projects", ""},
		{"projects phase", "/api/v1/projects?phase=completed", "projects", "phase"},
		{"projects focus_area", "/api/v1/projects?focus_area=viral_oncology", "projects", "focus_area"},
		{"projects partner", "/api/v1/projects?partner=" + d.orgJP, "projects", "organisation_id"},
		{"projects country", "/api/v1/projects?country=FR", "projects", "country"},
		{"projects common country", "/api/v1/projects?country=DE", "projects", ""},
		{"projects funder", "/api/v1/projects?funder=bmbf", "projects", "funder"},
		{"projects origin_trip", "/api/v1/projects?origin_trip=" + d.trip, "projects", "origin_trip_id"},
		{"projects active_on", "/api/v1/projects?active_on=2000-01-01", "projects", "start_date"},
		{"projects q", "/api/v1/projects?q=project+07", "projects", "search_"}, // each word by an index: 07 by the gram array (search_grams),
		{"organisation's projects", "/api/v1/organisations/" + d.orgJP + "/projects", "projects", "organisation_id"},
		{"trip's projects", "/api/v1/trips/" + d.trip + "/projects", "projects", "origin_trip_id"},
		{"trip's meetings", "/api/v1/trips/" + d.trip + "/meetings", "meetings", "trip_id"},
		{"trip's meetings status", "/api/v1/trips/" + d.trip + "/meetings?status=accepted", "meetings", "status"},
		{"trip's meetings by update", "/api/v1/trips/" + d.trip + "/meetings?sort=-updated_at", "meetings", "trip_id"},

		{"users default", "/api/v1/users", "users", ""},
		{"users role", "/api/v1/users?role=viewer", "users", "role"},
		{"users disabled", "/api/v1/users?disabled=true", "users", "disabled"},
		// Hundreds of users at most: the sorted e-mail index reads them all at once.
		{"users q", "/api/v1/users?q=viewer", "users", ""},

		{"api keys default", "/api/v1/api-keys", "api_keys", ""},

		{"audit default", "/api/v1/audit-events", "audit_events", ""},
		{"audit entity_type", "/api/v1/audit-events?entity_type=funding", "audit_events", "entity_type"},
		{"audit entity_id", "/api/v1/audit-events?entity_id=" + d.person, "audit_events", "entity_id"},
		{"audit actor", "/api/v1/audit-events?actor=" + d.user, "audit_events", "actor_id"},
		{"audit from", "/api/v1/audit-events?from=2030-01-01T00:00:00Z", "audit_events", "occurred_at"},
		{"audit to", "/api/v1/audit-events?to=2000-01-01T00:00:00Z", "audit_events", "occurred_at"},

		{"opportunities default", "/api/v1/opportunities", "opportunities", ""},
		{"opportunities expired too", "/api/v1/opportunities?include_expired=true", "opportunities", ""},
		{"opportunities kind", "/api/v1/opportunities?kind=business_request", "opportunities", "kind"},
		{"opportunities focus_area", "/api/v1/opportunities?focus_area=viral_oncology", "opportunities", ""},
		{"opportunities rare focus_area", "/api/v1/opportunities?focus_area=rare_area", "opportunities", "focus_area"},
		{"opportunities modality", "/api/v1/opportunities?modality=vaccine", "opportunities", "tag"},
		{"opportunities stage", "/api/v1/opportunities?stage=approved", "opportunities", "stage"},
		{"opportunities cooperation_type", "/api/v1/opportunities?cooperation_type=joint_venture", "opportunities", "tag"},
		{"opportunities country", "/api/v1/opportunities?country=AT", "opportunities", "country"},
		{"opportunities common country", "/api/v1/opportunities?country=JP", "opportunities", ""},
		// A third of them address any country ("target:any"): read in order.
		{"opportunities target_country", "/api/v1/opportunities?target_country=AT", "opportunities", ""},
		{"opportunities status", "/api/v1/opportunities?status=closed", "opportunities", "status"},
		{"opportunities organisation", "/api/v1/opportunities?organisation=" + d.orgJP, "opportunities", "organisation_id"},
		{"opportunities q latin", "/api/v1/opportunities?q=vaccine+in+immuno", "opportunities", "search_text"},
		{"opportunities q japanese", "/api/v1/opportunities?q=ステ", "opportunities", "search_grams"},
		{"opportunities q common japanese", "/api/v1/opportunities?q=募集", "opportunities", ""},
		{"organisation's opportunities", "/api/v1/organisations/" + d.orgJP + "/opportunities", "opportunities", "organisation_id"},
		{"interests default", "/api/v1/interests", "opportunity_interests", ""},
		{"interests status", "/api/v1/interests?status=declined", "opportunity_interests", "status"},
		{"interests opportunity_id", "/api/v1/interests?opportunity_id=" + offerID, "opportunity_interests", "opportunity_id"},
		{"interests sent", "/api/v1/interests?direction=sent&organisation_id=" + d.orgJP, "opportunity_interests", "organisation_id"},
		{"interests received", "/api/v1/interests?direction=received&organisation_id=" + d.orgDE, "opportunity_interests", "organisation_id"},
		{"interests either side", "/api/v1/interests?organisation_id=" + d.orgDE, "opportunity_interests", "organisation_id"},
		{"opportunity's interests", "/api/v1/opportunities/" + offerID + "/interests", "opportunity_interests", "opportunity_id"},
	}
	// Every sort, on its second page.
	for _, s := range []struct{ path, table, column string }{
		{"/api/v1/organisations?sort=name", "organisations", "name_sort"},
		{"/api/v1/organisations?sort=-name_kana", "organisations", "kana_sort"},
		{"/api/v1/organisations?sort=created_at", "organisations", "created_at"},
		{"/api/v1/organisations?sort=-updated_at", "organisations", "updated_at"},
		{"/api/v1/organisations?sort=name&country=DE", "organisations", "name_sort"},
		{"/api/v1/people?sort=name", "people", "name_sort"},
		{"/api/v1/people?sort=name_kana", "people", "kana_sort"},
		{"/api/v1/people?sort=-created_at", "people", "created_at"},
		{"/api/v1/people?sort=updated_at", "people", "updated_at"},
		{"/api/v1/agreements?sort=-signed_on", "agreements", "signed_on"},
		{"/api/v1/agreements?sort=valid_until", "agreements", "valid_until_sort"},
		{"/api/v1/agreements?sort=-updated_at", "agreements", "updated_at"},
		{"/api/v1/trips?sort=start_date", "trips", "start_date"},
		{"/api/v1/trips?sort=-updated_at", "trips", "updated_at"},
		{"/api/v1/projects?sort=start_date", "projects", "start_sort"},
		{"/api/v1/projects?sort=title", "projects", "title_sort"},
		{"/api/v1/projects?sort=-updated_at", "projects", "updated_at"},
		{"/api/v1/users?sort=email", "users", "email_key"},
		{"/api/v1/users?sort=-created_at", "users", "created_at"},
		{"/api/v1/users?sort=updated_at", "users", "updated_at"},
		{"/api/v1/audit-events?sort=-occurred_at", "audit_events", "occurred_at"},
		{"/api/v1/opportunities?sort=-published_at", "opportunities", "published_sort"},
		{"/api/v1/opportunities?sort=valid_until", "opportunities", "valid_until"},
		{"/api/v1/opportunities?sort=-updated_at", "opportunities", "updated_at"},
		{"/api/v1/interests?sort=-created_at", "opportunity_interests", "created_at"},
		{"/api/v1/interests?sort=updated_at", "opportunity_interests", "updated_at"},
	} {
		sep := "?"
		if strings.Contains(s.path, "?") {
			sep = "&"
		}
		_, first := listQuery(t, s.path+sep+"limit=2", s.table)
		next, _ := first["next_cursor"].(string)
		if next == "" {
			t.Fatalf("%s: no second page to check", s.path)
		}
		cases = append(cases, struct{ name, path, table, column string }{
			"sort " + strings.TrimPrefix(s.path, "/api/v1/") + " page 2", s.path + sep + "limit=2&cursor=" + url.QueryEscape(next), s.table, s.column,
		})
	}

	// Filters whose matches are a sizeable share of the list: the page is
	// read in the list's order (an index that starts with the filter, or
	// the order's index with each row checked), never every match sorted.
	inOrder := map[string]bool{
		"organisations focus_area": true, "organisations sme": true, "organisations archived": true,
		"organisations country": true, "organisations kind": true,
		"agreements common country": true, "projects common country": true, "opportunities common country": true,
		"projects funder": true,
	}

	// A partial index serves the filter its predicate names.
	predicates := map[string]string{}
	if engine == database.SQLite {
		// What SQLite serves differently, and why.
		sqliteColumn := map[string]string{
			// No trigram index: people are read in name order and skipped
			// (migration 00008).
			"people language": "",
			// Running on a date is most projects: read in order, skip the
			// few that are not.
			"projects active_on": "",
		}
		// A partial index serves the filter its predicate names.
		var partial []struct{ Name, SQL string }
		if err := db.Conn(context.Background()).Raw("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql LIKE '% WHERE %'").Scan(&partial).Error; err != nil {
			t.Fatal(err)
		}
		for _, ix := range partial {
			_, where, _ := strings.Cut(ix.SQL, " WHERE ")
			predicates[ix.Name] = where
		}
		for _, c := range cases {
			if strings.Contains(c.path, "q=") {
				// Search goes through the FTS5 tables on SQLite, and its
				// plans are the search tests' concern.
				continue
			}
			if col, ok := sqliteColumn[c.name]; ok {
				c.column = col
			}
			t.Run(c.name, func(t *testing.T) {
				st, _ := listQuery(t, c.path, c.table)
				checkSQLitePlan(t, db, st, c.path, c.table, c.column, strings.HasPrefix(c.name, "sort ") || inOrder[c.name], predicates)
			})
		}
		// A word of one or two characters is looked up in the gram index
		// (organisations_grams, migration 00032), never by reading the
		// organisations' rows as search_text LIKE did. SQLite (without
		// statistics) then reads the live organisations' index entries
		// through a Bloom filter of the matches' rowids, or the matches by
		// rowid, and only the matches' rows.
		for name, path := range map[string]string{
			"organisations q short japanese":           "/api/v1/organisations?q=" + url.QueryEscape("大阪"),
			"organisations q short japanese sort=name": "/api/v1/organisations?sort=name&q=" + url.QueryEscape("大阪"),
		} {
			t.Run(name, func(t *testing.T) {
				st, _ := listQuery(t, path, "organisations")
				steps := sqlitePlan(t, db, st)
				grams := false
				for _, d := range steps {
					if d == "SCAN organisations" || (strings.HasPrefix(d, "SCAN organisations ") || strings.HasPrefix(d, "SEARCH organisations ")) && !strings.Contains(d, " INDEX ") && !strings.Contains(d, "(rowid=?)") {
						t.Errorf("GET %s scans the organisations table\nplan: %q\nSQL: %s", path, steps, st.SQL)
					}
					grams = grams || strings.HasPrefix(d, "SCAN organisations_grams VIRTUAL TABLE")
				}
				if !grams {
					t.Errorf("GET %s does not look the word up in organisations_grams\nplan: %q\nSQL: %s", path, steps, st.SQL)
				}
			})
		}
		return
	}
	var indexes []struct{ Indexname, Indexdef string }
	if err := db.Conn(context.Background()).Raw("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'").Scan(&indexes).Error; err != nil {
		t.Fatal(err)
	}
	for _, ix := range indexes {
		if _, where, ok := strings.Cut(ix.Indexdef, " WHERE "); ok {
			predicates[ix.Indexname] = where
		}
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// A ranked search reads its buckets one statement each; the
			// best (exact names) through search_terms' index.
			sts, _ := listQueries(t, c.path, c.table)
			cond := false
			var scans []string
			for _, st := range sts {
				var seq []string
				explain(t, db, st).walk(func(n planNode) {
					if n.NodeType == "Seq Scan" {
						seq = append(seq, n.Relation)
					}
					if n.Index != "" {
						scans = append(scans, n.NodeType+" on "+n.Index+" ("+n.IndexCond+")")
					}
					if c.column != "" && strings.Contains(n.IndexCond+" "+n.RecheckCond+" "+predicates[n.Index], c.column) {
						cond = true
					}
					if strings.HasPrefix(c.column, "search_") && n.Index == "search_terms_term_idx" {
						cond = true
					}
				})
				if len(seq) > 0 {
					t.Errorf("GET %s scans %v sequentially: no index serves it\nSQL: %s", c.path, seq, st.SQL)
				}
			}
			if c.column != "" && !cond {
				t.Errorf("GET %s: no index condition on %s; the plans use %v\nSQL: %v", c.path, c.column, scans, sts)
			}
		})
	}
}

// checkSQLitePlan asks SQLite for the plan of st and fails when it reads
// table without an index, when column (if any) is not in a search
// condition of an index, or, for a sorted keyset page, when SQLite sorts
// the rows itself.
func checkSQLitePlan(t *testing.T, db *database.DB, st database.Statement, path, table, column string, sorted bool, predicates map[string]string) {
	t.Helper()
	steps := sqlitePlan(t, db, st)
	cond := false
	for _, d := range steps {
		// "SCAN organisations" reads the table; "SCAN organisations USING
		// INDEX x" reads an index in order, which a LIMIT stops early.
		if d == "SCAN "+table || strings.HasPrefix(d, "SCAN "+table+" ") && !strings.Contains(d, "INDEX") {
			t.Errorf("GET %s scans %s without an index\nplan: %q\nSQL: %s", path, table, steps, st.SQL)
		}
		if sorted && strings.Contains(d, "TEMP B-TREE FOR ORDER BY") {
			t.Errorf("GET %s sorts its page in a temporary B-tree: no index gives the order\nplan: %q\nSQL: %s", path, steps, st.SQL)
		}
		if column != "" && strings.Contains(d, "INDEX") {
			if _, c, ok := strings.Cut(d, "("); ok && strings.Contains(c, column) {
				cond = true
			}
			for name, where := range predicates {
				if strings.Contains(d, "INDEX "+name) && strings.Contains(where, column) {
					cond = true
				}
			}
		}
	}
	if column != "" && !cond {
		t.Errorf("GET %s: no index condition on %s\nplan: %q\nSQL: %s", path, column, steps, st.SQL)
	}
}

// sqlitePlan returns the steps of SQLite's EXPLAIN QUERY PLAN for st.
func sqlitePlan(t *testing.T, db *database.DB, st database.Statement) []string {
	t.Helper()
	rows, err := db.SQL().Query("EXPLAIN QUERY PLAN "+st.SQL, st.Vars...)
	if err != nil {
		t.Fatalf("explain %s: %v", st.SQL, err)
	}
	defer rows.Close()
	var steps []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		steps = append(steps, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return steps
}

// explain returns the plan PostgreSQL chooses for st when sequential scans
// cost more than anything else.
func explain(t *testing.T, db *database.DB, st database.Statement) planNode {
	t.Helper()
	raw := dbtest.Explain(t, db, st, "(FORMAT JSON)")
	var out []struct {
		Plan planNode `json:"Plan"`
	}
	if err := json.Unmarshal([]byte(raw), &out); err != nil || len(out) != 1 {
		t.Fatalf("explain output %s: %v", raw, err)
	}
	return out[0].Plan
}
