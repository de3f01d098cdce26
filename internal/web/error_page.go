package web

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"planwatch/internal/web/respond"
)

// errorData is the error page's data.
type errorData struct {
	view
	Status  int
	Heading string // what happened, in the page's language
	Message string // why, in the page's language
	// Detail is the English message when no translation of it exists: a
	// Chinese page shows its own explanation first and this second.
	Detail string
	Back   string // the page the user came from on this site, if known
	Home   string // the way home: the plans, or the public list
}

// errorPage renders the HTML error page of p for r (respond calls it): in
// the request's language, with the header of whoever is signed in, even
// when the error was written before the sign-in middleware ran.
func (s *Server) errorPage(w io.Writer, r *http.Request, p *respond.Problem) error {
	r = s.auth.WithSession(r)
	lang := langFrom(r.Context())
	v := s.newView(r, translate(lang, "error.title"), "")
	v.Charts = false // an error page draws nothing
	v.Public = strings.HasPrefix(r.URL.Path, "/public/") || r.URL.Path == "/public"
	d := errorData{view: v, Status: p.Status, Heading: errorHeading(lang, p), Home: "/", Back: backURL(r)}
	if v.Public {
		d.Home = "/public"
	}
	d.Message, d.Detail = errorMessage(lang, p)
	return s.pages["error"].Execute(w, d)
}

// errorHeading names what happened by the status (and, for a refused form
// token, by the code).
func errorHeading(lang string, p *respond.Problem) string {
	key := "error.status." + strconv.Itoa(p.Status)
	if _, ok := messages[key]; !ok {
		key = "error.status.other"
		if p.Status >= 500 {
			key = "error.status.500"
		} else if p.Status >= 400 {
			key = "error.status.400"
		}
	}
	return translate(lang, key)
}

// errorMessage is p's message in lang, and the English detail a Chinese
// page adds when the message has no translation: the problem's own Local
// text, else the half of a bilingual "English (中文)" message, else the
// message as it is when it is already Chinese or the page English, else the
// status's own explanation.
func errorMessage(lang string, p *respond.Problem) (msg, detail string) {
	if p.Local != "" {
		return p.Local, ""
	}
	if en, zh, ok := splitBilingual(p.Message); ok {
		if lang == langEN {
			return en, ""
		}
		return zh, ""
	}
	if lang == langEN || startsHan(p.Message) {
		return p.Message, ""
	}
	if m, ok := translatePattern(lang, p.Message); ok {
		return m, ""
	}
	key := "error.explain." + strconv.Itoa(p.Status)
	if _, ok := messages[key]; !ok {
		key = "error.explain.other"
	}
	if p.Status >= 500 {
		// A 500's English says nothing more than the explanation.
		return translate(lang, key), ""
	}
	return translate(lang, key), p.Message
}

// splitBilingual splits a message written "English (中文)", as the sign-in
// middleware writes its refusals before it knows the page's language.
func splitBilingual(m string) (en, zh string, ok bool) {
	m = strings.TrimSpace(m)
	if !strings.HasSuffix(m, ")") {
		return "", "", false
	}
	i := strings.LastIndex(m, " (")
	if i <= 0 {
		return "", "", false
	}
	en, zh = strings.TrimSpace(m[:i]), m[i+2:len(m)-1]
	if !hasHan(zh) || hasHan(en) {
		return "", "", false
	}
	return en, zh, true
}

// startsHan reports whether the first letter of s is Chinese: a message
// the handler wrote in Chinese, perhaps quoting an English name.
func startsHan(s string) bool {
	i := strings.IndexFunc(s, unicode.IsLetter)
	if i < 0 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.Is(unicode.Han, r)
}

// hasHan reports whether s holds a Chinese character.
func hasHan(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
}

// backURL is the page the user came from when the Referer names one of
// our own pages (other than this one), "" otherwise: a way back that is
// not a script.
func backURL(r *http.Request) string {
	ref, err := url.Parse(r.Referer())
	if err != nil || ref.Host != r.Host || ref.Path == "" || !strings.HasPrefix(ref.Path, "/") {
		return ""
	}
	if ref.Path == r.URL.Path && ref.RawQuery == r.URL.RawQuery {
		return ""
	}
	back := url.URL{Path: ref.Path, RawQuery: ref.RawQuery}
	return back.String()
}

// errorPatterns translate the English messages that handlers shared with
// the API write (the API keeps them as they are): each pattern's groups
// fill the catalog entry of its key, nouns translated by the error.what
// entries.
var errorPatterns = []struct {
	re  *regexp.Regexp
	key string
}{
	{regexp.MustCompile(`^no such page: (.+)$`), "error.no_page"},
	{regexp.MustCompile(`^no such file: (.+)$`), "error.no_file"},
	{regexp.MustCompile(`^method (\S+) is not allowed here$`), "error.method"},
	{regexp.MustCompile(`^(plan|task|update|document|user|unit|API token|proposal|evidence of update|task of update|original of document) (\S+) not found$`), "error.not_found"},
	{regexp.MustCompile(`^(request body|the upload|file) ?(.*) is too large: the limit is (.+)$`), "error.too_large"},
	{regexp.MustCompile(`^format "(.*)": want (.+)$`), "error.format"},
}

// translatePattern translates m by the first of errorPatterns it matches.
func translatePattern(lang, m string) (string, bool) {
	for _, p := range errorPatterns {
		g := p.re.FindStringSubmatch(m)
		if g == nil {
			continue
		}
		args := make([]any, 0, len(g)-1)
		for _, a := range g[1:] {
			args = append(args, a)
		}
		switch p.key {
		case "error.not_found":
			args[0] = translate(lang, "error.what."+strings.ReplaceAll(g[1], " ", "_"))
		case "error.too_large":
			what := translate(lang, "error.what."+strings.ReplaceAll(g[1], " ", "_"))
			if g[2] != "" {
				what += " " + g[2]
			}
			args = []any{what, g[3]}
		}
		return fmt.Sprintf(translate(lang, p.key), args...), true
	}
	return "", false
}
