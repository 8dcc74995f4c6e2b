"""Every component id of the app, in one place.

Per-chart controls use pattern-matching ids: ``{"type": EXPORT_FORMAT, "chart": "storyline"}``.
"""

# page shell
URL = "url"
NAV = "url-nav"                   # dcc.Store: the query string after back/forward (assets/view_state.js)
STATE = "view-state"              # dcc.Store: the canonical query string of the view
QUERY_SPEC = "query-spec"         # dcc.Store: the query keys, kinds and defaults (layouts.state.page_spec)
UPLOAD_STORE = "upload-store"     # dcc.Store: {key, name, title} of an upload; the story stays on the server
TITLE_SINK = "title-sink"         # dcc.Store written by the clientside title callback
DETAILS_FOR = "details-for"       # dcc.Store: which story the details panel shows

# stories
STORY_PICKER = "story-picker"
UPLOAD = "story-upload"
STORY_ALERT = "story-alert"
NOTES = "import-notes"            # the "Import notes (n)" panel

# filters
CHARACTER_FILTER = "character-filter"
MODE = "match-mode"
EMPHASIS = "emphasis"
CAST = "cast"
SCENE_RANGE = "scene-range"
ORDER = "x-order"
RESET = "reset-filters"

# views
STORYLINE_GRAPH = "storyline-graph"
STRIP_GRAPH = "strip-graph"
STRIP_COLOUR = "strip-colour-by"
NETWORK_GRAPH = "network-graph"
NETWORK_COLOUR = "network-colour-by"
NETWORK_COL = "network-col"       # the network's column (full width for a big story)
ARCS_COL = "arcs-col"             # the arcs' column (full width, on a row of its own, beside a full-width network)
NETWORK_WINDOW = "network-window"  # RangeSlider: the network's window of scenes (query key ``win``)
NETWORK_WINDOW_PRESET = "network-window-preset"  # Select: whole story / an act / a section
NETWORK_WINDOW_PREV = "network-window-prev"      # ◀: the window moves back by its width
NETWORK_WINDOW_NEXT = "network-window-next"      # ▶: the window moves on by its width
STORYCURVE_GRAPH = "storycurve-graph"
NONLINEARITY = "storycurve-nonlinearity"          # the nonlinearity summary on the story-curve card
NONLINEARITY_HELP = "nonlinearity-help"           # its "?" (a tooltip: the definition and the sources)
ARCS_GRAPH = "arcs-graph"
VIEWS_FOR = "views-for"           # dcc.Store: the view state the views are drawn for (layouts.charts)
WINDOW_FOR = "window-for"         # dcc.Store: a view state that differs from VIEWS_FOR only in ``win``
SCENE_DETAILS = "scene-details"
CHARACTER_TABLE = "character-table"

# export (pattern-matching: {"type": ..., "chart": chart})
EXPORT_FORMAT = "export-format"
EXPORT_PRESET = "export-preset"
EXPORT_SCALE = "export-scale"
EXPORT_BUTTON = "export-button"
EXPORT_DOWNLOAD = "export-download"
EXPORT_STATUS = "export-status"
EXPORT_PROGRESS = "export-progress"
EXPORT_ALL = "export-all"
EXPORT_ALL_DOWNLOAD = "export-all-download"
EXPORT_ALL_STATUS = "export-all-status"
EXPORT_ALL_PROGRESS = "export-all-progress"

# scene filters (query keys loc, tod, ie, act)
LOCATION_FILTER = "location-filter"
TIME_FILTER = "time-of-day-filter"
INT_EXT_FILTER = "int-ext-filter"
ACT_FILTER = "act-filter"
ACT_FILTER_COL = "act-filter-col"  # hidden when the story has no acts
SCENE_RANGE_FROM = "scene-range-from"  # number boxes beside the range slider (apply on Enter)
SCENE_RANGE_TO = "scene-range-to"

GRAPHS = {"storyline": STORYLINE_GRAPH, "strip": STRIP_GRAPH, "network": NETWORK_GRAPH,
          "storycurve": STORYCURVE_GRAPH, "arcs": ARCS_GRAPH}
#: dcc.Store per chart: the frame key of the figure the page shows (see layouts.patching)
DRAWN = {chart: f"{chart}-drawn" for chart in GRAPHS}

# the "New story from text" box (layouts.draft)
DRAFT_OPEN = "draft-open"            # navbar button: shows / hides the box
DRAFT_COLLAPSE = "draft-collapse"
DRAFT_TEXT = "draft-text"            # textarea: the pasted plot summary
DRAFT_UPLOAD = "draft-upload"        # dcc.Upload: a .txt whose text fills the textarea
DRAFT_FILE = "draft-file"            # dcc.Store: the name of the .txt opened (or None)
DRAFT_BUTTON = "draft-button"
DRAFT_STATUS = "draft-status"
DRAFT_NOTES = "draft-notes"          # the draft's import notes, beside the text
DRAFT_YAML_BUTTON = "draft-yaml-button"
DRAFT_YAML = "draft-yaml"            # dcc.Download of the draft as a story file
DRAFT_KEY = "draft-key"              # dcc.Store: {key, name} of the last draft

# the editor (layouts/editor.py): corrections to the story on screen
EDITOR = "editor"
EDIT_CHARACTER = "edit-character"        # Dropdown: the character to change (every character of the story)
EDIT_CHARACTER_INTO = "edit-character-into"  # Dropdown: the character to merge into
EDIT_CHARACTER_TEXT = "edit-character-text"  # Input: a new name / names to split into / a group
EDIT_MERGE = "edit-merge"
EDIT_RENAME = "edit-rename"
EDIT_DROP = "edit-drop"
EDIT_SPLIT = "edit-split"
EDIT_GROUP = "edit-group"
EDIT_KIND = "edit-kind"                  # Select: person / group
EDIT_PLACE = "edit-place"
EDIT_PLACE_INTO = "edit-place-into"
EDIT_PLACE_TEXT = "edit-place-text"
EDIT_PLACE_MERGE = "edit-place-merge"
EDIT_PLACE_RENAME = "edit-place-rename"
EDIT_PLACE_PARENT = "edit-place-parent"
EDIT_UNDO = "edit-undo"
EDIT_RESET = "edit-reset"
EDIT_UPLOAD = "edit-upload"              # dcc.Upload: an edits file applied to the story on screen
EDIT_MESSAGE = "edit-message"
EDIT_COUNT = "edit-count"
EDIT_DOWNLOAD_EDITS = "edit-download-edits"
EDIT_DOWNLOAD_STORY = "edit-download-story"
EDIT_SAVE_EDITS = "edit-save-edits"      # dcc.Download of the edits file
EDIT_SAVE_STORY = "edit-save-story"      # dcc.Download of the corrected story (YAML)

#: the one-line text alternative of each chart, for screen readers (layouts.components)
SUMMARY = {chart: f"{chart}-summary" for chart in GRAPHS}
#: dcc.Store: the window's width class the views are drawn for (layouts.charts.WINDOW_WIDTHS)
VIEWPORT = "viewport"
#: dcc.Store: the window's width after a resize (set by assets/viewport.js)
RESIZE = "viewport-resize"
#: the line under the filters that says why a control has no effect (layouts.shell)
FILTER_HINT = "filter-hint"

# an upload on screen (layouts.stories): what the server does with it, and a way to delete it
UPLOAD_BAR = "upload-bar"                # shown only while an upload (or an edited story) is on screen
UPLOAD_BAR_TEXT = "upload-bar-text"
UPLOAD_DELETE = "upload-delete"          # button: "Delete this upload from the server"
