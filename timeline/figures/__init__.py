"""Figures: pure functions from a StoryView to a plotly Figure.

CONTRACT agreed between the figures helper and the app helper (the lead wrote
this; implement it here, keep the names):

    from timeline.figures import (storyline_figure, strip_figure, network_figure,
                                  figure_for, character_colours, CHARTS)
    storyline_figure(view: StoryView, *, layout=None, width=None, height=None, title=None) -> go.Figure
    strip_figure(view: StoryView, *, colour_by=None, width=None, height=None, title=None) -> go.Figure
        # colour_by defaults to view.state.colour_by
    network_figure(view: StoryView, *, colour_by="community", width=None, height=None, title=None) -> go.Figure
        # or colour_by="group"
    figure_for(chart: str, view: StoryView, **options) -> go.Figure   # chart in CHARTS
    CHARTS = ("storyline", "strip", "network")
    character_colours(story) -> dict[str, str]   # depends only on the story, never on the filter

Conventions the app and the tests rely on:
- Every trace/point that stands for a scene carries ``customdata`` whose first
  element is the scene id (a click on any chart gives the scene id). Network
  nodes: ``customdata[0]`` is the character id.
- Character line traces: ``name`` = display name, ``meta`` = character id (when
  lines are merged into few traces for big stories, ``meta`` lists the ids);
  hover text on every point.
- ``layout.title.text`` contains the story title and the view name;
  ``layout.meta`` is a dict with at least {"chart", "story" (title),
  "state" (view.state.to_query())}.
- Faded (highlight mode, non-matching) elements get low opacity; hidden
  ("only" mode) elements are not in the view (make_view already drops them).
- An empty view (filter matches no scene) gives a figure with an annotation
  carrying ``view.empty_message()`` and no data traces.
"""
