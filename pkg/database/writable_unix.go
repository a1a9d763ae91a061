//go:build unix

package database

import (
	"fmt"
	"syscall"
)

// minFree is the free space below which a SQLite file counts as full: a
// write appends whole pages to the WAL.
const minFree = 1 << 20

// writable reports why the SQLite file at path cannot be written, if it
// cannot: a read-only file or file system, or a full disk. The access
// check holds for root too where it matters (read-only mounts,
// immutable files).
func writable(path string) error {
	if err := syscall.Access(path, 2 /* W_OK */); err != nil {
		return fmt.Errorf("the database file is read-only: %w", err)
	}
	var st syscall.Statfs_t
	if err := syscall.Statfs(path, &st); err != nil {
		return fmt.Errorf("the database's file system: %w", err)
	}
	if free := st.Bavail * uint64(st.Bsize); free < minFree {
		return fmt.Errorf("the database's disk is full: %d bytes free", free)
	}
	return nil
}
