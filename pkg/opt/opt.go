// Package opt holds Field, the value of one field of a JSON merge patch
// (RFC 7396): absent leaves the field unchanged, null clears it, a value
// sets it.
package opt

import (
	"bytes"
	"encoding/json"
)

// Field is one field of a merge patch.
type Field[T any] struct {
	Set   bool // the field was present
	Null  bool // it was null
	Value T
}

// UnmarshalJSON is called only for fields present in the document.
func (f *Field[T]) UnmarshalJSON(b []byte) error {
	f.Set = true
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		f.Null = true
		return nil
	}
	return json.Unmarshal(b, &f.Value)
}

// Of returns a set field.
func Of[T any](v T) Field[T] { return Field[T]{Set: true, Value: v} }
