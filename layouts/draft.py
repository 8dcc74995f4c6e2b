"""The "New story from text" box: paste a plot summary (or open a ``.txt``), draft
it with :mod:`timeline.draft`, see it in every view at once with its import notes
beside the text, and download it as a story file to edit. A pasted play, transcript
or screenplay is read with its own reader instead (the one ``.txt`` decision).

The draft is an upload of the pasted text read with ``format="draft"``
(:func:`layouts.stories.parse_upload`): it is kept on the server under its key
and chosen in the story picker like any upload."""

from __future__ import annotations

import base64
from pathlib import Path

import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html, no_update

from timeline.draft.source import decode
from timeline.errors import StoryError
from timeline.formats.text import detect_text_format
from timeline.draft.yaml_text import draft_yaml

from . import ids
from .stories import UPLOAD_LIMIT, decode_upload, note_text, parse_upload, uploaded_story

PASTED = "pasted-summary.txt"
#: What a pasted text may be besides prose: it is read with that reader, not drafted.
SCRIPTED = {"play": "a play or transcript", "fountain": "a screenplay (Fountain)",
            "text-script": "a screenplay typed as plain text"}


def open_button():
    return dbc.Button("New story from text…", id=ids.DRAFT_OPEN, color="light", size="sm",
                      className="draft-open", n_clicks=0,
                      title="Draft a story from a plot summary: paste it or open a .txt")


def layout():
    """The box (collapsed until the navbar button opens it)."""
    text_side = [
        dbc.Label("Plot summary (paste the plot: a Wikipedia “Plot” section, a synopsis, an outline; "
                  "a pasted play, transcript or screenplay is read as one)",
                  html_for=ids.DRAFT_TEXT, className="small fw-semibold"),
        dbc.Textarea(id=ids.DRAFT_TEXT, rows=8, className="draft-text",
                     placeholder="Marion steals the money and drives to Fairvale. Later, at the Bates Motel, …"),
        html.Div([
            dcc.Upload(id=ids.DRAFT_UPLOAD, multiple=False, max_size=-1,
                       children=dbc.Button("Open a .txt…", color="secondary", outline=True, size="sm",
                                           title="Open a .txt file to fill the plot summary")),
            dbc.Button("Draft", id=ids.DRAFT_BUTTON, color="primary", size="sm", n_clicks=0),
            dbc.Button("Download YAML", id=ids.DRAFT_YAML_BUTTON, color="secondary", size="sm", n_clicks=0,
                       disabled=True),
        ], className="d-flex flex-wrap gap-2 mt-2"),
        html.Div(id=ids.DRAFT_STATUS, className="small mt-2", role="status", **{"aria-live": "polite"}),
    ]
    notes_side = [html.Div("Import notes", className="small fw-semibold"),
                  html.Div(html.Small("Draft a summary to see what was left out and what was guessed.",
                                      className="text-muted"), id=ids.DRAFT_NOTES, className="draft-notes")]
    return dbc.Collapse(
        dbc.Card(dbc.CardBody([
            html.H2("New story from text", className="h6"),
            dbc.Row([dbc.Col(text_side, lg=7), dbc.Col(notes_side, lg=5, className="mt-3 mt-lg-0")], className="g-2"),
            dcc.Store(id=ids.DRAFT_FILE),
            dcc.Store(id=ids.DRAFT_KEY),
            dcc.Download(id=ids.DRAFT_YAML),
        ]), className="mb-3 draft-card"),
        id=ids.DRAFT_COLLAPSE, is_open=False,
    )


def notes_list(story) -> html.Ul | html.Small:
    """The draft's import notes, one line each, with where they point in the text."""
    notes = list(story.notes)
    if not notes:
        return html.Small("No notes: nothing was left out or guessed.", className="text-muted")
    return html.Ul([html.Li(note_text(n)) for n in notes],
                   className="small mb-0 draft-notes-list")


# ---------------------------------------------------------------- callbacks
@callback(
    Output(ids.DRAFT_COLLAPSE, "is_open"),
    Input(ids.DRAFT_OPEN, "n_clicks"),
    State(ids.DRAFT_COLLAPSE, "is_open"),
    prevent_initial_call=True,
)
def toggle(_, is_open):
    return not is_open


@callback(
    Output(ids.DRAFT_TEXT, "value"),
    Output(ids.DRAFT_FILE, "data"),
    Output(ids.DRAFT_STATUS, "children", allow_duplicate=True),
    Input(ids.DRAFT_UPLOAD, "contents"),
    State(ids.DRAFT_UPLOAD, "filename"),
    prevent_initial_call=True,
)
def on_text_file(contents, filename):
    """A .txt opened: its text fills the box (to read and edit before drafting)."""
    name = Path(filename or PASTED).name
    try:
        raw = decode_upload(contents, name, UPLOAD_LIMIT)
    except StoryError as e:
        return no_update, no_update, str(e)
    return decode(raw), name, f"Opened {name}: press Draft."


@callback(
    Output(ids.UPLOAD_STORE, "data", allow_duplicate=True),
    Output(ids.STORY_PICKER, "value", allow_duplicate=True),
    Output(ids.DRAFT_STATUS, "children"),
    Output(ids.DRAFT_NOTES, "children"),
    Output(ids.DRAFT_KEY, "data"),
    Output(ids.DRAFT_YAML_BUTTON, "disabled"),
    Input(ids.DRAFT_BUTTON, "n_clicks"),
    State(ids.DRAFT_TEXT, "value"),
    State(ids.DRAFT_FILE, "data"),
    prevent_initial_call=True,
)
def on_draft(_, text, filename):
    """Draft the text, keep it as an upload and show it in every view. A pasted play,
    transcript or screenplay is read as one (the one ``.txt`` decision,
    :func:`timeline.formats.text.detect_text_format`), not drafted as prose."""
    if not (text or "").strip():
        return no_update, no_update, "Paste a plot summary (or open a .txt) first.", no_update, no_update, no_update
    name = filename or PASTED
    raw = text.encode("utf-8")
    data_url = "data:text/plain;base64," + base64.b64encode(raw).decode("ascii")
    kind, _why = detect_text_format(raw, name)
    scripted = kind in SCRIPTED
    store, error = parse_upload(data_url, name if name.lower().endswith(".txt") else name + ".txt",
                                format="text" if scripted else "draft")
    if error:
        alert = dbc.Alert([html.Strong("Could not read that text. " if scripted else "Could not draft that text. "),
                           html.Code(error, className="draft-error")], color="danger", className="mb-0 py-2")
        return no_update, no_update, alert, no_update, no_update, no_update
    story = uploaded_story(store["key"])
    counts = f"{len(story.scenes)} scenes, {len(story.characters)} characters, {len(story.locations)} places"
    if scripted:
        msg = (f"Read “{store['title']}” as {SCRIPTED[kind]}: {counts}. Its scenes and speakers are read as "
               f"written, not guessed.")
    else:
        msg = f"Drafted “{store['title']}”: {counts}. Every part is a guess: check it against the quotes."
    return store, store["key"], msg, notes_list(story), {"key": store["key"], "name": name}, False


@callback(
    Output(ids.DRAFT_YAML, "data"),
    Input(ids.DRAFT_YAML_BUTTON, "n_clicks"),
    State(ids.DRAFT_KEY, "data"),
    prevent_initial_call=True,
)
def on_download(_, drafted):
    story = uploaded_story(drafted["key"]) if isinstance(drafted, dict) and drafted.get("key") else None
    if story is None:
        return no_update
    stem = Path(drafted.get("name") or PASTED).stem or "draft"
    if (story.metadata or {}).get("format") in SCRIPTED:  # read, not drafted: no draft header
        from timeline.export.data import to_yaml

        return dcc.send_string(to_yaml(story), f"{stem}.yaml")
    return dcc.send_string(draft_yaml(story, drafted.get("name") or PASTED), f"{stem}.yaml")
