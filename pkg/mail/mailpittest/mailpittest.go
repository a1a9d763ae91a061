// Package mailpittest runs a real SMTP server for tests: Mailpit
// (go install github.com/axllent/mailpit@v1.33.1), on free ports, with
// its HTTP API to read what arrived. Without the binary a test is skipped,
// except in CI (CI=true), where it fails.
package mailpittest

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// Server is one Mailpit process and the ports it keeps across restarts.
type Server struct {
	t       testing.TB
	bin     string
	dir     string
	smtp    string
	http    string
	cmd     *exec.Cmd
	stopped chan struct{}
}

// binary finds mailpit on PATH or in Go's bin folder.
func binary() string {
	if p, err := exec.LookPath("mailpit"); err == nil {
		return p
	}
	gopath := os.Getenv("GOPATH")
	if gopath == "" {
		home, _ := os.UserHomeDir()
		gopath = filepath.Join(home, "go")
	}
	if p := filepath.Join(gopath, "bin", "mailpit"); fileExists(p) {
		return p
	}
	return ""
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

// Start runs Mailpit until the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	bin := binary()
	if bin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("mailpit not found: go install github.com/axllent/mailpit@v1.33.1")
		}
		t.Skip("mailpit not found (go install github.com/axllent/mailpit@v1.33.1)")
	}
	s := &Server{t: t, bin: bin, dir: t.TempDir(), smtp: freeAddr(t), http: freeAddr(t)}
	s.Restart()
	t.Cleanup(s.Stop)
	return s
}

func freeAddr(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// SMTPURL is an INNOMUNICH_SMTP_URL for this server (plain SMTP: a test
// server has no certificate).
func (s *Server) SMTPURL() string { return "smtp://" + s.smtp + "?tls=off" }

// Stop ends the process; the messages it received stay for a Restart.
func (s *Server) Stop() {
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Kill()
	<-s.stopped
	s.cmd = nil
}

// Restart starts the process again on the same ports and database, and
// returns when its API answers.
func (s *Server) Restart() {
	s.t.Helper()
	s.cmd = exec.Command(s.bin, "--smtp", s.smtp, "--listen", s.http, "--database", filepath.Join(s.dir, "mailpit.db"),
		"--quiet", "--disable-version-check", "--smtp-auth-accept-any", "--smtp-auth-allow-insecure")
	s.cmd.Stdout, s.cmd.Stderr = os.Stderr, os.Stderr
	if err := s.cmd.Start(); err != nil {
		s.t.Fatalf("start mailpit: %v", err)
	}
	s.stopped = make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(s.stopped) }()
	Eventually(s.t, "mailpit answers", func() bool {
		c, err := net.Dial("tcp", s.smtp)
		if err != nil {
			return false
		}
		c.Close()
		resp, err := http.Get("http://" + s.http + "/api/v1/info")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
}

// Address is a sender or recipient as Mailpit reports it.
type Address struct {
	Name    string
	Address string
}

// Summary is a message in Mailpit's list.
type Summary struct {
	ID        string
	MessageID string
	From      Address
	To        []Address
	Subject   string
	Created   time.Time
}

// Message is one message with its bodies and attachments.
type Message struct {
	Summary
	Text        string
	HTML        string
	Attachments []struct {
		PartID      string
		FileName    string
		ContentType string
	}
}

// Messages lists what arrived, newest first.
func (s *Server) Messages() []Summary {
	s.t.Helper()
	var out struct{ Messages []Summary }
	s.get("/api/v1/messages?limit=500", &out)
	return out.Messages
}

// Message reads one message.
func (s *Server) Message(id string) Message {
	s.t.Helper()
	var m Message
	s.get("/api/v1/message/"+id, &m)
	return m
}

// Headers reads the header fields of one message, decoded.
func (s *Server) Headers(id string) map[string][]string {
	s.t.Helper()
	var h map[string][]string
	s.get("/api/v1/message/"+id+"/headers", &h)
	return h
}

// Part reads an attachment.
func (s *Server) Part(id, part string) []byte {
	s.t.Helper()
	return s.raw("/api/v1/message/" + id + "/part/" + part)
}

// Raw reads one message as it arrived, header and MIME parts.
func (s *Server) Raw(id string) []byte {
	s.t.Helper()
	return s.raw("/api/v1/message/" + id + "/raw")
}

// Await returns the messages once there are n of them, failing after 30 s.
func (s *Server) Await(n int) []Summary {
	s.t.Helper()
	var got []Summary
	Eventually(s.t, fmt.Sprintf("%d messages in mailpit", n), func() bool {
		got = s.Messages()
		return len(got) >= n
	})
	return got
}

func (s *Server) get(path string, v any) {
	s.t.Helper()
	if err := json.Unmarshal(s.raw(path), v); err != nil {
		s.t.Fatalf("mailpit %s: %v", path, err)
	}
}

func (s *Server) raw(path string) []byte {
	s.t.Helper()
	resp, err := http.Get("http://" + s.http + path)
	if err != nil {
		s.t.Fatalf("mailpit %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		s.t.Fatalf("mailpit %s: %d %v %s", path, resp.StatusCode, err, b)
	}
	return b
}

// Eventually waits until cond holds, checking every 20 ms, and fails the
// test after 30 s: for what arrives from another process, where there is
// no event to wait on.
func Eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited 30 s for: %s", what)
		}
		<-tick.C
	}
}
