package auth

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"
)

// Token settings.
const (
	Issuer         = "innomunich"
	Audience       = "innomunich-api"
	AccessTokenTTL = 15 * time.Minute
	leeway         = 30 * time.Second
)

// Keys signs access tokens with the first key and verifies them with any
// key, so a new key can be added before the old one is retired.
type Keys struct {
	signKID string
	sign    ed25519.PrivateKey
	verify  map[string]ed25519.PublicKey
	order   []string
}

// KeyID derives a key's kid from its public key.
func KeyID(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	return base64.RawURLEncoding.EncodeToString(sum[:12])
}

// NewKeys builds a key set; the first key signs.
func NewKeys(keys ...ed25519.PrivateKey) (*Keys, error) {
	if len(keys) == 0 {
		return nil, errors.New("no signing key")
	}
	k := &Keys{verify: map[string]ed25519.PublicKey{}}
	for i, priv := range keys {
		pub := priv.Public().(ed25519.PublicKey)
		kid := KeyID(pub)
		if i == 0 {
			k.signKID, k.sign = kid, priv
		}
		if _, dup := k.verify[kid]; !dup {
			k.order = append(k.order, kid)
		}
		k.verify[kid] = pub
	}
	return k, nil
}

// GenerateKeys returns a key set with one fresh key, for throwaway setups.
func GenerateKeys() *Keys {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		panic(err)
	}
	k, _ := NewKeys(priv)
	return k
}

// LoadKeyFile reads PKCS#8 "PRIVATE KEY" PEM blocks of Ed25519 keys; the
// first signs. With create set, a missing file is created with a new key
// (mode 0600), for development.
func LoadKeyFile(path string, create bool) (*Keys, error) {
	raw, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) && create {
		if err := writeNewKeyFile(path); err != nil {
			return nil, err
		}
		raw, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, fmt.Errorf("JWT key file: %w", err)
	}
	var keys []ed25519.PrivateKey
	for {
		var block *pem.Block
		block, raw = pem.Decode(raw)
		if block == nil {
			break
		}
		if block.Type != "PRIVATE KEY" {
			continue
		}
		k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("JWT key file %s: %w", path, err)
		}
		ed, ok := k.(ed25519.PrivateKey)
		if !ok {
			return nil, fmt.Errorf("JWT key file %s: keys must be Ed25519", path)
		}
		keys = append(keys, ed)
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("JWT key file %s holds no Ed25519 PRIVATE KEY block", path)
	}
	return NewKeys(keys...)
}

func writeNewKeyFile(path string) error {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return err
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if errors.Is(err, os.ErrExist) {
		return nil // another process was first
	}
	if err != nil {
		return err
	}
	if err := pem.Encode(f, &pem.Block{Type: "PRIVATE KEY", Bytes: der}); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Session is what an access token stands for: a user, the sign-in it
// belongs to (the refresh-token family) and the user's session epoch when
// it was issued. A token dies with its sign-in or when the epoch moves on.
type Session struct {
	UserID string
	ID     string // sid: the sign-in
	Epoch  int    // sep: the user's session epoch at issue
}

// AccessClaims are the claims of an access token.
type AccessClaims struct {
	jwt.RegisteredClaims
	SessionID string `json:"sid"`
	Epoch     int    `json:"sep"`
}

// Issue signs an access token for the session.
func (k *Keys) Issue(s Session, now time.Time) (string, error) {
	claims := AccessClaims{RegisteredClaims: jwt.RegisteredClaims{
		Issuer:    Issuer,
		Audience:  jwt.ClaimStrings{Audience},
		Subject:   s.UserID,
		IssuedAt:  jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(AccessTokenTTL)),
		ID:        uuid.Must(uuid.NewV7()).String(),
	}, SessionID: s.ID, Epoch: s.Epoch}
	t := jwt.NewWithClaims(jwt.SigningMethodEdDSA, claims)
	t.Header["kid"] = k.signKID
	return t.SignedString(k.sign)
}

// Verify checks an access token: EdDSA only, a known kid, the signature,
// issuer, audience, expiry (required) and the presence of iat, sub, jti and
// sid. It returns the session; whether that is still alive is the user
// package's to say.
func (k *Keys) Verify(token string, now time.Time) (Session, error) {
	var claims AccessClaims
	_, err := jwt.ParseWithClaims(token, &claims, func(t *jwt.Token) (any, error) {
		kid, _ := t.Header["kid"].(string)
		pub, ok := k.verify[kid]
		if !ok {
			return nil, errors.New("unknown key id")
		}
		return pub, nil
	},
		jwt.WithValidMethods([]string{jwt.SigningMethodEdDSA.Alg()}),
		jwt.WithIssuer(Issuer),
		jwt.WithAudience(Audience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithLeeway(leeway),
		jwt.WithTimeFunc(func() time.Time { return now }),
	)
	if err != nil {
		return Session{}, err
	}
	if claims.Subject == "" || claims.ID == "" || claims.IssuedAt == nil || claims.SessionID == "" {
		return Session{}, errors.New("token lacks sub, jti, iat or sid")
	}
	return Session{UserID: claims.Subject, ID: claims.SessionID, Epoch: claims.Epoch}, nil
}

// JWK is one public key in a JSON Web Key Set.
type JWK struct {
	Kty string `json:"kty"`
	Crv string `json:"crv"`
	X   string `json:"x"`
	Kid string `json:"kid"`
	Alg string `json:"alg"`
	Use string `json:"use"`
}

// JWKS returns the public keys, signing key first.
func (k *Keys) JWKS() []JWK {
	out := make([]JWK, 0, len(k.order))
	for _, kid := range k.order {
		out = append(out, JWK{Kty: "OKP", Crv: "Ed25519", X: base64.RawURLEncoding.EncodeToString(k.verify[kid]), Kid: kid, Alg: "EdDSA", Use: "sig"})
	}
	return out
}
