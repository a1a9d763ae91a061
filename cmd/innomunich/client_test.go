package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"
)

// apiClient talks to a server (or the test's proxy) over real HTTP.
type apiClient struct {
	base  string
	token string
	http  *http.Client
}

func newClient(base string) *apiClient {
	return &apiClient{base: base, http: &http.Client{Timeout: 60 * time.Second}}
}

type reply struct {
	status int
	header http.Header
	body   []byte
}

func (r reply) decode(t testing.TB, v any) {
	t.Helper()
	if err := r.into(v); err != nil {
		t.Fatal(err)
	}
}

// into decodes the body; for goroutines other than the test's, which
// must not call t.Fatal.
func (r reply) into(v any) error {
	if err := json.Unmarshal(r.body, v); err != nil {
		return fmt.Errorf("decode %d %s: %w", r.status, r.body, err)
	}
	return nil
}

// call sends one request; err is a transport error (no answer).
func (c *apiClient) call(method, path string, body any, header map[string]string) (reply, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return reply{}, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		return reply{}, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return reply{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return reply{}, err
	}
	return reply{status: resp.StatusCode, header: resp.Header, body: b}, nil
}

// must sends a request that has to answer want.
func (c *apiClient) must(t testing.TB, want int, method, path string, body any, header map[string]string) reply {
	t.Helper()
	r, err := c.call(method, path, body, header)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	if r.status != want {
		t.Fatalf("%s %s: %d %s, want %d", method, path, r.status, r.body, want)
	}
	return r
}

// signIn returns a client carrying an access token of email.
func signIn(t testing.TB, base, email, password string) *apiClient {
	t.Helper()
	c := newClient(base)
	var tok struct {
		AccessToken  string `json:"access_token"`
		RefreshToken string `json:"refresh_token"`
	}
	c.must(t, 200, "POST", "/api/v1/auth/login", map[string]string{"email": email, "password": password}, nil).decode(t, &tok)
	c.token = tok.AccessToken
	return c
}
