"""The cast and places of real screenplays, read like a script reader.

The spec-level readers stay exact (``test_fountain_corpus``); these tests pin
what the story builder makes of them: cleaned casts, merges with their script
lines, nested places, normalised times of day, and no camera direction, shot
or time phrase left as a character or place name in any script of the corpus
(checked with a word list of this file's own, not the reader's).
"""

from __future__ import annotations

import re

import pytest
import yaml

from timeline.formats import load_story
from timeline.formats.fountain import read_fountain
from timeline.model import Story

SCRIPTS = [
    "fountain/screenplays/big_fish.fountain",
    "fountain/screenplays/charade.fountain",
    "fountain/screenplays/the_last_birthday_card.fountain",
    "fountain/screenplays/brick_and_steel.fountain",
    "fountain/screenplays/cyber_bob_ep00001.fountain",
    "fountain/variants/big_fish__beat.fountain",
    "fountain/variants/big_fish_crlf__betterfountain.fountain",
    "fountain/variants/brick_and_steel__fountain-js.fountain",
    "fdx/screenplain_Big-Fish.fdx",
    "fdx/screenplain_Brick-and-Steel.fdx",
    "fdx/screenplain_The-Last-Birthday-Card.fdx",
    *[f"fdx/rsdoiel_sample-0{i}.{ext}" for i in range(1, 7) for ext in ("fdx", "fountain")],
]

BIG_FISH_CAST = {
    "a_deep_voice", "a_girls_voice", "a_mans_voice", "a_voice", "adult_edward", "amos", "beamen", "cashier",
    "don_price", "dr_bennett", "edward", "girl", "hot_blooded_shotgun_toter", "jenny", "jing", "josephine",
    "jump_leader", "karl", "kid", "little_brave", "little_girl", "mans_voice", "mayor", "mildred",
    "norther_winslow", "nurse", "ping", "ruthie", "sandra", "sharecropper", "shephard", "some_farmer", "son",
    "student", "teller_woman", "the_crowd", "the_man", "various_townfolk", "voice", "wilbur_freely", "will",
    "wills_date", "womans_voice", "young_dr_bennett", "young_edward", "young_will", "zacky",
}  # 48 speakers, but "EDWARD AND WILL" is Edward and Will

CHARADE_CAST = {
    "1st_diplomatic_type", "2nd_diplomatic_type", "adam", "attendant", "bartholomew", "british_delegate",
    "carson", "clerk", "cruikshank", "driver", "dyle", "emcee", "felix", "french_delegate", "gendarme",
    "gideon", "grandpierre", "guard", "italian_delegate", "jean_louis", "man", "manager", "mans_voice",
    "marine", "night_clerk", "operator", "peter", "real_bartholomew", "reggie", "scobie", "secretary",
    "sylvie", "tex", "theophile", "tourist", "train_guard", "voice", "waiter", "womans_voice",
}  # 53 speakers: nine "X'S VOICE" are X, '"BARTHOLOMEW"' is BARTHOLOMEW, three joint cues split

# --- an independent word list: what no character or place may be called ---
_SHOT_FIRST = {"INSERT", "CLOSEUP", "CLOSE", "ANGLE", "POV", "BACK", "WIDE", "TIGHT", "LONG", "MEDIUM", "MED",
               "MONTAGE", "SERIES", "INTERCUT", "SUPER", "TITLE", "TITLES", "FLASHBACK", "END", "CONTINUOUS",
               "LATER", "MOMENTS", "ESTABLISHING", "CUT", "FADE", "DISSOLVE", "PAN", "ZOOM", "TRACKING",
               "AERIAL", "REVERSE", "OVER", "ON", "OPENING"}
_SHOT_ANY = {"POV", "SHOT", "SHOTS", "ANGLE", "CLOSEUP", "INSERT", "MONTAGE", "INTERCUT", "FLASHBACK",
             "FLASHFORWARD", "ESTABLISHING", "CONTINUOUS", "LATER", "TITLES"}
_TIME = {"DAY", "NIGHT", "MORNING", "EVENING", "AFTERNOON", "DUSK", "DAWN", "SUNSET", "SUNRISE", "LATER",
         "CONTINUOUS", "CONTINUED", "SAME", "MOMENTS", "MOMENT", "PRESENT", "NOON", "MIDNIGHT", "MAGIC",
         "PREDAWN", "PRE", "TWILIGHT"}
_PLACE_NOT = _SHOT_ANY | _TIME | {"MOVING", "DRIVING", "TRAVELING", "PROCESS", "KEYHOLE", "SHOULDER",
                                  "VARIOUS", "STORY", "REALITY", "VERSION", "SUMMER", "FLYING", "1973", "70S"}


def _words(name: str) -> list[str]:
    return re.sub(r"[^\w]+", " ", name.replace("'", "").upper()).split()


def _load(corpus, name, **kw):
    return load_story(corpus / name, **kw)


@pytest.mark.parametrize("name", SCRIPTS)
def test_no_direction_or_time_as_a_name(corpus, name):
    story = _load(corpus, name)
    for c in story.characters:
        w = _words(c.name)
        assert w and w[0] not in _SHOT_FIRST and not (set(w) & _SHOT_ANY), c.name
        assert not set(w) <= _TIME | {"A", "THE", "BIT", "NEXT", "TWO"}, c.name
    for loc in story.locations:
        assert not set(_words(loc.name)) & _PLACE_NOT, (loc.id, loc.name)
    for s in story.scenes:
        assert s.time_of_day in (None, "dawn", "morning", "day", "afternoon", "evening", "dusk", "night"), s.heading


def test_big_fish_cast(corpus):
    story = _load(corpus, "fountain/screenplays/big_fish.fountain")
    assert {c.id for c in story.characters} == BIG_FISH_CAST
    assert len(story.scenes) == 190
    split = [n for n in story.notes if n.kind == "split"]
    assert [(n.text, n.line, n.targets) for n in split] == [("EDWARD AND WILL", 115, ("edward", "will"))]
    scene = next(s for s in story.scenes if s.cues.get("edward") and "will" in s.cues and s.heading.startswith("INT.  TINY"))
    assert scene.cues["will"] >= 1
    # age variants are other characters
    assert {"young_edward", "adult_edward", "edward", "young_dr_bennett", "dr_bennett"} <= {c.id for c in story.characters}


def test_big_fish_fdx_twin_has_the_same_cleaned_story(corpus):
    a = _load(corpus, "fdx/screenplain_Big-Fish.fdx")
    b = _load(corpus, "fountain/screenplays/big_fish.fountain")
    assert {c.id for c in a.characters} == BIG_FISH_CAST
    assert [(s.location, s.time_of_day, s.characters, s.cues) for s in a.scenes] == \
        [(s.location, s.time_of_day, s.characters, s.cues) for s in b.scenes]
    # the same notes, at the lines of each file
    assert [(n.kind, n.text, n.targets) for n in a.notes] == [(n.kind, n.text, n.targets) for n in b.notes]


def test_charade_cast_and_merges(corpus):
    story = _load(corpus, "fountain/screenplays/charade.fountain")
    assert {c.id for c in story.characters} == CHARADE_CAST
    assert len(story.scenes) == 209
    notes = {n.text: n for n in story.notes if n.subject == "character"}
    pinned = {
        "REGGIE'S VOICE": ("merged", 469, 17, ("reggie",)),
        '"BARTHOLOMEW"': ("merged", 7734, 7, ("bartholomew",)),
        "CARSON'S VOICE": ("merged", 7850, 5, ("carson",)),
        "TEX & GIDEON": ("split", 4827, 1, ("tex", "gideon")),
        "GIDEON, TEX & SCOBIE": ("split", 4598, 1, ("gideon", "tex", "scobie")),
        "ADAM AND REGGIE": ("split", 5767, 1, ("adam", "reggie")),
    }
    for text, want in pinned.items():
        n = notes[text]
        assert (n.kind, n.line, n.count, n.targets) == want, text
    # the original spellings survive as aliases
    reggie = story.character("reggie")
    assert "Reggie's Voice" in reggie.aliases and reggie.matches("REGGIE'S VOICE")
    assert '"Bartholomew"' in story.character("bartholomew").aliases
    # generic voices stay walk-ons of their own: MAN'S VOICE is not MAN
    assert "mans_voice" in {c.id for c in story.characters} and "Man's Voice" not in story.character("man").aliases
    # a split cue counts for each speaker in its scene
    line = 4827
    scene = [s for s in story.scenes if s.heading and _scene_line(corpus, s) <= line][-1]
    assert scene.cues["tex"] >= 1 and scene.cues["gideon"] >= 1


def _scene_line(corpus, scene) -> int:
    text = (corpus / "fountain/screenplays/charade.fountain").read_text(encoding="utf-8").split("\n")
    cache = _scene_line.__dict__.setdefault("lines", {})
    if not cache:
        from timeline.formats.fountain import parse_fountain

        els = parse_fountain("\n".join(text))
        heads = [e for e in els if e.kind == "heading"]
        story = load_story(corpus / "fountain/screenplays/charade.fountain")
        cache.update({s.id: e.line for s, e in zip(story.scenes, heads)})
    return cache[scene.id]


def test_charade_time_of_day_and_places(corpus):
    story = _load(corpus, "fountain/screenplays/charade.fountain")
    tod = {}
    for s in story.scenes:
        tod[s.time_of_day] = tod.get(s.time_of_day, 0) + 1
    assert tod == {"dusk": 4, "day": 31, "night": 141, None: 4, "afternoon": 29}
    emb = [s for s in story.scenes if s.heading == "EXT. THE AMERICAN EMBASSY -- ESTABLISHING -- DAY"][0]
    assert emb.location == "american_embassy" and story.location("american_embassy").name == "American Embassy"
    assert story.location("nightclub.lounge").parent == "nightclub"


def test_big_fish_places(corpus):
    story = _load(corpus, "fountain/screenplays/big_fish.fountain")
    locs = {loc.id: loc for loc in story.locations}
    kids = {lid for lid, loc in locs.items() if loc.parent == "bloom_house"}
    assert kids == {"bloom_house.kitchen", "bloom_house.master_bedroom", "bloom_house.bathroom",
                    "bloom_house.stairs", "bloom_house.foyer", "bloom_house.backyard"}
    assert locs["bloom_house.kitchen"].name == "Kitchen"
    assert {lid for lid, loc in locs.items() if loc.parent == "hospital"} == {
        "hospital.room", "hospital.hallway", "hospital.entrance", "hospital.reception"}
    # "MAIN STREET OF ASHTON" is not "Of Ashton" in Main Street
    assert "main_street_of_ashton" in locs
    note = next(n for n in story.notes if n.text == "BLOOM HOUSE KITCHEN")
    assert (note.kind, note.line, note.targets) == ("nested", 204, ("bloom_house.kitchen",))
    flashback = next(s for s in story.scenes if s.heading == "INT.  WILL'S BEDROOM - DAY  [FLASHBACK]")
    assert (flashback.location, flashback.time_of_day) == ("wills_bedroom", "day")
    # relative times carry the time of the scene before
    later = next(s for s in story.scenes if s.heading == "INT.  BIG-TOP - NIGHT / LATER")
    assert (later.location, later.time_of_day) == ("big_top", "night")
    assert len(story.locations) < len(load_story(corpus / "fountain/screenplays/big_fish.fountain", clean=False).locations)


def test_last_birthday_card_secondary_headings(corpus):
    story = _load(corpus, "fountain/screenplays/the_last_birthday_card.fountain")
    by_heading = {}
    for i, s in enumerate(story.scenes):
        by_heading.setdefault(s.heading, []).append(i)
    i = by_heading["THE FINGER"][0]
    assert story.scenes[i].location == story.scenes[i - 1].location == "bosss_office"
    first = story.scenes[0]
    assert (first.location, first.time_of_day) == ("san_francisco_apartment", "day")
    hallway = story.scenes[1]  # INT. HALLWAY, SCOTT'S APARTMENT BUILDING, A MOMENT LATER
    assert (hallway.location, hallway.time_of_day) == ("hallway_scotts_apartment_building", "day")
    assert not any(loc.id in ("scott", "nak", "the_finger") for loc in story.locations)


# --- the rules on a script of our own ------------------------------------

SCRIPT = """Title: Rules

INT. DR. SMITH'S OFFICE - NIGHT

DR. SMITH
Sit down.

DR SMITH (CONT'D)
Please.

MARY'S POV
The doctor, blurred.

INSERT - THE LETTER
It reads: GO HOME.

BACK TO SCENE
Mary reads.

MARY
No.

MARY'S VOICE
(echoing)
No, no.

INT. DR. SMITH'S OFFICE - LATER

MARY/DR. SMITH
Goodbye!

SALT AND PEPPER
We only ever speak together.

CLOSE ON
Mary's hand.

MOMENTS LATER
Nothing.

YOUNG MARY
I am someone else.

EXT. HOSPITAL - CLOSEUP - MARY
Mary walks out.

INT. HOSPITAL LOBBY - CONTINUOUS

MARY
Hello.
"""


def _rules(**kw):
    return read_fountain(SCRIPT.encode(), "rules.fountain", **kw)


def test_rules_cast():
    story = _rules()
    assert [c.name for c in story.characters] == ["Dr. Smith", "Mary", "Salt and Pepper", "Young Mary"]
    s1, s2, s3, s4 = story.scenes
    assert s1.cues == {"dr_smith": 2, "mary": 2}
    assert s2.cues == {"mary": 1, "dr_smith": 1, "salt_and_pepper": 1, "young_mary": 1}
    notes = {n.text: (n.kind, n.line, n.targets) for n in story.notes if n.subject == "character"}
    assert notes == {
        "DR SMITH": ("merged", 8, ("dr_smith",)),
        "MARY'S POV": ("dropped", 11, ()),
        "INSERT - THE LETTER": ("dropped", 14, ()),
        "BACK TO SCENE": ("dropped", 17, ()),
        "MARY'S VOICE": ("merged", 23, ("mary",)),
        "MARY/DR. SMITH": ("split", 29, ("mary", "dr_smith")),
        "CLOSE ON": ("dropped", 35, ()),
        "MOMENTS LATER": ("dropped", 38, ()),
    }
    assert all(n.message for n in story.notes)
    assert set(story.character("dr_smith").aliases) == {"Dr Smith"}


def test_rules_headings():
    story = _rules()
    s1, s2, s3, s4 = story.scenes
    assert (s1.location, s1.time_of_day) == ("dr_smiths_office", "night")
    assert (s2.location, s2.time_of_day) == ("dr_smiths_office", "night")  # LATER: the same night
    assert (s3.location, s3.time_of_day) == ("hospital", None)  # the CLOSEUP - MARY is a shot
    assert (s4.location, s4.time_of_day) == ("hospital.lobby", None)
    assert story.location("hospital.lobby").parent == "hospital"
    dropped = [n for n in story.notes if n.subject == "location" and n.kind == "dropped"]
    assert [(n.text, n.line) for n in dropped] == [("CLOSEUP - MARY", 44)]


def test_literal_reading_keeps_every_name():
    story = _rules(clean=False)
    assert story.notes == ()
    names = {c.name for c in story.characters}
    assert {"Mary's Pov", "Insert - the Letter", "Dr Smith", "Mary/Dr. Smith", "Moments Later"} <= names
    assert story.scenes[2].location == "hospital.closeup.mary"


def test_corrections_are_edits_not_reader_options():
    # the readers' old aliases= is the edits file's characters.merge (one mechanism)
    from timeline.formats import loads_story

    story = loads_story(SCRIPT.encode(), "fountain", "rules.fountain", edits={"characters": {"merge": {"Young Mary": "MARY"}}})
    assert "Young Mary" not in {c.name for c in story.characters}
    assert "Young Mary" in story.character("mary").aliases
    assert story.scenes[1].cues == {"mary": 2, "dr_smith": 1, "salt_and_pepper": 1}
    assert [n.edit for n in story.notes if n.kind == "edited"] == ["characters.merge"]
    with pytest.raises(TypeError):
        _rules(aliases={"MARY'S VOICE": "MARY'S VOICE"})


def test_notes_survive_the_story_file(tmp_path):
    story = _rules()
    data = story.to_data()
    assert len(data["notes"]) == len(story.notes)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    again = Story.model_validate(yaml.safe_load(text))
    assert again.notes == story.notes and again.characters == story.characters
    p = tmp_path / "rules.yaml"
    p.write_text(text, encoding="utf-8")
    assert load_story(p).notes == story.notes
