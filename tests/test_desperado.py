"""data/desperado.yaml against its source, seeds/desperado.txt.

The story file was written by hand from the plot summary. These tests check it
against the seed itself (quotes, coverage, actors, places) and against what a
story has to make sense as (nobody acts after dying, concurrent scenes share
nobody, a flashback is earlier in the story than where it is told).
"""

from __future__ import annotations

import re

import pytest
import yaml

from tests.conftest import DATA, SEEDS
from timeline import load_story, loads_story

STORY_PATH = DATA / "desperado.yaml"
SEED_PATH = SEEDS / "desperado.txt"


def _squash(text: str) -> str:
    """Collapse runs of whitespace (quotes in the YAML are wrapped)."""
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def story():
    return load_story(STORY_PATH)


@pytest.fixture(scope="module")
def seed() -> str:
    return _squash(SEED_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def plot() -> str:
    """The plot section: the seed's sections are separated by two blank lines."""
    sections = SEED_PATH.read_text(encoding="utf-8").strip().split("\n\n\n")
    assert len(sections) == 3, "seed layout changed: expected intro / plot / trivia"
    return _squash(sections[1])


def _present(story, cid):
    return [s for s in story.scenes if cid in s.characters]


# ------------------------------------------------------------------ loading
def test_loads_with_facts_from_the_seed(story, seed):
    assert story.title == "Desperado"
    assert len(story.scenes) >= 20
    md = story.metadata
    assert str(md["year"]) in seed
    for key in ("written_by", "directed_by"):
        assert f"written and directed by {md[key]}" in seed
    assert md["source"] == "seeds/desperado.txt"
    for cameo in md["cameos"]:
        assert f'{cameo["actor"]} has a cameo as "{cameo["role"]}."' in seed


def test_round_trips_through_to_data(story):
    text = yaml.safe_dump(story.to_data(), allow_unicode=True, sort_keys=False)
    assert loads_story(text, format="yaml", path="again.yaml") == story


# ------------------------------------------------------------------ sources
def test_every_scene_quotes_the_seed_verbatim(story, seed):
    for sc in story.scenes:
        assert sc.sources, f"{sc.id} has no source quote"
        for q in sc.sources:
            assert _squash(q) in seed, f"{sc.id}: not in the seed: {q!r}"


def test_quotes_cover_the_whole_plot(story, plot):
    rest = plot
    quotes = sorted({_squash(q) for sc in story.scenes for q in sc.sources}, key=len, reverse=True)
    for q in quotes:
        rest = rest.replace(q, " ")
    leftover = re.sub(r"[\s.,;:!?\"'()]+", "", rest)
    assert leftover == "", f"plot text that no scene quotes: {rest!r}"


def test_actors_are_exactly_the_ones_named_in_the_plot(story, plot):
    named = {m for m in re.findall(r"\(([A-Z][^()]*)\)", plot) if not m[0].isdigit()}
    actors = {c.actor for c in story.characters if c.actor}
    assert actors == named


def test_every_character_is_named_in_the_seed_unless_inferred(story, seed):
    low = seed.casefold()
    for c in story.characters:
        names = [c.name, *c.aliases]
        if not c.inferred:
            assert any(n.casefold() in low for n in names), f"{c.id}: none of {names} is in the seed"


def test_time_of_day_is_only_given_where_the_source_says_it(story):
    for sc in story.scenes:
        if sc.time_of_day:
            assert any(sc.time_of_day in q for q in sc.sources), sc.id


def test_each_location_is_named_by_its_scene_or_carried_over(story):
    """A scene's place is named in its quotes, or in the scene just before it
    (the next sentence continues there), or contains that scene's place (he
    walks out of the bar into the town); otherwise the scene is marked inferred."""
    parent = {loc.id: loc.parent for loc in story.locations}

    def ancestors(lid):
        while lid is not None:
            yield lid
            lid = parent[lid]

    prev = None
    for sc in story.scenes:
        if sc.location and not sc.inferred:
            word = story.location(sc.location).name.split()[-1].casefold()
            here = " ".join(sc.sources).casefold()
            before = " ".join(prev.sources).casefold() if prev else ""
            carried = prev is not None and prev.location is not None and sc.location in set(ancestors(prev.location))
            assert word in here or word in before or carried, f"{sc.id}: nothing says it is at {sc.location}"
        prev = sc


def test_every_location_is_used(story):
    used = {sc.location for sc in story.scenes if sc.location}
    parents = {loc.parent for loc in story.locations if loc.parent}
    for loc in story.locations:
        assert loc.id in used or loc.id in parents, f"location {loc.id} is never used"
    roots = [loc.id for loc in story.locations if loc.parent is None]
    assert roots == ["mexico"]


# ------------------------------------------------------------------ people
def test_every_character_appears_or_is_mentioned(story):
    for c in story.characters:
        assert any(c.id in sc.characters or c.id in sc.mentioned for sc in story.scenes), c.id


def test_present_and_mentioned_do_not_overlap(story):
    for sc in story.scenes:
        assert not set(sc.characters) & set(sc.mentioned), sc.id


def test_interactions_involve_people_in_or_named_in_the_scene(story):
    for sc in story.scenes:
        here = set(sc.characters) | set(sc.mentioned)
        for it in sc.interactions:
            assert it.source in here and it.target in here, f"{sc.id}: {it.source} {it.type} {it.target}"
            assert it.source in sc.characters or it.target in sc.characters, f"{sc.id}: nobody present"


def test_nobody_appears_after_their_death(story):
    for c in story.characters:
        if c.fate is None:
            continue
        death = story.scene(c.fate.scene)
        assert c.id in death.characters, f"{c.id} is not present where they die"
        later = [s.id for s in _present(story, c.id) if s.chrono > death.chrono]
        assert later == [], f"{c.id} appears after dying in {death.id}: {later}"


def test_fates_and_kills_agree(story):
    kills = {(it.source, it.target, it.scene) for it in story.interactions if it.type == "kills"}
    for c in story.characters:
        if c.fate and c.fate.by:
            assert (c.fate.by, c.id, c.fate.scene) in kills, c.id
    for src, tgt, scene in kills:
        fate = story.character(tgt).fate
        assert fate is not None and fate.scene == scene, f"{src} kills {tgt} in {scene}, but its fate says otherwise"


def test_survivors_have_no_fate(story):
    for cid in ("mariachi", "carolina", "boy"):
        assert story.character(cid).fate is None
    # the couple drive off together; the boy is seen again after the final showdown
    assert {"mariachi", "carolina"} <= set(story.scenes[-1].characters)
    bucho_dies = story.scene(story.character("bucho").fate.scene)
    assert any(s.chrono > bucho_dies.chrono for s in _present(story, "boy"))


@pytest.mark.parametrize(
    "kind,source,target",
    [
        ("kills", "navajas", "american"),  # "who kills the American"
        ("wounds", "navajas", "mariachi"),  # "and wounds El Mariachi with a set of throwing knives"
        ("kills", "bodyguards", "navajas"),  # "is killed by Bucho's bodyguards"
        ("sends", "superiors", "navajas"),  # "sent by Bucho's superiors"
        ("tends", "carolina", "mariachi"),  # "his wounds are being tended by Carolina"
        ("befriends", "mariachi", "boy"),  # "befriends a young boy"
        ("warns", "bartender", "bucho"),  # "the bartender alerts Bucho"
        ("brother_of", "bucho", "mariachi"),  # "El Mariachi and Bucho are brothers"
        ("threatens", "bucho", "carolina"),  # "threatens to kill her"
        ("kills", "mariachi", "bucho"),  # "shoots Bucho dead"
        ("kills", "mariachi", "bar_patrons"),  # "killing them all"
        ("tails", "survivor", "mariachi"),  # "tailed by the sole survivor"
    ],
)
def test_the_summary_interactions_are_there(story, kind, source, target):
    found = [it for it in story.interactions if (it.type, it.source, it.target) == (kind, source, target)]
    assert found and not any(it.inferred for it in found)


def test_names_from_the_reveal(story):
    assert story.find_character("César").id == "bucho"
    assert story.find_character("Manito").id == "mariachi"
    assert story.find_character("man in black").id == "mariachi"


def test_mentioned_only_characters(story):
    never_present = {c.id for c in story.characters if not _present(story, c.id)}
    assert never_present == {c.id for c in story.characters if "Mentioned only" in (c.description or "")}


# ------------------------------------------------------------------ time
def test_steps_run_without_gaps_in_telling_order(story):
    steps = [sc.step for sc in story.scenes]
    assert steps == sorted(steps)
    assert sorted(set(steps)) == list(range(len(set(steps))))


def test_concurrent_scenes_share_nobody(story):
    by_step: dict[int, list] = {}
    for sc in story.scenes:
        by_step.setdefault(sc.step, []).append(sc)
    concurrent = [group for group in by_step.values() if len(group) > 1]
    assert concurrent, "the 'Meanwhile' scene should be concurrent with another"
    for group in concurrent:
        seen: set[str] = set()
        for sc in group:
            assert not seen & set(sc.characters), f"{sc.id} shares a character with a concurrent scene"
            seen |= set(sc.characters)


def test_meanwhile_scenes_are_concurrent_with_the_one_before(story):
    scenes = story.scenes
    hits = 0
    for prev, sc in zip(scenes, scenes[1:]):
        if any(q.startswith("Meanwhile") for q in sc.sources):
            hits += 1
            assert sc.step == prev.step, sc.id
        else:
            assert sc.step > prev.step, f"{sc.id} is concurrent with {prev.id} but nothing says so"
    assert hits >= 1


def test_flashback_happens_before_it_is_told(story):
    scenes = story.scenes
    flashbacks = [i for i, sc in enumerate(scenes) if "flashback" in sc.tags]
    assert flashbacks, "the American's tale is told in a flashback"
    for i in flashbacks:
        assert i > 0 and scenes[i].chrono < scenes[i - 1].chrono
    # apart from flashbacks, the film tells the story in order
    rest = [sc.chrono for sc in scenes if "flashback" not in sc.tags]
    assert rest == sorted(rest)
