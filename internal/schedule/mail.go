package schedule

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"mime"
	"net"
	"net/smtp"
	"os"
	"strings"
	"time"

	"planwatch/internal/config"
)

// mailTimeout bounds one delivery, connection to QUIT.
const mailTimeout = time.Minute

// Mailer sends plain-text UTF-8 mail through the configured relay with
// net/smtp: STARTTLS whenever the relay offers it, and AUTH PLAIN only
// over TLS (or to a relay on this machine), as net/smtp insists.
type Mailer struct {
	cfg config.SMTP
	now func() time.Time
}

// NewMailer returns a mailer for the relay, or nil when none is
// configured (reminders are then only listed in the app).
func NewMailer(cfg config.SMTP) *Mailer {
	if cfg.Addr == "" {
		return nil
	}
	return &Mailer{cfg: cfg, now: time.Now}
}

// Send delivers one message to every address in to.
func (m *Mailer) Send(ctx context.Context, to []string, subject, body string) error {
	if len(to) == 0 {
		return fmt.Errorf("mail: no recipients")
	}
	for _, a := range to {
		if strings.ContainsAny(a, "\r\n,<>") {
			return fmt.Errorf("mail: bad recipient %q", a)
		}
	}
	ctx, cancel := context.WithTimeout(ctx, mailTimeout)
	defer cancel()
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", m.cfg.Addr)
	if err != nil {
		return fmt.Errorf("mail: connect to %s: %w", m.cfg.Addr, err)
	}
	deadline, _ := ctx.Deadline()
	conn.SetDeadline(deadline)
	host, _, _ := net.SplitHostPort(m.cfg.Addr)
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("mail: %s: %w", m.cfg.Addr, err)
	}
	defer c.Close()
	if err := m.deliver(c, host, to, message(m.cfg.From, to, subject, body, m.now())); err != nil {
		return fmt.Errorf("mail: %s: %w", m.cfg.Addr, err)
	}
	return nil
}

func (m *Mailer) deliver(c *smtp.Client, host string, to []string, msg []byte) error {
	if name, err := os.Hostname(); err == nil && name != "" {
		if err := c.Hello(name); err != nil {
			return err
		}
	}
	if ok, _ := c.Extension("STARTTLS"); ok {
		if err := c.StartTLS(&tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}); err != nil {
			return err
		}
	}
	if m.cfg.User != "" {
		if err := c.Auth(smtp.PlainAuth("", m.cfg.User, m.cfg.Password, host)); err != nil {
			return fmt.Errorf("sign-in as %s: %w", m.cfg.User, err)
		}
	}
	if err := c.Mail(m.cfg.From); err != nil {
		return err
	}
	for _, a := range to {
		if err := c.Rcpt(a); err != nil {
			return fmt.Errorf("recipient %s: %w", a, err)
		}
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(msg); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

// message builds the RFC 5322 message: the subject as an encoded word,
// the body in base64 so that Chinese text passes any relay unharmed.
func message(from string, to []string, subject, body string, now time.Time) []byte {
	subject = strings.Join(strings.Fields(subject), " ") // no line breaks: they would start headers
	id := make([]byte, 12)
	rand.Read(id)
	domain := from[strings.LastIndex(from, "@")+1:]
	var b strings.Builder
	fmt.Fprintf(&b, "From: %s\r\n", from)
	fmt.Fprintf(&b, "To: %s\r\n", strings.Join(to, ", "))
	// A long subject is several encoded words of up to 75 octets: one to
	// a line, folded before each.
	fmt.Fprintf(&b, "Subject:\r\n %s\r\n", strings.ReplaceAll(mime.BEncoding.Encode("UTF-8", subject), "?= =?", "?=\r\n =?"))
	fmt.Fprintf(&b, "Date: %s\r\n", now.Format(time.RFC1123Z))
	fmt.Fprintf(&b, "Message-ID: <%s@%s>\r\n", hex.EncodeToString(id), domain)
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n")
	b.WriteString("Auto-Submitted: auto-generated\r\n\r\n")
	enc := base64.StdEncoding.EncodeToString([]byte(strings.ReplaceAll(body, "\n", "\r\n")))
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n")
	return []byte(b.String())
}
