#!/usr/bin/env python3
"""Make the evaluation set's DOCX documents from corpus texts.

    python3 eval/docx/make.py            # every row of eval/docx/SOURCES.tsv
    python3 eval/docx/make.py d01        # one

The corpus has no DOCX, and offices mostly send Word files, so a few corpus
texts are rebuilt as the Word files their authors would have written:

- the repository's header block (the lines above the first `---`) is
  dropped; the `#` heading becomes the document's title paragraph;
- heading markers (一、 （一） 1. （1） 第一条) are removed from the text and
  rendered by Word from numbering.xml (chineseCounting and decimal levels),
  the way a numbered heading style works; where the text's own number would
  not be the one Word counts, the marker stays as literal text;
- ranges of lines named in SOURCES.tsv become real tables: `A-B:N` reads
  the lines A..B (1-based, blank lines skipped) as cells, N to a row;
  `A-B:box` puts the lines in a one-cell bordered box (a 专栏), the way
  plans print them.

Standard library only. The output is deterministic (fixed zip dates), so
the files only change when this script or its sources do.
"""
import os
import re
import sys
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "..", "..", "shared", "corpus")

CN = "零一二三四五六七八九"


def cn_number(s):
    """Value of a Chinese numeral up to 99 (一, 十, 十二, 二十三)."""
    if s == "十":
        return 10
    if "十" in s:
        a, b = s.split("十", 1)
        return (CN.index(a) if a else 1) * 10 + (CN.index(b) if b else 0)
    return CN.index(s) if len(s) == 1 and s in CN else None


# (level-name, regex, numbering id, level, value parser)
MARKERS = [
    ("article", re.compile(r"^第([一二三四五六七八九十]{1,3})条\s*"), 2, 0, cn_number),
    ("l0", re.compile(r"^([一二三四五六七八九十]{1,3})、"), 1, 0, cn_number),
    ("l1", re.compile(r"^（([一二三四五六七八九十]{1,3})）"), 1, 1, cn_number),
    ("l2", re.compile(r"^(\d{1,2})[.．、](?!\d)"), 1, 2, int),
    ("l3", re.compile(r"^（(\d{1,2})）"), 1, 3, int),
]


def read_source(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    title = None
    body_start = 0
    if lines and lines[0].startswith("# "):
        title = lines[0][2:].strip()
        for i, ln in enumerate(lines[1:], 1):
            if ln.strip() == "---":
                body_start = i + 1
                break
    return title, lines, body_start


def plan_numbering(paras):
    """Decide, per level, whether Word restarts it after a higher level, by
    which mode reproduces more of the text's own numbers; returns the set
    of paragraph indexes whose marker Word renders."""
    def simulate(restart):
        counters = {}
        ok = set()
        for i, p in enumerate(paras):
            m = p.get("marker")
            if not m:
                continue
            num, lvl, val = m["num"], m["lvl"], m["val"]
            key = (num, lvl)
            counters[key] = counters.get(key, 0) + 1
            if val == counters[key]:
                ok.add(i)
            else:
                counters[key] = val  # Word cannot jump; the marker stays text
            for deeper in range(lvl + 1, 9):
                if restart.get((num, deeper), True):
                    counters.pop((num, deeper), None)
        return ok

    restart = {}
    for lvl in range(1, 4):
        a = simulate({**restart, (1, lvl): True})
        b = simulate({**restart, (1, lvl): False})
        restart[(1, lvl)] = len(a) >= len(b)
    return simulate(restart), restart


def run(text, bold=False):
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return '<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r>' % (rpr, escape(text))


def para(text, style=None, num=None, bold=False, center=False):
    ppr = ""
    if style:
        ppr += '<w:pStyle w:val="%s"/>' % style
    if num:
        ppr += '<w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr>' % (num[1], num[0])
    if center:
        ppr += '<w:jc w:val="center"/>'
    return "<w:p>%s%s</w:p>" % ("<w:pPr>%s</w:pPr>" % ppr if ppr else "", run(text, bold))


def table(rows, box=False):
    ncols = max(len(r) for r in rows)
    width = 9000 // ncols
    border = ''.join('<w:%s w:val="single" w:sz="4" w:space="0" w:color="000000"/>' % side
                     for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    out = ['<w:tbl><w:tblPr><w:tblW w:w="9000" w:type="dxa"/><w:tblBorders>%s</w:tblBorders></w:tblPr>' % border]
    out.append("<w:tblGrid>%s</w:tblGrid>" % ("<w:gridCol w:w=\"%d\"/>" % width) * ncols)
    for ri, r in enumerate(rows):
        out.append("<w:tr>")
        for c in range(ncols):
            cell = r[c] if c < len(r) else ""
            paras = cell if isinstance(cell, list) else [cell]
            body = "".join(para(t, bold=(ri == 0 and not box)) for t in paras) or "<w:p/>"
            out.append('<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>%s</w:tc>' % (width, body))
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def parse_tables(spec):
    tables = {}
    for part in filter(None, (spec or "").split(";")):
        rng, kind = part.split(":")
        a, b = (int(x) for x in rng.split("-"))
        tables[a] = (b, kind)
    return tables


def build(stem, source, table_spec):
    title, lines, start = read_source(os.path.join(CORPUS, source))
    tables = parse_tables(table_spec)
    items = []  # ("p", para-dict) or ("t", xml)
    i = start
    while i < len(lines):
        lineno = i + 1
        if lineno in tables:
            end, kind = tables[lineno]
            cells = [ln.strip().replace("\u3000", " ").strip() for ln in lines[i:end] if ln.strip()]
            if kind == "box":
                items.append(("t", table([[cells]], box=True)))
            else:
                n = int(kind)
                rows = [cells[k:k + n] for k in range(0, len(cells), n)]
                items.append(("t", table(rows)))
            i = end
            continue
        text = lines[i].strip().strip("\u3000").strip()
        i += 1
        if not text or text.startswith("## ") and "全文" in text:
            continue
        bold = False
        if text.startswith("**") and text.endswith("**"):
            text, bold = text[2:-2], True
        p = {"text": text, "bold": bold}
        for name, rx, num, lvl, val in MARKERS:
            m = rx.match(text)
            if m and val(m.group(1)) is not None:
                p["marker"] = {"name": name, "num": num, "lvl": lvl, "val": val(m.group(1)),
                               "len": m.end()}
                break
        items.append(("p", p))
    paras = [p for kind, p in items if kind == "p"]
    rendered, restart = plan_numbering(paras)
    body = []
    if title:
        body.append(para(title, style="Title", center=True))
    pi = 0
    for kind, x in items:
        if kind == "t":
            body.append(x)
            continue
        m = x.get("marker")
        if m and pi in rendered:
            text = x["text"][m["len"]:].lstrip()
            style = {0: "Heading1", 1: "Heading2", 2: "Heading3", 3: "Heading4"}[m["lvl"]] if m["num"] == 1 else None
            num = (m["num"], m["lvl"])
            if m["num"] == 1 and not restart.get(num, True):
                # A level numbered straight through the document is a list
                # of its own, which the headings above it do not restart.
                num = (CONTINUOUS[m["lvl"]], 0)
            body.append(para(text, style=style, num=num, bold=x["bold"]))
        else:
            body.append(para(x["text"], bold=x["bold"]))
        pi += 1
    return title, "".join(body), restart


# lvlText names a level's own counter as %N with N = ilvl + 1.
NUMBERING_LEVELS = {
    1: [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."), ("decimal", "（%4）")],
    2: [("chineseCounting", "第%1条")],
    3: [("chineseCounting", "（%1）")],
    4: [("decimal", "%1.")],
    5: [("decimal", "（%1）")],
}
CONTINUOUS = {1: 3, 2: 4, 3: 5}


def numbering_xml(_restart):
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
           '<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">']
    for num, levels in NUMBERING_LEVELS.items():
        out.append('<w:abstractNum w:abstractNumId="%d"><w:multiLevelType w:val="multilevel"/>' % num)
        for lvl, (fmt, text) in enumerate(levels):
            rs = ""
            out.append('<w:lvl w:ilvl="%d"><w:start w:val="1"/><w:numFmt w:val="%s"/>%s'
                       '<w:suff w:val="nothing"/><w:lvlText w:val="%s"/><w:lvlJc w:val="left"/>'
                       '<w:pPr><w:ind w:firstLine="640"/></w:pPr></w:lvl>' % (lvl, fmt, rs, text))
        out.append("</w:abstractNum>")
    for num in NUMBERING_LEVELS:
        out.append('<w:num w:numId="%d"><w:abstractNumId w:val="%d"/></w:num>' % (num, num))
    out.append("</w:numbering>")
    return "".join(out)


STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:pPr><w:ind w:firstLine="640"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/><w:ind w:firstLine="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:rFonts w:eastAsia="楷体_GB2312"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading4"><w:name w:val="heading 4"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="3"/></w:pPr></w:style>
</w:styles>"""

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>"""

RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>"""

DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
</Relationships>"""


def write_docx(path, title, body, restart):
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>%s'
           '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588"/></w:sectPr>'
           '</w:body></w:document>') % body
    core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>%s</dc:title></cp:coreProperties>') % escape(title or "")
    parts = [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS), ("word/document.xml", doc),
             ("word/_rels/document.xml.rels", DOC_RELS), ("word/styles.xml", STYLES),
             ("word/numbering.xml", numbering_xml(restart)), ("docProps/core.xml", core)]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(2026, 12, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8"))


def main(argv):
    rows = []
    for ln in open(os.path.join(HERE, "SOURCES.tsv"), encoding="utf-8"):
        if ln.startswith("#") or not ln.strip():
            continue
        cols = ln.rstrip("\n").split("\t")
        rows.append((cols[0], cols[1], cols[2] if len(cols) > 2 else ""))
    for stem, source, spec in rows:
        if argv and not any(stem.startswith(a) for a in argv):
            continue
        title, body, restart = build(stem, source, spec)
        out = os.path.join(HERE, stem + ".docx")
        write_docx(out, title, body, restart)
        print("%s <- %s (%d bytes)" % (out, source, os.path.getsize(out)))


if __name__ == "__main__":
    main(sys.argv[1:])
