"""Stories: the picker over ``data/``, the upload, and how a request finds its story.

No per-user state lives on the server. Stories shipped in ``data/`` are known
by id (the file stem) and cached read-only; an id from a request is only ever
looked up in that catalogue, never opened as a path. An uploaded story travels
in the page (the :data:`~layouts.ids.UPLOAD_STORE` store holds its data), so
any worker can serve any request.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from functools import lru_cache
from pathlib import Path

import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html, no_update

import timeline.graph  # noqa: F401  (see layouts.common: no first imports inside threads)
from timeline.errors import StoryError, StoryFormatError
from timeline.formats import format_for, load_story, loads_story
from timeline.model import Story

from . import ids

#: Largest upload the app accepts (bytes); said in the UI.
UPLOAD_LIMIT = 5 * 1024 * 1024
#: Extensions offered in the picker and accepted by the upload.
STORY_EXTENSIONS = (".yaml", ".yml", ".json", ".fountain", ".spmd", ".fdx")
UPLOAD_PREFIX = "upload-"

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# id -> file; filled once at start-up by configure(), read-only afterwards.
_CATALOGUE: dict[str, Path] = {}
_DEFAULT: list[str] = []


def configure(default_story_path=None, data_dir: Path | None = None) -> str:
    """Build the catalogue of known stories; return the default story id."""
    data_dir = Path(data_dir) if data_dir else DATA_DIR
    cat: dict[str, Path] = {}
    if data_dir.is_dir():
        for p in sorted(data_dir.iterdir()):
            if p.is_file() and p.suffix.lower() in STORY_EXTENSIONS:
                cat.setdefault(p.stem, p.resolve())
    default_id = None
    if default_story_path is not None:
        p = Path(default_story_path).resolve()
        load_story(p)  # fail early, with path:line:col, on a bad default story
        for sid, known in cat.items():
            if known == p:
                default_id = sid
        if default_id is None:
            default_id = p.stem if p.stem not in cat else f"{p.stem}-{hashlib.sha1(str(p).encode()).hexdigest()[:6]}"
            cat[default_id] = p
    if default_id is None:
        default_id = "desperado" if "desperado" in cat else (next(iter(cat)) if cat else None)
    if default_id is None:
        raise StoryError(f"no story to serve: {data_dir} holds no story file and none was named")
    _CATALOGUE.clear()
    _CATALOGUE.update(cat)
    _DEFAULT[:] = [default_id]
    catalogue_story.cache_clear()
    return default_id


def default_story_id() -> str:
    if not _DEFAULT:
        configure()
    return _DEFAULT[0]


def known_ids() -> list[str]:
    default_story_id()
    return list(_CATALOGUE)


@lru_cache(maxsize=32)
def catalogue_story(story_id: str) -> Story:
    """The story of a catalogue id (KeyError for unknown ids). Cached read-only."""
    default_story_id()
    return load_story(_CATALOGUE[story_id])


@lru_cache(maxsize=16)
def _story_from_json(text: str) -> Story:
    return Story.model_validate(json.loads(text))


def upload_key(upload: dict | None) -> str | None:
    return upload.get("key") if isinstance(upload, dict) else None


def resolve(story_id: str | None, upload: dict | None = None) -> tuple[str, Story]:
    """``(id, story)`` for a requested id: the upload in the page, a catalogue id,
    or the default story for anything else (unknown ids and paths included)."""
    if story_id and story_id.startswith(UPLOAD_PREFIX) and upload_key(upload) == story_id:
        try:
            return story_id, _story_from_json(upload["data"])
        except (ValueError, TypeError, KeyError):
            pass
    sid = default_story_id()
    if story_id in _CATALOGUE:
        return story_id, catalogue_story(story_id)
    return sid, catalogue_story(sid)


def is_known(story_id: str | None, upload: dict | None = None) -> bool:
    return story_id in _CATALOGUE or (bool(story_id) and upload_key(upload) == story_id)


def story_options(upload: dict | None = None) -> list[dict]:
    opts = []
    for sid in _CATALOGUE:
        try:
            label = catalogue_story(sid).title
        except StoryError:
            label = f"{sid} (unreadable)"
            opts.append({"label": label, "value": sid, "disabled": True})
            continue
        opts.append({"label": label if label.casefold() == sid.casefold() else f"{label} ({sid})", "value": sid})
    if upload_key(upload):
        opts.append({"label": f"{upload.get('title', 'Uploaded story')} (uploaded: {upload.get('name', '')})",
                     "value": upload["key"]})
    return opts


def parse_upload(contents: str | None, filename: str | None) -> tuple[dict | None, str | None]:
    """Read an upload (a data: URL). Returns ``(store_data, None)`` or ``(None, message)``."""
    name = Path(filename or "upload").name  # only the name: never a path from the request
    if not contents:
        return None, f"{name}:0:0: the file is empty"
    try:
        _, b64 = contents.split(",", 1)
        raw = base64.b64decode(b64, validate=False)
    except (ValueError, binascii.Error):
        return None, f"{name}:0:0: the upload could not be decoded"
    if len(raw) > UPLOAD_LIMIT:
        return None, f"{name}:0:0: file is {len(raw) / 1e6:.1f} MB; the limit is {UPLOAD_LIMIT // (1024 * 1024)} MB"
    if format_for(name) is None:
        return None, (f"{name}:0:0: unknown story format; upload one of "
                      f"{', '.join(STORY_EXTENSIONS)}")
    try:
        story = loads_story(raw, None, path=name)
    except StoryFormatError as e:
        return None, str(e)
    except StoryError as e:
        return None, f"{name}:0:0: {e}"
    except ModuleNotFoundError:
        return None, f"{name}:0:0: this app cannot read {Path(name).suffix} files yet"
    except Exception as e:  # a reader bug must not take the page down
        return None, f"{name}:0:0: could not read the story ({type(e).__name__}: {e})"
    key = UPLOAD_PREFIX + hashlib.sha256(raw).hexdigest()[:12]
    data = json.dumps(story.to_data(), ensure_ascii=False, separators=(",", ":"))
    return {"key": key, "name": name, "title": story.title, "data": data}, None


# ---------------------------------------------------------------- layout
def layout() -> html.Div:
    mb = UPLOAD_LIMIT // (1024 * 1024)
    return html.Div(
        [
            dbc.InputGroup(
                [
                    dbc.InputGroupText("Story"),
                    dbc.Select(id=ids.STORY_PICKER, options=story_options(), value=default_story_id(),
                               className="story-picker"),
                ],
                size="sm",
                className="me-2 story-group",
            ),
            dcc.Upload(
                id=ids.UPLOAD,
                children=dbc.Button("Upload a story…", color="light", size="sm", className="upload-button"),
                accept=",".join(STORY_EXTENSIONS),
                max_size=-1,  # checked on the server, so the user gets a message instead of silence
                multiple=False,
                className="upload",
            ),
            html.Small(f"YAML, JSON, Fountain or FDX, up to {mb} MB", className="text-white-50 ms-2 upload-hint"),
        ],
        className="d-flex align-items-center flex-wrap stories",
    )


def alert() -> html.Div:
    return html.Div(id=ids.STORY_ALERT, className="story-alert")


# ---------------------------------------------------------------- callbacks
@callback(
    Output(ids.UPLOAD_STORE, "data"),
    Output(ids.STORY_PICKER, "value", allow_duplicate=True),
    Output(ids.STORY_ALERT, "children"),
    Input(ids.UPLOAD, "contents"),
    State(ids.UPLOAD, "filename"),
    State(ids.UPLOAD_STORE, "data"),
    prevent_initial_call=True,
)
def on_upload(contents, filename, current):
    store, error = parse_upload(contents, filename)
    if error:
        msg = dbc.Alert(
            [html.Strong("Could not read that story. "), html.Code(error, className="story-error"),
             html.Div("The story on screen is unchanged.", className="small mt-1")],
            color="danger", dismissable=True, className="mb-0", id={"type": "story-error", "n": 0},
        )
        return no_update, no_update, msg
    ok = dbc.Alert(f"Loaded “{store['title']}” from {store['name']}.", color="success", dismissable=True,
                   duration=6000, className="mb-0")
    return store, store["key"], ok


@callback(
    Output(ids.STORY_PICKER, "options"),
    Input(ids.UPLOAD_STORE, "data"),
)
def picker_options(upload):
    """After a reload the upload is still in the page (session storage): offer it again."""
    return story_options(upload)
