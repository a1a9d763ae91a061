package webhook

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// The SSRF guard: a webhook's URL is chosen by its subscriber, so the
// platform must not be made to call into its own network. A target is
// https (http only with AllowHTTP), and the address it resolves to is
// checked when the connection is made (net.Dialer.Control, so a DNS
// answer that changes between check and connect cannot slip through) and
// again for every redirect, which are at most MaxRedirects.

// Limits of one delivery.
const (
	Timeout      = 10 * time.Second
	MaxRedirects = 3
	MaxResponse  = 64 << 10 // bytes of an answer read at most
	KeptResponse = 1 << 10  // bytes of an answer kept in the delivery log
)

// Guard says which targets a delivery may reach.
type Guard struct {
	// AllowHTTP lets subscriptions use plain http (INNOMUNICH_WEBHOOK_ALLOW_HTTP).
	AllowHTTP bool
	// AllowPrivate are ranges a target may be in although they are
	// refused by default (INNOMUNICH_WEBHOOK_ALLOW_PRIVATE): an intranet
	// receiver, a test's loopback server.
	AllowPrivate []netip.Prefix
}

// ErrRefused is the error of a target the guard refuses.
var ErrRefused = errors.New("webhook target refused")

var (
	metadataV4 = netip.MustParseAddr("169.254.169.254")
	metadataV6 = netip.MustParseAddr("fd00:ec2::254")
)

// blocked are the ranges no delivery goes to by default.
var blocked = func() []netip.Prefix {
	var out []netip.Prefix
	for _, s := range []string{
		"0.0.0.0/8",       // "this network", unspecified
		"10.0.0.0/8",      // private
		"100.64.0.0/10",   // carrier-grade NAT
		"127.0.0.0/8",     // loopback
		"169.254.0.0/16",  // link-local, cloud metadata 169.254.169.254
		"172.16.0.0/12",   // private
		"192.0.0.0/24",    // IETF protocol assignments
		"192.0.2.0/24",    // documentation
		"192.168.0.0/16",  // private
		"198.18.0.0/15",   // benchmarking
		"198.51.100.0/24", // documentation
		"203.0.113.0/24",  // documentation
		"224.0.0.0/4",     // multicast
		"240.0.0.0/4",     // reserved, broadcast
		"::/128",          // unspecified
		"::1/128",         // loopback
		"64:ff9b::/96",    // NAT64 of IPv4 (may reach private IPv4)
		"64:ff9b:1::/48",  // local-use NAT64
		"100::/64",        // discard
		"2001:db8::/32",   // documentation
		"2002::/16",       // 6to4 (embeds IPv4)
		"fc00::/7",        // unique local, cloud metadata fd00:ec2::254
		"fe80::/10",       // link-local
		"fec0::/10",       // site-local (deprecated)
		"ff00::/8",        // multicast
	} {
		out = append(out, netip.MustParsePrefix(s))
	}
	return out
}()

// CheckAddr says whether a delivery may connect to the address.
// IPv4-mapped IPv6 addresses (::ffff:127.0.0.1) are judged as the IPv4
// address they are.
func (g Guard) CheckAddr(a netip.Addr) error {
	a = a.Unmap()
	if !a.IsValid() {
		return fmt.Errorf("%w: not an IP address", ErrRefused)
	}
	// Cloud metadata services stay refused whatever range is allowed.
	if a == metadataV4 || a == metadataV6 {
		return fmt.Errorf("%w: %s is a cloud metadata service", ErrRefused, a)
	}
	for _, p := range g.AllowPrivate {
		if p.Contains(a) {
			return nil
		}
	}
	if a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() ||
		a.IsInterfaceLocalMulticast() || a.IsMulticast() || a.IsUnspecified() {
		return fmt.Errorf("%w: %s is a loopback, private, link-local, multicast or unspecified address", ErrRefused, a)
	}
	for _, p := range blocked {
		if p.Contains(a) {
			return fmt.Errorf("%w: %s is in the reserved range %s", ErrRefused, a, p)
		}
	}
	return nil
}

// CheckURL says whether a subscription may have the URL: its form only
// (the address is checked at each connection).
func (g Guard) CheckURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Hostname() == "" {
		return fmt.Errorf("%w: not an absolute URL", ErrRefused)
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && g.AllowHTTP:
	case u.Scheme == "http":
		return fmt.Errorf("%w: must be https (plain http is allowed only with INNOMUNICH_WEBHOOK_ALLOW_HTTP)", ErrRefused)
	default:
		return fmt.Errorf("%w: must be an https URL", ErrRefused)
	}
	if u.User != nil {
		return fmt.Errorf("%w: must not hold a user name or password", ErrRefused)
	}
	// A literal address is refused now rather than at the first delivery.
	if a, err := netip.ParseAddr(strings.Trim(u.Hostname(), "[]")); err == nil {
		return g.CheckAddr(a)
	}
	return nil
}

// Client returns the HTTP client deliveries use: the guard applied to
// every connection and redirect, Timeout for the whole exchange.
// transport, when not nil, is the base (a test's TLS roots).
func (g Guard) Client(transport *http.Transport) *http.Client {
	if transport == nil {
		transport = http.DefaultTransport.(*http.Transport).Clone()
	} else {
		transport = transport.Clone()
	}
	dialer := &net.Dialer{
		Timeout: Timeout,
		// Control runs with the address actually dialled, after DNS.
		Control: func(network, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("%w: %v", ErrRefused, err)
			}
			return g.CheckAddr(ap.Addr())
		},
	}
	transport.DialContext = dialer.DialContext
	transport.Proxy = nil // a proxy would connect in our stead, unchecked
	return &http.Client{
		Transport: transport,
		Timeout:   Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > MaxRedirects {
				return fmt.Errorf("%w: more than %d redirects", ErrRefused, MaxRedirects)
			}
			return g.CheckURL(req.URL.String())
		},
	}
}

// readLimited reads at most MaxResponse bytes of an answer and returns
// the first KeptResponse of them.
func readLimited(r io.Reader) string {
	buf, _ := io.ReadAll(io.LimitReader(r, MaxResponse))
	if len(buf) > KeptResponse {
		buf = buf[:KeptResponse]
	}
	return strings.ToValidUTF8(string(buf), "\uFFFD")
}
