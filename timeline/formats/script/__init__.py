"""From a screenplay's elements to a story, one topic per module.

* :mod:`.elements` -- the elements the Fountain and FDX readers give
  (exact to their specs), cue names, the corpus counts;
* :mod:`.directions` -- shots, camera directions, transitions, time phrases;
* :mod:`.headings` -- INT/EXT, places and time of day of a heading;
* :mod:`.cast` -- the characters cue names stand for (directions dropped,
  spellings, voices and joint cues merged or split);
* :mod:`.places` -- nested locations from heading places;
* :mod:`.presence` -- silent presence: known names in action;
* :mod:`.words` -- display case, ids, loose keys;
* :mod:`.builder` -- :class:`StoryBuilder` and :func:`build_story`.
"""

from .builder import StoryBuilder, build_story
from .elements import KINDS, MAX_SCREENPLAY_BYTES, Element, check_size, cue_name, name_key, script_counts
from .headings import Heading, parse_heading
from .words import slug, title_case

__all__ = ["StoryBuilder", "build_story", "KINDS", "MAX_SCREENPLAY_BYTES", "Element", "check_size", "cue_name",
           "name_key", "script_counts", "Heading", "parse_heading", "slug", "title_case"]
