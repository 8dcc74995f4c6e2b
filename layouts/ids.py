"""Every component id of the app, in one place.

Per-chart controls use pattern-matching ids: ``{"type": EXPORT_FORMAT, "chart": "storyline"}``.
"""

# page shell
URL = "url"
NAV = "url-nav"                   # dcc.Store: the query string after back/forward (assets/view_state.js)
STATE = "view-state"              # dcc.Store: the canonical query string of the view
UPLOAD_STORE = "upload-store"     # dcc.Store: an uploaded story, travels in the page
TITLE_SINK = "title-sink"         # dcc.Store written by the clientside title callback
STORY_TITLE = "story-title"
DETAILS_FOR = "details-for"      # dcc.Store: which story the details panel shows
DEFAULT_STORY = "default-story"  # dcc.Store: the id the canonical query string leaves out

# stories
STORY_PICKER = "story-picker"
UPLOAD = "story-upload"
STORY_ALERT = "story-alert"

# filters
CHARACTER_FILTER = "character-filter"
MODE = "match-mode"
EMPHASIS = "emphasis"
SCENE_RANGE = "scene-range"
ORDER = "x-order"
RESET = "reset-filters"

# views
STORYLINE_GRAPH = "storyline-graph"
STRIP_GRAPH = "strip-graph"
STRIP_COLOUR = "strip-colour-by"
NETWORK_GRAPH = "network-graph"
NETWORK_COLOUR = "network-colour-by"
SCENE_DETAILS = "scene-details"
CHARACTER_TABLE = "character-table"

# export (pattern-matching: {"type": ..., "chart": chart})
EXPORT_FORMAT = "export-format"
EXPORT_PRESET = "export-preset"
EXPORT_SCALE = "export-scale"
EXPORT_BUTTON = "export-button"
EXPORT_DOWNLOAD = "export-download"
EXPORT_STATUS = "export-status"
EXPORT_ALL = "export-all"
EXPORT_ALL_DOWNLOAD = "export-all-download"
EXPORT_ALL_STATUS = "export-all-status"

GRAPHS = {"storyline": STORYLINE_GRAPH, "strip": STRIP_GRAPH, "network": NETWORK_GRAPH}
#: dcc.Store per chart: the frame key of the figure the page shows (see layouts.common.frame_key)
DRAWN = {"storyline": "storyline-drawn", "strip": "strip-drawn", "network": "network-drawn"}
