#!/usr/bin/env python3
"""Print the visible text of an HTML page, one block per line.

For annotators: scripts, styles and comments are dropped, tags become line
breaks, entities are decoded, runs of blank lines are folded. The charset is
taken from the page's meta tag, else UTF-8.
"""
import html
import re
import sys


def main(path):
    raw = open(path, "rb").read()
    m = re.search(rb'charset=["\']?([A-Za-z0-9_-]+)', raw[:4096])
    enc = m.group(1).decode() if m else "utf-8"
    if enc.lower() in ("gb2312", "gbk"):
        enc = "gb18030"
    s = raw.decode(enc, errors="replace")
    s = re.sub(r"(?is)<(script|style|noscript)\b.*?</\1>", "", s)
    s = re.sub(r"(?s)<!--.*?-->", "", s)
    s = re.sub(r"<[^>]+>", "\n", s)
    s = html.unescape(s)
    lines = [ln.rstrip() for ln in s.splitlines()]
    out, blank = [], False
    for ln in lines:
        if ln.strip():
            out.append(ln)
            blank = False
        elif not blank:
            out.append("")
            blank = True
    sys.stdout.write("\n".join(out).strip() + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
