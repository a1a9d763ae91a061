package extid_test

import (
	"testing"

	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/extid"
)

func TestSystemNamesAreLowercaseSlugs(t *testing.T) {
	for name, want := range map[string]bool{
		"osaka-bhq": true, "kawasaki-crm": true, "crm2": true, "a": true,
		"": false, "Osaka-BHQ": false, "osaka bhq": false, "osaka--bhq": false, "-osaka": false, "osaka-": false,
		"2crm": false, "osaka_bhq": false, "大阪": false, "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijx": false,
	} {
		if got := extid.ValidSystem(name); got != want {
			t.Errorf("%q: %v, want %v", name, got, want)
		}
	}
}

func TestExternalIDsAreShortTextWithoutControlCharacters(t *testing.T) {
	long := make([]rune, extid.MaxLength+1)
	for i := range long {
		long[i] = '株'
	}
	for id, want := range map[string]bool{
		"OB-1234": true, "K 77": true, "会員番号123": true, string(long[:extid.MaxLength]): true,
		"": false, "   ": false, "a\nb": false, "a\x00b": false, string(long): false,
	} {
		if got := extid.ValidID(id); got != want {
			t.Errorf("%q: %v, want %v", id, got, want)
		}
	}
}

func TestAKeyOfOneSystemChangesOnlyThatSystemsIDs(t *testing.T) {
	key := auth.Principal{Kind: auth.KindAPIKey, ExternalSystem: "osaka-bhq"}
	before := map[string]string{"osaka-bhq": "OB-1", "kawasaki-crm": "K-1"}
	for _, tt := range []struct {
		name  string
		after map[string]string
		ok    bool
	}{
		{"its own changed", map[string]string{"osaka-bhq": "OB-2", "kawasaki-crm": "K-1"}, true},
		{"its own removed", map[string]string{"kawasaki-crm": "K-1"}, true},
		{"nothing changed", before, true},
		{"another's changed", map[string]string{"osaka-bhq": "OB-1", "kawasaki-crm": "K-2"}, false},
		{"another's removed", map[string]string{"osaka-bhq": "OB-1"}, false},
		{"another's added", map[string]string{"osaka-bhq": "OB-1", "kawasaki-crm": "K-1", "munich-erp": "M"}, false},
	} {
		err := extid.CheckWriter(key, before, tt.after)
		if (err == nil) != tt.ok || (err != nil && apperr.CodeOf(err) != apperr.Forbidden) {
			t.Errorf("%s: %v", tt.name, err)
		}
		if err := extid.CheckWriter(auth.Principal{Kind: auth.KindUser}, before, tt.after); err != nil {
			t.Errorf("%s by a user: %v", tt.name, err)
		}
	}
	if err := extid.CheckAddress(key, "kawasaki-crm", "K-1"); apperr.CodeOf(err) != apperr.Forbidden {
		t.Errorf("an upsert by another system's id: %v", err)
	}
	if err := extid.CheckAddress(key, "osaka-bhq", "OB-1"); err != nil {
		t.Errorf("an upsert by its own: %v", err)
	}
}

func TestAMergePatchSetsAndRemovesIDs(t *testing.T) {
	k := "K-2"
	got := extid.Merge(map[string]string{"osaka-bhq": "OB-1", "kawasaki-crm": "K-1"}, map[string]*string{"osaka-bhq": nil, "kawasaki-crm": &k})
	if !extid.Equal(got, map[string]string{"kawasaki-crm": "K-2"}) {
		t.Errorf("%v", got)
	}
}
