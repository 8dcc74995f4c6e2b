"""The editor: correct the story on screen (merge, rename, drop, split, kind, group; places
merge, rename, parent), undo, reset, and download the edits file and the corrected story.

The corrections are an edits file (:mod:`timeline.edits`) kept with the story in the page:
the page's upload store (:data:`~layouts.ids.UPLOAD_STORE`, session storage) holds
``{key, name, title, format, base, base_upload, edits}``, where ``edits`` is the list of
edits made, in order (``[section, op, name, value]``, names as in the story as read), and
``key`` is the edited story's id, ``upload-…`` from the base story and the edits file's
text (:func:`layouts.stories.upload_key_for`). The edited story is kept on the server under
that key like an upload, with the same ``{base, base_upload, edits}`` the page holds, so the
URL names it, a reload keeps it, a shared link opens it with its edits (count, Undo, Reset,
downloads) in any browser, and every view follows it as it follows any story. Undo drops the last edit, Reset all of them (back to the base).

Edits are made on the story on screen but written, as an edits file must be, with the
names of the story as read (the base): a character is named by its name in the base story
(ids never change: a renamed character keeps its id), so the downloaded file applied to
the same source with :func:`timeline.formats.load_story` gives the story the app shows.
"""

from __future__ import annotations

from pathlib import Path

import dash_bootstrap_components as dbc
import yaml
from dash import Input, Output, State, callback, ctx, dcc, html, no_update

from timeline.edits import EDITS_SUFFIX, MAX_EDITS_BYTES, Edits, apply_edits, dump_edits, parse_edits
from timeline.errors import StoryError
from timeline.model import Story

from . import ids, stories
from .state import compose_query, current

__all__ = ["layout", "editing", "edits_name", "edited", "edit_story", "apply_edits_file", "character_choices",
           "place_choices", "edits_text", "story_yaml", "ACTIONS"]

#: Button id -> (section, op) of the edit it makes.
ACTIONS = {
    ids.EDIT_MERGE: ("characters", "merge"), ids.EDIT_RENAME: ("characters", "rename"),
    ids.EDIT_DROP: ("characters", "drop"), ids.EDIT_SPLIT: ("characters", "split"),
    ids.EDIT_GROUP: ("characters", "group"), ids.EDIT_KIND: ("characters", "kind"),
    ids.EDIT_PLACE_MERGE: ("places", "merge"), ids.EDIT_PLACE_RENAME: ("places", "rename"),
    ids.EDIT_PLACE_PARENT: ("places", "parent"),
}


# ---------------------------------------------------------------- plain functions (tested)
def editing(story_id: str | None, upload: dict | None) -> tuple[str, dict | None, list]:
    """``(base story id, base upload or None, edits made)`` of the story on screen (a
    shipped story's edits file beside it gives its first edits)."""
    held = upload if isinstance(upload, dict) and upload.get("key") == story_id else stories.upload_meta(story_id)
    if held:  # the page's store, or what the server keeps with the story (a shared link)
        if held.get("base"):
            return held["base"], held.get("base_upload"), [list(e) for e in held.get("edits") or ()]
        return story_id, held, []
    sid = story_id or stories.default_story_id()
    return sid, None, _shipped_entries(sid)


def _shipped_entries(story_id: str) -> list:
    """The edits a shipped story is shown with (its sidecar), as editor entries."""
    try:
        return _entries(stories.catalogue_edits(story_id))
    except StoryError:  # a bad sidecar: the story itself could not be shown either
        return []


def _entries(doc) -> list:
    return [[e.section, e.op, e.key, list(e.value) if isinstance(e.value, tuple) else e.value] for e in doc or ()]


def edits_name(base_id: str, base_upload: dict | None) -> str:
    """The edits file's name: ``<stem of the story's file>.edits.yaml``."""
    stem = Path(base_upload["name"]).stem if base_upload and base_upload.get("name") else base_id
    return f"{stem}{EDITS_SUFFIX}"


def _document(entries: list, name: str) -> Edits:
    doc = Edits(source=name)
    for sec, op, key, value in entries:
        doc = doc.add(sec, op, key, tuple(value) if isinstance(value, list) else value)
    return doc


def edits_text(story_id: str | None, upload: dict | None) -> tuple[str, str]:
    """``(file name, YAML text)`` of the edits made to the story on screen."""
    base_id, base_upload, entries = editing(story_id, upload)
    name = edits_name(base_id, base_upload)
    return name, dump_edits(_document(entries, name))


def story_yaml(story_id: str | None, upload: dict | None) -> tuple[str, str]:
    """``(file name, YAML text)`` of the corrected story on screen (a story file that loads)."""
    sid, story = stories.resolve(story_id, upload)
    base_id, base_upload, _ = editing(sid, upload)
    stem = Path(base_upload["name"]).stem if base_upload and base_upload.get("name") else base_id
    text = yaml.safe_dump(story.to_data(), allow_unicode=True, sort_keys=False, width=100)
    return f"{stem}-corrected.yaml", text


def edited(story_id: str | None, upload: dict | None, entries: list) -> tuple[str, dict | None]:
    """``(story id, upload store)`` of the base story of ``story_id`` with ``entries``
    applied (kept on the server); the base itself when there are none.

    Raises :class:`StoryError` (``name:line:col: problem``) when the edits cannot be applied."""
    base_id, base_upload, _ = editing(story_id, upload)
    if not entries or (base_upload is None and entries == _shipped_entries(base_id)):
        return base_id, base_upload  # the story as it is shown without the editor
    base = stories.base_story(base_id)
    if base is None:
        raise StoryError("the story these edits apply to is no longer on this server; upload it again")
    name = edits_name(base_id, base_upload)
    text = dump_edits(_document(entries, name))
    story = apply_edits(base, parse_edits(text, source=name))
    key = stories.upload_key_for(base_id.encode(), "edited", text)
    meta = {"key": key, "name": name, "title": story.title, "format": "edited", "base": base_id,
            "base_upload": base_upload, "edits": [list(e) for e in entries]}
    if stories.uploaded_story(key) is None:  # kept with its base and edits: its link restores the editor
        error = stories.keep_story(key, story, meta)
        if error:
            raise StoryError(f"{name}:0:0: {error}")
    return key, meta


def _base_name(kind: str, base: Story | None, story: Story, ident: str | None) -> str | None:
    """The name of a character or place (by its id on screen) in the story as read."""
    if not ident:
        return None
    for s in (base, story):
        if s is None:
            continue
        try:
            return (s.character(ident) if kind == "character" else s.location(ident)).name
        except KeyError:
            continue
    return ident


def edit_story(action: str, story_id: str | None, upload: dict | None, fields: dict) -> tuple[str, dict | None, str]:
    """One edit made in the editor: ``(story id, upload store, message)``.

    ``action`` is a button id of :data:`ACTIONS` (or undo / reset); ``fields`` the
    editor's values by id (``EDIT_CHARACTER`` …, ids on screen).
    Raises :class:`StoryError` with a message for people when the edit cannot be made."""
    sid, story = stories.resolve(story_id, upload)
    base_id, base_upload, entries = editing(sid, upload)
    if action == ids.EDIT_UNDO:
        if not entries:
            raise StoryError("nothing to undo")
        new_id, new_upload = edited(sid, upload, entries[:-1])
        return new_id, new_upload, f"Undone: {entries[-1][0]}.{entries[-1][1]} of {entries[-1][2]!r}."
    if action == ids.EDIT_RESET:
        new_id, new_upload = edited(sid, upload, [])
        return new_id, new_upload, "Edits made here undone."
    sec, op = ACTIONS[action]
    base = stories.base_story(base_id)
    kind = "character" if sec == "characters" else "place"
    chosen = fields.get(ids.EDIT_CHARACTER if sec == "characters" else ids.EDIT_PLACE)
    into = fields.get(ids.EDIT_CHARACTER_INTO if sec == "characters" else ids.EDIT_PLACE_INTO)
    text = (fields.get(ids.EDIT_CHARACTER_TEXT if sec == "characters" else ids.EDIT_PLACE_TEXT) or "").strip()
    if not chosen:
        raise StoryError(f"choose a {kind} first")
    key = _base_name(kind, base, story, chosen)
    shown = _base_name(kind, None, story, chosen)
    if op in ("merge",):
        if not into:
            raise StoryError(f"choose the {kind} to merge {shown!r} into")
        if into == chosen:
            raise StoryError(f"{shown!r} cannot be merged into itself")
        value = _base_name(kind, base, story, into)
    elif op == "parent":
        value = _base_name(kind, base, story, into) if into else None
    elif op == "rename":
        if not text:
            raise StoryError("type the new name")
        value = text
    elif op == "split":
        value = [n.strip() for n in text.replace("/", ",").replace(" & ", ",").split(",") if n.strip()]
        if len(value) < 2:
            raise StoryError("type the names to split into, separated by commas (e.g. Randy, Dr. Rumack)")
    elif op == "group":
        value = text or None
    elif op == "kind":
        value = "person" if story.character(chosen).kind == "group" else "group"
    else:
        value = None
    new_entries = [*entries, [sec, op, key, value]]
    new_id, new_upload = edited(sid, upload, new_entries)
    what = {"merge": f"merged into {_base_name(kind, None, story, into)!r}", "rename": f"renamed {value!r}",
            "drop": "dropped", "split": f"split into {', '.join(value) if isinstance(value, list) else value}",
            "group": f"in group {value!r}" if value else "in no group", "kind": f"now a {value}",
            "parent": f"inside {_base_name(kind, None, story, into)!r}" if into else "inside no other place"}[op]
    return new_id, new_upload, f"{shown} {what}."


def apply_edits_file(contents: str | None, filename: str | None, story_id: str | None,
                     upload: dict | None) -> tuple[str, dict | None, str]:
    """An uploaded edits file applied to the story on screen (after the edits already made):
    ``(story id, upload store, message)``; :class:`StoryError` when it cannot be."""
    name = Path(filename or "edits.yaml").name
    raw = stories.decode_upload(contents, name, MAX_EDITS_BYTES)
    doc = parse_edits(raw, source=name)
    if not doc:
        raise StoryError(f"{name}:0:0: the edits file holds no edit")
    sid, _ = stories.resolve(story_id, upload)
    base_id, _, entries = editing(sid, upload)
    base = stories.base_story(base_id)
    if base is not None:
        apply_edits(base, doc, source=name)  # its own problems, at their lines in the uploaded file
    added = _entries(doc)
    new_id, new_upload = edited(sid, upload, [*entries, *added])
    return new_id, new_upload, f"Applied {len(added)} edit{'s' if len(added) != 1 else ''} from {name}."


def character_choices(story: Story) -> list[dict]:
    """Every character of the story (whatever the filter), most scenes first."""
    n = {c.id: 0 for c in story.characters}
    for s in story.scenes:
        for c in s.characters:
            n[c] = n.get(c, 0) + 1
    chars = sorted(story.characters, key=lambda c: (-n.get(c.id, 0), c.name.casefold()))
    return [{"label": f"{c.name} ({n.get(c.id, 0)})" + (" · group" if c.kind == "group" else ""), "value": c.id,
             "search": " ".join([c.name, *c.aliases, c.id])} for c in chars]


def place_choices(story: Story) -> list[dict]:
    return [{"label": loc.name + (f" (in {story.location(loc.parent).name})" if loc.parent else ""),
             "value": loc.id, "search": f"{loc.name} {loc.id}"} for loc in story.locations]


# ---------------------------------------------------------------- layout
def _field(label, control_id, control):
    return html.Div([dbc.Label(label, html_for=control_id, className="small fw-semibold mb-1"), control],
                    className="mb-2")


def _button(label, id_, **kw):
    return dbc.Button(label, id=id_, size="sm", color=kw.pop("color", "outline-primary"), n_clicks=0,
                      className="me-1 mb-1", **kw)


def layout() -> dbc.Card:
    dd = dict(clearable=True, searchable=True, className="editor-dropdown")
    return dbc.Card(
        [dbc.CardHeader([html.H2("Correct the story", className="h6 mb-0 d-inline"),
                         html.Small(id=ids.EDIT_COUNT, className="text-muted ms-2")], className="bg-white"),
         dbc.CardBody([
             html.Fieldset([
                 html.Legend("Characters", className="small fw-bold mb-1"),
                 _field("Character", ids.EDIT_CHARACTER,
                        dcc.Dropdown(id=ids.EDIT_CHARACTER, options=[], placeholder="Choose a character…", **dd)),
                 _field("Merge into", ids.EDIT_CHARACTER_INTO,
                        dcc.Dropdown(id=ids.EDIT_CHARACTER_INTO, options=[], placeholder="…this character", **dd)),
                 _field("New name, names to split into, or group", ids.EDIT_CHARACTER_TEXT,
                        dbc.Input(id=ids.EDIT_CHARACTER_TEXT, size="sm", type="text", debounce=True,
                                  placeholder="e.g. Ted Striker · Randy, Dr. Rumack · crew")),
                 html.Div([_button("Merge", ids.EDIT_MERGE), _button("Rename", ids.EDIT_RENAME),
                           _button("Split", ids.EDIT_SPLIT), _button("Set group", ids.EDIT_GROUP),
                           _button("Person ⇄ group", ids.EDIT_KIND),
                           _button("Drop", ids.EDIT_DROP, color="outline-danger")],
                          className="d-flex flex-wrap", role="group", **{"aria-label": "Character edits"}),
             ], className="mb-3"),
             html.Fieldset([
                 html.Legend("Places", className="small fw-bold mb-1"),
                 _field("Place", ids.EDIT_PLACE,
                        dcc.Dropdown(id=ids.EDIT_PLACE, options=[], placeholder="Choose a place…", **dd)),
                 _field("Merge into, or put inside", ids.EDIT_PLACE_INTO,
                        dcc.Dropdown(id=ids.EDIT_PLACE_INTO, options=[], placeholder="…this place (none: top level)",
                                     **dd)),
                 _field("New name", ids.EDIT_PLACE_TEXT,
                        dbc.Input(id=ids.EDIT_PLACE_TEXT, size="sm", type="text", debounce=True)),
                 html.Div([_button("Merge", ids.EDIT_PLACE_MERGE), _button("Rename", ids.EDIT_PLACE_RENAME),
                           _button("Put inside", ids.EDIT_PLACE_PARENT)],
                          className="d-flex flex-wrap", role="group", **{"aria-label": "Place edits"}),
             ], className="mb-3"),
             html.Div([_button("Undo", ids.EDIT_UNDO, color="outline-secondary"),
                       _button("Reset", ids.EDIT_RESET, color="outline-secondary"),
                       _button("Edits file ⤓", ids.EDIT_DOWNLOAD_EDITS, color="outline-success",
                               title="Download the edits file (YAML): apply it to the same script with --edits"),
                       _button("Corrected story ⤓", ids.EDIT_DOWNLOAD_STORY, color="outline-success",
                               title="Download the corrected story (YAML story file)"),
                       dcc.Upload(id=ids.EDIT_UPLOAD, multiple=False, max_size=-1,
                                  children=dbc.Button("Apply an edits file…", size="sm", color="outline-secondary",
                                                      className="mb-1"))],
                      className="d-flex flex-wrap align-items-start", role="group",
                      **{"aria-label": "Undo, reset, download and upload edits"}),
             html.Div(id=ids.EDIT_MESSAGE, className="small mt-2", role="status", **{"aria-live": "polite"}),
             dcc.Download(id=ids.EDIT_SAVE_EDITS),
             dcc.Download(id=ids.EDIT_SAVE_STORY),
         ], className="editor-body")],
        id=ids.EDITOR, className="shadow-sm mb-3 editor-card",
    )


# ---------------------------------------------------------------- callbacks
def _alert(text: str, ok: bool):
    return dbc.Alert(text if ok else [html.Strong("Not changed: "), html.Code(text)],
                     color="success" if ok else "danger", dismissable=True, className="mb-0 py-1 px-2 small")


def _url_for(query: str | None, upload, new_id: str, new_upload) -> str:
    """The query string of the view with the story replaced (filters, range and order kept)."""
    cur = current(query, upload)
    state = cur.state.replace(story=new_id)
    n = len(stories.resolve(new_id, new_upload)[1].scenes)
    return compose_query(state, cur.net, default_story=stories.default_story_id(), n_scenes=n, win=cur.win)


@callback(
    Output(ids.UPLOAD_STORE, "data", allow_duplicate=True),
    Output(ids.URL, "search", allow_duplicate=True),
    Output(ids.EDIT_MESSAGE, "children"),
    *(Input(b, "n_clicks") for b in (*ACTIONS, ids.EDIT_UNDO, ids.EDIT_RESET)),
    Input(ids.EDIT_UPLOAD, "contents"),
    State(ids.EDIT_UPLOAD, "filename"),
    State(ids.EDIT_CHARACTER, "value"), State(ids.EDIT_CHARACTER_INTO, "value"), State(ids.EDIT_CHARACTER_TEXT, "value"),
    State(ids.EDIT_PLACE, "value"), State(ids.EDIT_PLACE_INTO, "value"), State(ids.EDIT_PLACE_TEXT, "value"),
    State(ids.STATE, "data"),
    State(ids.UPLOAD_STORE, "data"),
    prevent_initial_call=True,
)
def on_edit(*args):
    (ch, ch_into, ch_text, pl, pl_into, pl_text, query, upload) = args[-8:]
    contents, filename = args[-10], args[-9]
    fields = {ids.EDIT_CHARACTER: ch, ids.EDIT_CHARACTER_INTO: ch_into, ids.EDIT_CHARACTER_TEXT: ch_text,
              ids.EDIT_PLACE: pl, ids.EDIT_PLACE_INTO: pl_into, ids.EDIT_PLACE_TEXT: pl_text}
    return edit_logic(ctx.triggered_id, contents, filename, fields, query, upload)


def edit_logic(trigger, contents, filename, fields: dict, query, upload):
    """The editor callback's outputs (a plain function): ``(upload store, URL query, message)``."""
    story_id = current(query, upload).story_id
    try:
        if trigger == ids.EDIT_UPLOAD:
            new_id, new_upload, msg = apply_edits_file(contents, filename, story_id, upload)
        else:
            new_id, new_upload, msg = edit_story(trigger, story_id, upload, fields)
    except StoryError as e:
        return no_update, no_update, _alert(str(e), False)
    return new_upload, _url_for(query, upload, new_id, new_upload), _alert(msg, True)


@callback(
    Output(ids.EDIT_CHARACTER, "options"),
    Output(ids.EDIT_CHARACTER_INTO, "options"),
    Output(ids.EDIT_PLACE, "options"),
    Output(ids.EDIT_PLACE_INTO, "options"),
    Output(ids.EDIT_COUNT, "children"),
    Output(ids.EDIT_UNDO, "disabled"),
    Output(ids.EDIT_RESET, "disabled"),
    Input(ids.STORY_PICKER, "value"),
    Input(ids.UPLOAD_STORE, "data"),
)
def editor_choices(story_id, upload):
    """The editor lists every character and place of the story on screen."""
    sid, story = stories.resolve(story_id, upload)
    n = len(editing(sid, upload)[2])
    chars, places = character_choices(story), place_choices(story)
    count = f"{n} edit{'s' if n != 1 else ''}" if n else "as read"
    return chars, chars, places, places, count, n == 0, n == 0


def _register_download(button: str, target: str, make):
    """A download button: ``make(story id, upload) -> (file name, text)`` of the story on screen."""
    @callback(Output(target, "data"), Input(button, "n_clicks"), State(ids.STORY_PICKER, "value"),
              State(ids.UPLOAD_STORE, "data"), prevent_initial_call=True)
    def download(_n, story_id, upload):
        name, text = make(story_id, upload)
        return {"content": text, "filename": name, "type": "application/yaml"}

    return download


download_edits = _register_download(ids.EDIT_DOWNLOAD_EDITS, ids.EDIT_SAVE_EDITS, edits_text)
download_story = _register_download(ids.EDIT_DOWNLOAD_STORY, ids.EDIT_SAVE_STORY, story_yaml)
