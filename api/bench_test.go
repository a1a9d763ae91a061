package api

import (
	"encoding/json"
	"io"
	"testing"

	"github.com/innomunich/platform/pkg/gen"
)

// BenchmarkListPageJSON encodes a page of 50 organisations as the list
// endpoint sends it.
func BenchmarkListPageJSON(b *testing.B) {
	rows, err := gen.Organisations(50, 1)
	if err != nil {
		b.Fatal(err)
	}
	next := "eyJzIjoibmFtZSIsInYiOiJtIiwiaWQiOiIwMTlhIn0"
	enc := json.NewEncoder(io.Discard)
	b.ReportAllocs()
	for b.Loop() {
		if err := enc.Encode(newList(rows, &next, organisationOut)); err != nil {
			b.Fatal(err)
		}
	}
}
