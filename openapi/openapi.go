// Package openapi holds the generated OpenAPI 3 description of the HTTP
// API (make openapi writes it from the annotations in api/) so the server
// can serve the very document that is committed.
package openapi

import _ "embed"

// JSON is openapi.json.
//
//go:embed openapi.json
var JSON []byte

// YAML is openapi.yaml.
//
//go:embed openapi.yaml
var YAML []byte
