"""The entity network projected from a hand-written fixture store (tests/data/network/small.trig)."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import InputError
from newsgraph.graph import network
from newsgraph.graph.network import NetworkFilter

FIXTURE = Path(__file__).parent.parent / "data" / "network" / "small.trig"
ID = "https://w3id.org/newsgraph/id/"
ALI, SAMI, RU, KZ = ID + "person/ali-hassan", ID + "person/sami-nour", ID + "country/RU", ID + "country/KZ"
COUNCIL, DECL, CSTO = ID + "organization/council", ID + "document/declaration", ID + "organization/csto"
SECURITY, MOSCOW = ID + "concept/indivisible-security", ID + "place/moscow"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    import pyoxigraph as ox

    from newsgraph.graph.store import open_store

    with open_store(tmp_path_factory.mktemp("network") / "db", create=True) as s:
        s.ox.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
        yield s


@pytest.fixture(scope="module")
def graph(store):
    return network.project(store, lang="en")


def test_network_nodes_are_the_mentioned_entities(graph):
    assert set(graph) == {ALI, SAMI, RU, KZ, COUNCIL, DECL, CSTO, SECURITY, MOSCOW}
    assert graph.nodes[ALI] == {"label": "Ali Hassan", "category": "Person", "type": "Person",
                                "mentions": 3, "articles": 2}
    assert graph.nodes[KZ]["category"] == "Place" and graph.nodes[KZ]["type"] == "Country"
    assert graph.nodes[CSTO]["category"] == "Organization"
    assert graph.nodes[COUNCIL]["mentions"] == 3 and graph.nodes[COUNCIL]["articles"] == 3


def test_network_label_falls_back_to_any_language(graph):
    assert graph.nodes[MOSCOW]["label"] == "موسكو"     # only an Arabic label exists
    assert graph.nodes[SAMI]["label"] == "Sami Nour"


@pytest.mark.parametrize("a, b, kinds", [
    (ALI, SAMI, {"met": 1, "called": 1, "co_mention": 2}),
    (ALI, KZ, {"said_about": 1, "co_mention": 1}),
    (SAMI, COUNCIL, {"said_about": 1, "co_mention": 1}),
    (COUNCIL, DECL, {"adopted": 1, "co_mention": 1}),
    (DECL, SECURITY, {"affirms": 1, "co_mention": 1}),
    (ALI, RU, {"holds_post_in": 1, "co_mention": 1}),   # stated in a1 and in the KB: counted once
    (RU, CSTO, {"member_of": 1, "co_mention": 1}),
    (KZ, RU, {"co_mention": 1}),
    (ALI, MOSCOW, {"co_mention": 1}),
])
def test_network_edge_kinds_and_weights(graph, a, b, kinds):
    data = graph.edges[a, b]
    assert data["kinds"] == kinds
    assert data["weight"] == sum(kinds.values())


def test_network_has_no_other_edges(graph):
    assert graph.number_of_edges() == 16
    assert not graph.has_edge(KZ, DECL)        # different sentences of a1
    assert ID + "country/XX" not in graph      # a KB member nobody mentions


def test_network_evidence_holds_the_quotation_and_sentence(graph):
    evidence = graph.edges[ALI, KZ]["evidence"]
    quote = next(e for e in evidence if e["kind"] == "said_about")
    assert quote == {"kind": "said_about", "source": ALI, "target": KZ, "article": ID + "article/a1",
                     "begin": 70, "end": 90, "text": "كازاخستان تدعم الخطة"}
    sentence = next(e for e in evidence if e["kind"] == "co_mention")
    assert sentence["text"].startswith("وقال") and sentence["text"].endswith("الخطة.")


def test_network_filter_article_and_dates(store):
    only_a3 = network.project(store, lang="en", filters=NetworkFilter(article="a3"))
    assert set(only_a3) == {SAMI, COUNCIL}
    assert only_a3.edges[SAMI, COUNCIL]["kinds"] == {"said_about": 1, "co_mention": 1}
    since_july = network.project(store, lang="en", filters=NetworkFilter(since="2022-07-01", until="2022-07-31"))
    assert MOSCOW not in since_july and since_july.nodes[ALI]["mentions"] == 1
    assert since_july.edges[ALI, SAMI]["kinds"] == {"called": 1, "co_mention": 1}


def test_network_filter_category_weight_and_neighbourhood(store):
    people = network.project(store, filters=NetworkFilter(categories=("person",)))
    assert set(people) == {ALI, SAMI}
    heavy = network.project(store, lang="en", filters=NetworkFilter(min_weight=3))
    assert set(heavy.edges) == {(ALI, SAMI)} or set(heavy.edges) == {(SAMI, ALI)}
    near = network.project(store, lang="en", filters=NetworkFilter(around="Declaration", depth=1))
    assert set(near) == {DECL, COUNCIL, SECURITY}
    by_iri = network.project(store, lang="en", filters=NetworkFilter(around=DECL, depth=2))
    assert SAMI in by_iri and ALI not in by_iri


def test_network_unknown_entity_or_article_is_a_clear_error(store):
    with pytest.raises(InputError, match="no entity 'Nobody'"):
        network.project(store, filters=NetworkFilter(around="Nobody"))
    with pytest.raises(InputError, match="no article 'a9'"):
        network.project(store, filters=NetworkFilter(article="a9"))


def test_network_query_contract_columns(store):
    rows = network.select(store, "network", {"lang": "ar"})
    assert all(list(r) == ["source", "source_label", "target", "target_label", "weight"] for r in rows)
    pair = next(r for r in rows if r["source"] == ALI and r["target"] == SAMI)
    assert pair["weight"] == "2" and pair["source_label"] == "علي حسن" and pair["target_label"] == "سامي نور"
    assert {(r["source"], r["target"]) for r in rows} == {
        (ALI, SAMI), (ALI, KZ), (ALI, RU), (SAMI, COUNCIL), (COUNCIL, DECL), (DECL, SECURITY)}


def test_network_centrality_top_and_communities_are_deterministic(graph):
    summary = network.summary(graph, top_n=3)
    assert summary["nodes"] == 9 and summary["edges"] == 16 and summary["articles"] == 3
    assert [row["label"] for row in summary["central"]][0] in {"Ali Hassan", "Russia"}
    assert summary == network.summary(graph, top_n=3)
    assert sum(c["size"] for c in summary["communities"]) == 9
    small = network.top(graph, 4)
    assert small.number_of_nodes() == 4
    assert small.graph["left_out_nodes"] == 5
    assert small.graph["left_out_edges"] == 16 - small.number_of_edges()


def test_network_top_keeps_typed_and_heavy_links_first(graph):
    small = network.top(graph, 9, max_edges=5)
    assert small.number_of_nodes() == 9 and small.number_of_edges() == 5
    assert small.has_edge(ALI, SAMI)                                  # the heaviest
    assert all(set(d["kinds"]) - {"co_mention"} for _, _, d in small.edges(data=True))
    assert small.graph["left_out_edges"] == 11 and small.graph["left_out_nodes"] == 0
