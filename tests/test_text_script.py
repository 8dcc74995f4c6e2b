"""Plain-text and IMSDb-style HTML screenplays, and the one decision of what a .txt is."""

from __future__ import annotations

import html
import importlib.util
import random
from collections import Counter

import pytest

from timeline.errors import StoryFormatError
from timeline.formats import load_story, loads_story
from timeline.formats.fountain import parse_fountain
from timeline.formats.screenplay import script_counts
from timeline.formats.text import detect_text_format, parse_text_script

from .conftest import corpus_path
from .pdf_maker import assert_round_trip, render_text, round_trip


def _speakers(els, n):
    c = Counter(e.name for e in els if e.kind == "character")
    return [name for name, _ in c.most_common(n)]


# Checked by eye: every INT./EXT. line is a scene (grep agrees), and Willow's one typo
# "ENT CASTLE HALLWAY - DAY" (a place and a time of day), every capital line at the cue
# column over dialogue a cue (the joint cues ROOL/TEEMO included).
TEXT_SCRIPTS = {
    "xmen.txt": ("X-Men", 215, 493, ["MAGNETO", "LOGAN", "XAVIER", "JEAN", "CYCLOPS", "KELLY"]),
    "willow.txt": ("WILLOW", 140, 765, ["WILLOW", "MADMARTIGAN", "RAZIEL", "SORSHA", "BAVMORDA"]),
}


@pytest.mark.parametrize("name", sorted(TEXT_SCRIPTS))
def test_corpus_text_scripts(name):
    title, scenes, cues, main = TEXT_SCRIPTS[name]
    p = corpus_path("text", name)
    els, got_title, _ = parse_text_script(p.read_bytes(), str(p))
    h, c, _ = script_counts(els)
    assert (h, c) == (scenes, cues)
    assert got_title == title
    assert _speakers(els, len(main)) == main
    story = load_story(p)  # .txt: decided on the content
    assert len(story.scenes) == scenes and story.title == title
    note = story.notes[0]
    assert note.kind == "read_as" and note.subject == "story"
    assert note.message.startswith("read as a screenplay typed as plain text: ")
    assert f"{scenes} scene headings" in note.message and note.message.endswith("use format= to read it otherwise")


@pytest.mark.parametrize("name,opts", [
    ("big_fish", {}),
    ("charade", {"tabs": True}),
    ("charade", {"centred_cues": True, "scene_numbers": False}),
    ("the_last_birthday_card", {"cue_col": 37, "dialogue_col": 25, "paren_col": 31, "action_col": 15}),
])
def test_typed_script_round_trip(name, opts):
    text = corpus_path("fountain", "screenplays", f"{name}.fountain").read_text(encoding="utf-8-sig")
    typed = render_text(text, **opts)
    assert detect_text_format(typed.encode(), "x.txt")[0] == "text-script"
    els, _, _ = parse_text_script(typed.encode(), "x.txt")
    # typed with scene numbers at both ends, a heading without INT./EXT. is one too
    r = round_trip(parse_fountain(text), els, forced_headings=opts.get("scene_numbers", True))
    assert_round_trip(r)


def test_imsdb_html_page():
    """The script in <pre>, cues and scene headings in <b> (as IMSDb marks them), entities,
    a page around it."""
    text = corpus_path("fountain", "screenplays", "brick_and_steel.fountain").read_text(encoding="utf-8-sig")
    typed = render_text(text)
    out = []
    for ln in typed.split("\n"):
        s = ln.strip()
        esc = html.escape(ln, quote=False)
        lead = len(ln) - len(ln.lstrip())
        if s and s.upper() == s and any(c.isalpha() for c in s) and (lead >= 30 or "INT." in s or "EXT." in s):
            lead = len(ln) - len(ln.lstrip())
            esc = " " * lead + "<b>" + html.escape(s, quote=False) + "</b>"
        out.append(esc)
    page = ("<html><head><title>Brick &amp; Steel Script at IMSDb.</title><script>var x = '<pre>';</script></head>"
            "<body><table><tr><td>Menu<br>Home</td></tr></table><pre>\n" + "\n".join(out) +
            "</pre><p>Back to IMSDb</p></body></html>")
    data = page.encode("utf-8")
    els, _, _ = parse_text_script(data, "brick.html")
    plain, _, _ = parse_text_script(typed.encode(), "brick.txt")
    assert script_counts(els) == script_counts(plain)
    assert any("&" in e.text for e in els if e.kind == "action")  # entities decoded
    assert_round_trip(round_trip(parse_fountain(text), els, forced_headings=True))  # numbered headings
    story = loads_story(data, None, path="brick.html")
    assert story.metadata["format"] == "text-script" and len(story.scenes) == script_counts(plain)[0]


def _paged(typed: str, *, form_feeds: bool, lines_per_page: int = 54) -> tuple[str, int]:
    """The typed script cut into pages between paragraphs, each page under a running
    header with a draft date and its number (as a text copy of a PDF has them)."""
    rows = typed.split("\n")
    out: list[str] = []
    page, k = 1, 0
    while k < len(rows):
        end = min(len(rows), k + lines_per_page)
        while end < len(rows) and end > k + 30 and rows[end].strip():
            end -= 1
        head = f"     THE SCRIPT - Rev. 3/{page % 28 + 1}/97" + " " * 30 + f"{page}."
        out += [("\f" if form_feeds and page > 1 else "") + head, ""] + rows[k:end]
        page, k = page + 1, end
    return "\n".join(out), page - 1


@pytest.mark.parametrize("form_feeds", [False, True])
def test_typed_running_headers_are_furniture(form_feeds):
    text = corpus_path("fountain", "screenplays", "big_fish.fountain").read_text(encoding="utf-8-sig")
    typed, pages = _paged(render_text(text), form_feeds=form_feeds)
    els, _, fur = parse_text_script(typed.encode(), "x.txt")
    assert fur.counts["running header or footer"] == pages
    assert "Rev." not in " ".join(e.text for e in els)
    assert_round_trip(round_trip(parse_fountain(text), els, forced_headings=True))


def _regrid(page: str, k: int) -> str:
    """A page as ``pdftotext -layout`` may grid it: every third page moved left
    until its first column is 0, every fifth spread a third wider."""
    rows = page.split("\n")
    lead = [len(r) - len(r.lstrip(" ")) for r in rows if r.strip() and not r.startswith("\f")]
    if k % 3 == 1 and lead:
        cut = min(lead)
        return "\n".join(r[cut:] if r[:cut].strip() == "" else r for r in rows)
    if k % 5 == 2:
        return "\n".join(" " * round(1.33 * (len(r) - len(r.lstrip(" ")))) + r.lstrip(" ") for r in rows)
    return page


def test_pages_of_a_text_copy_on_their_own_grids():
    """A text copy of a PDF cut by form feeds, each page laid out on its own grid:
    the pages are put back on the document's columns."""
    text = corpus_path("fountain", "screenplays", "charade.fountain").read_text(encoding="utf-8-sig")
    typed, _ = _paged(render_text(text, scene_numbers=False), form_feeds=True)
    pages = typed.split("\f")
    moved = "\f".join(_regrid(p, k) for k, p in enumerate(pages))
    assert moved != typed
    els, _, _ = parse_text_script(moved.encode(), "x.txt")
    assert_round_trip(round_trip(parse_fountain(text), els))
    # and a diagonal watermark's letters, a line or two each on every page
    rng = random.Random(4)
    marked = []
    for p in moved.split("\f"):
        rows = p.split("\n")
        for frag in ("BA", "FT", "A"):
            k = rng.randrange(3, max(4, len(rows) - 3))
            rows.insert(k, " " * rng.randrange(12, 40) + frag)
        marked.append("\n".join(rows))
    els, _, fur = parse_text_script("\f".join(marked).encode(), "x.txt")
    assert_round_trip(round_trip(parse_fountain(text), els))
    assert fur.counts["watermark"] >= 3 * len(pages)


def test_typed_text_without_headers_loses_nothing():
    """A line said again and again (a parenthetical, a cue) is not a running header."""
    text = corpus_path("fountain", "screenplays", "big_fish.fountain").read_text(encoding="utf-8-sig")
    _, _, fur = parse_text_script(render_text(text).encode(), "x.txt")
    assert fur.counts["running header or footer"] == 0


def test_heading_without_int_ext_in_typed_text():
    """A place and a time of day standing alone at the action margin is a heading; a
    shot with a time of day, or capitals without one, is action."""
    typed = "\n".join([
        "     INT. HOUSE - DAY", "", "     Bob sits.", "",
        "     KITCHEN - CONTINUOUS", "", "     Ann cooks.", "",
        "     CLOSE ON THE POT - NIGHT", "", "     It boils.", "",
        "     THE POT", "", "     boils over.", "",
        "                              ANN", "               Done.", ""])
    els, _, _ = parse_text_script(typed.encode(), "x.txt")
    assert [e.text for e in els if e.kind == "heading"] == ["INT. HOUSE - DAY", "KITCHEN - CONTINUOUS"]


# ---- what a .txt is ---------------------------------------------------------------------------


def test_fountain_saved_as_txt(tmp_path):
    src = corpus_path("fountain", "screenplays", "brick_and_steel.fountain")
    p = tmp_path / "brick.txt"
    p.write_bytes(src.read_bytes())
    fmt, reason = detect_text_format(p.read_bytes(), str(p))
    assert fmt == "fountain" and "title page" in reason
    story = load_story(p)
    direct = load_story(src)
    assert len(story.scenes) == len(direct.scenes) and story.notes[0].kind == "read_as"
    assert story.notes[0].message.startswith("read as Fountain: ")
    assert story.notes[1:] == direct.notes


def test_benchmark_list_by_content(tmp_path):
    src = corpus_path("storyline", "tanahashi", "StarWars_list.txt")
    p = tmp_path / "starwars.txt"  # not *_list.txt: the content says so
    p.write_bytes(src.read_bytes())
    assert detect_text_format(p.read_bytes(), str(p))[0] == "tanahashi"
    assert detect_text_format(b"", "x_list.txt")[0] == "tanahashi"
    story = load_story(p)
    assert len(story.scenes) == len(load_story(src).scenes)
    assert "storyline benchmark list" in story.notes[0].message


def test_prose_is_for_the_drafter():
    prose = corpus_path("synopsis", "heat.txt").read_bytes()
    fmt, reason = detect_text_format(prose, "heat.txt")
    assert fmt == "draft" and reason.startswith("prose")
    # one heading in a novel's prose is still prose; a Fountain title page is not
    assert detect_text_format(b"It was late.\n\nINT. is short for interior, she said.\n", "n.txt")[0] == "draft"
    assert detect_text_format(b"Title: X\n\nINT. HOUSE - DAY\n\nIt rains.\n", "t.txt")[0] == "fountain"
    assert detect_text_format(b"INT. HOUSE - DAY\n", "t.txt")[0] == "fountain"  # a fragment of a script


def test_prose_txt_is_drafted_with_a_note(tmp_path):
    p = tmp_path / "heat.txt"
    p.write_bytes(corpus_path("synopsis", "heat.txt").read_bytes())
    if importlib.util.find_spec("timeline.draft") is None:
        with pytest.raises(StoryFormatError, match="reads as prose.*drafter .* not installed"):
            load_story(p)
        pytest.skip("timeline.draft (the drafter, issue 15) is not on this branch yet")
    story = load_story(p)
    assert story.notes[0].kind == "read_as" and story.notes[0].message.startswith("read as prose")


def test_format_overrides_the_decision(tmp_path):
    typed = render_text("INT. HOUSE - DAY\n\nBOB\nHi.\n\nEXT. YARD - NIGHT\n\nANN\nHo.\n\nBOB\nSo.\n")
    p = tmp_path / "s.txt"
    p.write_text(typed)
    assert load_story(p).metadata["format"] == "text-script"
    forced = load_story(p, format="fountain")  # Fountain ignores indentation: the same script
    assert forced.metadata["format"] == "fountain" and not any(n.kind == "read_as" for n in forced.notes)


def test_not_a_screenplay_text_script():
    with pytest.raises(StoryFormatError, match="screenplay's layout"):
        parse_text_script(b"Just some words.\nAnd more words here.\n", "x.txt")
    with pytest.raises(StoryFormatError, match="binary"):
        loads_story(b"\x00\x01", "text-script", path="x.txt")


def test_furniture_words_inside_a_speech_stay():
    """``More.`` said by a character is dialogue; ``(MORE)``, ``(more)`` and a lone page number are not."""
    typed = "\n".join([
        "INT. ROOM - DAY", "",
        "Bob waits.", "",
        " " * 30 + "BOB",
        " " * 15 + "More.",
        " " * 30 + "(more)", "",
        " " * 60 + "12.", "",
        " " * 30 + "ANN",
        " " * 15 + "Continued, then.", "",
        " " * 30 + "BOB",
        " " * 15 + "Yes.   Three spaces do not end a speech.", "",
    ])
    els, _, fur = parse_text_script(typed.encode(), "x.txt")
    assert [(e.kind, e.text) for e in els if e.kind in ("character", "dialogue")] == [
        ("character", "BOB"), ("dialogue", "More."), ("character", "ANN"), ("dialogue", "Continued, then."),
        ("character", "BOB"), ("dialogue", "Yes. Three spaces do not end a speech.")]
    assert fur.counts["(MORE) and (CONTINUED)"] == 1 and fur.counts["page number"] == 1


def test_a_typed_page_break_inside_a_speech():
    """(MORE), a page number, then NAME (CONT'D): one speech, as on paper."""
    typed = "\n".join([
        "INT. ROOM - DAY", "",
        " " * 30 + "BOB",
        " " * 15 + "I was saying that",
        " " * 30 + "(MORE)", "",
        " " * 60 + "2.", "",
        " " * 30 + "BOB (CONT'D)",
        " " * 15 + "it goes on.", "",
        "Ann nods.", "",
        " " * 30 + "BOB (CONT'D)",
        " " * 15 + "And on.", "",
    ])
    els, _, _ = parse_text_script(typed.encode(), "x.txt")
    assert [(e.kind, e.text) for e in els if e.kind in ("character", "dialogue")] == [
        ("character", "BOB"), ("dialogue", "I was saying that it goes on."),
        ("character", "BOB (CONT'D)"), ("dialogue", "And on.")]


def test_double_spaced_dialogue_of_a_multi_camera_script():
    typed = "\n".join([
        "INT. DINER - DAY", "",
        "SAM WIPES THE COUNTER.", "",
        " " * 30 + "SAM",
        " " * 15 + "You again.", "",
        " " * 15 + "Same as always?", "",
        " " * 30 + "DIANE",
        " " * 15 + "Same as always.", "",
        "SHE SITS.", "",
    ])
    els, _, _ = parse_text_script(typed.encode(), "x.txt")
    assert [(e.kind, e.text) for e in els][2:] == [
        ("character", "SAM"), ("dialogue", "You again. Same as always?"),
        ("character", "DIANE"), ("dialogue", "Same as always."), ("action", "SHE SITS.")]
