package user_test

import (
	"strings"
	"testing"

	"github.com/innomunich/platform/pkg/user"
)

func TestGuessablePasswordsAreRefusedWithTheirReason(t *testing.T) {
	const email, name = "kenji.tanaka@example.org", "Kenji Tanaka"
	tests := []struct {
		pw, code string
	}{
		{"aaaaaaaaaa", user.PasswordRepeat},
		{"0000000000", user.PasswordRepeat},
		{"1q2w3e4r5t6y", user.PasswordCommon},
		{"zxcvbnm,.-#", user.PasswordKeyboard},
		{"kenji.tanaka@example.org", user.PasswordPersonal},
		{"tanaka2026!", user.PasswordPersonal},
		{"innomunich2026", user.PasswordPersonal},
		{"password123", user.PasswordCommon},
		{"short", user.PasswordLength},
		{"correct horse battery staple", ""},
		{"大阪と川崎のパスフレーズ", ""},
		{strings.Repeat("Grüße aus München ", 14), ""}, // 252 characters: the estimator reads the first 100
	}
	for _, tt := range tests {
		code, msg := user.CheckPassword(tt.pw, email, name)
		if code != tt.code {
			t.Errorf("CheckPassword(%q) = %q (%s), want %q", tt.pw, code, msg, tt.code)
		}
		if code != "" && !strings.Contains(msg, "stronger") && code != user.PasswordLength {
			t.Errorf("CheckPassword(%q): message %q does not say what would be stronger", tt.pw, msg)
		}
	}
}

func BenchmarkCheckPassword(b *testing.B) {
	pw := strings.Repeat("Grüße aus München ", 14)
	for b.Loop() {
		user.CheckPassword(pw, "kenji.tanaka@example.org", "Kenji Tanaka")
	}
}
