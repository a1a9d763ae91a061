package mail_test

import (
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

func TestEveryMailComposesInEveryLanguage(t *testing.T) {
	to := mail.Address{Name: "Anna <Berger>", Email: "anna@example.org"}
	for _, kind := range []string{"invitation", "password_reset"} {
		subjects := map[string]bool{}
		for _, l := range i18n.Locales {
			m, err := mail.Compose(kind, l, to, map[string]string{"Email": to.Email}, mail.Action{URL: "https://innomunich.example/set-password?token=ims_x&y"})
			if err != nil {
				t.Fatalf("%s/%s: %v", kind, l, err)
			}
			if m.Language != l || m.Subject == "" || !strings.Contains(m.Text, "https://innomunich.example/set-password?token=ims_x&y") || !strings.Contains(m.Text, "anna@example.org") {
				t.Errorf("%s/%s: %+v", kind, l, m)
			}
			// Values are escaped in HTML, the link's & too.
			if !strings.Contains(m.HTML, "Anna &lt;Berger&gt;") || !strings.Contains(m.HTML, "ims_x&amp;y") {
				t.Errorf("%s/%s html: %s", kind, l, m.HTML)
			}
			subjects[m.Subject] = true
		}
		if len(subjects) != len(i18n.Locales) {
			t.Errorf("%s: subjects %v are not translated", kind, subjects)
		}
	}
	if m, _ := mail.Compose("invitation", "fr", to, map[string]string{"Email": to.Email}, mail.Action{URL: "x"}); m.Language != "en" {
		t.Errorf("an unknown language gives %q, want English", m.Language)
	}
}
