package mail

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"strings"
	ttemplate "text/template"

	"github.com/innomunich/platform/pkg/i18n"
)

// The catalogues hold every text of every e-mail, one file per language,
// keyed like the web app's (a test fails on a key missing in any of
// them). English is the reference and the fallback.
//
//go:embed catalogue/*.json
var catalogueFiles embed.FS

var catalogues = func() map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, l := range i18n.Locales {
		b, err := catalogueFiles.ReadFile("catalogue/" + l + ".json")
		if err != nil {
			panic(err) // embedded; a missing file is a build error
		}
		var c map[string]string
		if err := json.Unmarshal(b, &c); err != nil {
			panic(fmt.Sprintf("mail catalogue %s: %v", l, err))
		}
		out[l] = c
	}
	return out
}()

// Catalogue returns the texts of language l, for tests.
func Catalogue(l string) map[string]string { return catalogues[l] }

// Language picks the language of a message: l if the platform speaks
// it, else English.
func Language(l string) string {
	if i18n.ValidLocale(l) {
		return l
	}
	return "en"
}

// Action is the one button of a message.
type Action struct {
	URL string
}

// Compose writes a message of kind (invitation, password_reset, …) in
// language lang from its catalogue texts: a greeting, the body, the
// action as a button (and its address as text), a note, the signature.
// data fills the texts' {{.Placeholders}}; values are HTML-escaped in the
// HTML part.
func Compose(kind, lang string, to Address, data map[string]string, action Action) (Message, error) {
	lang = Language(lang)
	text := func(key string) (string, error) {
		s, ok := catalogues[lang][key]
		if !ok {
			return "", fmt.Errorf("mail catalogue %s has no %q", lang, key)
		}
		t, err := ttemplate.New(key).Option("missingkey=error").Parse(s)
		if err != nil {
			return "", fmt.Errorf("mail catalogue %s %q: %w", lang, key, err)
		}
		var b strings.Builder
		if err := t.Execute(&b, data); err != nil {
			return "", fmt.Errorf("mail catalogue %s %q: %w", lang, key, err)
		}
		return b.String(), nil
	}
	p := map[string]string{"Name": to.Name}
	for k, v := range data {
		p[k] = v
	}
	data = p
	parts := map[string]string{}
	for _, key := range []string{"greeting", "signature", "link_hint"} {
		s, err := text(key)
		if err != nil {
			return Message{}, err
		}
		parts[key] = s
	}
	for _, key := range []string{"subject", "body", "action", "expiry"} {
		s, err := text(kind + "." + key)
		if err != nil {
			return Message{}, err
		}
		parts[key] = s
	}
	plain := fmt.Sprintf("%s\n\n%s\n\n%s:\n%s\n\n%s\n\n-- \n%s\n",
		parts["greeting"], parts["body"], parts["action"], action.URL, parts["expiry"], parts["signature"])
	var html bytes.Buffer
	if err := htmlLayout.Execute(&html, struct {
		Lang, URL string
		P         map[string]string
	}{lang, action.URL, parts}); err != nil {
		return Message{}, err
	}
	return Message{Kind: kind, Language: lang, To: []Address{to}, Subject: parts["subject"], Text: plain, HTML: html.String()}, nil
}

var htmlLayout = template.Must(template.New("mail").Parse(`<!doctype html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><title>{{.P.subject}}</title></head>
<body style="font-family: sans-serif; line-height: 1.5; color: #1a1b1e; max-width: 36em">
<p>{{.P.greeting}}</p>
<p>{{.P.body}}</p>
<p><a href="{{.URL}}" style="display: inline-block; padding: 0.6em 1.2em; background: #1c7ed6; color: #fff; text-decoration: none; border-radius: 4px">{{.P.action}}</a></p>
<p style="font-size: 0.9em; color: #555">{{.P.link_hint}}<br><span style="word-break: break-all">{{.URL}}</span></p>
<p>{{.P.expiry}}</p>
<p style="font-size: 0.9em; color: #555">— {{.P.signature}}</p>
</body></html>
`))
