package user

import (
	"strings"
	"unicode"

	"github.com/trustelem/zxcvbn"
	"github.com/trustelem/zxcvbn/match"
)

// Why a new password is refused. The codes are stable: the web app shows
// its own translation of each, the API's message is English.
const (
	PasswordLength   = "password_length"   // too short, too long or not text
	PasswordPersonal = "password_personal" // the e-mail, the name or the product's name
	PasswordCommon   = "password_common"   // a common password or word
	PasswordRepeat   = "password_repeat"   // aaaa, abcabc
	PasswordSequence = "password_sequence" // abcd, 1234
	PasswordKeyboard = "password_keyboard" // qwerty, 1q2w3e
	PasswordDate     = "password_date"     // a year or a date
	PasswordWeak     = "password_weak"     // guessable for another reason
)

// minPasswordScore is zxcvbn's score a new password needs: 3 means about
// 10⁸ guesses or more, beyond an online attack under our throttling and
// expensive offline against an argon2id hash.
const minPasswordScore = 3

// strengthRunes bounds the part of a password the estimator reads: its
// cost grows quickly with length, and more characters only add guesses.
const strengthRunes = 100

// productWords are guessable for every account of this installation.
var productWords = []string{"innomunich", "biom", "munich", "nippon"}

var weakReasons = map[string]string{
	PasswordPersonal: "contains your e-mail address, your name or the product's name",
	PasswordCommon:   "is or contains a common password or word",
	PasswordRepeat:   "repeats characters or a short pattern",
	PasswordSequence: "is a sequence such as abcd or 1234",
	PasswordKeyboard: "is a keyboard pattern such as qwerty or 1q2w3e",
	PasswordDate:     "is or contains a date or a year",
	PasswordWeak:     "is easy to guess",
}

// CheckPassword returns why pw may not become the password of the account
// with this e-mail and display name, as a stable code and an English
// message, or two empty strings. Besides the length rule it asks zxcvbn
// how many guesses the password would take, with the account's own words
// and the product's name counted as the first an attacker tries.
func CheckPassword(pw, email, name string) (code, message string) {
	if msg := CheckPasswordRules(pw); msg != "" {
		return PasswordLength, msg
	}
	r := zxcvbn.PasswordStrength(string([]rune(pw)[:min(len([]rune(pw)), strengthRunes)]), personalWords(email, name))
	if r.Score >= minPasswordScore {
		return "", ""
	}
	code = weakness(r.Sequence)
	return code, weakReasons[code] + "; a passphrase of four or more unrelated words, or a longer password with uncommon words, is stronger"
}

// personalWords are the words of an account an attacker tries first.
func personalWords(email, name string) []string {
	words := append([]string{}, productWords...)
	email = strings.ToLower(strings.TrimSpace(email))
	if email != "" {
		words = append(words, email)
	}
	local, _, _ := strings.Cut(email, "@")
	split := func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }
	for _, w := range append(strings.FieldsFunc(local, split), strings.FieldsFunc(strings.ToLower(name), split)...) {
		if len([]rune(w)) >= 3 {
			words = append(words, w)
		}
	}
	return words
}

// weakness names the reason behind the weakest part of a guessable
// password: the match covering most characters, the account's own words
// first since they are the most telling.
func weakness(seq []*match.Match) string {
	code, covered := PasswordWeak, 0
	for _, m := range seq {
		c := ""
		switch m.Pattern {
		case "dictionary":
			c = PasswordCommon
			if m.DictionaryName == "user_inputs" {
				return PasswordPersonal
			}
		case "repeat":
			c = PasswordRepeat
		case "sequence":
			c = PasswordSequence
		case "spatial":
			c = PasswordKeyboard
		case "date", "regex":
			c = PasswordDate
		default:
			continue
		}
		if n := m.J - m.I + 1; n > covered {
			code, covered = c, n
		}
	}
	return code
}
