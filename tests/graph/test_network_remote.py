"""The network projected through a real SPARQL server (Oxigraph's) equals the embedded store's."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from servers import Unavailable, oxigraph_server, require

from newsgraph.graph import network
from newsgraph.graph.store import open_store

pytestmark = pytest.mark.server

FIXTURE = Path(__file__).parent.parent / "data" / "network" / "small.trig"


def load_fixture(store) -> None:
    """Each graph of the fixture into ``store`` through the store API (works for remote stores too)."""
    import pyoxigraph as ox

    by_graph = defaultdict(list)
    for quad in ox.parse(path=str(FIXTURE), format=ox.RdfFormat.TRIG):
        by_graph[quad.graph_name.value].append(ox.Triple(quad.subject, quad.predicate, quad.object))
    for graph, triples in sorted(by_graph.items()):
        store.replace_graph_ntriples(graph, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"))


def test_network_remote_store_gives_the_same_network(tmp_path):
    with open_store(tmp_path / "embedded", create=True) as store:
        load_fixture(store)
        embedded = network.project(store, lang="en")
    try:
        with oxigraph_server(tmp_path) as server, open_store(server.url) as store:
            load_fixture(store)
            remote = network.project(store, lang="en")
    except Unavailable as err:
        require(str(err))
    assert embedded.number_of_nodes() == 9 and embedded.number_of_edges() == 16
    assert dict(remote.nodes(data=True)) == dict(embedded.nodes(data=True))
    assert {frozenset((a, b)): d for a, b, d in remote.edges(data=True)} == \
           {frozenset((a, b)): d for a, b, d in embedded.edges(data=True)}
