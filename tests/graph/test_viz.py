"""Pictures and graph files of the entity network, the HTML page checked in headless Chromium."""
from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from newsgraph.errors import OutputError
from newsgraph.graph import network, viz

FIXTURE = Path(__file__).parent.parent / "data" / "network" / "small.trig"
ID = "https://w3id.org/newsgraph/id/"


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    import pyoxigraph as ox

    from newsgraph.graph.store import open_store

    with open_store(tmp_path_factory.mktemp("viz") / "db", create=True) as store:
        store.ox.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
        return network.project(store, lang="ar")


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's chromium; installed here when missing and we are root (a fresh machine)."""
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None and hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        install = ["apt-get", "install", "-y", "--no-install-recommends", "chromium"]
        if subprocess.run(install, env=env, capture_output=True, timeout=900).returncode != 0:
            subprocess.run(["apt-get", "update"], env=env, capture_output=True, timeout=900)
            subprocess.run(install, env=env, capture_output=True, timeout=900)
        exe = shutil.which("chromium")
    if exe is None:
        pytest.fail("these tests need Debian's chromium: run `apt-get install -y chromium` as root")
    return exe


def dump_dom(chromium: str, url: str, tmp_path: Path) -> str:
    """The DOM after the page's script ran, with every host name failing to resolve."""
    args = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
            "--host-resolver-rules=MAP * ~NOTFOUND", "--virtual-time-budget=3000", "--dump-dom", url]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_viz_html_draws_every_node_offline(graph, chromium, tmp_path):
    page = tmp_path / "net.html"
    assert viz.write(graph, page) == {"nodes": 9, "edges": 16, "left_out_nodes": 0, "left_out_edges": 0}
    dom = dump_dom(chromium, page.as_uri(), tmp_path)
    assert 'data-drawn-nodes="9"' in dom and 'data-drawn-edges="16"' in dom
    assert dom.count('<g class="node"') == 9
    assert 'direction="rtl">علي حسن</text>' in dom          # Arabic labels drawn right to left
    assert "9 entities, 16 links from 3 article(s)" in dom
    assert "Organization" in dom and "said about" in dom     # the legend


def test_viz_html_loads_nothing_from_other_hosts(graph, tmp_path):
    page = tmp_path / "net.html"
    viz.write(graph, page)
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", text, re.IGNORECASE)
    assert not re.search(r"""@import|url\(\s*["']?(?:https?:)?//|<link\b|<iframe\b""", text, re.IGNORECASE)
    assert "fetch(" not in text and "XMLHttpRequest" not in text


def test_viz_html_link_shows_the_quotation_behind_it(graph, chromium, tmp_path):
    page = tmp_path / "net.html"
    viz.write(graph, page)
    dom = dump_dom(chromium, page.as_uri() + "#link=" + "علي حسن|كازاخستان", tmp_path)
    details = dom[dom.index('id="details"'):dom.index('id="legend"')]
    assert "كازاخستان تدعم الخطة" in details                        # the quotation
    assert "said about: <bdi>علي حسن</bdi> → <bdi>كازاخستان</bdi> · a1 [70–90]" in details   # labels isolated
    assert "co mention" in details


def test_viz_html_search_marks_the_matching_entities(graph, chromium, tmp_path):
    page = tmp_path / "net.html"
    viz.write(graph, page)
    dom = dump_dom(chromium, page.as_uri() + "#search=" + "سامي", tmp_path)
    assert 'data-search-hits="1"' in dom
    assert dom.count('class="node hit"') == 1 and dom.count('class="node dim"') == 8


def test_viz_page_labels_only_the_most_central_from_afar(graph, monkeypatch):
    monkeypatch.setattr(viz, "MAJOR_LABELS", 3)
    ranked = graph.copy()
    for node, rank in network.pagerank(ranked).items():
        ranked.nodes[node]["pagerank"] = rank
    nodes = viz.page_data(ranked)["nodes"]
    assert len({n["pagerank"] for n in nodes}) > 3                 # distinct ranks, so the split means something
    major = sorted((n for n in nodes if n["major"]), key=lambda n: -n["pagerank"])
    assert len(major) == 3
    assert min(n["pagerank"] for n in major) >= max(n["pagerank"] for n in nodes if not n["major"])


def test_viz_html_top_n_says_what_was_left_out(graph, chromium, tmp_path):
    page = tmp_path / "top.html"
    written = viz.write(graph, page, top_n=4)
    assert written["nodes"] == 4 and written["left_out_nodes"] == 5
    dom = dump_dom(chromium, page.as_uri(), tmp_path)
    assert 'data-drawn-nodes="4"' in dom
    assert f"5 entities and {written['left_out_edges']} links left out" in dom


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR"
    return struct.unpack(">II", head[16:24])


def test_viz_png_is_a_picture(graph, tmp_path):
    path = tmp_path / "net.png"
    viz.write(graph, path)
    assert png_size(path) == (1540, 1155)
    assert path.stat().st_size > 20_000          # drawn, not blank


def test_viz_svg_is_xml_and_the_same_every_time(graph, tmp_path):
    viz.write(graph, tmp_path / "one.svg", title="Test network")
    viz.write(graph, tmp_path / "two.svg", title="Test network")
    root = ET.parse(tmp_path / "one.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert len(root.findall(".//{http://www.w3.org/2000/svg}path")) > 30     # nodes, links, glyphs
    assert (tmp_path / "one.svg").read_bytes() == (tmp_path / "two.svg").read_bytes()


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_viz_graph_files_read_back(graph, tmp_path, suffix):
    import networkx as nx

    path = tmp_path / f"net{suffix}"
    viz.write(graph, path)
    back = nx.read_graphml(path) if suffix == ".graphml" else nx.read_gexf(path)
    assert set(back) == set(graph)
    assert back.number_of_edges() == graph.number_of_edges()
    edge = back.edges[ID + "person/ali-hassan", ID + "person/sami-nour"]
    assert int(edge["weight"]) == 4 and edge["kinds"] == "met|called|co_mention"
    assert back.nodes[ID + "country/KZ"]["label"] == "كازاخستان"


def test_viz_json_keeps_the_evidence(graph, tmp_path):
    import json

    import networkx as nx

    path = tmp_path / "net.json"
    viz.write(graph, path)
    back = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges")
    assert set(back) == set(graph)
    evidence = back.edges[ID + "person/sami-nour", ID + "organization/council"]["evidence"]
    assert {e["kind"] for e in evidence} == {"said_about", "co_mention"}


@pytest.mark.parametrize("name", ["net.html", "net.graphml"])
def test_viz_output_is_deterministic(graph, tmp_path, name):
    viz.write(graph, tmp_path / name)
    first = (tmp_path / name).read_bytes()
    viz.write(graph, tmp_path / name)
    assert (tmp_path / name).read_bytes() == first


def test_viz_bad_output_is_a_clear_error(graph, tmp_path):
    with pytest.raises(OutputError, match=r"\.html, \.png"):
        viz.write(graph, tmp_path / "net.pdf")
    with pytest.raises(OutputError, match="does not exist"):
        viz.write(graph, tmp_path / "missing" / "net.html")
    assert list(tmp_path.iterdir()) == []        # nothing half-written


def test_viz_empty_network_still_writes(tmp_path):
    import networkx as nx

    empty = nx.Graph(articles=0)
    assert viz.write(empty, tmp_path / "empty.html")["nodes"] == 0
    assert viz.write(empty, tmp_path / "empty.png")["nodes"] == 0
    assert png_size(tmp_path / "empty.png") == (1540, 1155)
