"""Word documents (timeline/formats/docx.py): a screenplay, a play or a plot summary typed
in Word, read as Word lays it out and then as its content calls for."""

from __future__ import annotations

import html
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.conftest import corpus_path
from tests.pdf_producers import screenplay_docx
from timeline.errors import StoryFormatError
from timeline.formats import load_story, loads_story

FIXTURES = Path(__file__).parent / "fixtures"
CYBER_BOB = FIXTURES / "fountain" / "cyber_bob_ep00001.fountain"
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _cues(story) -> int:
    return sum(sum(sc.cues.values()) for sc in story.scenes)


def _same_as_fountain(docx: Path, fountain: Path) -> None:
    got, ref = load_story(docx, edits=False), load_story(fountain, edits=False)
    assert got.notes[0].kind == "read_as" and "screenplay typed in Word" in got.notes[0].message
    assert _cues(got) == _cues(ref)
    assert {c.name for c in got.characters} == {c.name for c in ref.characters}
    # the typed readers count a heading Fountain folds into the scene before; never fewer
    assert len(ref.scenes) <= len(got.scenes) <= len(ref.scenes) + 3


@pytest.mark.parametrize("docs", [False, True], ids=["courier-template", "word-processor-defaults"])
def test_a_screenplay_typed_in_word_reads_as_its_fountain(tmp_path, docs):
    out = screenplay_docx(CYBER_BOB.read_text(encoding="utf-8"), tmp_path / "bob.docx", docs=docs)
    _same_as_fountain(out, CYBER_BOB)


@pytest.mark.parametrize("name", ["big_fish", "charade"])
def test_feature_screenplays_typed_in_word(tmp_path, name):
    src = corpus_path("fountain", "screenplays", f"{name}.fountain")
    out = screenplay_docx(src.read_text(encoding="utf-8"), tmp_path / f"{name}.docx", docs=True)
    _same_as_fountain(out, src)


def test_a_word_document_saved_again_by_libreoffice_reads_the_same(tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (make libreoffice)")
    (tmp_path / "in").mkdir()
    src = screenplay_docx(CYBER_BOB.read_text(encoding="utf-8"), tmp_path / "in" / "bob.docx")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                    "docx:MS Word 2007 XML", "--outdir", str(tmp_path / "out"), str(src)],
                   check=True, capture_output=True, timeout=180)
    again = tmp_path / "out" / "bob.docx"
    assert zipfile.ZipFile(again).read("word/document.xml") != zipfile.ZipFile(src).read("word/document.xml")
    _same_as_fountain(again, CYBER_BOB)


def _docx(path: Path, body: str, styles: str = "", settings: str = "") -> Path:
    """A minimal Word document: ``body`` is the paragraphs' XML."""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"/>')
        z.writestr("word/document.xml", f'<?xml version="1.0"?><w:document {_W}><w:body>{body}'
                   '<w:sectPr><w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:left="2160" w:right="1440"/></w:sectPr>'
                   '</w:body></w:document>')
        if styles:
            z.writestr("word/styles.xml", f'<?xml version="1.0"?><w:styles {_W}>{styles}</w:styles>')
        if settings:
            z.writestr("word/settings.xml", f'<?xml version="1.0"?><w:settings {_W}>{settings}</w:settings>')
    return path


def _p(text: str, style: str | None = None, ppr: str = "") -> str:
    st = f'<w:pStyle w:val="{style}"/>' if style else ""
    return f'<w:p><w:pPr>{st}{ppr}</w:pPr><w:r><w:t xml:space="preserve">{html.escape(text)}</w:t></w:r></w:p>'


SCENES = [("INT. DINER - NIGHT", "Mara waits in a booth.", [("MARA", "He's late."), ("JUNO", "He's always late.")]),
          ("EXT. PARKING LOT - NIGHT", "Rain. Juno lights a cigarette.", [("JUNO", "Go home."), ("MARA", "No.")]),
          ("INT. MARA'S CAR - LATER", "Mara drives.", [("MARA", "Call him again."), ("JUNO", "Fine.")])]


def test_styles_their_parents_caps_formatting_and_word_default_spacing(tmp_path):
    """A template's styles: the cue style is based on a speech style (its indent the
    cue's own), typed in lower case with 'All caps' formatting; every paragraph has
    Word's 8 pt after it (no empty paragraphs)."""
    styles = ('<w:docDefaults><w:pPrDefault><w:pPr><w:spacing w:after="160"/></w:pPr></w:pPrDefault></w:docDefaults>'
              '<w:style w:type="paragraph" w:styleId="Speech"><w:pPr><w:ind w:left="1440" w:right="1440"/></w:pPr>'
              '</w:style>'
              '<w:style w:type="paragraph" w:styleId="Cue"><w:basedOn w:val="Speech"/><w:pPr><w:ind w:left="3168"/>'
              '</w:pPr><w:rPr><w:caps/></w:rPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="Heading"><w:rPr><w:b/><w:caps/></w:rPr></w:style>')
    body = ""
    for head, action, speeches in SCENES:
        body += _p(head.lower(), "Heading") + _p(action)
        for name, line in speeches:
            body += _p(name.lower(), "Cue") + _p(line, "Speech")
    story = load_story(_docx(tmp_path / "styled.docx", body, styles), edits=False)
    assert len(story.scenes) == 3 and _cues(story) == 6
    assert {c.name for c in story.characters} == {"Mara", "Juno"}
    assert [story.location(sc.location).name for sc in story.scenes][:2] == ["Diner", "Parking Lot"]


def test_a_screenplay_indented_with_tabs(tmp_path):
    body = ""
    for head, action, speeches in SCENES:
        body += _p(head) + _p("") + _p(action) + _p("")
        for name, line in speeches:
            body += _p(f"\t\t\t{name}") + _p(f"\t{line}") + _p("")
    raw = _docx(tmp_path / "tabs.docx", body.replace("\t", "</w:t><w:tab/><w:t>"), settings='<w:defaultTabStop '
                'w:val="720"/>')
    story = load_story(raw, edits=False)
    assert len(story.scenes) == 3 and _cues(story) == 6


def test_a_plot_summary_in_word_is_drafted_and_a_play_read_as_a_play(tmp_path):
    pytest.importorskip("timeline.draft")
    summary = (FIXTURES / "summaries" / "casablanca.txt").read_text(encoding="utf-8")
    body = "".join(_p(par) for par in summary.split("\n\n") if par.strip())
    story = load_story(_docx(tmp_path / "casablanca.docx", body), edits=False)
    assert "prose" in story.notes[0].message and story.metadata["format"] == "docx"
    assert "Rick" in " ".join(c.name for c in story.characters)
    play = (FIXTURES / "plays" / "last_train.txt").read_text(encoding="utf-8")
    story = load_story(_docx(tmp_path / "train.docx", "".join(_p(ln) for ln in play.splitlines())), edits=False)
    assert "play or transcript" in story.notes[0].message and len(story.scenes) == 2


@pytest.mark.parametrize("raw, says", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "old Word document (.doc"),
    (b"just some text, not a zip", "not a Word document"),
])
def test_what_is_not_a_docx_is_refused_with_what_to_do(raw, says):
    with pytest.raises(StoryFormatError) as e:
        loads_story(raw, "docx", path="script.docx")
    assert says in str(e.value) and "script.docx" in str(e.value)


def test_a_docx_that_unpacks_to_too_much_is_refused_before_it_is_read(tmp_path):
    from timeline.formats import docx as D

    big = tmp_path / "bomb.docx"
    with zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<" + b" " * (D.MAX_PART_BYTES + 10))
    assert big.stat().st_size < 1_000_000  # small on disk
    with pytest.raises(StoryFormatError) as e:
        load_story(big, edits=False)
    assert "unpacks to" in str(e.value) and "bomb.docx" in str(e.value)
    with zipfile.ZipFile(tmp_path / "empty.docx", "w") as z:
        z.writestr("readme.txt", "hi")
    with pytest.raises(StoryFormatError, match="no word/document.xml"):
        load_story(tmp_path / "empty.docx", edits=False)


def test_convert_writes_a_word_screenplay_as_fountain(tmp_path):
    from timeline.cli import main

    src = screenplay_docx(CYBER_BOB.read_text(encoding="utf-8"), tmp_path / "bob.docx")
    out = tmp_path / "bob.fountain"
    assert main(["convert", str(src), "-o", str(out)]) == 0
    assert _cues(load_story(out, edits=False)) == _cues(load_story(CYBER_BOB, edits=False))


def test_a_word_screenplay_uploaded_to_the_app(tmp_path):
    pytest.importorskip("dash")
    from layouts import stories
    from tests.test_app_callbacks import data_url

    raw = screenplay_docx(CYBER_BOB.read_text(encoding="utf-8"), tmp_path / "bob.docx").read_bytes()
    store, err = stories.parse_upload(data_url(raw, "application/vnd.openxmlformats-officedocument."
                                               "wordprocessingml.document"), "bob.docx")
    assert err is None and store["format"] == "docx"
    assert len(stories.uploaded_story(store["key"]).scenes) == len(load_story(CYBER_BOB, edits=False).scenes)
