package mail

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// SMTP delivers through an SMTP server.
type SMTP struct {
	from string
	host string
	opts []gomail.Option
}

// ParseSMTPURL checks an INNOMUNICH_SMTP_URL and returns the client
// options it means. Errors never repeat the URL: it may hold a password.
func ParseSMTPURL(raw string) (host string, opts []gomail.Option, err error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", nil, fmt.Errorf("INNOMUNICH_SMTP_URL is not a valid URL")
	}
	if u.Hostname() == "" {
		return "", nil, fmt.Errorf("INNOMUNICH_SMTP_URL needs a host, e.g. smtp://user:pass@mail.example.org:587")
	}
	port := 0
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil || port < 1 || port > 65535 {
			return "", nil, fmt.Errorf("INNOMUNICH_SMTP_URL has an invalid port")
		}
	}
	opts = []gomail.Option{gomail.WithTimeout(30 * time.Second)}
	switch tlsMode := u.Query().Get("tls"); {
	case u.Scheme == "smtps" && tlsMode == "":
		if port == 0 {
			port = 465
		}
		opts = append(opts, gomail.WithSSL())
	case u.Scheme == "smtp" && tlsMode == "":
		if port == 0 {
			port = 587
		}
		opts = append(opts, gomail.WithTLSPortPolicy(gomail.TLSMandatory))
	case u.Scheme == "smtp" && tlsMode == "off":
		if port == 0 {
			port = 25
		}
		opts = append(opts, gomail.WithTLSPortPolicy(gomail.NoTLS))
	case u.Scheme != "smtp" && u.Scheme != "smtps":
		return "", nil, fmt.Errorf("INNOMUNICH_SMTP_URL must start with smtp:// or smtps://")
	default:
		return "", nil, fmt.Errorf("INNOMUNICH_SMTP_URL: tls may only be \"off\", and only with smtp://")
	}
	opts = append(opts, gomail.WithPort(port))
	if u.User != nil {
		pass, _ := u.User.Password()
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(u.User.Username()), gomail.WithPassword(pass))
	}
	return u.Hostname(), opts, nil
}

// NewSMTP returns a sender for cfg.SMTPURL.
func NewSMTP(cfg Config) (*SMTP, error) {
	host, opts, err := ParseSMTPURL(cfg.SMTPURL)
	if err != nil {
		return nil, err
	}
	return &SMTP{from: cfg.From, host: host, opts: opts}, nil
}

// Send delivers m on a connection of its own: mail is rare enough that a
// pool of connections would only hold servers' slots.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	msg, err := build(s.from, m)
	if err != nil {
		return err
	}
	c, err := gomail.NewClient(s.host, s.opts...)
	if err != nil {
		return fmt.Errorf("smtp client: %w", err)
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("send mail via %s: %w", s.host, err)
	}
	return nil
}
