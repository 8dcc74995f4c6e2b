"""Rendering with kaleido: every chart in every format, sizes, the bundle, threads."""

from __future__ import annotations

import json
import struct
import threading
import xml.etree.ElementTree as ET
import zipfile

import pytest

from tests.test_figures import story  # noqa: F401 - the shared small story fixture
from timeline.export.bundle import bundle_names, export_bundle
from timeline.export.files import OutputExistsError
from timeline.export.images import PRESETS, chromium_available, export_figure, render
from timeline.figures import CHARTS, figure_for
from timeline.views import ViewState, make_view

pytestmark = pytest.mark.export

W, H = 640, 420


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module", autouse=True)
def need_chromium():
    ok, msg = chromium_available()
    if not ok:
        pytest.fail(msg)


@pytest.mark.parametrize("chart", CHARTS)
def test_every_chart_every_format(story, chart):  # noqa: F811
    fig = figure_for(chart, make_view(story))
    assert png_size(render(fig, "png", width=W, height=H, scale=2)) == (2 * W, 2 * H)
    svg = render(fig, "svg", width=W, height=H)
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert "Small Town" in svg.decode("utf-8")
    assert render(fig, "pdf", width=W, height=H).startswith(b"%PDF")
    page = render(fig, "html").decode("utf-8")
    assert 'class="plotly-graph-div"' in page and "Plotly.newPlot" in page
    assert "cdn.plot.ly" not in page.split("<script", 2)[1][:200]  # plotly.js inlined


def test_presets_and_default_size(story):  # noqa: F811
    fig = figure_for("network", make_view(story))
    w, h = PRESETS["a4"]
    assert png_size(render(fig, "png", width=w, height=h)) == (1123, 794)
    sized = figure_for("network", make_view(story), width=500, height=300)
    assert png_size(render(sized, "png")) == (500, 300)


def test_filtered_export_differs(story):  # noqa: F811
    a = render(figure_for("storyline", make_view(story)), "svg", width=W, height=H)
    b = render(figure_for("storyline", make_view(story, ViewState(characters=("thug",), emphasis="only"))),
               "svg", width=W, height=H)
    assert a != b


def test_export_figure_writes_whole_and_refuses_overwrite(story, tmp_path):  # noqa: F811
    fig = figure_for("strip", make_view(story))
    out = tmp_path / "strip.png"
    export_figure(fig, out, width=W, height=H)
    assert png_size(out.read_bytes()) == (W, H)
    with pytest.raises(OutputExistsError):
        export_figure(fig, out, width=W, height=H)
    export_figure(fig, out, width=2 * W, height=H, force=True)
    assert png_size(out.read_bytes()) == (2 * W, H)
    assert [p.name for p in tmp_path.iterdir()] == ["strip.png"]  # no temp files left


def test_bundle_contents_and_manifest(story):  # noqa: F811
    state = ViewState(story="small", characters=("ally",), scenes=(1, 6), colour_by="int_ext")
    data = export_bundle(story, state, width=W, height=H)
    zf = zipfile.ZipFile(__import__("io").BytesIO(data))
    names = zf.namelist()
    assert names == bundle_names(story, state)
    for chart in CHARTS:
        assert png_size(zf.read(f"small-{chart}.png")) == (W, H)
        ET.fromstring(zf.read(f"small-{chart}.svg"))
    scenes = zf.read("scenes.csv").decode().splitlines()
    assert len(scenes) == 1 + 6 and scenes[1].split(",")[1] == "s2"
    presence = zf.read("presence.csv").decode().splitlines()
    assert [row.split(",")[1] for row in presence[1:]] == ["s2", "s3", "s4", "s5", "s6", "s7"]
    assert presence[0].split(",")[:2] == ["index", "scene"] and "ally" in presence[0].split(",")
    assert "graphml" in zf.read("network.graphml").decode()
    assert json.loads(zf.read("story.json"))["title"] == "Small Town"
    manifest = json.loads(zf.read("manifest.json"))
    assert ViewState.from_query(manifest["query"]) == state
    assert manifest["state"]["characters"] == ["ally"] and manifest["charts"] == list(CHARTS)
    assert manifest["files"] == names


def test_threads_get_their_own_formats(story):  # noqa: F811
    fig = figure_for("network", make_view(story))
    results: list[tuple[str, bytes]] = []
    errors: list[BaseException] = []

    def work(fmt):
        try:
            results.append((fmt, render(fig, fmt, width=300, height=200)))
        except BaseException as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=work, args=(f,)) for f in ("png", "svg") * 4]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(results) == 8
    for fmt, data in results:
        if fmt == "png":
            assert png_size(data) == (300, 200)
        else:
            assert data.lstrip().startswith(b"<svg")


def test_missing_chromium_is_a_plain_error(monkeypatch, story):  # noqa: F811
    from timeline.export import images

    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    ok, msg = images.chromium_available()
    assert not ok and "Chromium" in msg
    images.stop()  # the next image export has to start a browser
    with pytest.raises(images.ExportUnavailable, match="Chromium"):
        render(figure_for("strip", make_view(story)), "png")
    # HTML needs no browser
    assert render(figure_for("strip", make_view(story)), "html").startswith(b"<")


def test_missing_kaleido_names_the_extra(monkeypatch, story):  # noqa: F811
    import sys

    from timeline.export import images

    images.stop()
    monkeypatch.setitem(sys.modules, "kaleido", None)  # import kaleido raises ImportError
    ok, msg = images.chromium_available()
    assert not ok and "scene-timeline[export]" in msg
    with pytest.raises(images.ExportUnavailable, match=r"\[export\]"):
        render(figure_for("strip", make_view(story)), "svg")
    assert render(figure_for("strip", make_view(story)), "html").startswith(b"<")


def test_a_dead_renderer_is_started_again(story):  # noqa: F811
    from timeline.export import images

    fig = figure_for("strip", make_view(story))
    assert render(fig, "svg", width=300, height=200).lstrip().startswith(b"<svg")
    first = images._renderer
    first.close()  # its browser and thread end, as when Chromium crashes
    assert not first.alive()
    assert render(fig, "svg", width=300, height=200).lstrip().startswith(b"<svg")
    assert images._renderer is not first and images._renderer.alive()
