package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/innomunich/platform/pkg/config"
	"github.com/innomunich/platform/pkg/database"
)

// backup writes a consistent backup of the running database to a file.
func backup(ctx context.Context, cfg config.Config, logger *slog.Logger, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "", "the backup file to write (replaced when it exists)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" || fs.NArg() > 0 {
		return errors.New("usage: innomunich backup --out FILE")
	}
	db, err := openDB(ctx, cfg, logger, false)
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	info, err := db.Backup(ctx, *out)
	if err != nil {
		return fmt.Errorf("no backup written: %w", err)
	}
	fmt.Fprintf(stdout, "backup written: %s (%s, %s, schema version %d) in %s\n",
		*out, info.Engine, humanBytes(info.Size), info.SchemaVersion, time.Since(start).Round(100*time.Millisecond))
	return nil
}

// restore loads a backup into the database DATABASE_URL names.
func restore(ctx context.Context, cfg config.Config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	fs.SetOutput(stderr)
	force := fs.Bool("force", false, "replace what the database holds (stop the server first)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("usage: innomunich restore [--force] FILE")
	}
	file := fs.Arg(0)
	start := time.Now()
	info, err := database.Restore(ctx, cfg.DatabaseURL, file, *force)
	if err != nil {
		if errors.Is(err, database.ErrRefused) {
			return fmt.Errorf("nothing restored: %w", err)
		}
		return fmt.Errorf("restore failed: %w", err)
	}
	fmt.Fprintf(stdout, "restored %s (schema version %d) into %s in %s\n", file, info.SchemaVersion, cfg.RedactedDatabaseURL(), time.Since(start).Round(100*time.Millisecond))
	if latest := database.LatestVersion(); info.SchemaVersion < latest {
		fmt.Fprintf(stdout, "the backup is from an older release: innomunich serve (or migrate up) brings it from schema version %d to %d\n", info.SchemaVersion, latest)
	}
	return nil
}

func humanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}
