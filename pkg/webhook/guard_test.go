package webhook

import (
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"
)

// TestGuardRefusesInternalAddresses: the table of addresses a delivery
// may not connect to, IPv4, IPv6 and IPv4-mapped, and what an allowed
// range lets through.
func TestGuardRefusesInternalAddresses(t *testing.T) {
	def := Guard{}
	loop := Guard{AllowPrivate: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("169.254.0.0/16")}}
	for _, c := range []struct {
		addr     string
		refused  bool
		loopback bool // what the guard that allows 127.0.0.0/8 and 169.254/16 says
	}{
		{"93.184.216.34", false, false},
		{"2606:2800:220:1:248:1893:25c8:1946", false, false},
		{"127.0.0.1", true, false},
		{"127.255.0.9", true, false},
		{"::1", true, true},
		{"::ffff:127.0.0.1", true, false},
		{"10.1.2.3", true, true},
		{"::ffff:10.1.2.3", true, true},
		{"172.16.0.1", true, true},
		{"172.31.255.255", true, true},
		{"172.32.0.1", false, false},
		{"192.168.1.1", true, true},
		{"::ffff:192.168.1.1", true, true},
		{"169.254.1.1", true, false},
		{"169.254.169.254", true, true}, // metadata: refused even when its range is allowed
		{"::ffff:169.254.169.254", true, true},
		{"fd00:ec2::254", true, true},
		{"fe80::1", true, true},
		{"fc00::1", true, true},
		{"fd12:3456::1", true, true},
		{"100.64.0.1", true, true},
		{"100.127.255.254", true, true},
		{"100.128.0.1", false, false},
		{"0.0.0.0", true, true},
		{"::", true, true},
		{"224.0.0.1", true, true},
		{"239.255.255.250", true, true},
		{"ff02::1", true, true},
		{"255.255.255.255", true, true},
		{"64:ff9b::a01:203", true, true}, // NAT64 of 10.1.2.3
		{"2002:a01:203::1", true, true},  // 6to4 of 10.1.2.3
	} {
		a := netip.MustParseAddr(c.addr)
		if err := def.CheckAddr(a); (err != nil) != c.refused || (err != nil && !errors.Is(err, ErrRefused)) {
			t.Errorf("%s: %v, want refused %v", c.addr, err, c.refused)
		}
		if err := loop.CheckAddr(a); (err != nil) != c.loopback {
			t.Errorf("%s with 127.0.0.0/8 and 169.254.0.0/16 allowed: %v, want refused %v", c.addr, err, c.loopback)
		}
	}
}

// TestGuardChecksTheURL: https only unless http is allowed, no
// credentials, literal internal addresses refused at once.
func TestGuardChecksTheURL(t *testing.T) {
	for _, c := range []struct {
		url       string
		allowHTTP bool
		ok        bool
	}{
		{"https://hooks.example.org/in", false, true},
		{"http://hooks.example.org/in", false, false},
		{"http://hooks.example.org/in", true, true},
		{"ftp://hooks.example.org/in", true, false},
		{"https://user:pw@hooks.example.org/", false, false},
		{"https://127.0.0.1/", false, false},
		{"https://[::ffff:127.0.0.1]/", false, false},
		{"https://169.254.169.254/latest/meta-data/", false, false},
		{"https://[fd00:ec2::254]/", false, false},
		{"/relative", false, false},
		{"https://", false, false},
	} {
		err := Guard{AllowHTTP: c.allowHTTP}.CheckURL(c.url)
		if (err == nil) != c.ok {
			t.Errorf("%s (http allowed %v): %v, want ok %v", c.url, c.allowHTTP, err, c.ok)
		}
	}
}

// TestGuardedClientRefusesAtConnectAndOnRedirect: a host name that
// resolves to loopback is refused when the connection is made; a redirect
// to an internal address, to plain http, or a fourth redirect, is refused
// before anything is dialled.
func TestGuardedClientRefusesAtConnectAndOnRedirect(t *testing.T) {
	hops := 0
	var srv *httptest.Server
	srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/ok":
			w.WriteHeader(http.StatusNoContent)
		case "/to-private":
			http.Redirect(w, r, "https://10.1.2.3/in", http.StatusTemporaryRedirect)
		case "/to-metadata":
			http.Redirect(w, r, "https://169.254.169.254/latest/meta-data/", http.StatusFound)
		case "/to-mapped":
			http.Redirect(w, r, "https://[::ffff:192.168.0.1]/", http.StatusFound)
		case "/to-http":
			http.Redirect(w, r, "http://"+r.Host+"/ok", http.StatusFound)
		case "/loop":
			hops++
			http.Redirect(w, r, "/loop", http.StatusFound)
		case "/twice":
			http.Redirect(w, r, "/ok", http.StatusFound)
		}
	}))
	defer srv.Close()
	tr := srv.Client().Transport.(*http.Transport)
	allowed := Guard{AllowPrivate: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}}.Client(tr)

	if resp, err := allowed.Get(srv.URL + "/ok"); err != nil || resp.StatusCode != 204 {
		t.Fatalf("allowed loopback: %v", err)
	}
	if resp, err := allowed.Get(srv.URL + "/twice"); err != nil || resp.StatusCode != 204 {
		t.Fatalf("a redirect within the rules: %v", err)
	}
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	if _, err := (Guard{}).Client(tr).Get("https://localhost:" + port + "/ok"); !errors.Is(err, ErrRefused) {
		t.Errorf("localhost without an allowed range: %v, want refused at connect", err)
	}
	for _, path := range []string{"/to-private", "/to-metadata", "/to-mapped", "/to-http", "/loop"} {
		if _, err := allowed.Get(srv.URL + path); !errors.Is(err, ErrRefused) {
			t.Errorf("%s: %v, want refused", path, err)
		}
	}
	if hops != MaxRedirects+1 {
		t.Errorf("followed %d redirects of the loop, want %d", hops-1, MaxRedirects)
	}
}
