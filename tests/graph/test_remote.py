"""The remote store against a real `oxigraph serve` on a free loopback port: build, query, export."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import rdflib
from conftest import TEXT_2, make_extraction

from newsgraph import queries
from newsgraph.errors import QueryError, StoreError
from newsgraph.graph import iri
from newsgraph.graph.build import load_reference_graphs
from newsgraph.graph.corpus import store_extraction
from newsgraph.graph.export import serialize
from newsgraph.graph.store import open_store

pytestmark = pytest.mark.server


def _oxigraph_binary() -> str:
    local = Path(sys.executable).parent / "oxigraph"
    found = str(local) if local.exists() else shutil.which("oxigraph")
    if not found:
        pytest.fail("the oxigraph server is not installed: pip install oxigraph (it is in the test extras)")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = _free_port()
    proc = subprocess.Popen([_oxigraph_binary(), "serve", "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail("oxigraph serve did not start")
            time.sleep(0.1)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def test_remote_build_query_export(server: str, tmp_path: Path) -> None:
    store = open_store(server)
    load_reference_graphs(store, force=True)
    store_extraction(store, make_extraction())
    store_extraction(store, make_extraction("test-article-2", TEXT_2, "2022-06-11"))
    a1 = iri.article_iri("test-article-1")
    assert a1 in store.graphs()
    rows = queries.run(store, queries.load("quotes"), lang="en").rows
    assert [(r["speaker_label"], r["kind"]) for r in rows] == [("Sami Nour", "direct"), ("Sami Nour", "indirect")]
    rows_ar = queries.run(store, queries.load("quotes"), lang="ar").rows
    assert {r["speaker_label"] for r in rows_ar} == {"سامي نور"}
    # rebuilding replaces the article graph (Graph Store Protocol PUT), nothing else
    n = store.triple_count(a1)
    store_extraction(store, make_extraction())
    assert store.triple_count(a1) == n
    # export: the remote article graph is the very same as one built in an embedded store
    ttl = serialize(store, "turtle", graph=a1)
    with open_store(tmp_path / "db", create=True) as local:
        store_extraction(local, make_extraction())
        assert ttl == serialize(local, "turtle", graph=a1)
    assert len(rdflib.Graph().parse(data=ttl.decode("utf-8"), format="turtle")) == n
    assert serialize(store, "trig") == serialize(store, "trig")
    assert len(serialize(store, "nquads").splitlines()) == store.triple_count()  # every named graph


def test_remote_errors_are_one_line(server: str) -> None:
    store = open_store(server)
    with pytest.raises(QueryError) as err:
        store.query("SELECT ?s WHERE { ?s ")
    assert "\n" not in str(err.value)
    with pytest.raises(StoreError, match="cannot reach"):
        open_store(f"http://127.0.0.1:{_free_port()}").graphs()
