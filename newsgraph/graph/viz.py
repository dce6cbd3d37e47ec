"""Drawing and writing entity networks: an interactive offline page, static pictures, graph files.

``write(graph, path)`` picks the format from the file's extension:

- ``.html``: one self-contained page (no CDN, no request leaves the machine): the data, a small
  script of our own (``assets/network.js``) and its styles are inlined. Nodes coloured by category and
  sized by PageRank, a search box, tooltips, the quotations/events/sentences behind each link on click,
  a legend, and the count of what was left out.
- ``.png`` / ``.svg``: a matplotlib picture with legend and title (matplotlib shapes Arabic itself;
  DejaVu Sans covers Arabic, Latin and Cyrillic).
- ``.graphml`` / ``.gexf`` (Gephi, Cytoscape) and ``.json`` (networkx node-link, with evidence).

Pictures keep the ``top`` most central entities (150 by default, by PageRank) and at most six links
per entity (typed links first, then the heaviest co-mentions), so a corpus-sized network stays
readable and responsive; graph files keep everything unless ``top`` is given. The layout is seeded,
so the same graph always gives the same file. Analysis lives in ``graph.network``.
"""
from __future__ import annotations

import html
import json
import math
import os
import tempfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsgraph.errors import OutputError
from newsgraph.graph.network import KINDS, NetworkFilter, centrality, pagerank, project, top

if TYPE_CHECKING:
    import networkx as nx

FORMATS: tuple[str, ...] = (".html", ".png", ".svg", ".graphml", ".gexf", ".json")
PICTURE_TOP = 150
#: Pictures draw at most this many links per entity shown (typed links first, then the heaviest).
EDGES_PER_NODE = 6
#: Entities whose labels show at every zoom level (the others appear when zoomed in, hovered or found).
MAJOR_LABELS = 50
CATEGORY_COLOURS: dict[str, str] = {
    "Person": "#1f77b4", "Organization": "#ff7f0e", "Place": "#2ca02c", "Concept": "#9467bd",
    "Document": "#8c564b", "Event": "#d62728", "Post": "#e377c2", "Other": "#7f7f7f",
}
KIND_COLOURS: dict[str, str] = {
    "met": "#1f77b4", "called": "#17becf", "said_about": "#ff7f0e", "adopted": "#8c564b", "affirms": "#9467bd",
    "holds_post_in": "#2ca02c", "member_of": "#bcbd22", "co_mention": "#b0b0b0",
}
_WIDTH, _HEIGHT, _MARGIN = 1000.0, 750.0, 40.0
_BAND = 60.0   # the strip at the bottom where entities without links line up
_SEED = 42


def write(graph: nx.Graph, path: str | Path, *, top_n: int | None = None, title: str | None = None) -> dict[str, int]:
    """Write ``graph`` to ``path`` in the format its extension names; return what was written.

    ``top_n`` keeps the most central entities (pictures default to 150, graph files to all). The
    result counts the nodes and edges written and those left out."""
    path = Path(path)
    suffix = path.suffix.lower()
    writers: dict[str, Callable[[nx.Graph, Path, str], None]] = {
        ".html": _write_html, ".png": _write_picture, ".svg": _write_picture,
        ".graphml": _write_graph_file, ".gexf": _write_graph_file, ".json": _write_graph_file,
    }
    if suffix not in writers:
        raise OutputError(f"cannot write {path.name!r}: give a file ending in {', '.join(FORMATS)}")
    picture = suffix in (".html", ".png", ".svg")
    if top_n is None and picture:
        top_n = PICTURE_TOP
    rank = pagerank(graph)
    if top_n is None:
        shown = graph.copy()
        shown.graph.update(left_out_nodes=0, left_out_edges=0)
    else:
        shown = top(graph, top_n, rank, max_edges=EDGES_PER_NODE * top_n if picture else None)
    # PageRank over the whole network; betweenness and degree over what is shown (cheap, and what the eye sees)
    for node, measures in centrality(shown).items():
        shown.nodes[node].update(measures, pagerank=rank[node])
    title = title or _default_title(shown)
    _atomic_write(path, lambda tmp: writers[suffix](shown, tmp, title))
    return {"nodes": shown.number_of_nodes(), "edges": shown.number_of_edges(),
            "left_out_nodes": shown.graph["left_out_nodes"], "left_out_edges": shown.graph["left_out_edges"]}


def draw(store: Any, path: str | Path, *, lang: str = "en", filters: NetworkFilter | None = None,
         top_n: int | None = None, title: str | None = None) -> dict[str, int]:
    """Project the network from ``store`` (``graph.network.project``) and write it to ``path`` (``write``)."""
    return write(project(store, lang=lang, filters=filters), path, top_n=top_n, title=title)


def _default_title(graph: nx.Graph) -> str:
    articles = graph.graph.get("articles", 0)
    return f"Entity network — {articles} article{'s' if articles != 1 else ''}"


def _atomic_write(path: Path, write_to: Callable[[Path], None]) -> None:
    """Write through a temporary file in the same folder, so a failure leaves no half-written file."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: the folder {folder} does not exist")
    try:
        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.stem}-", suffix=path.suffix)
    except OSError as err:
        raise OutputError(f"cannot write {path}: {err.strerror}; choose a writable folder") from err
    os.close(fd)
    tmp = Path(tmp_name)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)   # mkstemp makes 0600; the result should read like any file we write
    try:
        write_to(tmp)
        os.replace(tmp, path)
    except OSError as err:
        raise OutputError(f"cannot write {path}: {err.strerror}; choose a writable folder") from err
    finally:
        tmp.unlink(missing_ok=True)


# --- layout shared by the pictures -----------------------------------------------------------------

def layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Seeded positions in a 1000 × 750 box (y grows downwards, as on screen).

    Linked entities get a force-directed layout (Kamada-Kawai refined, up to 300 nodes); entities
    without links line up along the bottom, so they do not squeeze the rest into a corner."""
    import networkx as nx

    nodes = sorted(graph)
    linked = [n for n in nodes if graph.degree(n)]
    alone = [n for n in nodes if not graph.degree(n)]
    band = _BAND if alone else 0.0
    positions: dict[str, tuple[float, float]] = {}
    if linked:
        ordered = nx.Graph()
        ordered.add_nodes_from(linked)
        ordered.add_edges_from(sorted((min(a, b), max(a, b), {"weight": math.log1p(w)})
                                      for a, b, w in graph.edges(data="weight")))
        raw = nx.spring_layout(ordered, seed=_SEED, k=2.0 / math.sqrt(len(linked)), iterations=100, weight="weight")
        if 2 < len(linked) <= 300:
            raw = nx.kamada_kawai_layout(ordered, pos=raw, weight=None)
        xs = [p[0] for p in raw.values()]
        ys = [p[1] for p in raw.values()]
        span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
        height = _HEIGHT - band
        for n in linked:
            positions[n] = (round(_MARGIN + (raw[n][0] - min(xs)) / span_x * (_WIDTH - 2 * _MARGIN), 2),
                            round(_MARGIN + (max(ys) - raw[n][1]) / span_y * (height - 2 * _MARGIN), 2))
    per_row = max(1, int((_WIDTH - 2 * _MARGIN) // 90))
    for i, n in enumerate(alone):
        row, col = divmod(i, per_row)
        positions[n] = (round(_MARGIN + 45 + col * 90, 2), round(_HEIGHT - band + 20 + row * 30, 2))
    return positions


def main_kind(kinds: dict[str, int]) -> str:
    """The kind a link is drawn in: the first typed kind it has, co-mention only when it has nothing else."""
    return next((k for k in KINDS if k in kinds and k != "co_mention"), "co_mention")


def _edge_width(graph: nx.Graph, weight: float) -> float:
    """Line width from 0.5 to 4, on a log scale relative to the heaviest link shown."""
    if "_max_weight" not in graph.graph:
        graph.graph["_max_weight"] = max((w for _, _, w in graph.edges(data="weight")), default=1)
    top_weight = max(graph.graph["_max_weight"], 1)
    return 0.5 + 3.5 * math.log1p(weight) / math.log1p(top_weight) if top_weight > 1 else 1.0


def _radius(graph: nx.Graph, node: str) -> float:
    top_rank = max((d.get("pagerank", 0.0) for _, d in graph.nodes(data=True)), default=0.0) or 1.0
    return round(4 + 14 * math.sqrt(graph.nodes[node].get("pagerank", 0.0) / top_rank), 2)


# --- HTML ------------------------------------------------------------------------------------------

def page_data(graph: nx.Graph) -> dict[str, Any]:
    """What the page script draws: nodes with positions and sizes, links with kinds and evidence."""
    positions = layout(graph)
    nodes = sorted(graph)
    index = {n: i for i, n in enumerate(nodes)}
    major = set(sorted(nodes, key=lambda n: (-graph.nodes[n].get("pagerank", 0.0), n))[:MAJOR_LABELS])
    node_rows = []
    for n in nodes:
        d = graph.nodes[n]
        x, y = positions[n]
        node_rows.append({"id": n, "label": str(d.get("label", n)), "category": d.get("category", "Other"),
                          "type": d.get("type", ""), "mentions": d.get("mentions", 0), "articles": d.get("articles", 0),
                          "pagerank": round(d.get("pagerank", 0.0), 6), "betweenness": round(d.get("betweenness", 0.0), 6),
                          "links": graph.degree(n), "x": x, "y": y, "r": _radius(graph, n),
                          "major": n in major})
    edge_rows = []
    for a, b in sorted((min(a, b), max(a, b)) for a, b in graph.edges):
        d = graph.edges[a, b]
        edge_rows.append({"s": index[a], "t": index[b], "weight": d["weight"], "kinds": d.get("kinds", {}),
                          "kind": main_kind(d.get("kinds", {})), "width": round(1.2 * _edge_width(graph, d["weight"]), 2),
                          "evidence": d.get("evidence", [])})
    return {"nodes": node_rows, "edges": edge_rows, "index": index, "width": _WIDTH, "height": _HEIGHT,
            "categories": CATEGORY_COLOURS, "kinds": KIND_COLOURS, "articles": graph.graph.get("articles", 0),
            "left_out": {"nodes": graph.graph.get("left_out_nodes", 0), "edges": graph.graph.get("left_out_edges", 0)}}


def render_html(graph: nx.Graph, title: str) -> str:
    """The self-contained page for ``graph``: template, inlined script and the data as JSON."""
    assets = resources.files("newsgraph.graph").joinpath("assets")
    template = assets.joinpath("network.html").read_text(encoding="utf-8")
    script = assets.joinpath("network.js").read_text(encoding="utf-8")
    data = json.dumps(page_data(graph), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    data = data.replace("</", "<\\/").replace("<!--", "<\\!--")   # cannot close the <script> element
    return (template.replace("__TITLE__", html.escape(title)).replace("__SCRIPT__", script)
            .replace("__DATA__", data))


def _write_html(graph: nx.Graph, path: Path, title: str) -> None:
    path.write_text(render_html(graph, title), encoding="utf-8")


# --- PNG and SVG -----------------------------------------------------------------------------------

def _write_picture(graph: nx.Graph, path: Path, title: str) -> None:
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    matplotlib.rcParams["svg.hashsalt"] = "newsgraph"
    positions = layout(graph)
    fig = Figure(figsize=(14, 10.5), dpi=110)
    ax = fig.add_axes((0.01, 0.01, 0.86, 0.90))   # the legend stands in the strip on the right
    ax.set_axis_off()
    ax.set_xlim(0, _WIDTH)
    ax.set_ylim(_HEIGHT, 0)
    for a, b in sorted((min(a, b), max(a, b)) for a, b in graph.edges):
        d = graph.edges[a, b]
        (xa, ya), (xb, yb) = positions[a], positions[b]
        ax.plot([xa, xb], [ya, yb], color=KIND_COLOURS[main_kind(d.get("kinds", {}))],
                linewidth=_edge_width(graph, d["weight"]), alpha=0.45, zorder=1)
    nodes = sorted(graph)
    ax.scatter([positions[n][0] for n in nodes], [positions[n][1] for n in nodes],
               s=[(_radius(graph, n) * 1.6) ** 2 for n in nodes],
               c=[CATEGORY_COLOURS.get(graph.nodes[n].get("category"), "#7f7f7f") for n in nodes],
               edgecolors="white", linewidths=0.8, zorder=2)
    labelled = sorted(nodes, key=lambda n: (-graph.nodes[n].get("pagerank", 0.0), n))[:60]
    for n in labelled:
        x, y = positions[n]
        ax.text(x, y - _radius(graph, n) - 4, str(graph.nodes[n].get("label", n)), fontsize=8,
                fontfamily="DejaVu Sans", ha="center", va="bottom", zorder=3,
                bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.6})
    present = {graph.nodes[n].get("category") for n in nodes}
    handles = [Line2D([], [], marker="o", linestyle="", color=c, label=cat, markersize=8)
               for cat, c in CATEGORY_COLOURS.items() if cat in present]
    kinds_present = {main_kind(d.get("kinds", {})) for _, _, d in graph.edges(data=True)}
    handles += [Line2D([], [], color=c, label=k.replace("_", " "), linewidth=2)
                for k, c in KIND_COLOURS.items() if k in kinds_present]
    if handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=True, framealpha=0.85)
    subtitle = f"{graph.number_of_nodes()} entities, {graph.number_of_edges()} links"
    if graph.graph.get("left_out_nodes"):
        subtitle += (f" (the most central; {graph.graph['left_out_nodes']} entities and "
                     f"{graph.graph['left_out_edges']} links left out)")
    fig.suptitle(f"{title}\n{subtitle}", fontsize=12, fontfamily="DejaVu Sans")
    fmt = path.suffix.lstrip(".").lower()
    metadata = {"Date": None} if fmt == "svg" else {"Software": None}
    fig.savefig(path, format=fmt, metadata=metadata)


# --- graph files -----------------------------------------------------------------------------------

def _write_graph_file(graph: nx.Graph, path: Path, title: str) -> None:
    import networkx as nx

    fmt = path.suffix.lower()
    if fmt == ".json":
        data = nx.node_link_data(graph, edges="edges")
        data["graph"]["title"] = title
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
        return
    flat = flat_graph(graph)
    flat.graph["title"] = title
    if fmt == ".graphml":
        nx.write_graphml(flat, path)
    else:
        nx.write_gexf(flat, path)


def flat_graph(graph: nx.Graph) -> nx.Graph:
    """A copy with only scalar attributes (what GraphML and GEXF hold): kinds as ``met|co_mention``
    plus one count per kind, no evidence."""
    import networkx as nx

    flat = nx.Graph()
    flat.graph.update({k: v for k, v in graph.graph.items() if isinstance(v, (str, int, float))})
    for n in sorted(graph):
        flat.add_node(n, **{k: v for k, v in graph.nodes[n].items() if isinstance(v, (str, int, float))})
    for a, b in sorted((min(a, b), max(a, b)) for a, b in graph.edges):
        d = graph.edges[a, b]
        kinds = d.get("kinds", {})
        flat.add_edge(a, b, weight=d["weight"], kinds="|".join(k for k in KINDS if k in kinds),
                      **{f"n_{k}": kinds[k] for k in KINDS if k in kinds})
    return flat
