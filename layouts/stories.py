"""Stories: the picker over the shipped stories, the upload, the import notes, and how
a request finds its story.

Stories shipped in ``data/`` are known by id (the file stem); an id from a request
is only ever looked up in that catalogue, never opened as a path. An upload is read
once, on the server, and kept there under a content hash (``upload-<sha256>``): in
a disk store shared by the server's worker processes (bounded by bytes), and, read,
in memory (bounded by bytes too). The page keeps only ``{key, name, title}``
(:data:`~layouts.ids.UPLOAD_STORE`), so a big story no longer rides on every request.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import logging
from pathlib import Path

import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html, no_update

import timeline.graph  # noqa: F401  (no first imports inside callback threads: see layouts.charts)
from timeline.errors import StoryError, StoryFormatError
from timeline.edits import EDITS_SUFFIX
from timeline.formats import format_for, load_story, loads_story, reader_version
from timeline.model import Story
from timeline.resources import data_dir as shipped_data_dir

from . import ids
from .cache import MB, ByteCache, cache_dir

__all__ = ["configure", "default_story_id", "known_ids", "catalogue_story", "resolve", "is_known",
           "story_options", "parse_upload", "upload_format", "uploaded_story", "notes_panel", "UPLOAD_LIMIT",
           "PDF_UPLOAD_LIMIT", "upload_limit"]

log = logging.getLogger(__name__)

#: Largest upload the app accepts (bytes); said in the UI.
UPLOAD_LIMIT = 5 * MB
#: PDFs may be larger: a studio script with embedded fonts or a scanned cover page runs to
#: several MB for the same text (it is read in a child process with its own limits).
PDF_UPLOAD_LIMIT = 20 * MB


def upload_limit(name: str) -> int:
    """The upload limit for a file of this name (bytes): larger for PDFs."""
    return PDF_UPLOAD_LIMIT if str(name).lower().endswith(".pdf") else UPLOAD_LIMIT
#: Largest story an upload may become once read (its JSON): a small file that expands
#: (YAML aliases) is refused instead of filling the server's memory.
STORED_LIMIT = 32 * MB
#: Extensions offered in the picker and accepted by the upload.
STORY_EXTENSIONS = (".yaml", ".yml", ".json", ".fountain", ".spmd", ".fdx", ".txt", ".html", ".htm", ".pdf")
UPLOAD_PREFIX = "upload-"
#: Disk budget of the upload store (shared by the worker processes).
UPLOAD_DISK_BYTES = 512 * MB

#: story id -> Story (catalogue and uploads alike); a read story is ~4x its JSON in memory.
STORIES = ByteCache("stories", 200 * MB)

# id -> file; filled once at start-up by configure(), read-only afterwards.
_CATALOGUE: dict[str, Path] = {}
_DEFAULT: list[str] = []
_UPLOADS = []  # [diskcache.Cache], opened on first use (one per process)
_DEFAULT_PATH: list[Path] = []  # the story file ``serve`` was given (its --edits apply to it alone)


def configure(default_story_path=None, data_dir: Path | None = None) -> str:
    """Build the catalogue of known stories; return the default story id."""
    data_dir = Path(data_dir) if data_dir else shipped_data_dir()
    _DEFAULT_PATH[:] = [Path(default_story_path).resolve()] if default_story_path is not None else []
    cat: dict[str, Path] = {}
    if data_dir.is_dir():
        for p in sorted(data_dir.iterdir()):
            # an edits file beside a story (<stem>.edits.yaml) is its corrections, not a story
            if p.is_file() and p.suffix.lower() in STORY_EXTENSIONS and not p.name.lower().endswith(EDITS_SUFFIX):
                cat.setdefault(p.stem, p.resolve())
    default_id = None
    if default_story_path is not None:
        p = Path(default_story_path).resolve()
        load_story(p, edits=_edits_for(p))  # fail early, with path:line:col, on a bad default story
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
    if not _DEFAULT_PATH:  # serve's --edits apply to the story shown first, named or not
        _DEFAULT_PATH[:] = [cat[default_id].resolve()]
    _DEFAULT[:] = [default_id]
    STORIES.clear()
    return default_id


def default_story_id() -> str:
    if not _DEFAULT:
        configure()
    return _DEFAULT[0]


def known_ids() -> list[str]:
    default_story_id()
    return list(_CATALOGUE)


def _story_size(story: Story, text_bytes: int | None = None) -> int:
    if text_bytes is None:
        text_bytes = len(json.dumps(story.to_data(), separators=(",", ":"), default=str))
    return 4 * text_bytes


def catalogue_story(story_id: str) -> Story:
    """The story of a catalogue id (KeyError for unknown ids). Cached read-only."""
    default_story_id()
    path = _CATALOGUE[story_id]
    return STORIES.get_or_make(story_id, lambda: load_story(path, edits=_edits_for(path)),
                               lambda s: 4 * path.stat().st_size + 64 * 1024)


def catalogue_edits(story_id: str):
    """The edits a catalogue story is shown with (its sidecar, or ``serve --edits``), as an
    :class:`~timeline.edits.Edits`; None for an unknown id or none."""
    from timeline.edits import load_edits, sidecar_for

    path = _CATALOGUE.get(story_id)
    if path is None:
        return None
    chosen = _edits_for(path)
    if chosen is False:
        return None
    if chosen is None:
        chosen = sidecar_for(path)
        if not chosen.is_file():
            return None
    return load_edits(chosen)


def _edits_for(path: Path):
    """The edits of a catalogue story: its sidecar (None), or for the story ``serve`` was
    given, ``--edits FILE`` / ``--no-edits`` (``SCENE_TIMELINE_EDITS``: a path or ``none``)."""
    import os

    chosen = os.environ.get("SCENE_TIMELINE_EDITS")
    if chosen and _DEFAULT_PATH[:1] == [Path(path).resolve()]:
        return False if chosen == "none" else chosen
    return None


# ---------------------------------------------------------------- the upload store
def _uploads():
    if not _UPLOADS:
        import diskcache

        _UPLOADS.append(diskcache.Cache(str(cache_dir("uploads")), size_limit=UPLOAD_DISK_BYTES,
                                        eviction_policy="least-recently-used"))
    return _UPLOADS[0]


def uploaded_story(key: str) -> Story | None:
    """The uploaded story kept under ``key``, or None when this server does not have it."""
    hit = STORIES.get(key)
    if hit is not None:
        return hit
    try:
        text = _uploads().get(key)
    except Exception:  # noqa: BLE001  (a broken disk store: the upload is just not there)
        log.exception("upload store unreadable")
        return None
    if text is None:
        return None
    try:
        story = Story.model_validate(json.loads(text))
    except (ValueError, TypeError):
        log.warning("upload %s: stored story unreadable", key)
        return None
    return STORIES.put(key, story, _story_size(story, len(text)))


def upload_key(upload: dict | None) -> str | None:
    return upload.get("key") if isinstance(upload, dict) else None


def resolve(story_id: str | None, upload: dict | None = None) -> tuple[str, Story]:
    """``(id, story)`` for a requested id: the upload the page holds (kept on the server),
    a catalogue id, or the default story for anything else (unknown ids and paths included)."""
    if story_id and story_id.startswith(UPLOAD_PREFIX) and upload_key(upload) == story_id:
        story = uploaded_story(story_id)
        if story is not None:
            return story_id, story
    if story_id in _CATALOGUE:
        return story_id, catalogue_story(story_id)
    sid = default_story_id()
    return sid, catalogue_story(sid)


def is_known(story_id: str | None, upload: dict | None = None) -> bool:
    return story_id in _CATALOGUE or (bool(story_id) and upload_key(upload) == story_id)


def story_options(upload: dict | None = None) -> list[dict]:
    opts = []
    for sid in known_ids():
        try:
            label = catalogue_story(sid).title
        except StoryError:
            opts.append({"label": f"{sid} (unreadable)", "value": sid, "disabled": True})
            continue
        opts.append({"label": label if label.casefold() == sid.casefold() else f"{label} ({sid})", "value": sid})
    if upload_key(upload):
        n = len(upload.get("edits") or ())
        how = f"{n} edit{'s' if n != 1 else ''}" if n else f"uploaded: {upload.get('name', '')}"
        opts.append({"label": f"{upload.get('title', 'Uploaded story')} ({how})", "value": upload["key"]})
    return opts


def _mb(n: int) -> str:
    return f"{n / MB:.1f} MB"


def parse_upload(contents: str | None, filename: str | None, format: str | None = None) -> tuple[dict | None, str | None]:
    """Read an upload (a data: URL) and keep it on the server.

    ``format`` forces a reader (the "New story from text" box drafts with
    ``format="draft"``); by default :func:`upload_format` decides.
    Returns ``({key, name, title, format}, None)`` for the page, or ``(None, message)``;
    the message is ``name:line:col: problem``. Never raises."""
    name = Path(filename or "upload").name  # only the name: never a path from the request
    try:
        return _parse_upload(contents, name, format)
    except Exception as e:  # noqa: BLE001  (a reader bug must not answer 500)
        log.exception("upload %s", name)
        return None, f"{name}:0:0: could not read the story ({type(e).__name__})"


def upload_format(raw: bytes, name: str) -> str | None:
    """The reader for an upload: by its name as :func:`timeline.formats.load_story` decides
    (``*_simple.json`` is story-curve data), and a ``.json`` whose content is story-curve
    data (a top-level ``"script_info"`` object, e.g. a renamed ``pulp_fiction (1).json``)
    read as such too: our own JSON stories never have that key."""
    fmt = format_for(name)
    if fmt == "json":
        head = raw[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
        if head.startswith(b"{") and b'"script_info"' in head[:200]:
            return "storycurve"
    return fmt


def upload_key_for(raw: bytes, fmt: str | None, edits: str = "") -> str:
    """The key an upload is kept under: its bytes, the reader that read them (and its
    version) and the edits applied (canonical text), so one file read two ways is two
    stories, and a better reader reads an old upload anew."""
    h = hashlib.sha256()
    edits_hash = hashlib.sha256(edits.encode()).hexdigest() if edits else ""
    h.update(f"{fmt or ''}\0{reader_version(fmt)}\0{edits_hash}\0".encode())
    h.update(raw)
    return UPLOAD_PREFIX + h.hexdigest()[:24]


def _parse_upload(contents, name, forced=None):
    suffix = Path(name).suffix.lower()
    if forced is None and (suffix not in STORY_EXTENSIONS or format_for(name) is None):
        return None, (f"{name}:0:0: {suffix or 'no extension'} is not a story format this app reads; "
                      f"upload one of {', '.join(STORY_EXTENSIONS)}")
    if not contents:
        return None, f"{name}:0:0: the file is empty"
    limit = upload_limit(name)
    try:
        _, b64 = contents.split(",", 1)
        if len(b64) * 3 // 4 > limit + 4:
            return None, f"{name}:0:0: the file is {_mb(len(b64) * 3 // 4)}; the limit is {limit // MB} MB"
        raw = base64.b64decode(b64, validate=False)
    except (ValueError, binascii.Error):
        return None, f"{name}:0:0: the upload could not be decoded"
    if len(raw) > limit:
        return None, f"{name}:0:0: the file is {_mb(len(raw))}; the limit is {limit // MB} MB"
    if not raw.strip():
        return None, f"{name}:0:0: the file is empty"
    fmt = forced or upload_format(raw, name)
    key = upload_key_for(raw, fmt)
    story = uploaded_story(key)
    if story is None:
        try:
            story = loads_story(raw, fmt, path=name)
        except StoryFormatError as e:
            return None, str(e)
        except StoryError as e:
            return None, f"{name}:0:0: {e}"
        except (RecursionError, MemoryError):
            return None, f"{name}:0:0: the story is nested too deep or too big to read"
        error = keep_story(key, story)
        if error:
            return None, f"{name}:0:0: {error}"
    return {"key": key, "name": name, "title": story.title, "format": fmt}, None


def keep_story(key: str, story: Story) -> str | None:
    """Keep a story on the server under ``key`` (an upload, or an edited story); a message
    when it is too big to keep."""
    text = json.dumps(story.to_data(), ensure_ascii=False, separators=(",", ":"), default=str)
    if len(text) > STORED_LIMIT:
        return (f"the story is {_mb(len(text))} once read (the limit is "
                f"{STORED_LIMIT // MB} MB); is it made of repeated aliases?")
    _uploads().set(key, text)
    STORIES.put(key, story, _story_size(story, len(text)))
    return None


def base_story(story_id: str) -> Story | None:
    """The story an edited story is made from, as read (a catalogue story without its edits
    file: those are the first edits, :func:`catalogue_edits`), or an upload this server keeps
    (by its key); None when it is not there."""
    if story_id in _CATALOGUE:
        path = _CATALOGUE[story_id]
        return STORIES.get_or_make(("as read", story_id), lambda: load_story(path, edits=False),
                                   lambda s: 4 * path.stat().st_size + 64 * 1024)
    if story_id and story_id.startswith(UPLOAD_PREFIX):
        return uploaded_story(story_id)
    return None


# ---------------------------------------------------------------- import notes
def _note_text(note) -> str:
    if isinstance(note, str):
        return note
    where = getattr(note, "where", "")
    text = getattr(note, "message", None) or getattr(note, "text", None) or str(note)
    return f"{where}: {text}" if where else text


def notes_panel(story: Story):
    """The story's import notes (what reading a script merged or dropped), collapsed;
    nothing when it has none."""
    notes = list(getattr(story, "notes", None) or ())
    if not notes:
        return None
    return html.Details(
        [html.Summary(f"Import notes ({len(notes)})", className="small"),
         html.Ul([html.Li(_note_text(n)) for n in notes], className="small mb-0 import-notes-list")],
        className="import-notes-panel",
    )


# ---------------------------------------------------------------- layout
def layout() -> html.Div:
    return html.Div(
        [
            dbc.InputGroup(
                [
                    html.Label("Story", htmlFor=ids.STORY_PICKER, className="input-group-text"),
                    dbc.Select(id=ids.STORY_PICKER, options=story_options(), value=default_story_id(),
                               className="story-picker"),
                ],
                size="sm",
                className="me-2 story-group",
            ),
            dcc.Upload(
                id=ids.UPLOAD,
                children=dbc.Button("Upload a story…", color="light", size="sm", className="upload-button"),
                # no `accept`: a file of another kind reaches the server, which says why it is refused
                max_size=-1,  # checked on the server, so the user gets a message instead of silence
                multiple=False,
                className="upload",
            ),
            html.Small(f"Fountain, FDX, screenplay PDF, text or HTML script, YAML, JSON or _simple.json; "
                       f"up to {UPLOAD_LIMIT // MB} MB (PDF {PDF_UPLOAD_LIMIT // MB} MB)",
                       className="text-white-50 ms-2 upload-hint"),
        ],
        className="d-flex align-items-center flex-wrap stories",
    )


def alert() -> html.Div:
    return html.Div([html.Div(id=ids.STORY_ALERT, className="story-alert"),
                     html.Div(id=ids.NOTES, className="import-notes")])


def _error_alert(error: str):
    return dbc.Alert(
        [html.Strong("Could not read that story. "), html.Code(error, className="story-error"),
         html.Div("The story on screen is unchanged.", className="small mt-1")],
        color="danger", dismissable=True, className="mb-0", id={"type": "story-error", "n": 0},
    )


# ---------------------------------------------------------------- callbacks
@callback(
    Output(ids.UPLOAD_STORE, "data"),
    Output(ids.STORY_PICKER, "value", allow_duplicate=True),
    Output(ids.STORY_ALERT, "children"),
    Input(ids.UPLOAD, "contents"),
    State(ids.UPLOAD, "filename"),
    State(ids.UPLOAD_STORE, "data"),
    State(ids.STORY_PICKER, "value"),
    prevent_initial_call=True,
)
def on_upload(contents, filename, current, story_id=None):
    if (filename or "").lower().endswith(EDITS_SUFFIX):  # an edits file: applied to the story on screen
        from .editor import apply_edits_file

        try:
            new_id, store, message = apply_edits_file(contents, filename, story_id, current)
        except StoryError as e:
            return no_update, no_update, _error_alert(str(e))
        return store, new_id, dbc.Alert(message, color="success", dismissable=True, duration=6000, className="mb-0")
    store, error = parse_upload(contents, filename)
    if error:
        return no_update, no_update, _error_alert(error)
    ok = dbc.Alert(f"Loaded “{store['title']}” from {store['name']}.", color="success", dismissable=True,
                   duration=6000, className="mb-0")
    return store, store["key"], ok


@callback(
    Output(ids.STORY_PICKER, "options"),
    Input(ids.UPLOAD_STORE, "data"),
)
def picker_options(upload):
    """After a reload the upload is still named in the page (session storage): offer it again."""
    return story_options(upload)


@callback(
    Output(ids.NOTES, "children"),
    Input(ids.STORY_PICKER, "value"),
    State(ids.UPLOAD_STORE, "data"),
)
def show_notes(story_id, upload):
    """The import notes of the story on screen (only when the story changes)."""
    return notes_panel(resolve(story_id, upload)[1])
