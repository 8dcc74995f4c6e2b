"""scene-timeline: a story as a storyline chart, a scene strip and a character network.

>>> from timeline import load_story, build_graph
>>> story = load_story("data/desperado.yaml")      # doctest: +SKIP
>>> G = build_graph(story)                          # doctest: +SKIP
"""

from importlib.metadata import PackageNotFoundError as _NotInstalled
from importlib.metadata import version as _version

from .errors import StoryError, StoryFormatError
from .formats import load_story, loads_story
from .model import Character, Interaction, Location, Scene, Story

try:
    #: The installed distribution's version (``scene-timeline --version``).
    __version__ = _version("scene-timeline")
except _NotInstalled:  # a checkout that was never installed
    __version__ = "0+unknown"

__all__ = [
    "__version__",
    "Character",
    "Interaction",
    "Location",
    "Scene",
    "Story",
    "StoryError",
    "StoryFormatError",
    "build_graph",
    "load_story",
    "loads_story",
]


def __getattr__(name):  # build_graph lives in timeline.graph (networkx import is lazy)
    if name == "build_graph":
        from .graph import build_graph

        return build_graph
    raise AttributeError(name)
