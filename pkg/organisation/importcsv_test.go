package organisation_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/database/dbtest"
	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/organisation"
	"golang.org/x/text/encoding/japanese"
)

func coordinatorCtx() context.Context {
	return auth.With(context.Background(), auth.Principal{Kind: auth.KindUser, ID: "01a229c0-0000-7000-8000-0000000c0001", Name: "coordinator@example.org", Role: auth.RoleCoordinator})
}

func countOrganisations(t testing.TB, db *database.DB) int64 {
	t.Helper()
	var n int64
	if err := db.Conn(context.Background()).Table("organisations").Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func mustImport(t *testing.T, db *database.DB, csv string, dryRun bool) organisation.ImportReport {
	t.Helper()
	rep, err := organisation.Import(coordinatorCtx(), db, strings.NewReader(csv), dryRun)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return rep
}

func statuses(rep organisation.ImportReport) string {
	var s []string
	for _, r := range rep.Rows {
		s = append(s, fmt.Sprintf("%d:%s", r.Line, r.Status))
	}
	return strings.Join(s, " ")
}

func TestImportDryRunThenCommit(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := coordinatorCtx()
		existing, err := organisation.Create(ctx, db, organisation.Organisation{Name: "Example Biotech GmbH", Kind: "biotech", Country: "DE", City: "Munich"}, false)
		if err != nil {
			t.Fatal(err)
		}
		hosted, err := organisation.Create(ctx, db, organisation.Organisation{Name: "Hosted Pharma KK", Kind: "pharma", Country: "JP", Website: "https://www.hosted-pharma.example"}, false)
		if err != nil {
			t.Fatal(err)
		}
		file := "Name,Kind,Country,City,Website,Region,Focus_Areas,Employees,SME\n" +
			"Example Biotech AG,biotech,DE,Martinsried,,bavaria,cell_gene_therapy; small_molecules,120,true\n" + // same name key: update
			"New Medtech GmbH,medtech,de,Berlin,https://new-medtech.example,,,,\n" + // create
			"Hosted Pharma Europe GmbH,pharma,DE,Frankfurt,https://hosted-pharma.example/de,,,,\n" + // same website host: duplicate
			"大阪バイオ株式会社,biotech,JP,大阪,,osaka,immunomodulation,,no\n" // create
		before := countOrganisations(t, db)

		rep := mustImport(t, db, file, true)
		if got, want := statuses(rep), "2:updated 3:created 4:duplicate 5:created"; got != want {
			t.Fatalf("dry run statuses %q, want %q (%+v)", got, want, rep)
		}
		if rep.Committed || rep.Created != 2 || rep.Updated != 1 || rep.Duplicates != 1 || rep.Errors != 0 {
			t.Errorf("dry run report %+v", rep)
		}
		if rep.Rows[0].ID != existing.ID || rep.Rows[2].ID != hosted.ID {
			t.Errorf("dry run ids %+v, want updated %s and duplicate of %s", rep.Rows, existing.ID, hosted.ID)
		}
		if rep.Rows[1].ID != "" {
			t.Errorf("a dry run's new row has id %q, which never existed", rep.Rows[1].ID)
		}
		if n := countOrganisations(t, db); n != before {
			t.Fatalf("dry run wrote: %d organisations, want %d", n, before)
		}
		if o, _ := organisation.Get(ctx, db, existing.ID); o.City != "Munich" || o.Version != existing.Version {
			t.Fatalf("dry run changed %+v", o)
		}

		rep = mustImport(t, db, file, false)
		if !rep.Committed || statuses(rep) != "2:updated 3:created 4:duplicate 5:created" {
			t.Fatalf("import %+v", rep)
		}
		if n := countOrganisations(t, db); n != before+2 {
			t.Fatalf("%d organisations after import, want %d", n, before+2)
		}
		o, err := organisation.Get(ctx, db, existing.ID)
		if err != nil {
			t.Fatal(err)
		}
		if o.Name != "Example Biotech AG" || o.City != "Martinsried" || o.Region == nil || *o.Region != "bavaria" || !o.SME ||
			o.Employees == nil || *o.Employees != 120 || strings.Join(o.FocusAreas, ",") != "cell_gene_therapy,small_molecules" {
			t.Errorf("updated organisation %+v", o)
		}
		created, err := organisation.Get(ctx, db, rep.Rows[1].ID)
		if err != nil {
			t.Fatal(err)
		}
		if created.Name != "New Medtech GmbH" || created.Country != "DE" || created.Website != "https://new-medtech.example" {
			t.Errorf("created organisation %+v", created)
		}
		if ja, err := organisation.Get(ctx, db, rep.Rows[3].ID); err != nil || ja.Name != "大阪バイオ株式会社" || ja.City != "大阪" {
			t.Errorf("created organisation %+v, %v", ja, err)
		}

		// Importing the same file again changes the same records.
		rep = mustImport(t, db, file, false)
		if got, want := statuses(rep), "2:updated 3:updated 4:duplicate 5:updated"; got != want || !rep.Committed {
			t.Fatalf("re-import statuses %q, want %q", got, want)
		}
		if n := countOrganisations(t, db); n != before+2 {
			t.Fatalf("%d organisations after re-import, want %d", n, before+2)
		}
	})
}

func TestImportByIDChangesOnlyTheFileColumns(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := coordinatorCtx()
		o, err := organisation.Create(ctx, db, organisation.Organisation{Name: "Renamed Later GmbH", Kind: "biotech", Country: "DE", City: "Munich",
			Phone: "+49 89 1234", Description: i18n.Text{De: "Deutsch", En: "English"}}, false)
		if err != nil {
			t.Fatal(err)
		}
		file := "id,name,kind,country,description_ja,archived\n" +
			o.ID + ",Quite Another Name GmbH,Biotech,DE,日本語,true\n" +
			",Archived From The Start GmbH,other,DE,,ja\n"
		rep := mustImport(t, db, file, false)
		if statuses(rep) != "2:updated 3:created" || !rep.Committed {
			t.Fatalf("report %+v", rep)
		}
		got, err := organisation.Get(ctx, db, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "Quite Another Name GmbH" || got.City != "Munich" || got.Phone != "+49 89 1234" || !got.Archived ||
			got.Description != (i18n.Text{De: "Deutsch", En: "English", Ja: "日本語"}) {
			t.Errorf("after import %+v", got)
		}
		if n, err := organisation.Get(ctx, db, rep.Rows[1].ID); err != nil || !n.Archived {
			t.Errorf("new archived organisation %+v, %v", n, err)
		}
	})
}

// TestImportSameOrganisationTwice: later lines see what earlier lines did,
// and every change has its version and audit event.
func TestImportSameOrganisationTwice(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		ctx := coordinatorCtx()
		old, err := organisation.Create(ctx, db, organisation.Organisation{Name: "Twice Pharma GmbH", Kind: "pharma", Country: "DE"}, false)
		if err != nil {
			t.Fatal(err)
		}
		file := "name,kind,country,city,focus_areas\n" +
			"Twice Pharma AG,pharma,DE,Munich,immunomodulation\n" +
			"Twice Pharma SE,pharma,DE,Berlin,viral_oncology\n" +
			"Brand New GmbH,biotech,DE,Hamburg,\n" +
			"Brand New AG,biotech,DE,Bremen,small_molecules\n"
		rep := mustImport(t, db, file, false)
		if got, want := statuses(rep), "2:updated 3:updated 4:created 5:updated"; got != want || !rep.Committed {
			t.Fatalf("statuses %q, want %q", got, want)
		}
		if rep.Rows[3].ID != rep.Rows[2].ID {
			t.Errorf("line 5 updated %s, want the organisation line 4 created (%s)", rep.Rows[3].ID, rep.Rows[2].ID)
		}
		got, err := organisation.Get(ctx, db, old.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "Twice Pharma SE" || got.City != "Berlin" || got.Version != old.Version+2 || strings.Join(got.FocusAreas, ",") != "viral_oncology" {
			t.Errorf("after two updates %+v", got)
		}
		created, err := organisation.Get(ctx, db, rep.Rows[2].ID)
		if err != nil {
			t.Fatal(err)
		}
		if created.Name != "Brand New AG" || created.City != "Bremen" || created.Version != 2 || strings.Join(created.FocusAreas, ",") != "small_molecules" {
			t.Errorf("created and updated %+v", created)
		}
		var events []struct {
			EntityID string
			Action   string
			Version  int
		}
		db.Conn(context.Background()).Table("audit_events").Where("entity_id IN ?", []string{old.ID, created.ID}).Find(&events)
		var seen []string
		for _, e := range events {
			who := "old"
			if e.EntityID == created.ID {
				who = "new"
			}
			seen = append(seen, fmt.Sprintf("%s %s %d", who, e.Action, e.Version))
		}
		slices.Sort(seen)
		if want := "new create 1,new update 2,old create 1,old update 2,old update 3"; strings.Join(seen, ",") != want {
			t.Errorf("audit events %v, want %s", seen, want)
		}
	})
}

func TestImportShiftJIS(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		names := []string{"大阪バイオ・ヘッドクォーター", "株式会社ミナト製薬", "国立研究開発法人 日本医療研究機構"}
		file := "name,name_kana,kind,country,city,description_ja\n" +
			names[0] + ",オオサカバイオヘッドクォーター,cluster,JP,大阪市,関西のバイオクラスター\n" +
			names[1] + ",みなとせいやく,pharma,JP,神戸市,\"医薬品、研究開発\"\n" +
			names[2] + ",,government,JP,東京都,\n"
		sjis, err := japanese.ShiftJIS.NewEncoder().String(file)
		if err != nil {
			t.Fatal(err)
		}
		rep := mustImport(t, db, sjis, false)
		if statuses(rep) != "2:created 3:created 4:created" || !rep.Committed {
			t.Fatalf("report %+v", rep)
		}
		for i, r := range rep.Rows {
			o, err := organisation.Get(coordinatorCtx(), db, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			if o.Name != names[i] || r.Name != names[i] {
				t.Errorf("line %d: name %q (report %q), want %q", r.Line, o.Name, r.Name, names[i])
			}
		}
		if o, _ := organisation.Get(coordinatorCtx(), db, rep.Rows[1].ID); o.Description.Ja != "医薬品、研究開発" || o.NameKana != "みなとせいやく" {
			t.Errorf("second line %+v", o)
		}
		// Imported organisations are found like created ones: by short
		// queries (search grams) and longer ones (full text), and by kana.
		for q, want := range map[string]string{"大阪": names[0], "ミナト": names[1], "日本医療研究": names[2], "みなと": names[1]} {
			var found []string
			err := organisation.Each(coordinatorCtx(), db, organisation.Filter{Q: q}, "", func(o organisation.Organisation) error {
				found = append(found, o.Name)
				return nil
			})
			if err != nil || !slices.Equal(found, []string{want}) {
				t.Errorf("q=%s finds %v (%v), want %s", q, found, err, want)
			}
		}
	})
}

func TestImportUTF8WithBOM(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		rep := mustImport(t, db, "\ufeffname,kind,country\r\nBOM Biotech GmbH,biotech,DE\r\n", false)
		if statuses(rep) != "2:created" || !rep.Committed {
			t.Fatalf("report %+v", rep)
		}
		if o, err := organisation.Get(coordinatorCtx(), db, rep.Rows[0].ID); err != nil || o.Name != "BOM Biotech GmbH" {
			t.Errorf("%+v, %v", o, err)
		}
	})
}

// TestImportIsAllOrNothing: a 40-line file with a bad country on line 37
// names that line and field and writes nothing.
func TestImportIsAllOrNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		var b strings.Builder
		b.WriteString("name,kind,country,city\n")
		for line := 2; line <= 41; line++ {
			country := "DE"
			if line == 37 {
				country = "Germany"
			}
			fmt.Fprintf(&b, "Line %d Biotech GmbH,biotech,%s,Munich\n", line, country)
		}
		before := countOrganisations(t, db)
		rep := mustImport(t, db, b.String(), false)
		if rep.Committed || rep.Errors != 1 || rep.Created != 39 || len(rep.Rows) != 40 {
			t.Fatalf("report: committed %v, %d errors, %d created, %d rows", rep.Committed, rep.Errors, rep.Created, len(rep.Rows))
		}
		bad := rep.Rows[35]
		if bad.Line != 37 || bad.Status != organisation.RowError || len(bad.Errors) != 1 || bad.Errors[0].Field != "country" {
			t.Errorf("line 37: %+v", bad)
		}
		for _, r := range rep.Rows {
			if r.ID != "" {
				t.Errorf("line %d reports id %s of an import that was not committed", r.Line, r.ID)
			}
		}
		if n := countOrganisations(t, db); n != before {
			t.Errorf("%d organisations after a failed import, want %d", n, before)
		}
		var events int64
		db.Conn(context.Background()).Table("audit_events").Count(&events)
		if events != 0 {
			t.Errorf("%d audit events after a failed import", events)
		}
	})
}

func TestImportCellErrors(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		file := "name,kind,country,sme,employees,region,focus_areas,website,id\n" +
			"Good GmbH,biotech,DE,false,10,bavaria,immunomodulation,,\n" +
			"Bad Bool GmbH,biotech,DE,maybe,10,,,,\n" +
			"Bad Number GmbH,biotech,DE,,ten,,,,\n" +
			"Bad Codes GmbH,spaceship,DE,,,atlantis,alchemy,ftp://x,\n" +
			"Bad Id GmbH,biotech,DE,,,,,,not-an-id\n" +
			"Short GmbH,biotech\n" +
			",,,,,,,,\n" + // an empty line from a spreadsheet is skipped
			",biotech,DE,,,,,,\n"
		rep := mustImport(t, db, file, true)
		want := map[int][]string{3: {"sme"}, 4: {"employees"}, 5: {"kind", "website"}, 6: {"id"}, 7: {"row"}, 9: {"name"}}
		if rep.Errors != len(want) || rep.Created != 1 || len(rep.Rows) != 7 || rep.Committed {
			t.Fatalf("report %s %+v", statuses(rep), rep)
		}
		for _, r := range rep.Rows {
			fields := want[r.Line]
			if fields == nil {
				if r.Status != organisation.RowCreated {
					t.Errorf("line %d: %+v", r.Line, r)
				}
				continue
			}
			var got []string
			for _, e := range r.Errors {
				got = append(got, e.Field)
			}
			if r.Status != organisation.RowError || strings.Join(got, ",") != strings.Join(fields, ",") {
				t.Errorf("line %d: %s %v, want error %v (%+v)", r.Line, r.Status, got, fields, r.Errors)
			}
		}
	})
}

func TestImportFileErrors(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		for _, tc := range []struct{ name, file, field string }{
			{"unknown column", "name,kind,country,colour\nA GmbH,biotech,DE,red\n", "colour"},
			{"missing required column", "name,kind\nA GmbH,biotech\n", "country"},
			{"empty file", "", "file"},
			{"not text", "name,kind,country\n\xff\xfe\xfd,biotech,DE\n", "file"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				rep := mustImport(t, db, tc.file, false)
				if rep.Committed || rep.Errors != 1 || len(rep.Rows) != 1 || rep.Rows[0].Line != 1 || rep.Rows[0].Errors[0].Field != tc.field {
					t.Errorf("report %+v", rep)
				}
			})
		}
		if n := countOrganisations(t, db); n != 0 {
			t.Errorf("%d organisations", n)
		}
	})
}

func TestImportNeedsACoordinator(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		for _, p := range []auth.Principal{
			{Kind: auth.KindUser, ID: "m", Role: auth.RoleMember, OrganisationID: "x"},
			{Kind: auth.KindUser, ID: "v", Role: auth.RoleViewer},
			{Kind: auth.KindAPIKey, ID: "k", Role: auth.RoleCoordinator, Scopes: []string{auth.ScopeRead}},
			{},
		} {
			_, err := organisation.Import(auth.With(context.Background(), p), db, strings.NewReader("name,kind,country\nA GmbH,biotech,DE\n"), false)
			if err == nil || !strings.Contains(err.Error(), "forbidden") {
				t.Errorf("%+v: %v", p, err)
			}
		}
	})
}

// importFile is n organisations as an export would have them.
func importFile(n int) string {
	var b strings.Builder
	b.WriteString("\ufeffid,name,name_local,name_kana,short_name,kind,sme,employees,country,region,city,website,email,phone,focus_areas,description_de,description_en,description_ja,archived\n")
	for i := range n {
		country, region, city := "DE", "bavaria", "München"
		if i%2 == 1 {
			country, region, city = "JP", "osaka", "大阪市"
		}
		fmt.Fprintf(&b, ",Company %05d GmbH,会社%05d,カイシャ%05d,C%d,biotech,true,%d,%s,%s,%s,https://www.company-%05d.example,info@company-%05d.example,+49 89 %05d,cell_gene_therapy;small_molecules,Beschreibung %d,Description %d,説明%d,false\n",
			i, i, i, i, i%200, country, region, city, i, i, i, i, i, i)
	}
	return b.String()
}

// BenchmarkImport10k imports 10,000 new organisations into an empty
// directory, and then the same file again as updates.
func BenchmarkImport10k(b *testing.B) {
	engines := []database.Engine{database.SQLite}
	if os.Getenv("TEST_DATABASE_URL") != "" {
		engines = append(engines, database.Postgres)
	}
	file := importFile(10_000)
	for _, e := range engines {
		b.Run(string(e)+"/create", func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				db := dbtest.New(b, e)
				b.StartTimer()
				start := time.Now()
				rep, err := organisation.Import(coordinatorCtx(), db, strings.NewReader(file), false)
				if err != nil || !rep.Committed || rep.Created != 10_000 {
					b.Fatalf("%v, committed %v, %d created, %d errors", err, rep.Committed, rep.Created, rep.Errors)
				}
				b.ReportMetric(float64(time.Since(start).Milliseconds()), "ms/import")
			}
		})
		b.Run(string(e)+"/update", func(b *testing.B) {
			db := dbtest.New(b, e)
			if rep, err := organisation.Import(coordinatorCtx(), db, strings.NewReader(file), false); err != nil || !rep.Committed {
				b.Fatal(err)
			}
			for b.Loop() {
				rep, err := organisation.Import(coordinatorCtx(), db, strings.NewReader(file), false)
				if err != nil || !rep.Committed || rep.Updated != 10_000 {
					b.Fatalf("%v, committed %v, %d updated, %d errors", err, rep.Committed, rep.Updated, rep.Errors)
				}
			}
		})
		b.Run(string(e)+"/dry-run", func(b *testing.B) {
			db := dbtest.New(b, e)
			for b.Loop() {
				rep, err := organisation.Import(coordinatorCtx(), db, strings.NewReader(file), true)
				if err != nil || rep.Committed || rep.Created != 10_000 {
					b.Fatalf("%v, committed %v, %d created, %d errors", err, rep.Committed, rep.Created, rep.Errors)
				}
			}
		})
	}
}

// A template in the reader's language labels each column after its name;
// the import reads the name and reports a bad line by its number, column
// and message.
func TestImportReadsATemplateHeaderWithLabelsInTheReadersLanguage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *database.DB) {
		var header []string
		for _, c := range organisation.ImportTemplateColumns() {
			header = append(header, c.Name+" (ラベル "+c.Name+")")
		}
		if cols := organisation.ImportTemplateColumns(); !cols[0].Required || cols[0].Name != "name" || len(cols) != len(organisation.ImportColumns) {
			t.Fatalf("template columns %+v", cols)
		}
		line := func(name, kind, country string) string {
			cells := make([]string, len(header))
			cells[0], cells[1], cells[2] = name, kind, country
			return strings.Join(cells, ",")
		}
		csv := strings.Join(header, ",") + "\n" + line("テンプレート株式会社", "biotech", "JP") + "\n" + line("Bad Row GmbH", "spaceship", "DE") + "\n"
		rep := mustImport(t, db, csv, true)
		if got := statuses(rep); got != "2:created 3:error" {
			t.Fatalf("statuses %s: %+v", got, rep.Rows)
		}
		if e := rep.Rows[1].Errors; len(e) != 1 || e[0].Field != "kind" {
			t.Errorf("the bad line's errors %+v", e)
		}
	})
}
