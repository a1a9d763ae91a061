package user_test

import (
	"strings"
	"testing"

	"github.com/innomunich/platform/pkg/user"
)

func TestPasswordHashesVerifyOnlyTheirPassword(t *testing.T) {
	for _, pw := range []string{"correct horse battery", "大阪と川崎のパスフレーズ", "Grüße aus München 🍺"} {
		hash, err := user.HashPassword(pw)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(hash, "$argon2id$v=19$m=19456,t=2,p=1$") {
			t.Errorf("hash %q: want argon2id with 19 MiB and 2 passes", hash)
		}
		if strings.Contains(hash, pw) {
			t.Error("hash contains the password")
		}
		if !user.VerifyPassword(hash, pw) {
			t.Errorf("%q does not verify against its own hash", pw)
		}
		if user.VerifyPassword(hash, pw+"x") {
			t.Errorf("a different password verifies against the hash of %q", pw)
		}
	}
	if user.VerifyPassword("not a hash", "whatever12") {
		t.Error("a malformed hash verifies")
	}
}

func TestPasswordRulesCountCharacters(t *testing.T) {
	tests := []struct {
		pw string
		ok bool
	}{
		{"short", false},
		{"0123456789", true},
		{"大阪川崎ミュンヘン協力", true}, // 11 characters, 33 bytes
		{"大阪川崎ミュンヘン", false},  // 9 characters
		{strings.Repeat("a", 256), true},
		{strings.Repeat("a", 257), false},
	}
	for _, tt := range tests {
		if got := user.CheckPasswordRules(tt.pw) == ""; got != tt.ok {
			t.Errorf("CheckPasswordRules(%q) ok = %v, want %v", tt.pw, got, tt.ok)
		}
	}
}
