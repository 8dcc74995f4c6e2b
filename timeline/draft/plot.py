"""The plot and the rest of the page.

A pasted page often holds more than the plot: an introduction ("X is a 1995 film
directed by …"), production notes, a cast list, trivia. The drafter reads the
plot only and leaves an import note for each part it left out, saying why.
A name that occurs only in the left-out parts (a director, an actor) is never a
character."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .sentences import split_sentences

__all__ = ["Paragraph", "paragraphs", "split_plot"]

# words of writing *about* a film rather than telling its story
_META = re.compile(
    r"\b(?:film|films|movie|movies|directed|director|directors|starring|stars|starred|co-stars?|"
    r"cast|casting|cameo|sequel|prequel|remake|trilogy|franchise|festival|released|release|"
    r"box[- ]office|grossed|production|produced|producer|screenplay|screenwriter|written by|"
    r"critics|critical|reviews?|audiences?|premiered?|premiere|nominated|nominations?|awards?|"
    r"oscars?|academy award|soundtrack|filmed|filming|shot on location|studio|distributed|"
    r"adaptation|adapted|novel by|based on|portrayed|plays? the role|played|title role|"
    r"the role of|box office|budget|theatrical|cinematography|DVD|Blu-ray)\b", re.I)
_YEAR = re.compile(r"\b(?:1[89]\d\d|20\d\d)\b")
_PLOT_HEADINGS = re.compile(r"^(?:plot|plot summary|synopsis|summary|story|storyline|the story|premise)$", re.I)
_OTHER_HEADINGS = re.compile(
    r"^(?:cast|cast and characters|characters|production|development|filming|release|reception|"
    r"critical reception|box office|accolades|awards|soundtrack|music|legacy|sequel|sequels|"
    r"trivia|notes|references|external links|see also|home media|themes|background|"
    r"controversy|further reading|bibliography|crew|credits)$", re.I)


@dataclass
class Paragraph:
    start: int
    end: int
    sentences: list[tuple[int, int]]
    plot: bool = True
    why: str = ""


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of paragraphs: runs of lines separated by blank lines (trimmed)."""
    out = []
    for m in re.finditer(r"(?:[^\n]|\n(?![ \t\r]*\n))+", text):
        a, b = m.start(), m.end()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def _heading(text: str, a: int, b: int) -> str | None:
    """The paragraph's text if it is a section heading ("Plot", "== Cast =="), else None."""
    s = text[a:b].strip().strip("=#*").strip().rstrip(":").strip()
    if "\n" in s or len(s) > 40 or s.endswith((".", "!", "?")):
        return None
    return s


_STRONG = re.compile(
    r"\b(?:directed|director|starring|stars|co-stars?|cast|cameo|sequel|prequel|remake|trilogy|festival|"
    r"box[- ]office|grossed|premiered|nominated|screenplay|screenwriter|written by|title role|"
    r"played|portrayed|the role of|produced by|adapted from)\b", re.I)


def _meta_share(text: str, sentences) -> float:
    """The share of sentences that talk about the film rather than tell the story.

    A sentence with a strong word (directed, cast, cameo, sequel …), or a meta word and a
    year, counts whole; one with only weak words (film, audience …) counts half."""
    if not sentences:
        return 1.0
    meta = 0.0
    for a, b in sentences:
        s = text[a:b]
        if _GENRE_INTRO.match(s):
            meta += 1  # "The Ninth Floor is a 2019 psychological thriller.": a sentence about the work
            continue
        hits = len(_META.findall(s))
        if not hits:
            continue
        if _STRONG.search(s) or _YEAR.search(s) or re.search(r"\bis an?\b[^.]{0,60}\b(?:film|movie)\b", s):
            meta += 1
        else:
            meta += 0.5
    return meta / len(sentences)


#: "X is a 2019 psychological thriller", "The Linden Years is a family saga that follows …"
_GENRE_INTRO = re.compile(r"\s*(?:[A-Z0-9][\w'’:,.-]*\s+){1,7}(?:is|was)\s+an?\s+(?:\d{4}\s+)?(?:[\w-]+\s+){0,4}?"
                          r"(?:film|movie|thriller|drama|comedy|saga|musical|documentary|western|horror film|"
                          r"fantasy|romance|romantic comedy|animated|animation|series|miniseries|novel|play|opera|"
                          r"tragedy|satire|biopic|epic|adventure|mystery|noir|melodrama|war film|short)\b")


def _title_block(text: str, a: int, b: int) -> bool:
    """Two or three short lines with no sentence in them (or one with a year and a dash): a page's title block."""
    lines = [ln.strip() for ln in text[a:b].split("\n") if ln.strip()]
    if len(lines) == 1:
        # "The Lion King (animated, 1994) - synopsis in bullet points"
        return len(lines[0]) <= 80 and not lines[0].endswith((".", "!", "?", ",", ";")) \
            and re.search(r"\([^)]*\b(?:1[89]\d\d|20\d\d)\)\s*[-–—:]\s", lines[0]) is not None
    return 2 <= len(lines) <= 3 and all(len(ln) <= 60 and not ln.endswith((".", "!", "?", ",", ";")) for ln in lines) \
        and re.search(r"[A-Z]", lines[0]) is not None and (lines[0].upper() == lines[0] or _YEAR.search(text[a:b]) is not None
                                                           or re.search(r"\s[-–—:]\s", text[a:b]) is not None)


_CAST_LINE = re.compile(r"[*\-•–]?\s*[A-ZÀ-Þ][\w.'’\-]*(?:,?\s+[A-ZÀ-Þ][\w.'’\-]*){0,4}\s+(?:as|[–—:-])\s+\S")


def _cast_list(text: str, a: int, b: int) -> bool:
    """A list of lines "Actor as Role" / "Role – Actor" with no sentences."""
    lines = [ln.strip() for ln in text[a:b].splitlines() if ln.strip()]
    if len(lines) < 2:
        return False
    listy = sum(1 for ln in lines if len(ln) < 90 and _CAST_LINE.match(ln) and not ln.endswith("."))
    return listy >= 0.6 * len(lines)


def _split_headings(text: str, spans):
    """A heading on the first line of a paragraph ("== Plot ==" then the text) is a paragraph of its own."""
    for a, b in spans:
        nl = text.find("\n", a, b)
        if nl > 0:
            head = _heading(text, a, nl)
            if head is not None and (_PLOT_HEADINGS.match(head) or _OTHER_HEADINGS.match(head)):
                yield a, nl
                c = nl
                while c < b and text[c].isspace():
                    c += 1
                if c < b:
                    yield c, b
                continue
        yield a, b


def split_plot(text: str) -> list[Paragraph]:
    """Every paragraph, marked ``plot`` or not (with ``why``)."""
    paras = []
    section = None  # None: no headings seen; "plot" / "other": inside such a section
    for a, b in _split_headings(text, paragraphs(text)):
        head = _heading(text, a, b)
        if head is None and not paras and _title_block(text, a, b):
            # "OCEAN'S ELEVEN" over "Production notes - Synopsis": a title of two or three lines
            paras.append(Paragraph(a, b, [], False, f"a title (“{' / '.join(text[a:b].split(chr(10)))}”)"))
            continue
        if head is not None and not paras and len(head) <= 60 and re.search(r"[A-Z]", head) \
                and re.search(r"\([^)]*\d{4}\)|\s[-–—:]\s|^[^a-z]+$", head):
            # the page's title line: "JAWS (1975) - beat sheet", "Back to the Future - outline"
            paras.append(Paragraph(a, b, [], False, f"a title (“{head}”)"))
            continue
        if head is not None and (_PLOT_HEADINGS.match(head) or _OTHER_HEADINGS.match(head)):
            section = "plot" if _PLOT_HEADINGS.match(head) else "other"
            paras.append(Paragraph(a, b, [], False, f"the heading “{head}”"))
            continue
        if head is not None and len(head.split()) <= 5 and not re.match(r"(?i)(?:act|part|chapter|book)\b", head) \
                and all(w[:1].isupper() or w.lower() in ("of", "the", "and", "a", "in", "to") or re.fullmatch(r"\(?\d{4}\)?", w)
                        for w in head.split()):
            paras.append(Paragraph(a, b, [], False, f"a heading (“{head}”)"))
            continue
        sents = split_sentences(text, a, b)
        p = Paragraph(a, b, sents)
        if section == "other":
            p.plot, p.why = False, "a section that is not the plot"
        elif _cast_list(text, a, b):
            p.plot, p.why = False, "a cast list"
        elif section != "plot" and _meta_share(text, sents) > 0.5:
            p.plot, p.why = False, "it is about the film (its makers, cast or release), not its story"
        paras.append(p)
    heads = [i for i, p in enumerate(paras) if p.why.startswith("the heading") and _PLOT_HEADINGS.match(_heading(text, p.start, p.end) or "")]
    for p in paras[:heads[0]] if heads else ():
        # a page with a "Plot" heading: what comes before it is an introduction
        if p.plot:
            p.plot, p.why = False, "an introduction before the plot heading"
    if not any(p.plot for p in paras):
        # nothing looked like a plot: read every paragraph rather than nothing
        for p in paras:
            if p.sentences:
                p.plot, p.why = True, ""
    return paras
