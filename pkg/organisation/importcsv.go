package organisation

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/reference"
	"github.com/innomunich/platform/pkg/search"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/unicode/norm"
)

// ImportColumns are the columns a CSV import understands: the columns of
// the CSV export, so an export edited in a spreadsheet imports back.
//
// The file is UTF-8 (with or without a byte order mark) or Shift_JIS
// (Windows-31J, as Japanese spreadsheets save it). Its first line names
// the columns, in any order and any case; name, kind and country must be
// among them, every other column is optional, and a column the import
// does not know is an error. Each further line is one organisation:
//
//	id              organisation id (UUID) of an export; empty for a new one
//	name            required
//	name_local      name in Japanese (or German) script
//	name_kana       kana reading of the Japanese name
//	short_name
//	kind            one of Kinds (pharma, biotech, …)
//	sme             true/false (also 1/0, yes/no, ja/nein); empty is false
//	employees       whole number; empty is unknown
//	country         ISO 3166-1 alpha-2 code (DE, JP)
//	region          region code (osaka); empty is none
//	city
//	website         http(s) URL
//	email
//	phone
//	focus_areas     focus area codes separated by ";", "," or spaces
//	description_de
//	description_en
//	description_ja
//	archived        true/false like sme
//	corporate_number    Japanese corporate number (法人番号), 13 digits
//	commercial_register German register entry, "Amtsgericht München HRB 123456"
//	vat_id              EU VAT id with country prefix (DE129273398)
//	lei                 Legal Entity Identifier (ISO 17442)
//	ror_id              ROR id or URL (https://ror.org/05591te55)
//
// The identifiers are checked and normalised as the API does; each
// belongs to one organisation only (a line giving another's is an error).
//
// A line updates the organisation with its id (an id the directory does
// not have is passed over), else the one with one of its identifiers,
// else the oldest whose name is the same
// ignoring case, width, punctuation and legal form ("Example Biotech AG"
// is "Example Biotech GmbH"), else it adds a new one, unless one with the
// same website host exists (a duplicate: reported and skipped). Later
// lines see what earlier ones did. An update changes only the columns the
// file has; an empty cell in such a column clears the field. Completely
// empty lines are skipped.
var ImportColumns = []string{"id", "name", "name_local", "name_kana", "short_name", "kind", "sme", "employees", "country", "region",
	"city", "website", "email", "phone", "focus_areas", "description_de", "description_en", "description_ja", "archived",
	"corporate_number", "commercial_register", "vat_id", "lei", "ror_id"}

// requiredColumns must be in the header.
var requiredColumns = []string{"name", "kind", "country"}

// ImportColumn is a column of the import and whether the header must
// name it: what a template offers.
type ImportColumn struct {
	Name     string
	Required bool
}

// ImportTemplateColumns are the columns of the import, required first.
func ImportTemplateColumns() []ImportColumn {
	var out []ImportColumn
	for _, c := range requiredColumns {
		out = append(out, ImportColumn{c, true})
	}
	for _, c := range ImportColumns {
		if !slices.Contains(requiredColumns, c) {
			out = append(out, ImportColumn{c, false})
		}
	}
	return out
}

// importColumnName reads a header cell: the column's name in any case,
// optionally followed by a label in parentheses, as a template in the
// reader's language writes it ("name (Name)", "kind (種別)").
func importColumnName(h string) string {
	c := strings.ToLower(strings.TrimSpace(h))
	if i := strings.Index(c, "("); i > 0 && strings.HasSuffix(c, ")") {
		c = strings.TrimSpace(c[:i])
	}
	return c
}

// Statuses of an imported line.
const (
	RowCreated   = "created"
	RowUpdated   = "updated"
	RowDuplicate = "duplicate" // looks like an organisation in the directory; skipped
	RowError     = "error"
)

// RowResult is what became of one line of the file.
type RowResult struct {
	Line   int    // line in the file where the record starts; the header is line 1
	Status string // RowCreated, RowUpdated, RowDuplicate or RowError
	// ID is the organisation created or updated, or the one a duplicate
	// looks like. Empty for lines created by an import that was not
	// committed (their ids never existed).
	ID     string
	Name   string
	Errors []apperr.FieldError // for RowError, named by column
}

// ImportReport is the result of every line, and whether it was written.
type ImportReport struct {
	Created, Updated, Duplicates, Errors int
	Rows                                 []RowResult
	// Committed is true when the changes were written: not a dry run and
	// no line had an error.
	Committed bool
}

func (r *ImportReport) add(res RowResult) {
	switch res.Status {
	case RowCreated:
		r.Created++
	case RowUpdated:
		r.Updated++
	case RowDuplicate:
		r.Duplicates++
	case RowError:
		r.Errors++
	}
	r.Rows = append(r.Rows, res)
}

// fileError reports a problem of the whole file at a line.
func (r *ImportReport) fileError(line int, field, format string, args ...any) {
	r.add(RowResult{Line: line, Status: RowError, Errors: []apperr.FieldError{{Field: field, Message: fmt.Sprintf(format, args...)}}})
}

// errRollback ends the import's transaction without writing.
var errRollback = errors.New("import not committed")

// Import reads organisations from a CSV file (see ImportColumns) and
// creates or updates them, all in one transaction: either every line is
// written or, when a line has an error or dryRun is set, none is. Likely
// duplicates are skipped and reported, and do not stop the others. The
// report lists every line either way. Problems of the file are in the
// report; the error is for the caller's permission and for failures of
// the database (and 412 when an organisation changes during the import).
// Coordinators and admins only.
//
// The rules are Create's and Update's: the same normalising, validation,
// reference checks, duplicate rule, versions and audit events. They are
// applied to the lines in memory, against the directory as it is at the
// start (and as earlier lines change it), and the result is written in
// batches: one statement per line would make 10,000 lines take half a
// minute on PostgreSQL.
func Import(ctx context.Context, db *database.DB, r io.Reader, dryRun bool) (ImportReport, error) {
	p := auth.From(ctx)
	if !p.Allows(auth.ScopeWriteOrganisations) {
		return ImportReport{}, apperr.New(apperr.Forbidden, "This API key lacks the write:organisations scope")
	}
	if !p.IsCoordinator() {
		return ImportReport{}, apperr.New(apperr.Forbidden, "Only coordinators and admins import organisations")
	}
	raw, err := io.ReadAll(r)
	if err != nil {
		return ImportReport{}, err // the caller's size limit, or a broken connection
	}
	rep := ImportReport{Rows: []RowResult{}}
	recs, cols := readCSV(raw, &rep)
	if rep.Errors > 0 {
		return rep, nil
	}
	lines := parseLines(recs, cols)
	im := newImporter(db)
	err = db.WithTx(ctx, func(ctx context.Context) error {
		if err := im.load(ctx, lines); err != nil {
			return err
		}
		for _, l := range lines {
			res, err := im.apply(ctx, l)
			if err != nil {
				return fmt.Errorf("import line %d: %w", l.res.Line, err)
			}
			rep.add(res)
		}
		if dryRun || rep.Errors > 0 {
			return errRollback
		}
		return im.write(ctx)
	})
	if err != nil && !errors.Is(err, errRollback) {
		return ImportReport{}, err
	}
	rep.Committed = err == nil
	if !rep.Committed {
		for i := range rep.Rows {
			if im.created[rep.Rows[i].ID] {
				rep.Rows[i].ID = ""
			}
		}
	}
	return rep, nil
}

// record is one data line of the file.
type record struct {
	line  int
	cells []string
}

// readCSV decodes the file and splits it into the header's columns and
// the data lines. Problems go into the report.
func readCSV(raw []byte, rep *ImportReport) ([]record, []string) {
	raw = bytes.TrimPrefix(raw, []byte("\ufeff"))
	if !utf8.Valid(raw) {
		dec, err := japanese.ShiftJIS.NewDecoder().Bytes(raw)
		if err != nil || bytes.ContainsRune(dec, utf8.RuneError) {
			rep.fileError(1, "file", "must be text in UTF-8 or Shift_JIS; save the spreadsheet as CSV UTF-8")
			return nil, nil
		}
		raw = dec
	}
	cr := csv.NewReader(bytes.NewReader(raw))
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		rep.fileError(1, "file", "is empty; its first line must name the columns: %s", strings.Join(ImportColumns, ", "))
		return nil, nil
	}
	if err != nil {
		csvError(rep, err)
		return nil, nil
	}
	cols := make([]string, len(header))
	var bad apperr.Fields
	seen := map[string]bool{}
	for i, h := range header {
		c := importColumnName(h)
		cols[i] = c
		switch {
		case c == "" && i == len(header)-1 && i > 0:
			cols = cols[:i] // a trailing separator
		case c == "":
			bad.Add(fmt.Sprintf("column %d", i+1), "has no name; the columns are %s", strings.Join(ImportColumns, ", "))
		case !slices.Contains(ImportColumns, c):
			bad.Add(strings.TrimSpace(h), "is not a column of the import; the columns are %s", strings.Join(ImportColumns, ", "))
		case seen[c]:
			bad.Add(c, "appears twice in the header")
		}
		seen[c] = true
	}
	for _, c := range requiredColumns {
		if !seen[c] {
			bad.Add(c, "is a required column")
		}
	}
	if len(bad) > 0 {
		rep.add(RowResult{Line: 1, Status: RowError, Errors: bad})
		return nil, nil
	}
	var recs []record
	for {
		cells, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			csvError(rep, err)
			return nil, nil
		}
		line, _ := cr.FieldPos(0)
		recs = append(recs, record{line: line, cells: cells})
	}
	return recs, cols
}

func csvError(rep *ImportReport, err error) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		rep.fileError(pe.Line, "file", "is not valid CSV at column %d: %v", pe.Column, pe.Err)
		return
	}
	rep.fileError(1, "file", "cannot be read as CSV: %v", err)
}

// line is a data line read into a patch.
type line struct {
	res RowResult // Line and Name; Status RowError when a cell is bad
	in  Patch
	id  string // the id cell, when it holds one
}

// parseLines reads the cells of every data line; empty lines are left out.
func parseLines(recs []record, cols []string) []line {
	var out []line
	for _, rec := range recs {
		cell := map[string]string{}
		var bad apperr.Fields
		empty := true
		for i, v := range rec.cells {
			v = importCell(strings.TrimSpace(v))
			if v != "" {
				empty = false
			}
			if i < len(cols) {
				cell[cols[i]] = v
				if strings.ContainsRune(v, 0) {
					bad.Add(cols[i], "must be text without NUL characters")
				}
			} else if v != "" {
				bad.Add("row", "has %d cells but the header names %d columns", len(rec.cells), len(cols))
				break
			}
		}
		if empty {
			continue
		}
		if len(rec.cells) < len(cols) {
			bad.Add("row", "has %d cells but the header names %d columns", len(rec.cells), len(cols))
		}
		l := line{res: RowResult{Line: rec.line, Name: cell["name"]}}
		l.in = patchOf(cell, &bad)
		if raw := cell["id"]; raw != "" {
			if u, err := uuid.Parse(raw); err != nil {
				bad.Add("id", "must be the id of an organisation (from an export), or empty for a new one")
			} else {
				l.id = u.String()
			}
		}
		if len(bad) > 0 {
			l.res.Status, l.res.Errors = RowError, bad
		}
		out = append(out, l)
	}
	return out
}

// importer applies lines to the directory in memory and writes the result.
type importer struct {
	db             *database.DB
	regions, areas map[string]bool // reference codes that exist
	known          map[string]bool // ids of organisations, existing and new
	createdAt      map[string]time.Time
	byKey, byHost  index               // what lines are matched and duplicates found by
	byIdentifier   index               // "column|value" of every identifier
	orgs           map[string]*tracked // organisations the import reads or changes
	steps          []step              // every change, in the order of the lines
	created        map[string]bool     // ids this import creates
}

// tracked is one organisation: as stored, and as the lines so far left it.
type tracked struct {
	stored *Organisation // nil for a new one
	cur    Organisation
}

// step is one change to write: a create or an update, with its audit event.
type step struct {
	action        string
	before, after Organisation
}

func newImporter(db *database.DB) *importer {
	return &importer{db: db, regions: map[string]bool{}, areas: map[string]bool{}, known: map[string]bool{},
		createdAt: map[string]time.Time{}, byKey: index{}, byHost: index{}, byIdentifier: index{}, orgs: map[string]*tracked{}, created: map[string]bool{}}
}

// importBatch is how many rows one statement reads or writes.
const importBatch = 500

// load reads the reference codes, an index of every organisation, and the
// organisations the lines will probably update, in a few queries.
func (im *importer) load(ctx context.Context, lines []line) error {
	regions, err := reference.Codes(ctx, im.db, reference.Regions)
	if err != nil {
		return err
	}
	for _, c := range regions {
		im.regions[c] = true
	}
	areas, err := reference.Codes(ctx, im.db, reference.FocusAreas)
	if err != nil {
		return err
	}
	for _, c := range areas {
		im.areas[c] = true
	}
	conn := im.db.Conn(ctx)
	var all []struct {
		ID, NameKey, WebsiteHost     string
		CorporateNumber, RegisterKey string
		VATID                        string `gorm:"column:vat_id"`
		LEI                          string `gorm:"column:lei"`
		ROR                          string `gorm:"column:ror_id"`
		CreatedAt                    time.Time
	}
	if err := conn.Table("organisations").Select("id, name_key, website_host, created_at, corporate_number, register_key, vat_id, lei, ror_id").
		Order("created_at, id").Find(&all).Error; err != nil {
		return err
	}
	for _, o := range all {
		im.known[o.ID], im.createdAt[o.ID] = true, o.CreatedAt
		im.byKey.add(o.NameKey, o.ID, im.createdAt)
		im.byHost.add(o.WebsiteHost, o.ID, im.createdAt)
		for _, l := range (Identifiers{CorporateNumber: o.CorporateNumber, Register: Register{Key: o.RegisterKey}, VATID: o.VATID, LEI: o.LEI, RORID: o.ROR}).lookups() {
			im.byIdentifier.add(l.Column+"|"+l.Value, o.ID, im.createdAt)
		}
	}
	var ids []string
	seen := map[string]bool{}
	for _, l := range lines {
		id := im.match(l)
		if id != "" && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for chunk := range slices.Chunk(ids, importBatch) {
		var orgs []Organisation
		if err := conn.Where("id IN ?", chunk).Find(&orgs).Error; err != nil {
			return err
		}
		ptrs := make([]*Organisation, len(orgs))
		for i := range orgs {
			ptrs[i] = &orgs[i]
		}
		if err := withFocusAreas(ctx, im.db, ptrs); err != nil {
			return err
		}
		for _, o := range orgs {
			im.track(o)
		}
	}
	return nil
}

func (im *importer) track(o Organisation) *tracked {
	cur := o
	cur.FocusAreas = slices.Clone(o.FocusAreas)
	t := &tracked{stored: &o, cur: cur}
	im.orgs[o.ID] = t
	return t
}

// match returns the organisation a line updates: the one with its id, else
// the oldest with its name key; "" for a new one.
func (im *importer) match(l line) string {
	if l.res.Status == RowError {
		return ""
	}
	if l.id != "" && im.known[l.id] {
		return l.id
	}
	var probe Organisation
	l.in.Identifiers.apply(&probe.Identifiers)
	probe.Identifiers.normalise()
	for _, k := range probe.Identifiers.lookups() {
		if id := im.byIdentifier.first(k.Column + "|" + k.Value); id != "" {
			return id
		}
	}
	return im.byKey.first(search.NameKey(l.in.Name.Value))
}

// identifierTaken is checkIdentifiers against the import's index.
func (im *importer) identifierTaken(o Organisation) error {
	for _, l := range o.Identifiers.lookups() {
		for _, id := range im.byIdentifier[l.Column+"|"+l.Value] {
			if id != o.ID {
				return apperr.Fields{{Field: l.Field, Message: "belongs to organisation " + id + " already: it is the same organisation"}}.ErrWith(apperr.Conflict)
			}
		}
	}
	return nil
}

// apply runs a line through the rules and records its change. Problems of
// the line are its result; the error is for failures that end the import.
func (im *importer) apply(ctx context.Context, l line) (RowResult, error) {
	res := l.res
	if res.Status == RowError {
		return res, nil
	}
	if id := im.match(l); id != "" {
		t, ok := im.orgs[id]
		if !ok { // matched through an earlier line's change
			o, err := Get(ctx, im.db, id)
			if err != nil {
				return res, err
			}
			t = im.track(o)
		}
		// As Update.
		after := t.cur
		after.FocusAreas = slices.Clone(t.cur.FocusAreas)
		l.in.apply(&after)
		after.normalise()
		if err := after.Validate(); err != nil {
			return failed(res, err)
		}
		after.derive()
		if err := im.checkReferences(ctx, after); err != nil {
			return failed(res, err)
		}
		if err := im.identifierTaken(after); err != nil {
			return failed(res, err)
		}
		after.Version++
		im.change(t, audit.Update, after)
		res.Status, res.ID, res.Name = RowUpdated, after.ID, after.Name
		return res, nil
	}
	// As Create.
	now := database.Now()
	var o Organisation
	l.in.apply(&o)
	archived := o.Archived // a new organisation starts active; archiving it is an update
	o.ID, o.Version, o.CreatedAt, o.UpdatedAt, o.Archived = uuid.Must(uuid.NewV7()).String(), 1, now, now, false
	o.normalise()
	if err := o.Validate(); err != nil {
		return failed(res, err)
	}
	o.derive()
	if err := im.checkReferences(ctx, o); err != nil {
		return failed(res, err)
	}
	if err := im.identifierTaken(o); err != nil {
		return failed(res, err)
	}
	// checkDuplicate: the same name key was matched above, so only the
	// website host is left.
	if dup := im.byHost.first(o.WebsiteHost); dup != "" {
		res.Status, res.ID = RowDuplicate, dup
		return res, nil
	}
	t := &tracked{}
	im.orgs[o.ID], im.known[o.ID], im.createdAt[o.ID], im.created[o.ID] = t, true, now, true
	im.change(t, audit.Create, o)
	if archived {
		a := o
		a.FocusAreas = slices.Clone(o.FocusAreas)
		a.Archived, a.Version = true, o.Version+1
		im.change(t, audit.Update, a)
	}
	res.Status, res.ID, res.Name = RowCreated, o.ID, o.Name
	return res, nil
}

// change records a step and keeps the indexes in step with it.
func (im *importer) change(t *tracked, action string, after Organisation) {
	before := t.cur
	if action != audit.Create {
		im.byKey.remove(before.NameKey, before.ID)
		im.byHost.remove(before.WebsiteHost, before.ID)
		for _, l := range before.Identifiers.lookups() {
			im.byIdentifier.remove(l.Column+"|"+l.Value, before.ID)
		}
	}
	im.byKey.add(after.NameKey, after.ID, im.createdAt)
	im.byHost.add(after.WebsiteHost, after.ID, im.createdAt)
	for _, l := range after.Identifiers.lookups() {
		im.byIdentifier.add(l.Column+"|"+l.Value, after.ID, im.createdAt)
	}
	t.cur = after
	im.steps = append(im.steps, step{action: action, before: before, after: after})
}

// checkReferences answers from the codes loaded at the start, and asks
// the rule itself, for its message, only about codes it does not know.
func (im *importer) checkReferences(ctx context.Context, o Organisation) error {
	known := o.Region == nil || im.regions[*o.Region]
	for _, f := range o.FocusAreas {
		known = known && im.areas[f]
	}
	if known {
		return nil
	}
	return checkReferences(ctx, im.db, o)
}

// write stores every step: new organisations and focus areas in batches,
// each further change as one versioned update, and an audit event each.
func (im *importer) write(ctx context.Context) error {
	conn := im.db.Conn(ctx)
	var rows []map[string]any
	for _, s := range im.steps {
		if s.action == audit.Create {
			row := im.columns(s.after)
			row["id"], row["version"], row["created_at"], row["updated_at"] = s.after.ID, s.after.Version, s.after.CreatedAt, s.after.UpdatedAt
			rows = append(rows, row)
		}
	}
	for chunk := range slices.Chunk(rows, importBatch) {
		if err := conn.Table("organisations").Create(&chunk).Error; err != nil {
			return raced(err)
		}
	}
	for _, s := range im.steps {
		if s.action == audit.Update {
			if _, err := im.db.UpdateVersioned(ctx, "organisations", "organisation", s.after.ID, s.before.Version, im.columns(s.after)); err != nil {
				return raced(err)
			}
		}
	}
	// Focus areas: the last state of each organisation the import changed.
	var changed []string
	var areas []map[string]any
	for _, s := range im.steps {
		t := im.orgs[s.after.ID]
		if t.cur.Version != s.after.Version { // not its last step
			continue
		}
		var stored []string
		if t.stored != nil {
			stored = t.stored.FocusAreas
		}
		if slices.Equal(stored, t.cur.FocusAreas) {
			continue
		}
		if t.stored != nil {
			changed = append(changed, s.after.ID)
		}
		for _, a := range t.cur.FocusAreas {
			areas = append(areas, map[string]any{"organisation_id": s.after.ID, "focus_area": a})
		}
	}
	for chunk := range slices.Chunk(changed, importBatch) {
		if err := conn.Exec("DELETE FROM organisation_focus_areas WHERE organisation_id IN ?", chunk).Error; err != nil {
			return err
		}
	}
	for chunk := range slices.Chunk(areas, importBatch) {
		if err := conn.Table("organisation_focus_areas").Create(&chunk).Error; err != nil {
			return err
		}
	}
	for _, s := range im.steps {
		var before any
		if s.action != audit.Create {
			before = s.before.view()
		}
		if err := audit.Record(ctx, im.db, s.action, "organisation", s.after.ID, s.after.Version, before, s.after.view()); err != nil {
			return err
		}
	}
	return nil
}

// columns are the stored columns of an organisation that a change sets,
// with its search grams.
func (im *importer) columns(o Organisation) map[string]any {
	set := o.columns()
	set["search_grams"] = search.GramsValue(im.db, o.grams())
	return set
}

// index finds organisations by a derived key (name key, website host);
// each key lists its organisations oldest first, as checkDuplicate orders.
type index map[string][]string

func (ix index) add(key, id string, createdAt map[string]time.Time) {
	if key == "" {
		return
	}
	ids := ix[key]
	i, _ := slices.BinarySearchFunc(ids, id, func(a, b string) int {
		if c := createdAt[a].Compare(createdAt[b]); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	ix[key] = slices.Insert(ids, i, id)
}

func (ix index) remove(key, id string) {
	if i := slices.Index(ix[key], id); i >= 0 {
		ix[key] = slices.Delete(ix[key], i, i+1)
	}
}

func (ix index) first(key string) string {
	if ids := ix[key]; key != "" && len(ids) > 0 {
		return ids[0]
	}
	return ""
}

// failed turns the rules' answer for a line into its result: errors named
// by column. Errors without a code end the import.
func failed(res RowResult, err error) (RowResult, error) {
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Code == apperr.Internal {
		return res, err
	}
	res.Status, res.ID = RowError, ""
	for _, f := range ae.Fields {
		field := strings.TrimPrefix(f.Field, "identifiers.") // the columns are corporate_number, …
		res.Errors = append(res.Errors, apperr.FieldError{Field: strings.ReplaceAll(field, ".", "_"), Message: f.Message})
	}
	if len(res.Errors) == 0 {
		res.Errors = []apperr.FieldError{{Field: "row", Message: ae.Message}}
	}
	return res, nil
}

// patchOf reads the cells of the columns the file has.
func patchOf(cell map[string]string, bad *apperr.Fields) Patch {
	var in Patch
	str := func(f *opt.Field[string], col string) {
		if v, ok := cell[col]; ok {
			*f = opt.Of(v)
		}
	}
	str(&in.Name, "name")
	str(&in.NameLocal, "name_local")
	str(&in.NameKana, "name_kana")
	str(&in.ShortName, "short_name")
	str(&in.City, "city")
	str(&in.Website, "website")
	str(&in.Email, "email")
	str(&in.Phone, "phone")
	if v, ok := cell["kind"]; ok {
		in.Kind = opt.Of(strings.ToLower(v))
	}
	if v, ok := cell["country"]; ok {
		in.Country = opt.Of(strings.ToUpper(norm.NFKC.String(v)))
	}
	if v, ok := cell["region"]; ok {
		in.Region = opt.Field[string]{Set: true, Null: v == "", Value: strings.ToLower(v)}
	}
	if v, ok := cell["employees"]; ok {
		in.Employees = opt.Field[int]{Set: true, Null: v == ""}
		if v != "" {
			n, err := strconv.Atoi(digitSeparators.Replace(norm.NFKC.String(v)))
			if err != nil {
				bad.Add("employees", "must be a whole number such as 120, or empty")
			}
			in.Employees.Value = n
		}
	}
	boolean := func(f *opt.Field[bool], col string) {
		if v, ok := cell[col]; ok {
			b, valid := parseBool(v)
			if !valid {
				bad.Add(col, "must be true or false (or empty for false)")
			}
			*f = opt.Of(b)
		}
	}
	boolean(&in.SME, "sme")
	boolean(&in.Archived, "archived")
	str(&in.Description.De, "description_de")
	str(&in.Description.En, "description_en")
	str(&in.Description.Ja, "description_ja")
	idStr := func(f *opt.Field[string], col string) {
		if v, ok := cell[col]; ok {
			*f = opt.Of(v)
		}
	}
	idStr(&in.Identifiers.CorporateNumber, "corporate_number")
	idStr(&in.Identifiers.VATID, "vat_id")
	idStr(&in.Identifiers.LEI, "lei")
	idStr(&in.Identifiers.RORID, "ror_id")
	if v, ok := cell["commercial_register"]; ok {
		in.Identifiers.Register = opt.Of(Register{})
		if v != "" {
			r, valid := ParseRegister(v)
			if !valid {
				bad.Add("commercial_register", "must name the court, HRA or HRB and the number, as in Amtsgericht München HRB 123456")
			}
			in.Identifiers.Register = opt.Of(r)
		}
	}
	if v, ok := cell["focus_areas"]; ok {
		areas := strings.FieldsFunc(strings.ToLower(norm.NFKC.String(v)), func(r rune) bool {
			return r == ';' || r == ',' || unicode.IsSpace(r)
		})
		if areas == nil {
			areas = []string{}
		}
		in.FocusAreas = opt.Of(areas)
	}
	return in
}

// digitSeparators are what spreadsheets put between thousands.
var digitSeparators = strings.NewReplacer(",", "", " ", "", "_", "")

// parseBool reads a yes-or-no cell; empty is false.
func parseBool(v string) (b, ok bool) {
	switch strings.ToLower(norm.NFKC.String(v)) {
	case "", "false", "0", "no", "n", "nein", "f":
		return false, true
	case "true", "1", "yes", "y", "ja", "t":
		return true, true
	}
	return false, false
}
