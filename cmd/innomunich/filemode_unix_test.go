//go:build unix

package main

import (
	"io/fs"
	"path/filepath"
	"syscall"
	"testing"
)

// TestServeKeepsItsFilesPrivate: the SQLite database, its -wal and -shm,
// the migration lock and the generated JWT key are readable by the
// server's own user only, whatever the umask, and the folders it creates
// are closed to others.
func TestServeKeepsItsFilesPrivate(t *testing.T) {
	old := syscall.Umask(0o022) // the usual one, which leaves files readable by all
	defer syscall.Umask(old)
	dir := filepath.Join(t.TempDir(), "data", "innomunich")
	in := startServe(t, map[string]string{"DATABASE_URL": "sqlite:" + filepath.Join(dir, "innomunich.db")})
	if got := getStatus(t, in.url+"/readyz"); got != 200 {
		t.Fatalf("readyz %d", got)
	}
	seen := map[string]bool{}
	err := filepath.WalkDir(filepath.Dir(dir), func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		want := fs.FileMode(0o600)
		if d.IsDir() {
			want = 0o700
		}
		if got := info.Mode().Perm(); got != want {
			t.Errorf("%s has mode %o, want %o", path, got, want)
		}
		seen[filepath.Base(path)] = true
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"innomunich", "innomunich.db", "innomunich.db-wal", "innomunich.db-shm", "innomunich.db.migrate-lock", "jwt-ed25519.pem"} {
		if !seen[name] {
			t.Errorf("%s was not created; the server created %v", name, seen)
		}
	}
}
