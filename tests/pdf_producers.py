"""Screenplay PDFs from real programs other than ReportLab, made at test time.

The PDF reader was written against ReportLab renderings (``tests/pdf_maker.py``)
and the corpus PDFs; held-out PDFs come from other programs, whose text layers
differ (glyph positions, word spacing, fonts, page furniture). Each producer
here renders a Fountain text with a program found on the machine:

* ``chromium-courier``: Chromium prints an HTML rendering of the screenplay
  with screenplay CSS (Courier 12 pt, Letter, cue at 3.7 in, dialogue at
  2.5 in, scene numbers in both margins, bold-free), the way web-based editors
  and "print to PDF" from a browser make PDFs; Skia writes the text layer.
* ``chromium-proportional``: the same HTML with a proportional font, A4,
  1 inch margins, 1.15 line spacing, centred cues, bold underlined headings,
  speeches allowed to break across pages (no ``(MORE)``), and Chromium's own
  running header and footer (date, title, file URL, page "n/N").
* ``chromium-pre``: a script archive's web page (the typed script in a
  ``<pre>``, under a heading) printed by Chromium with its header and footer.
* ``libreoffice-text``: the script typed as plain text in spaces
  (:func:`tests.pdf_maker.render_text`), converted by LibreOffice Writer.
* ``libreoffice-docx``: a Word document as Word users type a script
  (paragraph indents, Courier New, bold headings, a running header with a
  draft date and the page number, speeches breaking across pages),
  converted by LibreOffice Writer. The ``.docx`` is written here with the
  standard library (no python-docx).
* ``libreoffice-docx-arial``: the same typed with a word processor's defaults
  (Arial 11 pt, 1.15 line spacing, half a line between paragraphs instead of
  a blank line, headings not bold).
* ``libreoffice-docx-hyphenated``: the Word document with automatic
  hyphenation on (words broken at line ends, "hun-" "dred"); needs a
  hyphenation dictionary (Debian's ``hyphen-en-us``).
* ``afterwriting``: the ``afterwriting`` command (npm) renders the Fountain
  with PDFKit (found as ``$AFTERWRITING`` or on ``PATH``).

:func:`missing` names what is not installed (a test skips with that reason);
:func:`make_pdf` writes the PDF. Renderings of copyrighted corpus scripts are
only ever written to a temporary folder.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from timeline.formats.fountain import parse_fountain

__all__ = ["PRODUCERS", "SHOWN_HEADINGS", "missing", "make_pdf", "screenplay_html", "screenplay_docx"]

PRODUCERS = ("chromium-courier", "chromium-proportional", "chromium-pre", "libreoffice-text", "libreoffice-docx",
             "libreoffice-docx-arial", "libreoffice-docx-hyphenated", "afterwriting")

#: The producers that print a heading without INT./EXT. so that it shows: bold (the
#: proportional HTML and the Word document print every heading bold) or with its
#: number at both ends (the typed texts) or in the right margin (Chromium's Courier page).
SHOWN_HEADINGS = frozenset({"chromium-courier", "chromium-proportional", "chromium-pre", "libreoffice-text",
                            "libreoffice-docx", "libreoffice-docx-hyphenated"})

_CHROMIUM = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
_SOFFICE = ("soffice", "libreoffice")


def _which(names) -> str | None:
    for n in names:
        p = shutil.which(n) if not os.path.isabs(n) else (n if os.access(n, os.X_OK) else None)
        if p:
            return p
    return None


def _afterwriting() -> str | None:
    env = os.environ.get("AFTERWRITING")
    if env and os.access(env, os.X_OK):
        return env
    return shutil.which("afterwriting")


def missing(producer: str) -> str | None:
    """Why ``producer`` cannot run here (None: it can)."""
    if producer.startswith("chromium"):
        return None if _which(_CHROMIUM) else "Chromium is not installed (make test installs Debian's chromium)"
    if producer.startswith("libreoffice"):
        if not _which(_SOFFICE):
            return "LibreOffice is not installed (apt-get install libreoffice-writer-nogui)"
        if producer.endswith("hyphenated") and not _hyphenation_dictionary():
            return "LibreOffice has no English hyphenation dictionary (apt-get install hyphen-en-us)"
        return None
    if producer == "afterwriting":
        return None if _afterwriting() else ("afterwriting is not installed (npm install afterwriting; "
                                             "put its bin on PATH or set AFTERWRITING)")
    raise ValueError(producer)


def _hyphenation_dictionary() -> bool:
    """An English hyphenation dictionary LibreOffice finds (the system's, or one it bundles)."""
    places = [Path("/usr/share/hyphen")]
    soffice = _which(_SOFFICE)
    if soffice:
        places.append(Path(os.path.realpath(soffice)).parent.parent / "share" / "extensions")
    return any(any(p.rglob("hyph_en*.dic")) for p in places if p.is_dir())


def make_pdf(producer: str, fountain_text: str, out: Path) -> Path:
    """Render ``fountain_text`` to the PDF ``out`` with ``producer`` (see :data:`PRODUCERS`)."""
    out = Path(out)
    work = Path(tempfile.mkdtemp(prefix="producer-", dir=out.parent))
    try:
        if producer == "chromium-pre":
            from .pdf_maker import render_text

            src = work / "script.html"
            src.write_text("<!doctype html><html><head><meta charset='utf-8'><title>Script</title></head><body>"
                           f"<h1>Script</h1><pre>{html.escape(render_text(fountain_text))}</pre></body></html>",
                           encoding="utf-8")
            _chromium(src, out, header_footer=True)
        elif producer.startswith("chromium"):
            src = work / "script.html"
            src.write_text(screenplay_html(fountain_text, proportional=producer.endswith("proportional")),
                           encoding="utf-8")
            _chromium(src, out, header_footer=producer.endswith("proportional"))
        elif producer == "libreoffice-text":
            from .pdf_maker import render_text

            src = work / "script.txt"
            src.write_text(render_text(fountain_text), encoding="utf-8")
            _soffice(src, out, work)
        elif producer.startswith("libreoffice-docx"):
            src = work / "script.docx"
            screenplay_docx(fountain_text, src, docs=producer.endswith("arial"),
                            hyphenate=producer.endswith("hyphenated"))
            _soffice(src, out, work)
        elif producer == "afterwriting":
            src = work / "script.fountain"
            src.write_text(fountain_text, encoding="utf-8")
            _run([_afterwriting(), "--source", str(src), "--pdf", str(out), "--overwrite"], work)
        else:
            raise ValueError(producer)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if not out.exists() or out.stat().st_size == 0:
        raise RuntimeError(f"{producer} wrote no PDF")
    return out


def _run(cmd: list[str], cwd: Path, timeout: float = 180) -> None:
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    if proc.returncode:
        raise RuntimeError(f"{cmd[0]} failed ({proc.returncode}): {proc.stderr.decode('utf-8', 'replace')[-500:]}")


def _chromium(src: Path, out: Path, *, header_footer: bool) -> None:
    cmd = [_which(_CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
           f"--user-data-dir={src.parent / 'profile'}", f"--print-to-pdf={out}"]
    if not header_footer:
        cmd.append("--no-pdf-header-footer")
    _run(cmd + [src.as_uri()], src.parent)


def _soffice(src: Path, out: Path, work: Path) -> None:
    profile = (work / "lo-profile").as_uri()
    _run([_which(_SOFFICE), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
          "--outdir", str(work), str(src)], work)
    shutil.move(str(work / (src.stem + ".pdf")), out)


# ---- the screenplay as HTML -----------------------------------------------------------------

_EMPH = [(re.compile(r"\*\*\*(.+?)\*\*\*", re.S), r"<b><i>\1</i></b>"), (re.compile(r"\*\*(.+?)\*\*", re.S), r"<b>\1</b>"),
         (re.compile(r"\*(.+?)\*", re.S), r"<i>\1</i>"), (re.compile(r"(?<!\w)_(.+?)_(?!\w)", re.S), r"<u>\1</u>")]


def _inline(text: str) -> str:
    """Fountain emphasis as HTML; line breaks kept."""
    out = html.escape(text.replace("\\*", "*"))
    for rx, rep in _EMPH:
        out = rx.sub(rep, out)
    return out.replace("*", "").replace("\n", "<br>")


_CSS_COURIER = """
@page { size: 8.5in 11in; margin: 1in 1in 0.75in 1.5in; }
body { font-family: "Courier Prime", "Courier New", Courier, monospace; font-size: 12pt; line-height: 12pt;
       margin: 0; width: 6in; }
p { margin: 0; }
.scene, .action, .transition, .centered, .speech { margin-top: 12pt; }
.scene { position: relative; text-transform: uppercase; break-after: avoid; }
.num { position: absolute; top: 0; }
.num.l { left: -0.75in; } .num.r { left: 6.4in; }
.cue { margin-left: 2.2in; }
.paren { margin-left: 1.6in; width: 2in; }
.dlg { margin-left: 1in; width: 3.5in; }
.speech { break-inside: avoid; }
.transition { text-align: right; }
.centered { text-align: center; }
.dual { display: flex; margin-top: 12pt; break-inside: avoid; }
.dual .speech { width: 3in; margin-top: 0; }
.dual .cue { margin-left: 1in; } .dual .dlg { margin-left: 0; width: 2.8in; } .dual .paren { margin-left: 0.5in; }
.title { break-after: page; text-align: center; padding-top: 3in; }
.title p { margin-top: 12pt; }
"""

_CSS_PROPORTIONAL = """
@page { size: A4; margin: 1in; }
body { font-family: "Liberation Serif", "Times New Roman", Times, serif; font-size: 12pt; line-height: 1.15;
       margin: 0; }
p { margin: 0; }
.scene, .action, .transition, .centered, .speech { margin-top: 1em; }
.scene { font-weight: bold; text-decoration: underline; text-transform: uppercase; break-after: avoid; }
.num { display: none; }
.speech { margin-left: 1.5in; margin-right: 1.5in; }
.cue { text-align: center; break-after: avoid; }
.paren { margin-left: 0.6in; }
.transition { text-align: right; }
.centered { text-align: center; }
.dual { display: flex; margin-top: 1em; }
.dual .speech { margin: 0 0.2in; width: 45%; }
.title { break-after: page; text-align: center; padding-top: 2.5in; }
.title p { margin-top: 1em; }
"""


def screenplay_html(fountain_text: str, *, proportional: bool = False, plain_underline: bool = False) -> str:
    """The screenplay as an HTML page with screenplay CSS (see the module docstring);
    ``plain_underline``: the proportional layout's headings underlined, not bold."""
    els = parse_fountain(fountain_text)
    title = next((e.text for e in els if e.kind == "title" and (e.key or "").lower() == "title"), None)
    author = next((e.text for e in els if e.kind == "title" and (e.key or "").lower() in ("author", "authors")), "")
    body: list[str] = []
    if title:
        body.append('<div class="title">' + "".join(f"<p>{_inline(t.strip())}</p>" for t in title.split("\n")
                                                    if t.strip())
                    + (f"<p>written by</p><p>{_inline(author)}</p>" if author else "") + "</div>")
    els = [e for e in els if e.kind not in ("title", "note", "section", "synopsis")]
    n_scene = 0
    i = 0
    while i < len(els):
        e = els[i]
        if e.kind == "heading":
            n_scene += 1
            num = html.escape(e.number or str(n_scene))
            body.append(f'<p class="scene"><span class="num l">{num}</span>{_inline(e.text)}'
                        f'<span class="num r">{num}</span></p>')
        elif e.kind == "character":
            speech, i = _speech_html(els, i)
            if i < len(els) and els[i].kind == "character" and els[i].dual:
                second, i = _speech_html(els, i)
                body.append(f'<div class="dual">{speech}{second}</div>')
            else:
                body.append(speech)
            continue
        elif e.kind == "transition":
            body.append(f'<p class="transition">{_inline(e.text)}</p>')
        elif e.kind == "centered":
            body.append(f'<p class="centered">{_inline(e.text)}</p>')
        elif e.kind == "page_break":
            body.append('<div style="break-after: page"></div>')
        elif e.text.strip():
            body.append(f'<p class="action">{_inline(e.text.strip())}</p>')
        i += 1
    css = _CSS_PROPORTIONAL if proportional else _CSS_COURIER
    if plain_underline:
        css = css.replace("font-weight: bold; text-decoration: underline", "text-decoration: underline")
    name = html.escape((title or "Screenplay").split("\n")[0])
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{name}</title><style>{css}</style></head>"
            f"<body>{''.join(body)}</body></html>")


def _speech_html(els, i: int) -> tuple[str, int]:
    cue = els[i].text.strip().rstrip("^").strip()
    parts = [f'<p class="cue">{html.escape(cue)}</p>']
    i += 1
    while i < len(els) and els[i].kind in ("dialogue", "parenthetical", "lyrics"):
        e = els[i]
        cls = "paren" if e.kind == "parenthetical" else "dlg"
        parts.append(f'<p class="{cls}">{_inline(e.text.strip())}</p>')
        i += 1
    return f'<div class="speech">{"".join(parts)}</div>', i


# ---- the screenplay as a Word document ---------------------------------------------------------

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' \
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_TWIP = 1440  # per inch


def _para(text: str, *, left: float = 0, right: float = 0, before: int = 12, bold: bool = False,
          jc: str | None = None, keep_next: bool = False, page_before: bool = False, docs: bool = False) -> str:
    ppr = []
    if keep_next:
        ppr.append("<w:keepNext/>")
    if page_before:
        ppr.append("<w:pageBreakBefore/>")
    if docs:  # 1.15 lines, half a line between paragraphs (a word processor's defaults)
        ppr.append(f'<w:spacing w:before="{before * 10}" w:after="0" w:line="276" w:lineRule="auto"/>')
    else:
        ppr.append(f'<w:spacing w:before="{before * 20}" w:after="0" w:line="240" w:lineRule="exact"/>')
    ppr.append(f'<w:ind w:left="{int(left * _TWIP)}" w:right="{int(right * _TWIP)}"/>')
    if jc:
        ppr.append(f'<w:jc w:val="{jc}"/>')
    rpr = '<w:rPr>' + ('<w:b/>' if bold else '') + '</w:rPr>'
    runs = []
    for k, line in enumerate(text.replace("*", "").replace("_", "").split("\n")):
        if k:
            runs.append(f"<w:r>{rpr}<w:br/></w:r>")
        runs.append(f'<w:r>{rpr}<w:t xml:space="preserve">{html.escape(line, quote=False)}</w:t></w:r>')
    return f"<w:p><w:pPr>{''.join(ppr)}</w:pPr>{''.join(runs)}</w:p>"


def screenplay_docx(fountain_text: str, path: Path, *, draft: str = "Revised draft 03/14/2025",
                    docs: bool = False, hyphenate: bool = False) -> Path:
    """The screenplay as a ``.docx`` typed in Word: paragraph indents from a
    1.5 inch left margin, Courier New 12 pt single-spaced, bold headings, a
    running header (the title, the draft and the page number). ``docs``: as typed
    with a word processor's defaults instead (Arial 11 pt, 1.15 lines, half a line
    between paragraphs, headings not bold). ``hyphenate``: automatic hyphenation on
    (LibreOffice needs a hyphenation dictionary: Debian's ``hyphen-en-us``)."""
    els = parse_fountain(fountain_text)

    def para(*a, **kw):  # the style of every paragraph of this document
        if docs:
            kw["docs"] = True
            kw["bold"] = False
        return _para(*a, **kw)

    title = next((e.text for e in els if e.kind == "title" and (e.key or "").lower() == "title"), None)
    paras: list[str] = []
    if title:
        first = True
        for t in title.split("\n"):
            if t.strip():
                paras.append(para(t.strip(), before=240 if first else 0, jc="center"))
                first = False
        paras.append(para("by", jc="center", before=24))
    first_body = True
    prev = None
    for e in els:
        k = e.kind
        if k in ("title", "note", "section", "synopsis"):
            continue
        pb = first_body and title is not None
        if k == "heading":
            paras.append(para(e.text.upper(), bold=True, keep_next=True, page_before=pb))
        elif k == "character":
            paras.append(para(e.text.strip().rstrip("^").strip(), left=2.2, keep_next=True, page_before=pb))
        elif k == "parenthetical":
            paras.append(para(e.text.strip(), left=1.6, right=1.9, before=0 if prev else 12, keep_next=True))
        elif k in ("dialogue", "lyrics"):
            paras.append(para(e.text.strip(), left=1.0, right=1.5, before=0 if prev else 12))
        elif k == "transition":
            paras.append(para(e.text.strip(), jc="right", page_before=pb))
        elif k == "centered":
            paras.append(para(e.text.strip(), jc="center", page_before=pb))
        elif k == "page_break":
            continue
        elif e.text.strip():
            paras.append(para(e.text.strip(), page_before=pb))
        else:
            continue
        first_body = False
        prev = k if k in ("character", "parenthetical", "dialogue", "lyrics") else None
    sect = ('<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/>'
            '<w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1080" '
            'w:left="2160" w:header="720" w:footer="720" w:gutter="0"/><w:titlePg/></w:sectPr>')
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_W}><w:body>'
                f'{"".join(paras)}{sect}</w:body></w:document>')
    head_text = html.escape(f"{(title or 'Untitled').split(chr(10))[0]} - {draft}", quote=False)
    header = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr {_W}><w:p><w:pPr>'
              f'<w:tabs><w:tab w:val="right" w:pos="8640"/></w:tabs></w:pPr>'
              f'<w:r><w:t xml:space="preserve">{head_text}</w:t></w:r><w:r><w:tab/></w:r>'
              f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE '
              f'</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
              f'<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>.</w:t></w:r></w:p></w:hdr>')
    font = "Arial" if docs else "Courier New"
    styles = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {_W}><w:docDefaults>'
              f'<w:rPrDefault><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}"/>'
              f'<w:sz w:val="{22 if docs else 24}"/><w:lang w:val="en-US"/></w:rPr></w:rPrDefault></w:docDefaults>'
              '</w:styles>')
    settings = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings {_W}>'
                f'{"<w:autoHyphenation/>" if hyphenate else ""}</w:settings>')
    types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
             'wordprocessingml.document.main+xml"/>'
             '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
             'wordprocessingml.styles+xml"/>'
             '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
             'wordprocessingml.header+xml"/>'
             '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
             'wordprocessingml.settings+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/></Relationships>')
    doc_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                'relationships/header" Target="header1.xml"/>'
                '<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                'relationships/styles" Target="styles.xml"/>'
                '<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                'relationships/settings" Target="settings.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", document)
        z.writestr("word/_rels/document.xml.rels", doc_rels)
        z.writestr("word/header1.xml", header)
        z.writestr("word/styles.xml", styles)
        z.writestr("word/settings.xml", settings)
    return path
