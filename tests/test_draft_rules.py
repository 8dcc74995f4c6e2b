"""General rules of English prose the drafter follows (issue 20), each on a small text of its own:
who dies in a coordinated or passive clause, the dead staying dead, names introduced in a
sentence being there, titles before a name, pronouns after a new person, an animal that dies."""

from __future__ import annotations

from timeline.draft import draft_story


def _char(story, name):
    return next(c for c in story.characters if name == c.name or name in c.aliases)


def _scene(story, quote):
    return next(sc for sc in story.scenes if any(quote in q for q in sc.sources))


def test_the_second_verb_phrase_of_a_coordination_has_the_last_subject():
    story = draft_story("Nora Vance and Pete Rourke sail out to the wreck. The bear climbs onto the deck, and Pete "
                        "slips into the water and is eaten. Nora swims back to the shore.")
    assert _char(story, "Pete Rourke").fate is not None
    assert _char(story, "The bear").fate is None
    story = draft_story("Pete Rourke grabs Nora Vance and is killed by the bear. Nora runs to the road.")
    assert _char(story, "Pete Rourke").fate.by == "bear"
    assert _char(story, "Nora Vance").fate is None


def test_a_name_introduced_in_a_sentence_is_present_there():
    story = draft_story("At the lake, a young woman named Ada Pell goes swimming and is killed by a crocodile. "
                        "A boy called Finn Roe sees the attack. Later, Ida Clay, a young nurse, treats Finn at the "
                        "clinic. Ida is looking for a man named Otto Brand.")
    assert {"ada_pell", "crocodile"} <= set(_scene(story, "a young woman named").characters)
    assert "finn_roe" in _scene(story, "A boy called").characters
    assert "ida_clay" in _scene(story, "a young nurse").characters
    otto = _char(story, "Otto Brand").id
    assert otto not in _scene(story, "looking for").characters                # talked about, not there


def test_the_dead_are_not_who_they_or_the_two_men_are_later():
    story = draft_story("Sam Ortega, Lou Becker and Ray Dunn hike into the canyon. Ray falls from the cliff and "
                        "dies. The next day, the two men climb back to the camp. They light a fire.")
    assert _char(story, "Ray Dunn").fate is not None
    later = _scene(story, "the two men")
    assert set(later.characters) == {"sam_ortega", "lou_becker"}
    story = draft_story("Nell Ames and her sister Ivy Ames sail with Hugo Tan. Hugo falls overboard and drowns. "
                        "Both women swim back to the island. At the inn, they bury him in the garden.")
    assert set(_scene(story, "Both women").characters) >= {"nell_ames", "ivy_ames"}
    assert "hugo_tan" not in _scene(story, "Both women").characters
    inn = _scene(story, "they bury him")
    assert "hugo_tan" not in inn.characters and "hugo_tan" in inn.mentioned      # talked about: his burial


def test_a_pronoun_after_a_new_person_goes_to_the_one_just_named():
    story = draft_story("Bea Lott's mother offers a bounty. Tom Reyes examines Bea's remains at the morgue. "
                        "He confirms that she was killed by the bear.")
    confirm = _scene(story, "He confirms")
    assert "tom_reyes" in confirm.characters
    assert "bea_lott" in confirm.mentioned and "bea_lott" not in confirm.characters   # dead: talked about
    mother = next(c for c in story.characters if "mother" in c.name)
    assert mother.fate is None and mother.id not in confirm.characters


def test_a_job_noun_before_a_name_is_the_role_not_a_group_nor_the_name():
    story = draft_story("Police chief Carl Dorsey finds the body. Mayor Hank Poole refuses to close the beach. "
                        "Oceanographer Lena Hart studies the bite. Mafia boss Tony Vale offers money. FBI agent Rosa "
                        "Diaz arrives. Later, Dorsey and Hart argue with Poole, and Vale leaves town. Dr. Alan Fisk "
                        "joins them; Fisk and Diaz talk.")
    names = {c.name for c in story.characters}
    assert not any(c.kind == "group" for c in story.characters)                  # no "The police"
    assert {"Carl Dorsey", "Hank Poole", "Lena Hart", "Tony Vale", "Rosa Diaz", "Dr. Alan Fisk"} <= names
    assert _char(story, "Carl Dorsey").description == "police chief"
    assert _char(story, "Lena Hart").description == "oceanographer"
    assert _char(story, "Rosa Diaz").description == "FBI agent"
    poole = _char(story, "Hank Poole")
    assert poole.id == "hank_poole" and {"Mayor Poole", "Mayor Hank Poole"} <= set(poole.aliases)
    assert _char(story, "Dr. Alan Fisk").description is None                      # an honorific stays in the name


def test_an_animal_blown_apart_is_there_and_dies_by_the_doer():
    story = draft_story("Carl Dorsey fights the bear on the bridge. Carl jams a gas tank into the bear's mouth, "
                        "climbs the tower, and shoots the tank, blowing the bear apart. Carl walks home.")
    bear = _char(story, "The bear")
    assert bear.fate is not None and bear.fate.by == "carl_dorsey"
    assert "bear" in _scene(story, "jams a gas tank").characters
    story = draft_story("Ann Lee swims out to the reef. The eel bites her. Ann rows back, and Bo Tran drops a flare "
                        "into its jaws, blowing the eel apart.")
    assert _char(story, "The eel").fate.by == "bo_tran"
    story = draft_story("Lars Berg sails to the wreck on his trawler, the Skua. Lars dives.")
    assert not any(c.name == "Skua" for c in story.characters)                   # a vessel, not a character


def test_a_relative_named_through_the_dead_does_not_share_the_death():
    story = draft_story("At dusk a young woman named Ivy Moss goes swimming and is killed by a bear. Ranger Carl "
                        "Dorsey finds her remains. On the beach, a boy named Kit Dalby is killed by the bear while "
                        "Carl watches. Kit's mother offers a bounty, and hunters flood the valley. Biologist Tom "
                        "Reyes examines Ivy's remains. He confirms that she was killed by the bear.")
    mother = next(c for c in story.characters if "mother" in c.name)
    assert mother.fate is None
    assert _char(story, "Kit Dalby").fate.by == "bear" and _char(story, "Ivy Moss").fate is not None
    assert "ivy_moss" in _scene(story, "goes swimming").characters
    assert _char(story, "Carl Dorsey").description == "ranger"
    confirm = _scene(story, "He confirms")
    assert "tom_reyes" in confirm.characters and mother.id not in confirm.characters
    assert "ivy_moss" not in confirm.characters


def test_passive_and_phrasal_deaths_and_the_ones_that_are_not():
    story = draft_story("Anna Holt meets Ben Cole at the docks. Ben is shot dead by Anna. Carl Webb is stabbed to death "
                        "by a stranger in the alley. Dora Finch falls from the tower to her death. The body of lawyer "
                        "Evan Price is found in the river. Fay Moss shoots at Gil Shaw, and Gil is nearly killed, but "
                        "Gil survives. Later, Fay drives to the farm.")
    dead = {c.name for c in story.characters if c.fate}
    assert {"Ben Cole", "Carl Webb", "Dora Finch", "Evan Price"} <= dead
    assert not dead & {"Gil Shaw", "Fay Moss", "Anna Holt"}
    assert _char(story, "Ben Cole").fate.by == "anna_holt"


def test_a_death_only_told_is_none_when_the_person_acts_later():
    story = draft_story("Kiro pushes his brother Tomas off the cliff. Kiro tells the village that Tomas and Lia were "
                        "killed in the flood. Years later, Lia returns to the village and confronts Kiro.")
    assert _char(story, "Lia").fate is None


def test_the_object_of_the_first_verb_is_him_after_and():
    story = draft_story("Oswin bleeds in the mud while Jack Reed hunts the sniper from the ridge and kills him.")
    sniper = next(c for c in story.characters if "sniper" in c.name.lower())
    assert sniper.fate is not None and sniper.fate.by == "jack_reed"
    assert _char(story, "Oswin").fate is None


def test_places_as_prose_names_them():
    story = draft_story("Mara works at a field command post.\n\nNear the town of Vellin, Mara meets Ivo.\n\n"
                        "Mara hides in the archive room until dawn.\n\nLater, Mara meets Tomas in the surveillance "
                        "room.\n\nTomas runs to a boarding house.\n\nThe soldiers storm the bunkers.\n\n"
                        "Mara returns to the room.")
    names = {loc.name.lower() for loc in story.locations}
    assert {"field command post", "vellin", "archive room", "surveillance room", "boarding house"} <= names
    assert not {"field", "room"} & names
    assert _scene(story, "returns to the room").location == _scene(story, "in the surveillance room").location


def test_other_names_said_by_the_text():
    story = draft_story("Margaret Doyle, known to everyone as Peg, works at the mill. Her daughter Elizabeth, called "
                        "Lizzie by the family and Beth by her friends, grows up there. As Mrs. Kemp, Peg moves into "
                        "the big house. Beth marries Daniel Rosen; as Beth Rosen she moves to London. Calling herself "
                        "Anya Smith, Peg visits Beth.")
    peg = _char(story, "Margaret Doyle")
    assert {"Peg", "Mrs. Kemp", "Anya Smith"} <= set(peg.aliases)
    assert {"Lizzie", "Beth", "Beth Rosen"} <= set(_char(story, "Elizabeth").aliases)


def test_units_organisations_and_their_other_names():
    story = draft_story("Captain Ray Hall of the 5th Ranger Battalion lands with the Rangers. The FBI sends Agent "
                        "Lou Park to the town. A clerk at the War Department reads the file. The Bureau orders Park "
                        "home, and Park obeys the Bureau.")
    names = {c.name for c in story.characters}
    assert not any("Battalion" in n or "War Department" in n for n in names)
    fbi = _char(story, "FBI")
    assert "Bureau" in fbi.aliases and fbi.kind == "group"
    assert any(c.kind == "group" and c.name.lower() == "the rangers" for c in story.characters)


def test_a_job_in_apposition_is_the_description():
    story = draft_story("Linus Caldwell (Matt Damon), a young pickpocket, meets Frank Catton, a card dealer. "
                        "A Jewish doctor, Daniel Rosen, treats Linus. The crew includes Frank, the medic Irwin Wade, "
                        "and Linus.")
    assert "pickpocket" in _char(story, "Linus Caldwell").description
    assert "card dealer" in _char(story, "Frank Catton").description
    assert "doctor" in _char(story, "Daniel Rosen").description


def test_relations_told_after_the_name_and_relatives_of_relatives():
    story = draft_story("Rafiki lifts up the cub Simba, son of King Mufasa. Mufasa's younger brother Scar sulks. "
                        "Simba finds his father at the gorge. Later, Simba confronts his uncle at the rock.")
    assert not any("father" in c.name or "uncle" in c.name for c in story.characters)
    assert "king_mufasa" in _scene(story, "finds his father").characters
    assert "scar" in _scene(story, "confronts his uncle").characters
