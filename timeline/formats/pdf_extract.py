"""The positioned words of a PDF, read by PDFium in a child process.

Run as a script (``python -I pdf_extract.py MAX_MB MAX_PAGES MAX_CHARS``) with
the PDF's bytes on standard input; writes one JSON object on standard output:
``{"pages": [[width, height, [[x0, x1, bottom, top, text, emphasis], ...]], ...]}`` (emphasis:
0, 1 bold, 2 underlined) or
``{"error": "...", "page": n}``. It imports only the standard library and
``pypdfium2`` (not the ``timeline`` package), limits its own address space
before PDFium is loaded, and is killed by the parent after a timeout, so a
hostile file can neither hang nor crash the program that reads it (see
:mod:`timeline.formats.pdf`).

The page's text comes in one call; the positions in one raw ``ctypes`` call
per character (``FPDFText_GetLooseCharBox`` for the left and right edges and
the top) and ``FPDFText_GetCharOrigin`` for the baseline wherever the box's
bottom moves (the loose box has the font's ascent and descent only when the
font says them, and LibreOffice's embedded fonts do not, so a "y" there sits
lower than an "e"), and one call per word for its font (bold: 1). A word with
a thin drawn line under it is underlined (2; the page's path objects, a few
calls each). Measured here on Big Fish (122 pages, 147,000
characters): 0.12 s for the boxes, the whole child about 0.4 s. PDFium's text
rectangles with ``get_text_bounded`` take fewer calls (0.16 s with the text)
but give the wrong text wherever two lines' boxes overlap (54 of the 58 pages
of a Final Draft pilot), so they are not used. A
word ends at a space, a line break, a jump in height (another line) or a
horizontal gap. Text that is rotated (a diagonal watermark) is left out:
three or more consecutive characters step up or down the same way.
"""

from __future__ import annotations

import json
import sys


def _limit_memory(mb: int) -> None:
    limit = mb * 1024 * 1024
    try:
        import resource  # POSIX only; elsewhere the parent's timeout still bounds the child

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # pragma: no cover - platform refuses
        pass


def _rules(page_raw, pdfium_c, ctypes) -> list[tuple[float, float, float, float]]:
    """The thin horizontal lines drawn on a page (left, right, bottom, top): where text
    is underlined. None on a page of many drawings (a form, a storyboard)."""
    n = pdfium_c.FPDFPage_CountObjects(page_raw)
    if n > 20_000:
        return []
    vals = [ctypes.c_float() for _ in range(4)]
    refs = [ctypes.byref(v) for v in vals]
    out = []
    path = pdfium_c.FPDF_PAGEOBJ_PATH
    for i in range(n):
        obj = pdfium_c.FPDFPage_GetObject(page_raw, i)
        if pdfium_c.FPDFPageObj_GetType(obj) != path or not pdfium_c.FPDFPageObj_GetBounds(obj, *refs):
            continue
        left, bottom, right, top = (v.value for v in vals)
        if top - bottom <= 2.5 and right - left >= 6:
            out.append((left, right, bottom, top))
            if len(out) > 400:
                return []
    return out


def _underlined(word, rules) -> bool:
    """A rule runs under the whole word, just below its baseline."""
    x0, x1, base, top = word[0], word[1], word[2], word[3]
    h = max(top - base, 0.1)
    return any(left <= x0 + 0.3 * h and right >= x1 - 0.3 * h and base - 0.45 * h <= rtop <= base + 0.1 * h
               for left, right, _, rtop in rules)


def _words(raw, pdfium_c, ctypes, n: int, text: str, rules=()) -> list:
    box = pdfium_c.FS_RECTF()
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    get_origin = pdfium_c.FPDFText_GetCharOrigin
    ox, oy = ctypes.c_double(), ctypes.c_double()
    pox, poy = ctypes.byref(ox), ctypes.byref(oy)
    boxes = []
    last_bottom = last_base = None
    for k in range(n):
        ch = text[k]
        if ch in " \r\n\x00\uffff" or ch.isspace():
            boxes.append(None)
            continue
        get_box(raw, k, box)
        # the baseline (the glyph's origin), not the box's bottom: a font without
        # ascent and descent gives each glyph its own box ("y" lower than "e"); the
        # height: the loose box's, or its part above the baseline and a descent.
        # The origin is asked for only where the box's bottom moves (half the calls).
        if box.bottom != last_bottom:
            get_origin(raw, k, pox, poy)
            last_bottom, last_base = box.bottom, oy.value
        base = last_base
        h = max(box.top - box.bottom, 1.25 * (box.top - base))
        boxes.append((box.left, box.right, base, base + h))
    # rotated text (a diagonal watermark): a chain of three or more characters (spaces
    # between them allowed, not line breaks) each stepping up or down by more than a
    # quarter of its height, the same way each time
    rotated = [False] * n
    chain: list[int] = []
    direction = 0
    prev = None
    for k in range(n):
        b = boxes[k]
        if b is None:
            if text[k] in "\r\n":
                prev = None
            continue
        d = 0
        if prev is not None and k - prev <= 2:
            p = boxes[prev]
            h = max(p[3] - p[2], b[3] - b[2], 0.1)
            dy = b[2] - p[2]
            if 0.25 * h < abs(dy) < 3 * h and abs(b[0] - p[0]) < 3 * h:
                d = 1 if dy > 0 else -1
        if d and d == direction:
            chain.append(k)
        else:
            if len(chain) >= 3:
                for i in chain:
                    rotated[i] = True
            chain = [prev, k] if d and prev is not None else [k]
            direction = d
        prev = k
    if len(chain) >= 3:
        for i in chain:
            rotated[i] = True
    words = []
    cur = None  # [x0, x1, bottom, top, chars, first index]
    for k in range(n):
        b = boxes[k]
        if b is None or rotated[k]:
            if cur is not None:
                words.append(cur)
                cur = None
            continue
        # PDFium marks a hyphen that ends a line (hyphenation) as U+FFFE: kept as \x02
        ch = "\x02" if text[k] in "\ufffe\x02" else text[k]
        if cur is not None:
            h = cur[3] - cur[2]
            if abs(b[2] - cur[2]) > 0.3 * max(h, 0.1) or b[0] < cur[1] - 0.5 * h or b[0] > cur[1] + 0.25 * h:
                words.append(cur)
                cur = None
        if cur is None:
            cur = [b[0], b[1], b[2], b[3], [ch], k]
        else:
            cur[1] = max(cur[1], b[1])
            cur[3] = max(cur[3], b[3])
            cur[4].append(ch)
    if cur is not None:
        words.append(cur)
    # bold: the font of each word's first character (one call per word)
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    fonts: dict[bytes, int] = {}
    out = []
    for w in words:
        pdfium_c.FPDFText_GetFontInfo(raw, w[5], name, 128, flags)
        bold = fonts.get(name.value)
        if bold is None:
            low = name.value.lower()
            bold = fonts[name.value] = int(b"bold" in low or b"black" in low or b"heavy" in low)
        if not bold and rules and _underlined(w, rules):
            bold = 2  # underlined: emphasis like bold (headings set apart)
        out.append([round(w[0], 2), round(w[1], 2), round(w[2], 2), round(w[3], 2), "".join(w[4]), bold])
    return out


def extract(data: bytes, max_pages: int, max_chars: int) -> dict:
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        msg = str(e).lower()
        if "password" in msg:
            return {"error": "the PDF is encrypted with a password needed to open it (a user password); "
                             "save it without one and try again"}
        return {"error": f"not a readable PDF ({str(e).split(':')[-1].strip() or 'damaged file'})"}
    n_pages = len(doc)
    if n_pages == 0:
        return {"error": "the PDF has no pages"}
    if n_pages > max_pages:
        return {"error": f"the PDF has {n_pages} pages; the limit is {max_pages} (a feature script is about 120)"}
    pages = []
    total = 0
    for i in range(n_pages):
        page = doc[i]
        w, h = page.get_size()
        tp = page.get_textpage()
        n = tp.count_chars()
        if n > max_chars:
            return {"error": f"page {i + 1} has {n} characters; the limit is {max_chars} per page "
                             "(a screenplay page has about 3,000)", "page": i + 1}
        total += n
        if total > 40 * max_chars:
            return {"error": "the PDF has too much text for a screenplay", "page": i + 1}
        text = tp.get_text_range(0, n) if n else ""
        if len(text) != n:  # characters outside the BMP: one call each for the text
            text = "".join(chr(pdfium_c.FPDFText_GetUnicode(tp.raw, k) or 32) for k in range(n))
        rules = _rules(page.raw, pdfium_c, ctypes) if n else []
        pages.append([round(w, 2), round(h, 2), _words(tp.raw, pdfium_c, ctypes, n, text, rules)])
        tp.close()
        page.close()
    doc.close()
    return {"pages": pages}


def main(argv: list[str]) -> int:
    max_mb, max_pages, max_chars = (int(a) for a in argv[1:4])
    _limit_memory(max_mb)
    data = sys.stdin.buffer.read()
    try:
        out = extract(data, max_pages, max_chars)
    except MemoryError:
        out = {"error": f"the PDF needs more than {max_mb} MB of memory to read"}
    except Exception as e:  # noqa: BLE001  (a damaged page: one line for the user, not a traceback)
        msg = " ".join(str(e).split()) or type(e).__name__
        out = {"error": f"cannot read the PDF: {msg[:200]}"}
    sys.stdout.write(json.dumps(out, ensure_ascii=False, separators=(",", ":")))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
