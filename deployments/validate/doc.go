// Package validate checks the deployment files under deployments/ (the
// Kubernetes manifests, the monitoring rules and dashboard) and the
// Docker files at the root, offline, in `make test`. It is a module of
// its own so that the server does not carry the Kubernetes libraries.
package validate
