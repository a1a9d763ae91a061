//go:build !unix

package database

// lockFile is a no-op where flock does not exist; run one instance per
// SQLite file there, as SQLite deployments do anyway.
func lockFile(string) (func(), error) { return func() {}, nil }

func holdShared(string) (func(), error) { return func() {}, nil }

func tryExclusive(string) (func(), bool, error) { return func() {}, false, nil }
