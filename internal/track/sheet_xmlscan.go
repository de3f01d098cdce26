package track

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// xmlLexer reads XML as start tags, end tags and text, in constant memory
// and at the speed of a byte loop. It is what the budgets look through
// before excelize parses anything: encoding/xml (excelize's parser) takes
// some 10 µs an element on a small server, so counting with it would cost
// what the count is there to prevent. It is not a validating parser —
// excelize reads the parts properly afterwards — but it keeps quotes,
// comments, CDATA and processing instructions apart, so that what it
// counts is what encoding/xml will see.
type xmlLexer struct {
	r       *bufio.Reader
	atTag   bool // a '<' has been read: a tag comes next
	capture int  // text bytes to keep in text (0: none)

	// The token read by next.
	start, end bool   // a start tag (end too when it closes itself: <c/>), an end tag
	name       []byte // the tag's local name (no prefix), at most 64 bytes
	attrs      []xmlAttr
	nattrs     int
	text       []byte // the text's first capture bytes
	size       int64  // bytes of text, or of attribute values in a tag
}

// xmlAttr is an attribute of a start tag: its local name and its value,
// at most 256 bytes of each (cut: the value was longer).
type xmlAttr struct {
	name, value []byte
	cut         bool
}

var (
	errNotXML   = errors.New("not well-formed XML")
	errCutShort = fmt.Errorf("%w: it ends inside a tag", errNotXML)
)

// cut is the error for a read that failed: the input ended (errCutShort)
// or could not be read.
func cut(err error) error {
	if errors.Is(err, io.EOF) {
		return errCutShort
	}
	return err
}

func newXMLLexer(r io.Reader) *xmlLexer {
	return &xmlLexer{r: bufio.NewReaderSize(r, 64<<10)}
}

// attr is the value of the start tag's attribute with local name n.
func (l *xmlLexer) attr(n string) ([]byte, bool) {
	for _, a := range l.attrs[:l.nattrs] {
		if string(a.name) == n {
			return a.value, !a.cut
		}
	}
	return nil, false
}

// next reads the next token: io.EOF at the end.
func (l *xmlLexer) next() error {
	for {
		l.start, l.end, l.size, l.text, l.nattrs = false, false, 0, l.text[:0], 0
		if !l.atTag {
			for {
				b, err := l.r.ReadSlice('<')
				if err == nil {
					b = b[:len(b)-1]
					l.atTag = true
				}
				l.keep(b)
				if err == nil {
					break
				}
				if errors.Is(err, bufio.ErrBufferFull) {
					continue
				}
				if errors.Is(err, io.EOF) && l.size > 0 {
					return nil
				}
				return err
			}
			if l.size > 0 {
				return nil // text
			}
		}
		l.atTag = false
		c, err := l.r.ReadByte()
		if err != nil {
			return cut(err)
		}
		switch c {
		case '/':
			l.end = true
			if err := l.readName(0); err != nil {
				return err
			}
			if err := l.skipTo(">"); err != nil {
				return err
			}
			return nil
		case '?':
			if err := l.skipTo("?>"); err != nil {
				return err
			}
			continue
		case '!':
			if ok, err := l.prefix("--"); err != nil {
				return err
			} else if ok {
				if err := l.skipTo("-->"); err != nil {
					return err
				}
				continue
			}
			if ok, err := l.prefix("[CDATA["); err != nil {
				return err
			} else if ok {
				return l.cdata()
			}
			if err := l.skipDecl(); err != nil {
				return err
			}
			continue
		}
		l.start = true
		return l.startTag(c)
	}
}

// keep counts text bytes and keeps the first capture of them.
func (l *xmlLexer) keep(b []byte) {
	l.size += int64(len(b))
	if room := l.capture - len(l.text); room > 0 {
		l.text = append(l.text, b[:min(room, len(b))]...)
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// readName reads a tag name starting with first (0: read it), keeping its
// local part in l.name; the byte after it is left unread.
func (l *xmlLexer) readName(first byte) error {
	l.name = l.name[:0]
	c := first
	for {
		if c == 0 {
			var err error
			if c, err = l.r.ReadByte(); err != nil {
				return cut(err)
			}
		}
		if isSpace(c) || c == '>' || c == '/' {
			return l.r.UnreadByte()
		}
		if c == ':' {
			l.name = l.name[:0]
		} else if len(l.name) < 64 {
			l.name = append(l.name, c)
		}
		c = 0
	}
}

// startTag reads a start tag whose name begins with first, its attributes
// and whether it closes itself.
func (l *xmlLexer) startTag(first byte) error {
	if err := l.readName(first); err != nil {
		return err
	}
	for {
		c, err := l.skipSpace()
		if err != nil {
			return err
		}
		switch c {
		case '>':
			return nil
		case '/':
			if c, err = l.r.ReadByte(); err != nil {
				return cut(err)
			} else if c != '>' {
				return errNotXML
			}
			l.end = true
			return nil
		}
		if l.nattrs == len(l.attrs) {
			l.attrs = append(l.attrs, xmlAttr{})
		}
		a := &l.attrs[l.nattrs]
		a.name, a.value, a.cut = a.name[:0], a.value[:0], false
		// The name, up to '=' (prefix dropped).
		for c != '=' {
			if isSpace(c) {
				if c, err = l.skipSpace(); err != nil {
					return err
				}
				continue
			}
			if c == ':' {
				a.name = a.name[:0]
			} else if len(a.name) < 256 {
				a.name = append(a.name, c)
			}
			if c, err = l.r.ReadByte(); err != nil {
				return cut(err)
			} else if c == '>' || c == '<' {
				return errNotXML
			}
		}
		q, err := l.skipSpace()
		if err != nil {
			return err
		} else if q != '"' && q != '\'' {
			return errNotXML
		}
		for {
			b, err := l.r.ReadSlice(q)
			if err == nil {
				b = b[:len(b)-1]
			}
			l.size += int64(len(b))
			room := 256 - len(a.value)
			a.cut = a.cut || len(b) > room
			a.value = append(a.value, b[:min(max(room, 0), len(b))]...)
			if err == nil {
				break
			}
			if !errors.Is(err, bufio.ErrBufferFull) {
				return cut(err)
			}
		}
		if l.nattrs < 64 {
			l.nattrs++
		}
	}
}

func (l *xmlLexer) skipSpace() (byte, error) {
	for {
		c, err := l.r.ReadByte()
		if err != nil {
			return 0, cut(err)
		}
		if !isSpace(c) {
			return c, nil
		}
	}
}

// prefix reads s if the input goes on with it.
func (l *xmlLexer) prefix(s string) (bool, error) {
	b, err := l.r.Peek(len(s))
	if err != nil && len(b) < len(s) {
		return false, nil
	}
	if string(b) != s {
		return false, nil
	}
	_, err = l.r.Discard(len(s))
	return true, err
}

// skipTo reads up to and through the terminator s.
func (l *xmlLexer) skipTo(s string) error {
	last := s[len(s)-1]
	var tail []byte
	for {
		b, err := l.r.ReadSlice(last)
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			return cut(err)
		}
		tail = append(tail, b[max(len(b)-len(s), 0):]...)
		tail = tail[max(len(tail)-len(s), 0):]
		if err == nil && bytes.HasSuffix(tail, []byte(s)) {
			return nil
		}
	}
}

// cdata reads a CDATA section as text.
func (l *xmlLexer) cdata() error {
	var tail []byte
	for {
		b, err := l.r.ReadSlice('>')
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			return cut(err)
		}
		tail = append(tail, b[max(len(b)-3, 0):]...)
		tail = tail[max(len(tail)-3, 0):]
		if err == nil && bytes.Equal(tail, []byte("]]>")) {
			l.keep(b[:len(b)-min(3, len(b))])
			return nil
		}
		l.keep(b)
	}
}

// skipDecl skips a <!DOCTYPE …> and the like as encoding/xml does:
// quoted text aside, nested < and > pair up, and a nested <!-- … -->
// is a comment. The byte after <! belongs to the declaration whatever it
// is, as encoding/xml reads it: <!><>> is one declaration, not an empty
// one followed by a tag.
func (l *xmlLexer) skipDecl() error {
	if _, err := l.r.ReadByte(); err != nil {
		return cut(err)
	}
	depth, quote := 0, byte(0)
	for {
		c, err := l.r.ReadByte()
		if err != nil {
			return cut(err)
		}
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '>' && depth == 0:
			return nil
		case c == '>':
			depth--
		case c == '<':
			if ok, err := l.prefix("!--"); err != nil {
				return err
			} else if ok {
				if err := l.skipTo("-->"); err != nil {
					return err
				}
				continue
			}
			depth++
		}
	}
}
