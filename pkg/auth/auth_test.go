package auth_test

import (
	"testing"
	"time"

	"github.com/innomunich/platform/pkg/auth"
)

// BenchmarkAuthorize is what every signed-in request costs before its
// handler: verifying the access token, then the checks a write makes.
func BenchmarkAuthorize(b *testing.B) {
	keys := auth.GenerateKeys()
	now := time.Now()
	tok, err := keys.Issue(auth.Session{UserID: "019ab3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b", ID: "019ab3c4-5d6e-7f80-9a1b-2c3d4e5f6a7c", Epoch: 3}, now)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("verify access token", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := keys.Verify(tok, now); err != nil {
				b.Fatal(err)
			}
		}
	})
	member := auth.Principal{Kind: auth.KindAPIKey, Role: auth.RoleMember, OrganisationID: "019ab3c4-0000-7000-8000-000000000001",
		Scopes: []string{auth.ScopeRead, auth.ScopeWriteOrganisations, auth.ScopeWritePeople}}
	b.Run("scope and role checks", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if !member.Allows(auth.ScopeWritePeople) || member.IsCoordinator() || !member.SeesContactsOf(member.OrganisationID) {
				b.Fatal("wrong answer")
			}
		}
	})
}
