// Package user owns the people who sign in: their accounts, roles and
// password hashes.
package user

import (
	"context"
	"net/mail"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/database"
)

// Roles.
const (
	RoleAdmin       = "admin"
	RoleCoordinator = "coordinator"
	RoleMember      = "member"
	RoleViewer      = "viewer"
)

// User is an account.
type User struct {
	ID             string
	Email          string
	EmailKey       string
	DisplayName    string
	Role           string
	OrganisationID *string
	Locale         string
	PasswordHash   string
	Disabled       bool
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// EmailKey is the form of an address that uniqueness is checked on.
func EmailKey(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// DefaultAdminEmail is used for the first admin when none is configured.
const DefaultAdminEmail = "admin@localhost"

// Bootstrap is the outcome of EnsureAdmin.
type Bootstrap struct {
	Created  bool
	Email    string
	Password string // set only when it was generated, to be shown once
}

// EnsureAdmin creates an admin when the database has no user yet. Without
// an e-mail it uses DefaultAdminEmail; without a password it generates one
// and returns it so it can be shown once.
func EnsureAdmin(ctx context.Context, db *database.DB, email, password string) (Bootstrap, error) {
	if email == "" {
		email = DefaultAdminEmail
	}
	if _, err := mail.ParseAddress(email); err != nil && email != DefaultAdminEmail {
		return Bootstrap{}, apperr.New(apperr.Invalid, "INNOMUNICH_ADMIN_EMAIL is not an e-mail address")
	}
	generated := ""
	if password == "" {
		password = RandomPassword()
		generated = password
	} else if msg := CheckPasswordRules(password); msg != "" {
		return Bootstrap{}, apperr.New(apperr.Invalid, "INNOMUNICH_ADMIN_PASSWORD %s", msg)
	}
	out := Bootstrap{Email: email}
	err := db.WithTx(ctx, func(ctx context.Context) error {
		var n int64
		if err := db.Conn(ctx).Table("users").Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		hash, err := HashPassword(password)
		if err != nil {
			return err
		}
		now := database.Now()
		u := User{
			ID: uuid.Must(uuid.NewV7()).String(), Email: email, EmailKey: EmailKey(email),
			DisplayName: "Administrator", Role: RoleAdmin, Locale: "en", PasswordHash: hash,
			Version: 1, CreatedAt: now, UpdatedAt: now,
		}
		if err := db.Conn(ctx).Create(&u).Error; err != nil {
			if database.IsDuplicate(err) { // another instance was faster
				return nil
			}
			return err
		}
		out.Created, out.Password = true, generated
		return nil
	})
	return out, err
}
