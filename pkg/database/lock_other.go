//go:build !unix

package database

// lockFile is a no-op where flock does not exist; run one instance per
// SQLite file there, as SQLite deployments do anyway.
func lockFile(string) (func(), error) { return func() {}, nil }
