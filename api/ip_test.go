package api

import (
	"net"
	"net/http/httptest"
	"testing"
)

func TestClientAddressTrustsForwardedForOnlyFromConfiguredProxies(t *testing.T) {
	req := httptest.NewRequest("GET", "/", nil)
	req.RemoteAddr = "10.1.2.3:5555"
	req.Header.Set("X-Forwarded-For", "203.0.113.7")
	if got := ipExtractor(nil)(req); got != "10.1.2.3" {
		t.Errorf("no trusted proxies: client %s, want the peer 10.1.2.3", got)
	}
	_, lan, _ := net.ParseCIDR("10.0.0.0/8")
	if got := ipExtractor([]*net.IPNet{lan})(req); got != "203.0.113.7" {
		t.Errorf("peer is a trusted proxy: client %s, want 203.0.113.7 from X-Forwarded-For", got)
	}
	req.RemoteAddr = "198.51.100.9:5555"
	if got := ipExtractor([]*net.IPNet{lan})(req); got != "198.51.100.9" {
		t.Errorf("peer is no trusted proxy: client %s, want the peer", got)
	}
}
