package web

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// TestErrorPages checks the error pages a signed-in user meets: in the
// session's language (Chinese unless English was chosen), with the header
// of the signed-in user rather than a sign-in link, and a way back.
func TestErrorPages(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		big := strings.Repeat("x", maxBodyBytes+1)
		cases := []struct {
			name, method, path string
			lang               string // "" the default (Chinese)
			noCSRF             bool   // send no CSRF token
			body               string // sent as a form body
			referer            string
			status             int
			want, not          []string
		}{
			{name: "404 zh", path: "/nope", status: 404,
				want: []string{"找不到页面", "没有这个页面：/nope", "返回首页", `lang="zh-CN"`}, not: []string{"no such page", "Page not found"}},
			{name: "404 en", path: "/nope", lang: "en", status: 404,
				want: []string{"Page not found", "no such page: /nope", "Back to the plans", `lang="en"`}, not: []string{"找不到"}},
			{name: "404 plan zh", path: "/plans/zzzzzzzz", status: 404, want: []string{"找不到计划 zzzzzzzz"}, not: []string{"not found"}},
			{name: "404 task zh", path: "/tasks/zzzzzzzz", status: 404, want: []string{"找不到任务 zzzzzzzz"}},
			{name: "404 way back", path: "/nope", referer: "http://example.com/search?q=x", status: 404,
				want: []string{`href="/search?q=x"`, "返回上一页"}},
			{name: "404 no way back elsewhere", path: "/nope", referer: "http://evil.example/x", status: 404,
				not: []string{"evil.example", "返回上一页"}},
			{name: "405 zh", method: "PUT", path: "/nope", status: 405, want: []string{"不支持此操作", "此地址不接受 PUT 请求"}},
			{name: "csrf zh", method: "POST", path: "/signout", noCSRF: true, body: "a=1", status: 403,
				want: []string{"无权进行此操作", "安全令牌缺失或错误，请刷新页面后重试"}, not: []string{"missing or wrong"}},
			{name: "csrf en", method: "POST", path: "/signout", noCSRF: true, body: "a=1", lang: "en", status: 403,
				want: []string{"Not allowed", "missing or wrong CSRF token"}, not: []string{"安全令牌"}},
			{name: "413 zh", method: "POST", path: "/signout", body: big, status: 413,
				want: []string{"内容过大", "请求内容过大：上限为"}, not: []string{"too large"}},
			{name: "400 zh untranslated", path: "/?level=zz", status: 400,
				want: []string{"请求有误", "提交的内容有误", `lang="en"`, `level &#34;zz&#34;`}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				method := c.method
				if method == "" {
					method = http.MethodGet
				}
				header := map[string]string{}
				if c.referer != "" {
					header["Referer"] = c.referer
				}
				if c.lang != "" {
					header["Cookie"] = langCookie + "=" + c.lang
				}
				sess := *f.admin
				if c.noCSRF {
					sess.csrf = ""
				}
				var form url.Values
				if c.body != "" {
					form = url.Values{"note": {c.body}}
					if !c.noCSRF {
						form.Set(auth.CSRFField, sess.csrf)
					}
				}
				rec := f.do(method, f.expand(c.path), &sess, header, form)
				body := rec.Body.String()
				if rec.Code != c.status || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
					t.Fatalf("%s %s: %d %s, want %d html\n%.800s", method, c.path, rec.Code, rec.Header().Get("Content-Type"), c.status, body)
				}
				checkSecurityHeaders(t, rec.Header())
				// The signed-in header: the user's name and the sign-out
				// form, not the sign-in link.
				if !strings.Contains(body, displayName(&f.admin.user)) || !strings.Contains(body, `action="/signout"`) {
					t.Errorf("no signed-in header:\n%.1500s", body)
				}
				if strings.Contains(body, `href="/signin"`) {
					t.Errorf("sign-in link shown to a signed-in user")
				}
				for _, w := range c.want {
					if !strings.Contains(body, w) {
						t.Errorf("missing %q:\n%.1500s", w, body)
					}
				}
				for _, w := range c.not {
					if strings.Contains(body, w) {
						t.Errorf("unexpected %q:\n%.1500s", w, body)
					}
				}
			})
		}
		// The API keeps its English JSON.
		rec := f.get("GET", "/api/v1/plans/zzzzzzzz", nil)
		if rec.Code != 404 || !strings.Contains(rec.Body.String(), `"message":"plan zzzzzzzz not found"`) {
			t.Errorf("API 404: %d %s", rec.Code, rec.Body.String())
		}
		// Signed out, a public page's 404 is Chinese and leads to the public list.
		rec = f.do("GET", "/public/plans/zzzzzzzz", nil, nil, nil)
		if body := rec.Body.String(); rec.Code != 404 || !strings.Contains(body, "找不到计划 zzzzzzzz") || !strings.Contains(body, `href="/public"`) || strings.Contains(body, "/signout") {
			t.Errorf("public 404: %d\n%.1500s", rec.Code, body)
		}
	})
}

// TestErrorMessage checks how a problem's message becomes the page's.
func TestErrorMessage(t *testing.T) {
	cases := []struct {
		lang        string
		p           respond.Problem
		msg, detail string
	}{
		{langZH, respond.Problem{Status: 404, Message: "plan abc not found"}, "找不到计划 abc", ""},
		{langEN, respond.Problem{Status: 404, Message: "plan abc not found"}, "plan abc not found", ""},
		{langZH, respond.Problem{Status: 404, Message: "evidence of update u1 not found"}, "找不到进展报告的佐证文件 u1", ""},
		{langZH, respond.Problem{Status: 413, Message: "file a.xlsx is too large: the limit is 8 MiB"}, "文件 a.xlsx过大：上限为 8 MiB", ""},
		{langZH, respond.Problem{Status: 400, Message: `format "odt": want html, docx, xlsx or pdf`}, `不支持格式 "odt"：可选 html, docx, xlsx or pdf`, ""},
		{langZH, respond.Problem{Status: 403, Message: "sign in first (请先登录)"}, "请先登录", ""},
		{langEN, respond.Problem{Status: 403, Message: "sign in first (请先登录)"}, "sign in first", ""},
		{langZH, respond.Problem{Status: 403, Message: "没有权限"}, "没有权限", ""},
		{langZH, respond.Problem{Status: 400, Message: "odd (parenthesis)"}, "提交的内容有误，请检查后重试。", "odd (parenthesis)"},
		{langZH, respond.Problem{Status: 500, Message: "internal error"}, translate(langZH, "error.explain.500"), ""},
		{langEN, respond.Problem{Status: 500, Message: "internal error"}, "internal error", ""},
		{langZH, respond.Problem{Status: 418, Message: "teapot"}, "请求未能完成。", "teapot"},
		{langZH, respond.Problem{Status: 400, Message: "x", Local: "本地"}, "本地", ""},
	}
	for _, c := range cases {
		msg, detail := errorMessage(c.lang, &c.p)
		if msg != c.msg || detail != c.detail {
			t.Errorf("%s %q: got %q, %q; want %q, %q", c.lang, c.p.Message, msg, detail, c.msg, c.detail)
		}
	}
}

// TestDocumentFormErrorsTranslated: the add-document form's refusals are
// in the session's language beside the form; the API keeps its English.
func TestDocumentFormErrorsTranslated(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		for _, c := range []struct {
			form       url.Values
			lang, want string
		}{
			{url.Values{"url": {""}}, "", "请填写文档网址或选择文件"},
			{url.Values{"url": {"ftp://example.org/a"}}, "", "请填写 http(s) 地址"},
			{url.Values{"url": {"https://example.org/a"}, "tags": {strings.Repeat("长", 41)}}, "", "每个标签不超过 40 个字"},
			{url.Values{"url": {""}}, "en", "give the document&#39;s URL or choose its file"},
		} {
			c.form.Set("csrf_token", f.admin.csrf)
			header := map[string]string{}
			if c.lang != "" {
				header["Cookie"] = langCookie + "=" + c.lang
			}
			rec := f.do("POST", "/documents", f.admin, header, c.form)
			if body := rec.Body.String(); rec.Code != 400 || !strings.Contains(body, c.want) || !strings.Contains(body, `name="url"`) {
				t.Errorf("%v: %d, want the form with %q\n%.2000s", c.form, rec.Code, c.want, body)
			}
		}
		rec := f.doJSON("POST", "/api/v1/documents", f.admin, `{}`, true)
		if !strings.Contains(rec.Body.String(), "give the document's URL or choose its file") {
			t.Errorf("API: %d %s", rec.Code, rec.Body.String())
		}
	})
}

// FuzzErrorMessage: any message of any status becomes a page message
// without panicking, never empty, and a bilingual one is split only into
// halves that are each what the message holds.
func FuzzErrorMessage(f *testing.F) {
	for _, s := range []string{"plan abc not found", "sign in first (请先登录)", "no such page: /x", `format "x": want y`,
		"file a is too large: the limit is 1 MiB", " (", "中文", "x (y) (请)", ""} {
		f.Add(404, s)
	}
	f.Fuzz(func(t *testing.T, status int, msg string) {
		for _, lang := range []string{langZH, langEN} {
			m, _ := errorMessage(lang, &respond.Problem{Status: status, Message: msg})
			if m == "" && msg != "" && lang == langEN {
				t.Errorf("%s %d %q: empty", lang, status, msg)
			}
		}
		if en, zh, ok := splitBilingual(msg); ok && (!strings.Contains(msg, en) || !strings.Contains(msg, zh)) {
			t.Errorf("%q split into %q and %q", msg, en, zh)
		}
	})
}

// TestSearchOneCharacter: a one-character search says why nothing comes
// back; a longer one that finds nothing just says so.
func TestSearchOneCharacter(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		if body := f.get("GET", "/search?q="+url.QueryEscape("科"), nil).Body.String(); !strings.Contains(body, "检索词至少要两个字") {
			t.Errorf("one character: no hint\n%.2000s", body)
		}
		if body := f.get("GET", "/search?q="+url.QueryEscape("量子引力"), nil).Body.String(); strings.Contains(body, "检索词至少要两个字") || !strings.Contains(body, "没有找到") {
			t.Errorf("no hit: %.2000s", body)
		}
	})
}

// TestErrorPage500: a failure inside a handler is a 500 page in Chinese
// with the signed-in header, saying nothing of the cause.
func TestErrorPage500(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		h := f.srv.middleware(f.srv.auth.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			respond.Error(w, r, errors.New("secret cause: disk on fire"))
		})))
		req := httptest.NewRequest("GET", "/plans", nil)
		req.AddCookie(&http.Cookie{Name: auth.CookieName, Value: f.admin.token})
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		body := rec.Body.String()
		if rec.Code != 500 || !strings.Contains(body, "服务器出错") || !strings.Contains(body, "请把请求编号告诉管理员") ||
			!strings.Contains(body, `action="/signout"`) || strings.Contains(body, "disk on fire") || strings.Contains(body, "internal error") {
			t.Errorf("500: %d\n%.2000s", rec.Code, body)
		}
	})
}
