package database

import (
	"encoding/json"
	"fmt"

	"gorm.io/gorm"
)

// EstimateRows returns how many rows PostgreSQL's planner expects q to
// return, from its statistics and without running q: EXPLAIN plans the
// query and reads no table. It returns -1 on other engines and for a
// query that is only being built (DryRun), where nothing may run.
func (db *DB) EstimateRows(q *gorm.DB) (float64, error) {
	return EstimateRows(q)
}

// EstimateRows is db.EstimateRows for a query of any connection: the
// engine is q's.
func EstimateRows(q *gorm.DB) (float64, error) {
	if q.Dialector.Name() != string(Postgres) || q.DryRun {
		return -1, nil
	}
	var out string
	if err := q.Session(&gorm.Session{NewDB: true}).Raw("EXPLAIN (FORMAT JSON) ?", q).Row().Scan(&out); err != nil {
		return 0, err
	}
	var plans []struct {
		Plan struct {
			Rows float64 `json:"Plan Rows"`
		}
	}
	if err := json.Unmarshal([]byte(out), &plans); err != nil || len(plans) == 0 {
		return 0, fmt.Errorf("reading the planner's estimate: %v in %q", err, out)
	}
	return plans[0].Plan.Rows, nil
}
