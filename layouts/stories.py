"""Stories: the picker over the shipped stories, the upload, the import notes, and how
a request finds its story.

Stories shipped in ``data/`` are known by id (the file stem); an id from a request
is only ever looked up in that catalogue, never opened as a path. An upload is read
once, on the server, and kept there under an unguessable key (``upload-<hmac>``: an
HMAC-SHA256 of its bytes with a secret the server makes once in its cache folder, so
the same upload gets the same key on one server and nobody can derive the key of a
file they hold): in a disk store shared by the server's worker processes (bounded by
bytes, least recently used out first, and each story kept :data:`UPLOAD_KEEP_DAYS`
days after its last use), and, read, in memory (bounded by bytes too).

The policy (issue 25): **a link to an upload works for whoever has it**. Any request
that names a key the server holds is served that story, with or without the page's
upload store; the page learns the upload from its URL (the URL sets the story picker, then
:func:`learn_upload` fills the page's store from what the server keeps).
Anyone with the link can also delete it (:func:`delete_upload`, the "Delete this
upload from the server" button). An unknown or expired key shows the default story
with a note. The page keeps only ``{key, name, title, format}``
(:data:`~layouts.ids.UPLOAD_STORE`; an edited story adds its base and edits), so a
big story no longer rides on every request; the server keeps the same with the story.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import logging
import os
import secrets
import time
from pathlib import Path
from threading import Lock

import dash_bootstrap_components as dbc
from cachetools import LRUCache
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
           "PDF_UPLOAD_LIMIT", "upload_limit", "upload_meta", "delete_upload", "upload_secret", "upload_key_for",
           "UPLOAD_KEEP_DAYS", "keep_story", "learn_upload"]

log = logging.getLogger(__name__)

#: Largest upload the app accepts (bytes); said in the UI.
UPLOAD_LIMIT = 5 * MB
#: PDFs may be larger: a studio script with embedded fonts or a scanned cover page runs to
#: several MB for the same text (it is read in a child process with its own limits).
PDF_UPLOAD_LIMIT = 20 * MB


def upload_limit(name: str) -> int:
    """The upload limit for a file of this name (bytes): larger for PDFs."""
    return PDF_UPLOAD_LIMIT if str(name).lower().endswith((".pdf", ".docx", ".fadein")) else UPLOAD_LIMIT
#: Largest story an upload may become once read (its JSON): a small file that expands
#: (YAML aliases) is refused instead of filling the server's memory.
STORED_LIMIT = 32 * MB
#: Extensions offered in the picker and accepted by the upload.
STORY_EXTENSIONS = (".yaml", ".yml", ".json", ".fountain", ".spmd", ".fdx", ".txt", ".html", ".htm", ".pdf", ".docx", ".fadein", ".osf")
#: Documents of word processors and screenwriting programs whose own format is not read:
#: their program saves them as .docx or PDF.
SAVE_AS = (".doc", ".odt", ".rtf", ".pages", ".celtx", ".highland", ".wdz", ".mmsw", ".scriv")
UPLOAD_PREFIX = "upload-"
#: Disk budget of the upload store (shared by the worker processes).
UPLOAD_DISK_BYTES = 512 * MB
#: How long the server keeps an upload (or an edited story) after its last use: every
#: read starts the time again (said in the footer and the README).
UPLOAD_KEEP_DAYS = 7
#: Hex digits of an upload key's HMAC (128 bits: not guessable).
KEY_HEX = 32
#: A worker refreshes an upload's time on the disk at most this often (seconds): a
#: read checks the disk store every time (an expired or deleted upload is never served).
TOUCH_EVERY = 600

#: story id -> Story (catalogue and uploads alike); a read story is ~4x its JSON in memory.
STORIES = ByteCache("stories", 200 * MB)

# id -> file; filled once at start-up by configure(), read-only afterwards.
_CATALOGUE: dict[str, Path] = {}
_DEFAULT: list[str] = []
_UPLOADS: dict[str, object] = {}  # folder -> diskcache.Cache, opened on first use (one per process)
_UPLOADS_LOCK = Lock()
#: upload key -> its page store ({key, name, title, format}; an edited story's base and edits too)
UPLOAD_META = ByteCache("upload notes", 8 * MB)
_SECRETS: dict[str, bytes] = {}  # secret file -> the secret, read once per process
_SECRET_LOCK = Lock()
_TOUCHED = LRUCache(maxsize=4096)  # upload key -> when this worker last refreshed its time (monotonic)
_TOUCHED_LOCK = Lock()
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
def keep_seconds() -> float:
    """:data:`UPLOAD_KEEP_DAYS` in seconds."""
    return UPLOAD_KEEP_DAYS * 24 * 3600


def _uploads():
    """The disk store of uploads in ``cache_dir("uploads")`` (readable by the server's user
    only), shared by the server's workers (and by servers sharing ``SCENE_TIMELINE_CACHE_DIR``)."""
    folder = str(cache_dir("uploads"))
    with _UPLOADS_LOCK:
        if folder not in _UPLOADS:
            import diskcache

            try:
                os.chmod(folder, 0o700)
            except OSError:  # not ours to change (a shared folder): its owner decides
                log.warning("could not make %s private to the server's user", folder)
            _UPLOADS[folder] = diskcache.Cache(folder, size_limit=UPLOAD_DISK_BYTES, tag_index=True,
                                               eviction_policy="least-recently-used")
        return _UPLOADS[folder]


def upload_secret() -> bytes:
    """The server's secret for upload keys: 32 random bytes made once in
    ``cache_dir("secret")/upload-key`` (mode 0600) and shared by every worker (and every
    server sharing the cache folder), so one server gives one upload one key."""
    path = cache_dir("secret") / "upload-key"
    with _SECRET_LOCK:
        if str(path) not in _SECRETS:
            _SECRETS[str(path)] = _read_or_make_secret(path)
        return _SECRETS[str(path)]


def _read_secret(path: Path) -> bytes | None:
    try:
        text = path.read_text(encoding="ascii").strip()
        secret = bytes.fromhex(text)
    except FileNotFoundError:
        return None
    except (ValueError, UnicodeDecodeError):
        return b""
    if len(secret) < 32:
        return b""
    if path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)
    return secret


def _read_or_make_secret(path: Path) -> bytes:
    for attempt in range(40):
        secret = _read_secret(path)
        if secret:
            return secret
        if secret is None:  # none yet: write one aside, then link it in (the first worker wins)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="ascii") as f:
                f.write(secrets.token_hex(32) + "\n")
                f.flush()
                os.fsync(f.fileno())
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass
            except OSError:  # a file system without hard links: the first to create it wins
                try:
                    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                except FileExistsError:
                    pass
                else:
                    with os.fdopen(fd, "w", encoding="ascii") as f:
                        f.write(tmp.read_text(encoding="ascii"))
            finally:
                tmp.unlink(missing_ok=True)
            continue
        if attempt >= 20:  # still not a secret after a second: broken, make a new one
            log.warning("%s is not a valid secret; making a new one (earlier upload links stop working)", path)
            path.unlink(missing_ok=True)
        time.sleep(0.05)  # another worker is writing it
    raise StoryError(f"could not make the upload secret {path}")


def _held(key: str) -> bool:
    """Whether the disk store holds ``key`` (and it has not expired); a use starts its
    time again (at most every :data:`TOUCH_EVERY` seconds per worker)."""
    try:
        store = _uploads()
        now = time.monotonic()
        with _TOUCHED_LOCK:
            last = _TOUCHED.get(key)
        if last is not None and now - last < TOUCH_EVERY:
            return key in store
        if not store.touch(key, expire=keep_seconds()):
            return False
        # touch moves only the expiry: a read moves it up the store's least-recently-used
        # order too, so a story this worker serves from memory is not the first one culled
        store.get(key)
        with _TOUCHED_LOCK:
            _TOUCHED[key] = now
        base = (UPLOAD_META.get(key) or {}).get("base")
        if isinstance(base, str) and base.startswith(UPLOAD_PREFIX):
            store.touch(base, expire=keep_seconds())  # an edited story keeps its base (Undo, Reset)
        return True
    except Exception:  # noqa: BLE001  (a broken disk store: the upload is just not there)
        log.exception("upload store unreadable")
        return False


def _forget(key: str) -> None:
    """Drop ``key`` from this worker's memory (it left the disk store)."""
    STORIES.pop(key)
    UPLOAD_META.pop(key)
    with _TOUCHED_LOCK:
        _TOUCHED.pop(key, None)


def _load(key: str) -> tuple[Story, dict | None] | None:
    """Read ``key`` from the disk store into memory."""
    try:
        value = _uploads().get(key)
    except Exception:  # noqa: BLE001
        log.exception("upload store unreadable")
        return None
    if isinstance(value, dict):
        text, meta = value.get("story"), value.get("meta")
    else:
        text, meta = value, None
    if not isinstance(text, str):
        return None
    try:
        story = Story.model_validate(json.loads(text))
    except (ValueError, TypeError):
        log.warning("upload %s: stored story unreadable", key)
        return None
    if isinstance(meta, dict):
        UPLOAD_META.put(key, meta, 256 + len(json.dumps(meta, default=str)))
        base = meta.get("base")
        if isinstance(base, str) and base.startswith(UPLOAD_PREFIX):
            _held(base)
    return STORIES.put(key, story, _story_size(story, len(text))), meta


def uploaded_story(key: str) -> Story | None:
    """The uploaded (or edited) story kept under ``key``, or None when this server does
    not have it (never had it, it expired, or someone deleted it)."""
    if not (isinstance(key, str) and key.startswith(UPLOAD_PREFIX)):
        return None
    if not _held(key):
        _forget(key)  # expired or deleted (by another worker, perhaps): never served from memory
        return None
    hit = STORIES.get(key)
    if hit is not None:
        return hit
    got = _load(key)
    return got[0] if got else None


def upload_meta(key: str | None) -> dict | None:
    """What the page keeps of the upload ``key`` (``{key, name, title, format}``, and
    for an edited story ``base``, ``base_upload`` and ``edits``), as the server keeps it
    with the story; None when the server does not hold it."""
    if uploaded_story(key) is None:
        return None
    meta = UPLOAD_META.get(key)
    if meta is None:
        got = _load(key)
        meta = got[1] if got else None
    return dict(meta) if isinstance(meta, dict) else None


def delete_upload(key: str | None) -> int:
    """Remove the upload ``key`` from the server's disk store and memory, with every
    edited story made from the same upload (for an edited story: its base upload and
    the base's other edited stories); how many stories were removed."""
    if not (isinstance(key, str) and key.startswith(UPLOAD_PREFIX)):
        return 0
    meta = upload_meta(key) or {}
    base = meta.get("base")
    root = base if isinstance(base, str) and base.startswith(UPLOAD_PREFIX) else key
    store = _uploads()
    removed = store.evict(root)  # every story kept with this root as its tag
    for k in (key, root):
        removed += bool(store.delete(k))
        _forget(k)
    for k in STORIES.keys():  # the base's other edited stories this worker holds
        if isinstance(k, str) and k.startswith(UPLOAD_PREFIX) and k not in store:
            _forget(k)
    log.info("upload %s deleted (%d stories)", root, removed)
    return removed


def upload_key(upload: dict | None) -> str | None:
    return upload.get("key") if isinstance(upload, dict) else None


def resolve(story_id: str | None, upload: dict | None = None) -> tuple[str, Story]:
    """``(id, story)`` for a requested id: an upload the server holds (to any request that
    names it: ``upload`` is not needed), a catalogue id, or the default story for anything
    else (unknown or expired uploads, unknown ids and paths included)."""
    if story_id and story_id.startswith(UPLOAD_PREFIX):
        story = uploaded_story(story_id)
        if story is not None:
            return story_id, story
    if story_id in _CATALOGUE:
        return story_id, catalogue_story(story_id)
    sid = default_story_id()
    return sid, catalogue_story(sid)


def is_known(story_id: str | None, upload: dict | None = None) -> bool:
    return story_id in _CATALOGUE or uploaded_story(story_id) is not None


def story_options(upload: dict | None = None) -> list[dict]:
    opts = []
    for sid in known_ids():
        try:
            label = catalogue_story(sid).title
        except StoryError:
            opts.append({"label": f"{sid} (unreadable)", "value": sid, "disabled": True})
            continue
        opts.append({"label": label if label.casefold() == sid.casefold() else f"{label} ({sid})", "value": sid})
    if upload_key(upload) and _held(upload["key"]):
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


def upload_key_for(raw: bytes, fmt: str | None, edits: str = "", *, secret: bytes | None = None) -> str:
    """The key an upload is kept under: an HMAC-SHA256, with the server's secret
    (:func:`upload_secret`), of its bytes, the reader that read them (and its version)
    and the edits applied (canonical text), so one file read two ways is two stories, a
    better reader reads an old upload anew, and nobody without the secret can work out
    the key of a file (the link is the only way to the story)."""
    h = hmac.new(upload_secret() if secret is None else secret, digestmod=hashlib.sha256)
    edits_hash = hashlib.sha256(edits.encode()).hexdigest() if edits else ""
    h.update(f"{fmt or ''}\0{reader_version(fmt)}\0{edits_hash}\0".encode())
    h.update(raw)
    return UPLOAD_PREFIX + h.hexdigest()[:KEY_HEX]


def decode_upload(contents: str | None, name: str, limit: int) -> bytes:
    """The bytes of an upload (a ``data:`` URL from ``dcc.Upload``), at most ``limit``.

    Raises :class:`StoryError` ``name:0:0: problem`` for an upload over the limit (told
    before decoding it) or one that cannot be decoded. Shared by the story upload, the
    "New story from text" box and the editor's edits file."""
    try:
        _, b64 = (contents or "").split(",", 1)
        if len(b64) * 3 // 4 > limit + 4:
            raise StoryError(f"{name}:0:0: the file is {_mb(len(b64) * 3 // 4)}; the limit is {_mb_limit(limit)}")
        raw = base64.b64decode(b64, validate=False)
    except (ValueError, binascii.Error):
        raise StoryError(f"{name}:0:0: the upload could not be decoded") from None
    if len(raw) > limit:
        raise StoryError(f"{name}:0:0: the file is {_mb(len(raw))}; the limit is {_mb_limit(limit)}")
    return raw


def _mb_limit(limit: int) -> str:
    return f"{limit // MB} MB" if limit >= MB else f"{limit // 1024} KB"


def _parse_upload(contents, name, forced=None):
    suffix = Path(name).suffix.lower()
    if forced is None and (suffix not in STORY_EXTENSIONS or format_for(name) is None):
        hint = " (save it as .docx or PDF from its program)" if suffix in SAVE_AS else ""
        return None, (f"{name}:0:0: {suffix or 'no extension'} is not a story format this app reads{hint}; "
                      f"upload one of {', '.join(STORY_EXTENSIONS)}")
    if not contents:
        return None, f"{name}:0:0: the file is empty"
    try:
        raw = decode_upload(contents, name, upload_limit(name))
    except StoryError as e:
        return None, str(e)
    if not raw.strip():
        return None, f"{name}:0:0: the file is empty"
    fmt = forced or upload_format(raw, name)
    key = upload_key_for(raw, fmt)
    story = uploaded_story(key)
    kept = story is not None  # the same file again: already on the server (its time starts again)
    if story is None:
        try:
            story = loads_story(raw, fmt, path=name)
        except StoryFormatError as e:
            return None, str(e)
        except StoryError as e:
            return None, f"{name}:0:0: {e}"
        except (RecursionError, MemoryError):
            return None, f"{name}:0:0: the story is nested too deep or too big to read"
    meta = {"key": key, "name": name, "title": story.title, "format": fmt}
    if kept:
        return meta, None
    error = keep_story(key, story, meta)
    if error:
        return None, f"{name}:0:0: {error}"
    return meta, None


def keep_story(key: str, story: Story, meta: dict | None = None) -> str | None:
    """Keep a story on the server under ``key`` (an upload, or an edited story) for
    :data:`UPLOAD_KEEP_DAYS` days after its last use, with ``meta``, what the page keeps
    of it (``{key, name, title, format}``, an edited story's ``base``, ``base_upload`` and
    ``edits`` too); a message when it is too big to keep."""
    text = json.dumps(story.to_data(), ensure_ascii=False, separators=(",", ":"), default=str)
    if len(text) > STORED_LIMIT:
        return (f"the story is {_mb(len(text))} once read (the limit is "
                f"{STORED_LIMIT // MB} MB); is it made of repeated aliases?")
    meta = dict(meta or {"key": key, "title": story.title})
    base = meta.get("base")
    root = base if isinstance(base, str) and base.startswith(UPLOAD_PREFIX) else key
    _uploads().set(key, {"meta": meta, "story": text}, expire=keep_seconds(), tag=root)
    with _TOUCHED_LOCK:
        _TOUCHED[key] = time.monotonic()
    UPLOAD_META.put(key, meta, 256 + len(json.dumps(meta, default=str)))
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
def note_text(note) -> str:
    """One import note for people: ``where: message`` (:attr:`ImportNote.where`)."""
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
         html.Ul([html.Li(note_text(n)) for n in notes], className="small mb-0 import-notes-list")],
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
            html.Small(f"Fountain, FDX, Fade In, screenplay PDF or Word .docx, .txt (script, play, transcript or plot "
                       f"summary), HTML, YAML, JSON or _simple.json; "
                       f"up to {UPLOAD_LIMIT // MB} MB (PDF, .docx {PDF_UPLOAD_LIMIT // MB} MB)",
                       className="text-white-50 ms-2 upload-hint"),
        ],
        className="d-flex align-items-center flex-wrap stories",
    )


def alert() -> html.Div:
    return html.Div([html.Div(id=ids.STORY_ALERT, className="story-alert"),
                     html.Div(id=ids.NOTES, className="import-notes")])


def keep_phrase() -> str:
    """How long an upload is kept, for people: "7 days"."""
    days = UPLOAD_KEEP_DAYS
    return f"{days:g} day{'s' if days != 1 else ''}"


def upload_bar() -> html.Div:
    """Under the header while an upload (or an edited story) is on screen: who can open it,
    how long it is kept, and a button that deletes it from the server."""
    return html.Div(
        [html.Span(id=ids.UPLOAD_BAR_TEXT, className="me-2"),
         dbc.Button("Delete this upload from the server", id=ids.UPLOAD_DELETE, n_clicks=0, size="sm",
                    color="outline-danger", className="upload-delete")],
        id=ids.UPLOAD_BAR, style=BAR_HIDDEN, role="region", className="small upload-bar mb-2",
        **{"aria-label": "This upload on the server"},
    )


#: The upload bar's style, hidden (no upload on screen) and shown.
BAR_HIDDEN = {"display": "none"}
BAR_SHOWN = {"display": "flex", "flexWrap": "wrap", "alignItems": "center", "gap": "0.25rem"}


def bar_text() -> str:
    """What the upload bar says of the upload on screen."""
    return (f"This uploaded story is kept on this server for {keep_phrase()} after its last use. Anyone with this "
            f"page's link can open it, and delete it.")


def learn_upload(story_id: str | None, upload: dict | None):
    """The page's upload store for the story on screen: when it is an upload the server
    holds and the page's store does not name it (a link opened in another browser),
    what the server keeps of it (so the picker offers it and the editor works on it,
    its edits included); ``no_update`` otherwise."""
    if not (isinstance(story_id, str) and story_id.startswith(UPLOAD_PREFIX)) or upload_key(upload) == story_id:
        return no_update
    meta = upload_meta(story_id)
    return meta if meta else no_update


def upload_on_screen(story_id: str | None, upload: dict | None):
    """``(upload store, bar style, bar text)`` for the story on screen."""
    if not (isinstance(story_id, str) and story_id.startswith(UPLOAD_PREFIX)) or uploaded_story(story_id) is None:
        return no_update, BAR_HIDDEN, ""
    return learn_upload(story_id, upload), BAR_SHOWN, bar_text()


def delete_logic(story_id: str | None):
    """The delete button's outputs: ``(upload store, story id, message)``."""
    if not (isinstance(story_id, str) and story_id.startswith(UPLOAD_PREFIX)):
        return no_update, no_update, no_update
    meta = upload_meta(story_id) or {}
    n = delete_upload(story_id)
    if not n:
        text = "That upload was no longer on this server."
    else:
        more = f" with {n - 1} other version{'s' if n > 2 else ''} made from the same upload" if n > 1 else ""
        text = (f"Deleted “{meta.get('title') or story_id}” from this server{more}. "
                "Its link now shows the default story.")
    return None, default_story_id(), dbc.Alert(text, color="success", dismissable=True, className="mb-0")


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


@callback(
    Output(ids.UPLOAD_STORE, "data", allow_duplicate=True),
    Output(ids.UPLOAD_BAR, "style"),
    Output(ids.UPLOAD_BAR_TEXT, "children"),
    Input(ids.STORY_PICKER, "value"),
    State(ids.UPLOAD_STORE, "data"),
    prevent_initial_call="initial_duplicate",
)
def on_story(story_id, upload):
    """An upload on screen (its link opened anywhere: the URL sets the picker): the page
    learns it from the server, and the bar with the delete button shows."""
    return upload_on_screen(story_id, upload)


@callback(
    Output(ids.UPLOAD_STORE, "data", allow_duplicate=True),
    Output(ids.STORY_PICKER, "value", allow_duplicate=True),
    Output(ids.STORY_ALERT, "children", allow_duplicate=True),
    Input(ids.UPLOAD_DELETE, "n_clicks"),
    State(ids.STORY_PICKER, "value"),
    prevent_initial_call=True,
)
def on_delete(n_clicks, story_id):
    """Delete the upload on screen from the server (disk and memory); show the default story."""
    if not n_clicks:
        return no_update, no_update, no_update
    return delete_logic(story_id)
