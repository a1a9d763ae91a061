package database

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"sync"
	"time"

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
//
// An estimate is kept for EstimateFor and given again for the same
// statement with the same arguments on the same database (estimates).
// It is a function of the table's statistics, which change only when
// ANALYZE runs, and autovacuum analyses a table at most once a minute
// (autovacuum_naptime) and after a tenth of its rows changed; so a kept
// estimate is about as fresh as the planner's own. Planning is what an
// estimate costs, and for a LIKE pattern it tries the pattern on each
// entry of the column's histogram: 3 ms of a search's 20 for people?q=isar
// cell at one million organisations, asked again by each page of the same
// search (docs/performance.md).
func EstimateRows(q *gorm.DB) (float64, error) {
	if q.Dialector.Name() != string(Postgres) || q.DryRun {
		return -1, nil
	}
	explain := q.Session(&gorm.Session{NewDB: true}).Raw("EXPLAIN (FORMAT JSON) ?", q)
	key := estimateKey{db: q.Dialector, statement: sha256.Sum256(fmt.Appendf(nil, "%s\x00%#v", explain.Statement.SQL.String(), explain.Statement.Vars))}
	if rows, ok := estimates.get(key); ok {
		return rows, nil
	}
	var out string
	if err := explain.Row().Scan(&out); err != nil {
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
	estimates.put(key, plans[0].Plan.Rows)
	return plans[0].Plan.Rows, nil
}

// EstimateFor is how long an estimate is kept (see EstimateRows).
const EstimateFor = time.Minute

// maxEstimates bounds the estimates kept: emptied when it holds this many.
const maxEstimates = 10000

// estimates holds the planner's estimates of the last EstimateFor.
var estimates = estimateCache{kept: map[estimateKey]estimate{}, now: time.Now}

// estimateKey is a statement and its arguments (their SHA-256) on one
// database (its dialector, one for each Open: a session copies the
// gorm.Config).
type estimateKey struct {
	db        gorm.Dialector
	statement [sha256.Size]byte
}

type estimate struct {
	rows float64
	at   time.Time
}

type estimateCache struct {
	mu   sync.Mutex
	kept map[estimateKey]estimate
	now  func() time.Time // time.Now; a test's clock
}

func (c *estimateCache) get(k estimateKey) (float64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.kept[k]
	if !ok || c.now().Sub(e.at) >= EstimateFor {
		return 0, false
	}
	return e.rows, true
}

func (c *estimateCache) put(k estimateKey, rows float64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.kept) >= maxEstimates {
		clear(c.kept)
	}
	c.kept[k] = estimate{rows: rows, at: c.now()}
}
