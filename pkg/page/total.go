package page

import (
	"fmt"
	"reflect"

	"github.com/innomunich/platform/pkg/database"
	"gorm.io/gorm"
)

// ExactTotalUpTo is how far a list's total is counted exactly: counting
// stops one row beyond it, so a total costs at most that many rows
// whatever the table's size.
const ExactTotalUpTo = 10000

// Total is the number of rows a list's filters select. Beyond
// ExactTotalUpTo it is Estimated: on PostgreSQL the planner's estimate
// for the filtered query (never below the counted rows); on SQLite, which
// has no estimate, the counted lower bound ExactTotalUpTo.
type Total struct {
	Count     int64
	Estimated bool
}

// Find reads one page into rows: the keyset condition, order and limit of
// Apply on q, the list's filtered query. When the request asked for the
// total (Params.Total), Find also counts what q selects; read it with
// Total.
func (p Page) Find(q *gorm.DB, rows any) error {
	if p.total != nil {
		t, err := count(q)
		if err != nil {
			return err
		}
		*p.total = t
	}
	room(rows, p.Limit+1)
	return p.Apply(q).Find(rows).Error
}

// room gives rows (a pointer to a slice) room for n rows, so that GORM,
// which appends each row it reads, does not grow it (from 20 to 40 to 80
// for a page of 50): the growing was a seventh of a search's allocations.
func room(rows any, n int) {
	if v := reflect.ValueOf(rows).Elem(); v.Kind() == reflect.Slice && v.Cap() < n {
		s := reflect.MakeSlice(v.Type(), v.Len(), n)
		reflect.Copy(s, v)
		v.Set(s)
	}
}

// Total is the count Find made, or nil when the request did not ask for
// one (or the list has not been read).
func (p Page) Total() *Total {
	if p.total == nil {
		return nil
	}
	t := *p.total
	return &t
}

// count counts the rows q selects, exactly up to ExactTotalUpTo.
func count(q *gorm.DB) (Total, error) {
	// A copy: q goes on to be read as the page.
	capped := q.Session(&gorm.Session{}).Select("1").Limit(ExactTotalUpTo + 1)
	var n int64
	if err := q.Session(&gorm.Session{NewDB: true}).Raw("SELECT count(*) FROM (?) AS capped", capped).Scan(&n).Error; err != nil {
		return Total{}, err
	}
	if n <= ExactTotalUpTo {
		return Total{Count: n}, nil
	}
	est, err := database.EstimateRows(q.Session(&gorm.Session{}).Select("1"))
	if err != nil {
		return Total{}, err
	}
	// No estimate (SQLite): the lower bound.
	return Total{Count: max(int64(est), ExactTotalUpTo), Estimated: true}, nil
}

// Bucket is what FindBuckets reads of one relevance bucket.
type Bucket struct {
	// Query is the list's query narrowed to the bucket's rows, read in
	// the list's own order (nil: the bucket has no rows).
	Query *gorm.DB
	// More: Query holds only the bucket's first candidates in the list's
	// order; when it gives fewer rows than the page still needs, the
	// bucket is asked again, for the candidates after them.
	More bool
}

// FindBuckets reads a ranked page one relevance bucket at a time, best
// first, and stops as soon as the page is full. bucket(r, need) gives the
// rows of rank r (0 … buckets-1), of which the page still needs need, in
// the list's own order, which an index can serve, so the rank costs no
// sort of every match (see Bucket). The buckets before the cursor's are
// skipped, and the cursor's bucket continues after it (After). base,
// the query of every row of the page, is what include=total counts. rows
// is a pointer to a slice, as for Find.
func (p Page) FindBuckets(base *gorm.DB, rows any, buckets int, bucket func(rank, need int) Bucket) error {
	if p.total != nil {
		t, err := count(base)
		if err != nil {
			return err
		}
		*p.total = t
	}
	room(rows, p.Limit+1)
	out := reflect.ValueOf(rows).Elem()
	out.SetLen(0)
	first := 0
	if p.after != nil {
		first = p.after.Rank
	}
	for r := first; r < buckets && out.Len() <= p.Limit; {
		need := p.Limit + 1 - out.Len()
		b := bucket(r, need)
		if b.Query == nil {
			r++
			continue
		}
		// The bucket's rows in the list's order, after the cursor in its bucket.
		u := p
		u.Limit, u.rank = need-1, nil
		if p.after != nil && r != p.after.Rank {
			u.after = nil
		}
		part := reflect.New(out.Type())
		room(part.Interface(), need)
		if err := u.Apply(b.Query).Find(part.Interface()).Error; err != nil {
			return err
		}
		out.Set(reflect.AppendSlice(out, part.Elem()))
		if !b.More || part.Elem().Len() >= need {
			r++
		}
	}
	return nil
}

// KeysetOn is the page's keyset condition (to be given a row's sort value
// and id) and order on another table's copy of its sort column and id
// (column, idCol): for reading a bucket's candidates in the list's order.
func (p Page) KeysetOn(column, idCol string) (cond, order string) {
	op, dir := ">", "ASC"
	if p.desc {
		op, dir = "<", "DESC"
	}
	return fmt.Sprintf("(%s, %s) %s (?, ?)", column, idCol, op), fmt.Sprintf("%s %s, %s %s", column, dir, idCol, dir)
}

// After is the sort value and id of the row the page continues after,
// when that row is of bucket rank (on a page that is not ranked, rank 0).
func (p Page) After(rank int) (value any, id string, ok bool) {
	if p.after == nil || p.after.Rank != rank {
		return nil, "", false
	}
	return p.after.Value, p.after.ID, true
}

// SortColumn is the SQL column the page is ordered by (within a bucket,
// on a ranked page).
func (p Page) SortColumn() string { return p.field.Column }
