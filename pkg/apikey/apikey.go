// Package apikey owns API keys: long-lived credentials of partner-region
// integrations and reporting scripts. A key has a role (never admin), a
// set of scopes and an expiry; its secret is shown once and stored as a
// hash. Only admins manage keys.
package apikey

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/extid"
	"github.com/innomunich/platform/pkg/opt"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/page"
)

// Prefix starts every key's secret, so it is recognisable in a bearer
// header and by secret scanners.
const Prefix = "imk_"

// MaxLifetime is the longest expiry a key may have.
const MaxLifetime = 2 * 365 * 24 * time.Hour

// Key is an API key.
type Key struct {
	ID             string
	Name           string
	OrganisationID *string
	Role           string
	Scopes         string // space-separated
	// ExternalSystem, when set, restricts the key to writing the external
	// ids of that one partner system (a partner's sync key).
	ExternalSystem string
	Prefix         string // the first characters of the secret, to tell keys apart
	SecretHash     string
	ExpiresAt      time.Time
	LastUsedAt     *time.Time
	RevokedAt      *time.Time
	CreatedBy      *string
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (Key) TableName() string { return "api_keys" }

// ScopeList returns the scopes as a list.
func (k Key) ScopeList() []string { return strings.Fields(k.Scopes) }

// Principal is the key as a caller.
func (k Key) Principal() auth.Principal {
	p := auth.Principal{Kind: auth.KindAPIKey, ID: k.ID, Name: k.Name, Role: k.Role, Scopes: k.ScopeList(), ExternalSystem: k.ExternalSystem}
	if k.OrganisationID != nil {
		p.OrganisationID = *k.OrganisationID
	}
	return p
}

type view struct {
	Name           string     `json:"name"`
	OrganisationID *string    `json:"organisation_id"`
	Role           string     `json:"role"`
	Scopes         []string   `json:"scopes"`
	ExternalSystem string     `json:"external_system,omitempty"`
	ExpiresAt      time.Time  `json:"expires_at"`
	RevokedAt      *time.Time `json:"revoked_at"`
}

func (k Key) view() view {
	return view{Name: k.Name, OrganisationID: k.OrganisationID, Role: k.Role, Scopes: k.ScopeList(), ExternalSystem: k.ExternalSystem, ExpiresAt: k.ExpiresAt, RevokedAt: k.RevokedAt}
}

func canManage(p auth.Principal) error {
	if !p.IsAdmin() {
		return apperr.New(apperr.Forbidden, "Only admins manage API keys")
	}
	return nil
}

func hash(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// New is what an admin gives to create a key.
type New struct {
	Name           string
	OrganisationID *string
	Role           string
	Scopes         []string
	ExternalSystem string // optional: the one system whose external ids it writes
	ExpiresAt      time.Time
}

func check(bad *apperr.Fields, k Key, scopes []string, now time.Time) {
	if n := utf8.RuneCountInString(strings.TrimSpace(k.Name)); n == 0 || n > 200 {
		bad.Add("name", "must be 1 to 200 characters")
	}
	if k.Role != auth.RoleCoordinator && k.Role != auth.RoleMember && k.Role != auth.RoleViewer {
		bad.Add("role", "must be coordinator, member or viewer")
	}
	if k.Role == auth.RoleMember && k.OrganisationID == nil {
		bad.Add("organisation_id", "is required for member keys")
	}
	if k.OrganisationID != nil && uuid.Validate(*k.OrganisationID) != nil {
		bad.Add("organisation_id", "must be an organisation id")
	}
	if k.ExternalSystem != "" && !extid.ValidSystem(k.ExternalSystem) {
		bad.Add("external_system", "must be a system name: lowercase letters, digits and single dashes, such as osaka-bhq")
	}
	if len(scopes) == 0 {
		bad.Add("scopes", "must name at least one of %s", strings.Join(auth.Scopes, ", "))
	}
	for _, s := range scopes {
		if !slices.Contains(auth.Scopes, s) {
			bad.Add("scopes", "%q is not one of %s", s, strings.Join(auth.Scopes, ", "))
		}
	}
	if !k.ExpiresAt.After(now) || k.ExpiresAt.After(now.Add(MaxLifetime)) {
		bad.Add("expires_at", "must be in the future and at most two years ahead")
	}
}

// Create makes a key and returns it with its secret, which is never shown again.
func Create(ctx context.Context, db *database.DB, in New) (Key, string, error) {
	p := auth.From(ctx)
	if err := canManage(p); err != nil {
		return Key{}, "", err
	}
	now := database.Now()
	scopes := slices.Compact(slices.Sorted(slices.Values(in.Scopes)))
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return Key{}, "", err
	}
	secret := Prefix + base64.RawURLEncoding.EncodeToString(b)
	k := Key{
		ID: uuid.Must(uuid.NewV7()).String(), Name: strings.TrimSpace(in.Name), OrganisationID: in.OrganisationID,
		Role: in.Role, Scopes: strings.Join(scopes, " "), ExternalSystem: strings.TrimSpace(in.ExternalSystem), Prefix: secret[:len(Prefix)+6], SecretHash: hash(secret),
		ExpiresAt: in.ExpiresAt.UTC().Truncate(time.Microsecond), CreatedBy: &p.ID, Version: 1, CreatedAt: now, UpdatedAt: now,
	}
	var bad apperr.Fields
	check(&bad, k, scopes, now)
	if err := bad.Err(); err != nil {
		return Key{}, "", err
	}
	err := db.WithTx(ctx, func(ctx context.Context) error {
		if err := organisation.CheckExists(ctx, db, "organisation_id", k.OrganisationID); err != nil {
			return err
		}
		if err := db.Conn(ctx).Create(&k).Error; err != nil {
			return err
		}
		return audit.Record(ctx, db, audit.Create, "api_key", k.ID, k.Version, nil, k.view())
	})
	return k, secret, err
}

// Get returns a key (admins only).
func Get(ctx context.Context, db *database.DB, id string) (Key, error) {
	if err := canManage(auth.From(ctx)); err != nil {
		return Key{}, err
	}
	return load(ctx, db, id)
}

func load(ctx context.Context, db *database.DB, id string) (Key, error) {
	return database.Get[Key](ctx, db, "API key", id)
}

// Sort is the key list's order spec.
var Sort = page.Spec{
	Default: "-created_at",
	Fields:  []page.Field{{Name: "created_at", Column: "created_at", Kind: page.Time}, {Name: "name", Column: "name", Kind: page.String}},
}

// List returns one page of keys (admins only).
func List(ctx context.Context, db *database.DB, p page.Page) ([]Key, *string, error) {
	if err := canManage(auth.From(ctx)); err != nil {
		return nil, nil, err
	}
	var rows []Key
	if err := p.Find(db.Conn(ctx).Model(&Key{}), &rows); err != nil {
		return nil, nil, err
	}
	items, next := page.Finish(p, rows, func(k Key, field string) page.Key {
		if field == "name" {
			return page.Key{Value: k.Name, ID: k.ID}
		}
		return page.Key{Value: k.CreatedAt, ID: k.ID}
	})
	return items, next, nil
}

// Patch changes a key's name, scopes or expiry; role, organisation and
// external system are fixed for its life (make a new key instead).
type Patch struct {
	Name      opt.Field[string]
	Scopes    opt.Field[[]string]
	ExpiresAt opt.Field[time.Time]
}

// Update applies a patch based on version.
func Update(ctx context.Context, db *database.DB, id string, version int, in Patch) (Key, error) {
	if err := canManage(auth.From(ctx)); err != nil {
		return Key{}, err
	}
	var out Key
	err := db.WithTx(ctx, func(ctx context.Context) error {
		before, err := load(ctx, db, id)
		if err != nil {
			return err
		}
		if err := database.CheckVersion("API key", before.Version, version); err != nil {
			return err
		}
		after := before
		set := map[string]any{}
		if in.Name.Set {
			after.Name = strings.TrimSpace(in.Name.Value)
			set["name"] = after.Name
		}
		scopes := before.ScopeList()
		if in.Scopes.Set {
			scopes = slices.Compact(slices.Sorted(slices.Values(in.Scopes.Value)))
			after.Scopes = strings.Join(scopes, " ")
			set["scopes"] = after.Scopes
		}
		if in.ExpiresAt.Set {
			after.ExpiresAt = in.ExpiresAt.Value.UTC().Truncate(time.Microsecond)
			set["expires_at"] = after.ExpiresAt
		}
		var bad apperr.Fields
		check(&bad, after, scopes, database.Now())
		if err := bad.Err(); err != nil {
			return err
		}
		if len(set) == 0 {
			out = before
			return nil
		}
		if after.Version, err = db.UpdateVersioned(ctx, "api_keys", "API key", id, version, set); err != nil {
			return err
		}
		out = after
		return audit.Record(ctx, db, audit.Update, "api_key", id, after.Version, before.view(), after.view())
	})
	return out, err
}

// Revoke ends a key at once; it stays listed, revoked, for the record.
func Revoke(ctx context.Context, db *database.DB, id string, version int) error {
	if err := canManage(auth.From(ctx)); err != nil {
		return err
	}
	return db.WithTx(ctx, func(ctx context.Context) error {
		before, err := load(ctx, db, id)
		if err != nil {
			return err
		}
		if err := database.CheckVersion("API key", before.Version, version); err != nil {
			return err
		}
		if before.RevokedAt != nil {
			return apperr.New(apperr.Conflict, "The API key is revoked already")
		}
		after := before
		now := database.Now()
		after.RevokedAt = &now
		if after.Version, err = db.UpdateVersioned(ctx, "api_keys", "API key", id, version, map[string]any{"revoked_at": now}); err != nil {
			return err
		}
		return audit.Record(ctx, db, audit.Delete, "api_key", id, after.Version, before.view(), after.view())
	})
}

var errKey = apperr.New(apperr.Unauthorized, "The API key is invalid, expired or revoked")

// Authenticate finds the live key with the secret. It notes when a key is
// used, at most once a minute per key so reads do not turn into writes.
func Authenticate(ctx context.Context, db *database.DB, secret string) (Key, error) {
	var k Key
	err := db.Conn(ctx).Where("secret_hash = ?", hash(secret)).Take(&k).Error
	if database.IsNotFound(err) {
		return Key{}, errKey
	}
	if err != nil {
		return Key{}, err
	}
	now := database.Now()
	if k.RevokedAt != nil || !now.Before(k.ExpiresAt) {
		return Key{}, errKey
	}
	if k.LastUsedAt == nil || now.Sub(*k.LastUsedAt) > time.Minute {
		if err := db.Conn(ctx).Model(&Key{}).Where("id = ?", k.ID).UpdateColumn("last_used_at", now).Error; err != nil {
			return Key{}, err
		}
		k.LastUsedAt = &now
	}
	return k, nil
}

// Live returns the key with the id if it is neither revoked nor expired:
// the owner of a webhook subscription, whose deliveries show what the key
// may read.
func Live(ctx context.Context, db *database.DB, id string) (Key, error) {
	k, err := load(ctx, db, id)
	if err != nil {
		return Key{}, err
	}
	if k.RevokedAt != nil || !database.Now().Before(k.ExpiresAt) {
		return Key{}, apperr.New(apperr.Gone, "The API key is revoked or expired")
	}
	return k, nil
}
