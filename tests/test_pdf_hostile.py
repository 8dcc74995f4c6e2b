"""Hostile PDFs: refused or read within the limits, with one clear ``path:0:0: ...`` line.

PDFium runs in a child process (timeline/formats/pdf_extract.py) with an address-space
limit and a timeout; these files are made here, in memory or in tmp_path.
"""

from __future__ import annotations

import base64
import io
import re
import time
import zlib

import pytest

from timeline.errors import StoryFormatError
from timeline.formats import loads_story
from timeline.formats.pdf import MAX_PAGE_CHARS, MAX_PAGES, _extract

pytest.importorskip("reportlab", reason="the hostile PDFs are made with reportlab (the test extra)")


def raw_pdf(objects: list[bytes], *, xref: bool = True) -> bytes:
    """A PDF from object bodies (object 1 is the catalog), with a correct xref unless told."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    start = len(out)
    if xref:
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        for off in offsets:
            out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start)
    return bytes(out)


def one_page(content: bytes, *, filter_: bytes = b"") -> bytes:
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d %s>>\nstream\n" % (len(content), filter_) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>",
    ])


def one_line(e: StoryFormatError, path: str) -> str:
    msg = str(e)
    assert "\n" not in msg and "Traceback" not in msg
    assert msg.startswith(f"{path}:0:0: ")
    return msg


def test_ten_thousand_pages_are_refused_quickly():
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for _ in range(10_000):
        c.drawString(72, 720, "x")
        c.showPage()
    c.save()
    t0 = time.perf_counter()
    with pytest.raises(StoryFormatError) as e:
        loads_story(buf.getvalue(), "pdf", path="pages.pdf")
    assert f"has 10000 pages; the limit is {MAX_PAGES}" in one_line(e.value, "pages.pdf")
    assert time.perf_counter() - t0 < 20  # refused on the page count, before reading any


def test_a_page_of_a_million_characters_is_refused():
    line = b"(" + b"abcdefghij" * 100 + b") Tj 0 -1 Td\n"
    content = b"BT /F1 1 Tf 10 780 Td\n" + line * 1000 + b"ET"
    data = one_page(zlib.compress(content), filter_=b"/Filter /FlateDecode ")
    with pytest.raises(StoryFormatError) as e:
        loads_story(data, "pdf", path="dense.pdf")
    msg = one_line(e.value, "dense.pdf")
    assert re.search(r"page 1 has 10\d{5} characters", msg) and f"limit is {MAX_PAGE_CHARS}" in msg


def test_zip_bomb_in_a_stream_is_refused_within_the_memory_limit():
    co = zlib.compressobj(6)
    chunk = b" " * (1 << 20)
    bomb = b"".join([co.compress(chunk) for _ in range(400)] + [co.flush()])  # 400 MB inflated
    data = one_page(bomb, filter_=b"/Filter /FlateDecode ")
    assert len(data) < 1_000_000
    t0 = time.perf_counter()
    with pytest.raises(StoryFormatError) as e:
        _extract(data, "bomb.pdf", memory_mb=256)
    msg = one_line(e.value, "bomb.pdf")
    assert "memory" in msg or "no text layer" in msg or "longer than" in msg
    assert time.perf_counter() - t0 < 40


@pytest.mark.parametrize("damage", ["no-xref", "bad-offsets", "truncated", "garbage"])
def test_broken_files_give_one_line(damage):
    good = one_page(b"BT /F1 12 Tf 100 700 Td (INT. HOUSE - DAY) Tj ET")
    if damage == "no-xref":
        data = raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"], xref=False)
    elif damage == "bad-offsets":
        data = good.replace(b"00000 n", b"99999 n").replace(b"startxref\n", b"startxref\n9")
    elif damage == "truncated":
        data = good[: len(good) // 2]
    else:
        data = b"%PDF-1.4\n" + bytes(range(256)) * 40
    try:
        story = loads_story(data, "pdf", path="broken.pdf")
    except StoryFormatError as e:
        one_line(e, "broken.pdf")
    else:  # PDFium repaired it: its one heading is read
        assert damage in ("bad-offsets", "truncated") and [s.heading for s in story.scenes] == ["INT. HOUSE - DAY"]


def test_a_hung_reader_is_killed_at_the_timeout():
    data = one_page(b"BT /F1 12 Tf 100 700 Td (INT. HOUSE - DAY) Tj ET")
    t0 = time.perf_counter()
    with pytest.raises(StoryFormatError) as e:
        _extract(data, "slow.pdf", timeout=0.001)
    assert "longer than" in one_line(e.value, "slow.pdf")
    assert time.perf_counter() - t0 < 5


def test_the_app_keeps_serving_after_a_hostile_upload():
    from layouts import stories

    bomb = one_page(zlib.compress(b" " * (8 << 20)), filter_=b"/Filter /FlateDecode ")
    url = "data:application/pdf;base64," + base64.b64encode(bomb).decode()
    store, err = stories.parse_upload(url, "hostile.pdf")
    assert store is None and err.startswith("hostile.pdf:0:0: ") and "\n" not in err
    assert stories.upload_limit("x.pdf") > stories.upload_limit("x.fountain") == stories.UPLOAD_LIMIT
    big = "data:application/pdf;base64," + "A" * (8 * stories.PDF_UPLOAD_LIMIT // 6 + 100)
    store, err = stories.parse_upload(big, "huge.pdf")
    assert store is None and f"limit is {stories.PDF_UPLOAD_LIMIT // (1024 * 1024)} MB" in err
