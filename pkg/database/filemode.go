package database

import (
	"fmt"
	"os"
)

// createPrivate creates the SQLite file, if it is new, readable by its
// owner only: SQLite would create it with 0644, and gives its -wal, -shm
// and -journal files the mode of the database file.
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDONLY, 0o600)
	if err != nil {
		return fmt.Errorf("create database file: %w", err)
	}
	return f.Close()
}
