package database

// Selective marks a range condition that usually keeps few rows, such as
// updated_at >= a recent time, or a trip's end after a date. SQLite plans
// without statistics and then prefers reading the list's sort index in
// order and skipping rows, which reads the whole index when few rows
// match; wrapped in unlikely() the condition leads it to the index of its
// column instead, as PostgreSQL's statistics do. PostgreSQL gets cond as
// it is.
func (db *DB) Selective(cond string) string {
	if db.Engine == SQLite {
		return "unlikely(" + cond + ")"
	}
	return cond
}
