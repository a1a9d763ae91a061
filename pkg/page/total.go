package page

import (
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
	return p.Apply(q).Find(rows).Error
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
