"""The character network: who shares scenes with whom, and who does what to whom.

Nodes are characters, their *area* proportional to the number of scenes they
are in (within the view); edges are weighted by shared scenes (line width);
typed interactions are drawn as arrows (kills in red, other types in other
colours and dashes). Nodes are coloured by Louvain community (fixed seed) or
by group. The layout is networkx's spring layout with a fixed seed, so the same
view always gives the same picture.

Filtering
---------
- *highlight*: the graph is built from every scene in the view; nodes other
  than the selected characters and their neighbours are faded, as are edges and
  arrows that do not touch a selected character.
- *only*: the graph is built from the matching scenes alone, so it holds the
  selected characters and the characters they share a matching scene with.
"""

from __future__ import annotations

import math

import networkx as nx
import plotly.graph_objects as go

from ..errors import StoryError
from ..graph import communities, interaction_graph
from ._theme import FADED, category_colours, character_colours, esc

__all__ = ["build", "INTERACTION_STYLES", "LAYOUT_SEED"]

LAYOUT_SEED = 7
COMMUNITY_SEED = 42

#: Interaction type -> (colour, dash). Unknown types get grey dots.
INTERACTION_STYLES = {
    "kills": ("#D62728", "solid"),
    # harm
    "wounds": ("#E69F00", "dash"),
    "attacks": ("#E69F00", "dashdot"),
    "shoots": ("#E69F00", "dash"),
    "threatens": ("#E69F00", "dot"),
    "aims_at": ("#E69F00", "dot"),
    "betrays": ("#D55E00", "dashdot"),
    # help
    "helps": ("#009E73", "dot"),
    "rescues": ("#009E73", "dash"),
    "tends": ("#009E73", "dot"),
    "spares": ("#009E73", "longdash"),
    "befriends": ("#009E73", "dashdot"),
    "warns": ("#56B4E9", "dash"),
    # kin and love
    "loves": ("#CC79A7", "dot"),
    "brother_of": ("#0072B2", "longdash"),
}
_OTHER = ("#7F7F7F", "dot")

_NODE_MAX_PX = 46  # diameter of the node with the most scenes


def _positions(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    n = graph.number_of_nodes()
    if n == 0:
        return {}
    if n == 1:
        return {next(iter(graph)): (0.0, 0.0)}
    pos = nx.spring_layout(graph, seed=LAYOUT_SEED, weight="weight", k=1.6 / math.sqrt(n),
                           iterations=80 if n <= 200 else 40)
    return {c: (round(float(p[0]), 5), round(float(p[1]), 5)) for c, p in pos.items()}


def _shorten(x0, y0, x1, y1, frac0, frac1):
    dx, dy = x1 - x0, y1 - y0
    return x0 + dx * frac0, y0 + dy * frac0, x1 - dx * frac1, y1 - dy * frac1


def build(view, *, colour_by="community"):
    if colour_by not in ("community", "group"):
        raise StoryError(f"network colour_by must be 'community' or 'group', not {colour_by!r}")
    story = view.story
    names = {c.id: c.name for c in story.characters}
    scene_ids = [s.id for s in view.scenes]
    graph = interaction_graph(story, characters=list(view.characters), scenes=scene_ids)
    # a graph with nodes in story order, so the layout does not depend on insertion order
    g = nx.Graph()
    rank = {c.id: i for i, c in enumerate(story.characters)}
    for c in sorted(graph.nodes, key=lambda c: rank.get(c, 1 << 30)):
        g.add_node(c)
    for a, b in sorted(graph.edges, key=lambda e: tuple(sorted((rank.get(e[0], 0), rank.get(e[1], 0))))):
        g.add_edge(a, b, weight=max(1, graph[a][b].get("weight", 1)))
    nodes = list(g.nodes)

    # ---- per-character stats within the view -------------------------------
    count: dict[str, int] = {c: 0 for c in nodes}
    first: dict[str, object] = {}
    last: dict[str, object] = {}
    for s in view.scenes:
        for c in s.characters:
            if c in count:
                count[c] += 1
                first.setdefault(c, s)
                last[c] = s
    betweenness = nx.betweenness_centrality(g, normalized=True) if len(nodes) <= 400 else \
        nx.betweenness_centrality(g, k=min(200, len(nodes)), normalized=True, seed=LAYOUT_SEED)

    pos = _positions(g)
    sel = set(view.selected)
    if sel:
        lit = set(sel) | {nb for c in sel if c in g for nb in g.neighbors(c)}
    else:
        lit = set(nodes)

    # ---- colours ----------------------------------------------------------------
    if colour_by == "community":
        comms = communities(g, seed=COMMUNITY_SEED)
        comms = sorted((sorted(cm, key=lambda c: rank.get(c, 0)) for cm in comms),
                       key=lambda cm: (-len(cm), rank.get(cm[0], 0)))
        label = {c: f"community {i + 1}" for i, cm in enumerate(comms) for c in cm}
        values = [f"community {i + 1}" for i in range(len(comms))]
    else:
        label = {c: (story.character(c).group or "no group") for c in nodes}
        values = [c.group for c in story.characters if c.group] + ["no group"]
    palette = category_colours(values)
    if colour_by == "community" and not view.filtered and len(comms) == len(nodes):
        palette = {}  # every node alone: fall back to character colours
    ccol = character_colours(story)

    fig = go.Figure()

    # ---- edges: one trace per width -------------------------------------------
    maxw = max((d["weight"] for _, _, d in g.edges(data=True)), default=1)
    buckets: dict[tuple[float, bool], tuple[list, list]] = {}
    mx, my, mtext, mcd, mop = [], [], [], [], []
    for a, b, d in g.edges(data=True):
        w = d["weight"]
        width = round(0.8 + 5.2 * (w / maxw), 1)
        bright = not sel or a in sel or b in sel
        ex, ey = buckets.setdefault((width, bright), ([], []))
        (x0, y0), (x1, y1) = pos[a], pos[b]
        ex += [x0, x1, None]
        ey += [y0, y1, None]
        mx.append((x0 + x1) / 2)
        my.append((y0 + y1) / 2)
        shared = graph[a][b].get("shared_scenes", ())
        mtext.append(f"{esc(names[a])} — {esc(names[b])}: {len(shared)} shared scene{'s' if len(shared) != 1 else ''}")
        mcd.append([shared[0] if shared else None, a, b])
        mop.append(1.0 if bright else FADED)
    for width in {w for w, _ in buckets}:  # both strengths of every width, even if empty: a filter
        for bright in (False, True):          # change then keeps the traces (and only restyles/refills)
            buckets.setdefault((width, bright), ([], []))
    for (width, bright), (ex, ey) in sorted(buckets.items()):
        fig.add_trace(go.Scatter(x=ex, y=ey, mode="lines", hoverinfo="skip", showlegend=False,
                                 line=dict(width=width, color="#9A9A9A"), opacity=0.7 if bright else FADED,
                                 name=f"edges {width}", meta="edges"))
    if mx:
        fig.add_trace(go.Scatter(x=mx, y=my, mode="markers", hovertext=mtext, customdata=mcd,
                                 hovertemplate="%{hovertext}<extra></extra>", showlegend=False,
                                 marker=dict(size=8, color="rgba(0,0,0,0)", opacity=0), name="edge info",
                                 meta="edge-info"))

    # ---- typed interactions: dashed/coloured lines + arrowheads ---------------
    maxc = max(count.values(), default=1) or 1
    radius = {c: 0.5 * _NODE_MAX_PX * math.sqrt(count[c] / maxc) for c in nodes}
    span = _span(pos)
    seen: set[tuple] = set()
    by_type: dict[str, list] = {}
    for s in view.scenes:
        for it in s.interactions:
            if it.source not in pos or it.target not in pos or it.source == it.target:
                continue
            key = (it.type, it.source, it.target)
            if key in seen:
                continue
            seen.add(key)
            by_type.setdefault(it.type, []).append((it, s))
    types = sorted(by_type, key=lambda t: (t != "kills", t))
    # parallel interactions between the same two characters are drawn side by side
    pair_total: dict[frozenset, int] = {}
    for itype in types:
        for it, _ in by_type[itype]:
            key = frozenset((it.source, it.target))
            pair_total[key] = pair_total.get(key, 0) + 1
    pair_seen: dict[frozenset, int] = {}
    for ti, itype in enumerate(types):
        colour, dash = INTERACTION_STYLES.get(itype, _OTHER)
        lx, ly = [], []
        for it, s in by_type[itype]:
            (x0, y0), (x1, y1) = pos[it.source], pos[it.target]
            pair = frozenset((it.source, it.target))
            k = pair_seen.get(pair, 0)
            pair_seen[pair] = k + 1
            off = 0.018 * span * (k - (pair_total[pair] - 1) / 2)
            if it.source > it.target:
                off = -off  # the normal flips with the direction
            length = math.hypot(x1 - x0, y1 - y0) or 1.0
            nx_, ny_ = -(y1 - y0) / length * off, (x1 - x0) / length * off
            f0 = min(0.4, radius[it.source] / 700 * span / length + 0.02)
            f1 = min(0.4, radius[it.target] / 700 * span / length + 0.03)
            a0, b0, a1, b1 = _shorten(x0 + nx_, y0 + ny_, x1 + nx_, y1 + ny_, f0, f1)
            lx += [a0, a1, None]
            ly += [b0, b1, None]
            bright = not sel or it.source in sel or it.target in sel
            fig.add_annotation(
                x=a1, y=b1, ax=a0, ay=b0, xref="x", yref="y", axref="x", ayref="y", text="",
                showarrow=True, arrowhead=2, arrowsize=1.3, arrowwidth=2.5 if itype == "kills" else 1.6,
                arrowcolor=colour, opacity=1.0 if bright else FADED, standoff=0,
                name=f"{itype}:{it.source}->{it.target}",
                hovertext=esc(f"{names[it.source]} {itype.replace('_', ' ')} {names[it.target]} "
                              f"({s.index + 1}. {s.title})"),
            )
        fig.add_trace(go.Scatter(x=lx, y=ly, mode="lines", name=itype.replace("_", " "),
                                 line=dict(color=colour, dash=dash, width=2.5 if itype == "kills" else 1.6),
                                 hoverinfo="skip", legendgroup="interactions",
                                 legendgrouptitle=dict(text="Interactions") if ti == 0 else None,
                                 meta={"interaction": itype}))

    # ---- nodes ----------------------------------------------------------------------
    def stats(c):
        f, l = first.get(c), last.get(c)
        return (f"<b>{esc(names[c])}</b><br>{esc(label[c])}<br>scenes: {count[c]}"
                + (f"<br>first: {esc(f.index + 1)}. {esc(f.title)}<br>last: {esc(l.index + 1)}. {esc(l.title)}" if f else "")
                + f"<br>degree: {g.degree(c)}<br>betweenness: {betweenness.get(c, 0.0):.3f}")

    order = sorted(nodes, key=lambda c: (-count[c], rank.get(c, 0)))
    cols = [palette.get(label[c], ccol[c]) if palette else ccol[c] for c in order]
    fig.add_trace(go.Scatter(
        x=[pos[c][0] for c in order], y=[pos[c][1] for c in order], mode="markers+text",
        text=[esc(names[c]) for c in order], textposition="top center",
        textfont=dict(size=12 if len(nodes) <= 60 else 7),
        customdata=[[c, count[c], g.degree(c), round(betweenness.get(c, 0.0), 6)] for c in order],
        hovertext=[stats(c) for c in order], hovertemplate="%{hovertext}<extra></extra>",
        marker=dict(size=[count[c] for c in order], sizemode="area",
                    sizeref=2.0 * maxc / (_NODE_MAX_PX ** 2), sizemin=4, color=cols,
                    opacity=[1.0 if c in lit else FADED for c in order],
                    line=dict(width=[3 if c in sel else 1 for c in order], color="white")),
        name="characters", meta=order, showlegend=False, cliponaxis=False,
    ))
    # legend entries for the node colours
    if palette:
        for value in values:
            if value in palette and any(label[c] == value for c in nodes):
                fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=esc(value),
                                         marker=dict(size=10, color=palette[value]), legendgroup="nodes",
                                         hoverinfo="skip", meta={"colour_by": colour_by, "value": value}))

    pad = 0.12 * span
    xs = [p[0] for p in pos.values()] or [0]
    ys = [p[1] for p in pos.values()] or [0]
    fig.update_xaxes(visible=False, range=[min(xs) - pad, max(xs) + pad])
    fig.update_yaxes(visible=False, range=[min(ys) - pad, max(ys) + pad], scaleanchor="x", scaleratio=1)
    fig.update_layout(showlegend=True, legend=dict(x=1.0, xanchor="right", y=1.0, yanchor="top"))
    return fig, {"default_height": 700 if len(nodes) <= 60 else 1100, "margin": dict(l=20, r=20, t=60, b=20)}


def _span(pos) -> float:
    if not pos:
        return 1.0
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    return max(max(xs) - min(xs), max(ys) - min(ys), 1e-6)
