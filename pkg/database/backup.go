package database

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// BackupInfo describes a backup file.
type BackupInfo struct {
	Engine Engine
	// SchemaVersion is the newest migration the backed-up database had.
	SchemaVersion int64
	Size          int64
}

// Backup writes a consistent copy of the whole database to path while
// the server keeps running: SQLite's VACUUM INTO (one read transaction,
// so one moment's state, never a copy of a live WAL file), or pg_dump in
// its custom format (one snapshot) on PostgreSQL. The file is written
// beside path and renamed into place once it is complete and has been
// read back, so path never holds half a backup; it is readable by its
// owner only (it holds personal data).
func (db *DB) Backup(ctx context.Context, path string) (BackupInfo, error) {
	if db.Engine == Postgres {
		if _, err := exec.LookPath("pg_dump"); err != nil {
			return BackupInfo{}, errNoPgTools("pg_dump")
		}
	}
	dir, err := os.MkdirTemp(filepath.Dir(path), ".innomunich-backup-*") // 0700
	if err != nil {
		return BackupInfo{}, fmt.Errorf("backup: %w", err)
	}
	defer os.RemoveAll(dir)
	tmp := filepath.Join(dir, "backup")
	switch db.Engine {
	case SQLite:
		if _, err := db.sql.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
			return BackupInfo{}, fmt.Errorf("backup: VACUUM INTO: %w", err)
		}
	case Postgres:
		dbname, env, err := libpqTarget(db.url)
		if err != nil {
			return BackupInfo{}, err
		}
		if err := runPgTool(ctx, env, "pg_dump", "--format=custom", "--file="+tmp, "--dbname="+dbname); err != nil {
			return BackupInfo{}, err
		}
	}
	info, err := ReadBackup(ctx, tmp)
	if err != nil {
		return BackupInfo{}, fmt.Errorf("backup written but unreadable: %w", err)
	}
	if err := os.Chmod(tmp, 0o600); err != nil {
		return BackupInfo{}, err
	}
	if err := syncFile(tmp); err != nil {
		return BackupInfo{}, err
	}
	if err := os.Rename(tmp, path); err != nil {
		return BackupInfo{}, fmt.Errorf("backup: %w", err)
	}
	return info, nil
}

// ReadBackup tells what a backup file is: its engine (from the file's
// signature) and the schema version it was taken at.
func ReadBackup(ctx context.Context, path string) (BackupInfo, error) {
	f, err := os.Open(path)
	if err != nil {
		return BackupInfo{}, err
	}
	head := make([]byte, 16)
	_, err = io.ReadFull(f, head)
	st, serr := f.Stat()
	f.Close()
	if serr != nil {
		return BackupInfo{}, serr
	}
	info := BackupInfo{Size: st.Size()}
	switch {
	case err == nil && string(head) == "SQLite format 3\x00":
		info.Engine = SQLite
		info.SchemaVersion, err = sqliteFileVersion(ctx, path)
	case err == nil && string(head[:5]) == "PGDMP":
		info.Engine = Postgres
		info.SchemaVersion, err = dumpVersion(ctx, path)
	default:
		return BackupInfo{}, fmt.Errorf("%s is not an innomunich backup: neither a SQLite database nor a pg_dump custom-format file", path)
	}
	if err != nil {
		return BackupInfo{}, err
	}
	if info.SchemaVersion == 0 {
		return BackupInfo{}, fmt.Errorf("%s is not an innomunich backup: it has no applied migrations (goose_db_version)", path)
	}
	return info, nil
}

// sqliteFileVersion reads the schema version of a SQLite file without
// writing to it or beside it.
func sqliteFileVersion(ctx context.Context, path string) (int64, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return 0, err
	}
	conn, err := sql.Open("sqlite", "file:"+abs+"?mode=ro&immutable=1")
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	v, err := schemaVersion(ctx, conn, SQLite)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", path, err)
	}
	return v, nil
}

// dumpVersion reads the schema version from the goose_db_version rows in
// a pg_dump file: the version of the very snapshot that was dumped.
func dumpVersion(ctx context.Context, path string) (int64, error) {
	if _, err := exec.LookPath("pg_restore"); err != nil {
		return 0, errNoPgTools("pg_restore")
	}
	var out, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, "pg_restore", "--data-only", "--table=goose_db_version", "--file=-", path)
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("pg_restore could not read %s: %s", path, lastLines(stderr.String(), err))
	}
	// COPY public.goose_db_version (id, version_id, is_applied, tstamp) FROM stdin;
	// 1	0	t	2026-…
	// \.
	var latest int64
	in := false
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "COPY ") && strings.Contains(line, "goose_db_version"):
			in = true
		case line == `\.`:
			in = false
		case in:
			f := strings.Split(line, "\t")
			if len(f) < 3 || f[2] != "t" {
				continue
			}
			if v, err := strconv.ParseInt(f[1], 10, 64); err == nil && v > latest {
				latest = v
			}
		}
	}
	return latest, sc.Err()
}

// Restore loads a backup into the database named by rawURL, which must be
// empty (no tables) unless force is set. It refuses (ErrRefused) a backup
// of the other engine, one from a newer schema than this binary knows,
// and a database that holds tables without force. The server must not
// run on the SQLite file meanwhile; on PostgreSQL the database must
// exist (createdb). The next `serve` migrates a backup from an older
// release forward.
func Restore(ctx context.Context, rawURL, path string, force bool) (BackupInfo, error) {
	t, err := ParseURL(rawURL)
	if err != nil {
		return BackupInfo{}, err
	}
	info, err := ReadBackup(ctx, path)
	if err != nil {
		return BackupInfo{}, err
	}
	if info.Engine != t.Engine {
		return info, refuse("%s is a %s backup but DATABASE_URL names a %s database: restore it into a %s database", path, info.Engine, t.Engine, info.Engine)
	}
	if info.SchemaVersion > LatestVersion() {
		return info, refuse("%s has schema version %d, newer than this binary knows (%d): it was taken by a newer release of innomunich; restore it with that release or a newer one", path, info.SchemaVersion, LatestVersion())
	}
	if t.Engine == SQLite {
		return info, restoreSQLite(t, path, force)
	}
	return info, restorePostgres(ctx, rawURL, path, force)
}

func restoreSQLite(t Target, path string, force bool) error {
	if t.Memory {
		return errors.New("DATABASE_URL is sqlite::memory:, a throwaway database: name a file to restore into")
	}
	if dir := filepath.Dir(t.Path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return err
		}
	}
	// A server starting meanwhile waits for this lock before it opens the file.
	unlock, err := lockFile(t.Path + ".migrate-lock")
	if err != nil {
		return err
	}
	defer unlock()
	if n, err := sqliteTables(t.Path); err != nil {
		return err
	} else if n > 0 && !force {
		return refuse("%s already holds %d tables: restore will not overwrite a database. Restore into a new file (set DATABASE_URL), or stop the server and add --force to replace it", t.Path, n)
	}
	release, inUse, err := tryExclusive(inUsePath(t.Path))
	if err != nil {
		return err
	}
	if inUse {
		return refuse("%s is in use by a running innomunich (serve, worker or another command): stop it before restoring into its database", t.Path)
	}
	defer release()
	tmp, err := os.CreateTemp(filepath.Dir(t.Path), ".innomunich-restore-*") // 0600
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	src, err := os.Open(path)
	if err != nil {
		tmp.Close()
		return err
	}
	_, err = io.Copy(tmp, src)
	src.Close()
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	// The old file's write-ahead log must not be applied to the new file.
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if err := os.Remove(t.Path + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	if err := os.Rename(tmp.Name(), t.Path); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	return nil
}

// sqliteTables counts the tables in the SQLite file at path, 0 when it
// does not exist or is empty.
func sqliteTables(path string) (int, error) {
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) || (err == nil && st.Size() == 0) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return 0, err
	}
	conn, err := sql.Open("sqlite", "file:"+abs+"?mode=ro")
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	var n int
	if err := conn.QueryRow("SELECT count(*) FROM sqlite_master WHERE type = 'table'").Scan(&n); err != nil {
		return 0, fmt.Errorf("%s: %w", path, err)
	}
	return n, nil
}

func restorePostgres(ctx context.Context, rawURL, path string, force bool) error {
	if _, err := exec.LookPath("pg_restore"); err != nil {
		return errNoPgTools("pg_restore")
	}
	db, err := Open(ctx, rawURL, Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	var tables []string
	rows, err := db.sql.QueryContext(ctx, `SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%' ORDER BY 1`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return err
		}
		tables = append(tables, name)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(tables) > 0 && !force {
		return refuse("the database %s already holds %d tables: restore will not overwrite a database. Restore into a new, empty database (createdb), or add --force to replace its content", redactURL(rawURL), len(tables))
	}
	if len(tables) > 0 {
		var others int
		if err := db.sql.QueryRowContext(ctx, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()").Scan(&others); err != nil {
			return err
		}
		if others > 0 {
			return refuse("%d other sessions are connected to the database %s (running servers or workers?): stop them before restoring into it; "+
				"SELECT pid, usename, application_name, client_addr FROM pg_stat_activity WHERE datname = current_database() shows them", others, redactURL(rawURL))
		}
		// Tables the backup does not have (a newer migration's) must go
		// too, or the next migration would trip over them.
		if _, err := db.sql.ExecContext(ctx, "DROP TABLE IF EXISTS "+strings.Join(tables, ", ")+" CASCADE"); err != nil {
			return fmt.Errorf("restore --force: removing the old tables: %w", err)
		}
	}
	dbname, env, err := libpqTarget(rawURL)
	if err != nil {
		return err
	}
	args := []string{"--dbname=" + dbname, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"}
	if force {
		args = append(args, "--clean", "--if-exists")
	}
	if err := runPgTool(ctx, env, "pg_restore", append(args, path)...); err != nil {
		if force && len(tables) > 0 {
			return fmt.Errorf("%w (the old tables were removed before; the database is empty now: fix the cause and run restore again)", err)
		}
		return err
	}
	return nil
}

func errNoPgTools(tool string) error {
	return fmt.Errorf("%s is not installed (or not on PATH); it is needed to back up and restore PostgreSQL. "+
		"Install the PostgreSQL client tools of the server's major version or newer: on Debian or Ubuntu `apt-get install postgresql-client`", tool)
}

// runPgTool runs pg_dump or pg_restore and names its complaint.
func runPgTool(ctx context.Context, env []string, tool string, args ...string) error {
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, tool, args...)
	cmd.Env, cmd.Stderr = env, &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s failed: %s", tool, lastLines(stderr.String(), err))
	}
	return nil
}

func lastLines(s string, err error) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return err.Error()
	}
	lines := strings.Split(s, "\n")
	if len(lines) > 5 {
		lines = lines[len(lines)-5:]
	}
	return strings.Join(lines, "\n")
}

// libpqParams are the URL parameters libpq understands; pgx accepts more
// (run-time settings, pool sizes) that would make pg_dump fail.
var libpqParams = map[string]bool{
	"host": true, "hostaddr": true, "port": true, "dbname": true, "user": true, "passfile": true,
	"channel_binding": true, "connect_timeout": true, "client_encoding": true, "options": true,
	"application_name": true, "keepalives": true, "keepalives_idle": true, "keepalives_interval": true,
	"keepalives_count": true, "tcp_user_timeout": true, "sslmode": true, "sslcert": true, "sslkey": true,
	"sslpassword": true, "sslrootcert": true, "sslcrl": true, "sslcrldir": true, "sslsni": true,
	"requirepeer": true, "ssl_min_protocol_version": true, "ssl_max_protocol_version": true,
	"gssencmode": true, "krbsrvname": true, "service": true, "target_session_attrs": true,
}

// libpqTarget turns DATABASE_URL into what pg_dump and pg_restore take:
// the URL without its password (which would show in the process list),
// and an environment with PGPASSWORD.
func libpqTarget(raw string) (dbname string, env []string, err error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", nil, errors.New("DATABASE_URL is not a valid URL")
	}
	env = os.Environ()
	q := u.Query()
	if pw, ok := u.User.Password(); ok {
		env = append(env, "PGPASSWORD="+pw)
		u.User = url.User(u.User.Username())
	} else if pw := q.Get("password"); pw != "" {
		env = append(env, "PGPASSWORD="+pw)
	}
	for k := range q {
		if !libpqParams[k] {
			q.Del(k)
		}
	}
	u.RawQuery = q.Encode()
	return u.String(), env, nil
}

func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(DATABASE_URL)"
	}
	u.RawQuery = ""
	return u.Redacted()
}

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
