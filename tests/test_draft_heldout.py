"""The drafter on plot summaries it was not built on (issue 20: "build for summaries in general").

``tests/fixtures/summaries`` holds twenty-five summaries written for this project in the
shapes people paste (a Wikipedia-like plot, a one-paragraph synopsis, numbered and
bulleted outlines, a page with a cast list and production notes, nonlinear films, an
ensemble, groups that act, French, Korean and Japanese names; a war film with ranks and
units, a heist press kit with actors after every name, a romance of many places, a family
saga of married names and nicknames, animals in present-tense bullets, a thriller told in
flashbacks), each with a small gold file. What the drafter gets exactly right on them is pinned here; what it still gets
wrong is listed by name below, so that a regression fails and a fix shows."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import yaml

from timeline.draft import draft_story
from timeline.formats import load_story
from timeline.formats.text import detect_text_format

FOLDER = Path(__file__).resolve().parent / "fixtures" / "summaries"
NAMES = sorted(p.stem for p in FOLDER.glob("*.txt"))

#: Deaths the text tells that the drafter still misses (each a known weakness).
DEATHS_MISSED = {
    "jaws": {"Chrissie Watkins"},            # "is pulled under by something", "her remains"
    "pulp_fiction": {"Marvin"},               # "shoots Marvin in the face": no word of death
    "the_godfather": {"Emilio Barzini"},      # "is shot on the steps"
    "the_wizard_of_oz": {"Wicked Witch of the West"},  # "who melts away"
    "the_lion_king": {"Scar"},                # "the hyenas, who have turned on their old master, … kill him"
}
#: Names the gold files say are no characters that the drafter still drafts as characters.
NOT_CHARACTERS_DRAFTED = {
    "amelie": {"Renoir"},   # "copies Renoir's Luncheon of the Boating Party"
}
#: Named people the drafter still drafts as two characters.
SPLIT = {"spirited_away": {"Chihiro Ogino", "Akio Ogino"}, "the_silence_of_the_lambs": {"Jame Gumb"},
         "saving_private_ryan": {"Steamboat Willie"},   # "the prisoner" afterwards is its own role
         "the_lion_king": {"Simba"}}                    # "his son" of Mufasa's spirit read as Rafiki's
#: Gold presence checks the drafter still gets wrong: (what, who, at).
PRESENCE_WRONG = {
    "roman_holiday": {("there", "Princess Ann", "At the office of the news service")},  # "… an interview with her"
    "the_lion_king": {("missing", "Nala", "In the graveyard three hyenas")},            # "corner the cubs"
}

_TITLE = re.compile(r"^(?:(?:mr|mrs|ms|miss|dr|doctor|captain|major|lord|lady|sir|senator|sergeant|officer|chief|"
                    r"police chief|mayor|professor|don|signor|monsieur|aunt|uncle|king|queen)\.?\s+)+", re.I)


def _norm(name: str) -> str:
    s = name.replace('"', "").replace("“", "").replace("”", "").casefold().strip()
    s = re.sub(r"^(?:the|a|an|his|her|their)\s+", "", s)
    return " ".join(_TITLE.sub("", s).split())


def _names(names) -> set[str]:
    out = {_norm(n) for n in names} - {""}
    return out | {n.split("'s ", 1)[1] for n in out if "'s " in n}


def _gold_names(g: dict) -> set[str]:
    return _names([g["name"], *g.get("aliases", ())])


def _drafted(c) -> set[str]:
    return _names([c.name, *c.aliases])


@pytest.fixture(scope="module")
def drafts():
    out = {}
    for name in NAMES:
        text = (FOLDER / f"{name}.txt").read_text(encoding="utf-8")
        gold = yaml.safe_load((FOLDER / f"{name}.yaml").read_text(encoding="utf-8"))
        t0 = time.perf_counter()
        story = draft_story(text, f"{name}.txt")
        out[name] = (text, gold, story, time.perf_counter() - t0)
    return out


def test_the_held_out_set_is_varied_and_complete():
    assert len(NAMES) >= 12
    for name in NAMES:
        gold = yaml.safe_load((FOLDER / f"{name}.yaml").read_text(encoding="utf-8"))
        assert gold["characters"] and gold["places"] and "deaths" in gold and gold["style"], name
    words = {n: len((FOLDER / f"{n}.txt").read_text(encoding="utf-8").split()) for n in NAMES}
    assert max(words.values()) >= 600 and min(words.values()) <= 350


@pytest.mark.parametrize("name", NAMES)
def test_every_named_character_is_found(drafts, name):
    _, gold, story, _ = drafts[name]
    drafted = [_drafted(c) for c in story.characters]
    missing = [g["name"] for g in gold["characters"] if not any(d & _gold_names(g) for d in drafted)]
    assert not missing, missing


@pytest.mark.parametrize("name", NAMES)
def test_no_place_title_or_actor_is_a_character(drafts, name):
    _, gold, story, _ = drafts[name]
    gold_people = [_gold_names(g) for g in gold["characters"] + gold.get("unnamed", [])]
    wrong = {c.name for c in story.characters
             if _drafted(c) & {_norm(x) for x in gold.get("not_characters", ())}
             and not any(_drafted(c) & g for g in gold_people)}
    assert wrong == NOT_CHARACTERS_DRAFTED.get(name, set())


@pytest.mark.parametrize("name", NAMES)
def test_no_two_named_people_are_merged_and_splits_are_the_known_ones(drafts, name):
    _, gold, story, _ = drafts[name]
    for c in story.characters:
        hits = [g["name"] for g in gold["characters"] if _drafted(c) & _gold_names(g)]
        assert len(hits) <= 1, (c.name, hits)
    split = {g["name"] for g in gold["characters"]
             if sum(1 for c in story.characters if _drafted(c) & _gold_names(g)) > 1}
    assert split == SPLIT.get(name, set())


@pytest.mark.parametrize("name", NAMES)
def test_the_deaths_are_found(drafts, name):
    _, gold, story, _ = drafts[name]
    everyone = gold["characters"] + gold.get("unnamed", [])
    found = set()
    for death in gold["deaths"]:
        g = next(x for x in everyone if x["name"] == death)
        if any(c.fate and _drafted(c) & _gold_names(g) for c in story.characters):
            found.add(death)
    assert set(gold["deaths"]) - found == DEATHS_MISSED.get(name, set())


@pytest.mark.parametrize("name", NAMES)
def test_scenes_quote_the_summary_and_drafting_is_quick(drafts, name):
    text, _, story, secs = drafts[name]
    assert len(story.scenes) >= 5
    assert all(q in text for sc in story.scenes for q in sc.sources)
    assert secs < 2


def _character(story, name):
    return next(c for c in story.characters if name in (c.name, *c.aliases))


def test_hedges_and_intentions_are_no_deaths(drafts):
    fellowship = drafts["the_fellowship_of_the_ring"][2]
    assert _character(fellowship, "Samwise Gamgee").fate is None        # "nearly drowns"
    assert "Sam" in _character(fellowship, "Samwise Gamgee").aliases     # a short form of one first name
    casablanca = drafts["casablanca"][2]
    assert _character(casablanca, "Ilsa Lund").fate is None              # "had believed him killed"
    godfather = drafts["the_godfather"][2]
    assert _character(godfather, "Salvatore Tessio").fate is None        # "taken away to be killed"
    assert _character(godfather, "Apollonia").fate.by is None            # "killed by a car bomb meant for Michael"


def test_relations_name_the_relative(drafts):
    gladiator = drafts["gladiator"][2]
    kills = {(i.source, i.target) for i in gladiator.interactions if i.type == "kills"}
    assert ("commodus", "marcus_aurelius") in kills                      # "he murders his father"
    godfather = drafts["the_godfather"][2]
    visit = next(s for s in godfather.scenes if "Visiting his father" in s.sources[0])
    vito = _character(godfather, "Vito").id
    assert vito in visit.characters + visit.mentioned                     # "Visiting his father …, Michael"
    assert not any("father" in c.name for c in godfather.characters)
    amelie = drafts["amelie"][2]
    assert _character(amelie, "Amandine Fouet").fate is not None          # "her mother is killed"
    assert not any(c.name.endswith("mother") for c in amelie.characters)


def test_a_title_with_a_surname_is_the_relative_of_that_name():
    story = draft_story("Norman Bates runs a motel with his mother. Marion Crane stops there. Norman hears "
                        "his mother shouting. Later, Mrs. Bates stabs Marion in the shower, and Marion dies. "
                        "Lila finds that Norman Bates's mother has been dead for years.")
    mothers = [c for c in story.characters if "mother" in c.name.lower() or c.name == "Mrs. Bates"
               or any("mother" in a for a in c.aliases)]
    assert len(mothers) == 1
    norman = next(c for c in story.characters if c.name == "Norman Bates")
    assert not any("Bates" in a for a in norman.aliases)                  # "Mrs. Bates" is not Norman


def test_a_titled_surname_is_not_the_lead_who_shares_it(drafts):
    gump = drafts["forrest_gump"][2]
    forrest = _character(gump, "Forrest Gump")
    assert not any("Gump" in a for a in forrest.aliases)                  # "his mother, Mrs. Gump"
    assert _character(gump, "Mrs. Gump").fate is not None                  # "where she died of cancer"
    assert "Bubba" in _character(gump, "Bubba").aliases + (_character(gump, "Bubba").name,)
    pan = drafts["pans_labyrinth"][2]
    assert "Princess Moanna" in _character(pan, "Ofelia").aliases          # "she is Princess Moanna"
    assert not any(c.name == "The doctor" for c in pan.characters)         # Dr. Ferreiro


def test_groups_that_act_peoples_and_families(drafts):
    godfather = drafts["the_godfather"][2]
    tattaglia = _character(godfather, "The Tattaglia family")
    assert tattaglia.kind == "group" and "Tattaglias" in tattaglia.aliases
    casablanca = drafts["casablanca"][2]
    assert {"The Nazis", "The Germans"} <= {c.name for c in casablanca.characters if c.kind == "group"}
    gladiator = drafts["gladiator"][2]
    assert any(c.kind == "group" and "traders" in c.name for c in gladiator.characters)  # "Slave traders find him"
    guard = _character(gladiator, "Praetorian Guard")
    assert guard.kind == "group" and "Praetorians" in guard.aliases       # "the Praetorians arrest Gracchus"
    assert not any(c.name in ("The Roman", "The German", "Carthage") for c in gladiator.characters)


def test_names_in_apposition_and_titles_of_people(drafts):
    oz = drafts["the_wizard_of_oz"][2]
    assert "Good Witch of the North" in _character(oz, "Glinda").aliases
    east = _character(oz, "Wicked Witch of the East").fate
    assert east is not None and east.by is None                          # "where it has landed on and killed …"
    jaws = drafts["jaws"][2]
    assert not any(c.name == "Orca" for c in jaws.characters)             # "Quint's boat, the Orca"
    kane = drafts["citizen_kane"][2]
    assert any(c.name == "Raymond" for c in kane.characters)              # "Raymond, the butler at Xanadu,"
    assert not any("butler" in c.name or "singer" in c.name for c in kane.characters)


@pytest.mark.parametrize("name", NAMES)
def test_a_txt_summary_is_read_as_prose(name):
    path = FOLDER / f"{name}.txt"
    assert detect_text_format(path.read_bytes(), str(path))[0] == "draft"
    story = load_story(path)
    assert story.notes[0].kind == "read_as" and "prose" in story.notes[0].message


def test_a_cast_list_in_capitals_is_prose_and_a_short_screenplay_is_not():
    plot = (FOLDER / "casablanca.txt").read_text(encoding="utf-8").split("\nPlot\n", 1)[1]
    cast = ("CASABLANCA (1942)\n\nCAST\n\nRICK BLAINE\nHumphrey Bogart\n\nILSA LUND\nIngrid Bergman\n\n"
            "VICTOR LASZLO\nPaul Henreid\n\nCAPTAIN RENAULT\nClaude Rains\n\nPLOT\n\n" + plot)
    assert detect_text_format(cast, "casablanca.txt")[0] == "draft"
    story = draft_story(cast, "casablanca.txt")
    assert not any(c.name in ("Humphrey Bogart", "Ingrid Bergman") for c in story.characters)
    script = ("INT. CAFE - NIGHT\n\nRick pours a drink.\n\nRICK\nOf all the gin joints.\n\nILSA\nPlay it, Sam.\n\n"
              "EXT. AIRPORT - NIGHT\n\nFog.\n\nRICK\nHere's looking at you, kid.\n")
    assert detect_text_format(script, "scene.txt")[0] == "fountain"
    cues = "RICK\nOf all the gin joints.\n\nILSA\nPlay it, Sam.\n\nRICK\nGo.\n\nSAM\nYes, boss.\n"
    assert detect_text_format(cues, "scene.txt")[0] == "fountain"


def test_chapters_in_quotes_and_earlier_times(drafts):
    text, _, story, _ = drafts["pulp_fiction"]
    assert {"The Gold Watch", "The Bonnie Situation", "Prologue", "Epilogue"} <= {sc.act for sc in story.scenes}
    assert not any(sc.sources[0].startswith('"') for sc in story.scenes)   # a chapter title is no scene
    earlier = next(sc for sc in story.scenes if sc.sources[0].startswith("Earlier that morning"))
    diner = next(sc for sc in story.scenes if sc.sources[0].startswith("In a diner"))
    assert "flashback" in earlier.tags and earlier.story_order < diner.story_order
    before = next(sc for sc in story.scenes if sc.sources[0].startswith("Years before"))
    assert "flashback" in before.tags
    assert not any(q.startswith("In the present") for q in before.sources)  # "In the present" opens a scene


def test_kin_told_by_the_text_are_interactions(drafts):
    gladiator = drafts["gladiator"][2]
    its = {(i.type, i.source, i.target) for i in gladiator.interactions}
    assert ("son_of", "commodus", "marcus_aurelius") in its               # "his own son Commodus"
    silence = drafts["the_silence_of_the_lambs"][2]
    assert not any(c.name == "The senator" for c in silence.characters)   # the one Senator Ruth Martin
    senator = _character(silence, "Senator Ruth Martin")
    deal = next(sc for sc in silence.scenes if "false deal from the senator" in sc.sources[0])
    assert senator.id in deal.characters + deal.mentioned


def test_an_outline_item_is_a_beat_and_a_title_line_is_left_out(drafts):
    text, _, story, _ = drafts["jaws"]
    starts = {sc.sources[0][:15] for sc in story.scenes}
    items = re.findall(r"^\d+\. (.{15})", text, re.M)
    assert len(items) == 16 and all(item in starts for item in items)
    assert not any("beat sheet" in q for sc in story.scenes for q in sc.sources)
    assert any(n.kind == "left_out" and "JAWS (1975)" in n.text for n in story.notes)
    assert not any(loc.name.startswith("Fourth") for loc in story.locations)   # "On the Fourth of July"


@pytest.mark.parametrize("name", NAMES)
def test_no_scene_is_empty(drafts, name):
    _, _, story, _ = drafts[name]
    assert all(sc.characters or sc.mentioned for sc in story.scenes)   # "Spain, 1944." sets the next scene


def _gold_of(story, gold: dict, name: str):
    everyone = gold["characters"] + gold.get("unnamed", [])
    g = next(x for x in everyone if x["name"] == name)
    return {c.id for c in story.characters if _drafted(c) & _gold_names(g)}


@pytest.mark.parametrize("name", [n for n in NAMES if "presence:" in (FOLDER / f"{n}.yaml").read_text(encoding="utf-8")])
def test_presence_where_the_gold_says_who_is_there(drafts, name):
    """Gold ``presence`` checks: who is there (and who is not: the dead, the only talked about) at a quote."""
    text, gold, story, _ = drafts[name]
    wrong = []
    for check in gold["presence"]:
        at = text.index(check["at"])
        scene = next(sc for sc in story.scenes if any(text.find(q) <= at < text.find(q) + len(q) for q in sc.sources))
        for who in check.get("present", ()):
            if not _gold_of(story, gold, who) & set(scene.characters):
                wrong.append(("missing", who, check["at"]))
        for who in check.get("absent", ()):
            if _gold_of(story, gold, who) & set(scene.characters):
                wrong.append(("there", who, check["at"]))
    assert set(wrong) == PRESENCE_WRONG.get(name, set())


@pytest.mark.parametrize("name", [n for n in NAMES if "titles:" in (FOLDER / f"{n}.yaml").read_text(encoding="utf-8")])
def test_a_job_before_a_name_is_its_description(drafts, name):
    _, gold, story, _ = drafts[name]
    for check in gold["titles"]:
        people = [c for c in story.characters if c.id in _gold_of(story, gold, check["name"])]
        assert any(check["role"] in (c.description or "") and check["role"] not in c.name.lower() for c in people), check
