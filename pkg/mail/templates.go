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

// Extra is what a message has besides its catalogue texts.
type Extra struct {
	// Action is the address behind the message's one button; "" for none.
	Action string
	// Lines are listed after the body (the changes of a digest).
	Lines []string
	// Unsubscribe is the page that switches this kind of notification
	// off, shown at the foot; OneClick is the address mail clients POST
	// to for the same (List-Unsubscribe with List-Unsubscribe-Post, RFC
	// 8058). Both carry a signed token.
	Unsubscribe, OneClick string
	// Attachments go with the message (a trip's .ics).
	Attachments []Attachment
}

// Compose writes a message of kind (invitation, password_reset, …) in
// language lang from its catalogue texts: a greeting, "<kind>.body", the
// lines, the button "<kind>.action" with its address as text, the note
// "<kind>.note" when the catalogue has one, the signature and, for a
// notification, how to switch it off. data fills the texts'
// {{.Placeholders}}; values are HTML-escaped in the HTML part.
func Compose(kind, lang string, to Address, data map[string]string, x Extra) (Message, error) {
	lang = Language(lang)
	p := map[string]string{"Name": to.Name}
	for k, v := range data {
		p[k] = v
	}
	text := func(key string, required bool) (string, error) {
		s, ok := catalogues[lang][key]
		if !ok {
			if !required {
				return "", nil
			}
			return "", fmt.Errorf("mail catalogue %s has no %q", lang, key)
		}
		t, err := ttemplate.New(key).Option("missingkey=error").Parse(s)
		if err != nil {
			return "", fmt.Errorf("mail catalogue %s %q: %w", lang, key, err)
		}
		var b strings.Builder
		if err := t.Execute(&b, p); err != nil {
			return "", fmt.Errorf("mail catalogue %s %q: %w", lang, key, err)
		}
		return b.String(), nil
	}
	parts := map[string]string{}
	for _, k := range []struct {
		part, key string
		required  bool
	}{
		{"greeting", "greeting", true},
		{"signature", "signature", true},
		{"link_hint", "link_hint", x.Action != ""},
		{"unsubscribe", "unsubscribe_hint", x.Unsubscribe != ""},
		{"subject", kind + ".subject", true},
		{"body", kind + ".body", true},
		{"action", kind + ".action", x.Action != ""},
		{"note", kind + ".note", false},
	} {
		s, err := text(k.key, k.required)
		if err != nil {
			return Message{}, err
		}
		parts[k.part] = s
	}
	var plain strings.Builder
	fmt.Fprintf(&plain, "%s\n\n%s\n\n", parts["greeting"], parts["body"])
	for _, l := range x.Lines {
		fmt.Fprintf(&plain, "- %s\n", l)
	}
	if len(x.Lines) > 0 {
		plain.WriteString("\n")
	}
	if x.Action != "" {
		fmt.Fprintf(&plain, "%s:\n%s\n\n", parts["action"], x.Action)
	}
	if parts["note"] != "" {
		fmt.Fprintf(&plain, "%s\n\n", parts["note"])
	}
	fmt.Fprintf(&plain, "-- \n%s\n", parts["signature"])
	if x.Unsubscribe != "" {
		fmt.Fprintf(&plain, "%s\n%s\n", parts["unsubscribe"], x.Unsubscribe)
	}
	var html bytes.Buffer
	if err := htmlLayout.Execute(&html, struct {
		Lang string
		X    Extra
		P    map[string]string
	}{lang, x, parts}); err != nil {
		return Message{}, err
	}
	m := Message{Kind: kind, Language: lang, To: []Address{to}, Subject: parts["subject"],
		Text: plain.String(), HTML: html.String(), Attachments: x.Attachments}
	if x.OneClick != "" {
		m.Headers = map[string]string{
			"List-Unsubscribe":      "<" + x.OneClick + ">",
			"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
		}
	}
	return m, nil
}

var htmlLayout = template.Must(template.New("mail").Parse(`<!doctype html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><title>{{.P.subject}}</title></head>
<body style="font-family: sans-serif; line-height: 1.5; color: #1a1b1e; max-width: 36em">
<p>{{.P.greeting}}</p>
<p>{{.P.body}}</p>
{{if .X.Lines}}<ul>{{range .X.Lines}}<li>{{.}}</li>{{end}}</ul>{{end}}
{{if .X.Action}}<p><a href="{{.X.Action}}" style="display: inline-block; padding: 0.6em 1.2em; background: #1c7ed6; color: #fff; text-decoration: none; border-radius: 4px">{{.P.action}}</a></p>
<p style="font-size: 0.9em; color: #555">{{.P.link_hint}}<br><span style="word-break: break-all">{{.X.Action}}</span></p>{{end}}
{{if .P.note}}<p>{{.P.note}}</p>{{end}}
<p style="font-size: 0.9em; color: #555">— {{.P.signature}}</p>
{{if .X.Unsubscribe}}<p style="font-size: 0.8em; color: #777">{{.P.unsubscribe}} <a href="{{.X.Unsubscribe}}">{{.X.Unsubscribe}}</a></p>{{end}}
</body></html>
`))

// Text returns the catalogue text key in language lang with data filled
// in: for texts a caller puts in a message's Lines (a digest's lines),
// which Compose takes as they are.
func Text(lang, key string, data map[string]string) (string, error) {
	lang = Language(lang)
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
