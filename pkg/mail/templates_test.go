package mail_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/mail"
)

// Every language has exactly the keys of the English catalogue.
func TestEveryMailCatalogueHasEveryKeyOfTheEnglishOne(t *testing.T) {
	en := mail.Catalogue("en")
	for _, l := range i18n.Locales {
		c := mail.Catalogue(l)
		for k := range en {
			if strings.TrimSpace(c[k]) == "" {
				t.Errorf("%s lacks %q", l, k)
			}
		}
		for k := range c {
			if _, ok := en[k]; !ok {
				t.Errorf("%s has %q, which English does not", l, k)
			}
		}
	}
}

// kinds are the message kinds of the catalogue, with a value for every
// placeholder their texts use, so that every kind is checked, including
// those added later.
func kinds(t *testing.T) map[string]map[string]string {
	placeholder := regexp.MustCompile(`{{\.(\w+)}}`)
	out := map[string]map[string]string{}
	for k, v := range mail.Catalogue("en") {
		kind, _, ok := strings.Cut(k, ".")
		if !ok {
			continue
		}
		if out[kind] == nil {
			out[kind] = map[string]string{}
		}
		for _, l := range i18n.Locales {
			for _, m := range placeholder.FindAllStringSubmatch(mail.Catalogue(l)[k]+v, -1) {
				out[kind][m[1]] = "<" + m[1] + "> anna@example.org"
			}
		}
	}
	if len(out) < 2 {
		t.Fatalf("only %d kinds of mail in the catalogue", len(out))
	}
	return out
}

func TestEveryMailComposesInEveryLanguage(t *testing.T) {
	to := mail.Address{Name: "Anna <Berger>", Email: "anna@example.org"}
	for kind, data := range kinds(t) {
		subjects := map[string]bool{}
		for _, l := range i18n.Locales {
			x := mail.Extra{Action: "https://innomunich.example/set-password?token=ims_x&y", Unsubscribe: "https://innomunich.example/unsubscribe?token=u", OneClick: "https://innomunich.example/api/v1/notifications/unsubscribe?token=u"}
			m, err := mail.Compose(kind, l, to, data, x)
			if err != nil {
				t.Fatalf("%s/%s: %v", kind, l, err)
			}
			if m.Language != l || m.Subject == "" || !strings.Contains(m.Text, "https://innomunich.example/set-password?token=ims_x&y") || !strings.Contains(m.Text, "Anna <Berger>") {
				t.Errorf("%s/%s: %+v", kind, l, m)
			}
			// Values are escaped in HTML, the link's & too.
			if !strings.Contains(m.HTML, "Anna &lt;Berger&gt;") || !strings.Contains(m.HTML, "ims_x&amp;y") {
				t.Errorf("%s/%s html: %s", kind, l, m.HTML)
			}
			if m.Headers["List-Unsubscribe"] != "<https://innomunich.example/api/v1/notifications/unsubscribe?token=u>" || !strings.Contains(m.Text, "https://innomunich.example/unsubscribe?token=u") || m.Headers["List-Unsubscribe-Post"] != "List-Unsubscribe=One-Click" {
				t.Errorf("%s/%s headers: %v", kind, l, m.Headers)
			}
			subjects[m.Subject] = true
		}
		if len(subjects) != len(i18n.Locales) {
			t.Errorf("%s: subjects %v are not translated", kind, subjects)
		}
	}
	if m, _ := mail.Compose("invitation", "fr", to, map[string]string{"Email": to.Email}, mail.Extra{Action: "x"}); m.Language != "en" {
		t.Errorf("an unknown language gives %q, want English", m.Language)
	}
}
