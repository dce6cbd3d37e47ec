"""The rewritten named queries keep their meaning on small graphs written for the tests, and keep the
shape that lets Oxigraph and Virtuoso evaluate them well (see the comments in the .rq files)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsgraph import queries
from newsgraph.graph.store import open_store, strip_comments

NG = "https://w3id.org/newsgraph/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
B = "https://w3id.org/newsgraph/id/"
A1, A2 = B + "article/t1", B + "article/t2"
SPEAKER, INSIDE, OUTSIDE, OTHER = B + "person/speaker", B + "person/inside", B + "person/outside", B + "person/other"
BODY, POST = B + "org/body", B + "post/minister"
SUBQUERY_WHERE = re.compile(r"\{\s*SELECT\b[^{]*?\bWHERE\s*\{", re.IGNORECASE | re.DOTALL)


def trig(graphs: dict[str, str]) -> str:
    """TriG text: one named graph per key, its Turtle body (with the ng/rdf/rdfs/skos prefixes) as value."""
    head = f"@prefix ng: <{NG}> .\n@prefix rdf: <{RDF}> .\n@prefix rdfs: <{RDFS}> .\n@prefix skos: <{SKOS}> .\n"
    return head + "".join(f"<{g}> {{\n{body}\n}}\n" for g, body in graphs.items())


@pytest.fixture
def small_store(tmp_path: Path):
    """An empty store; the test loads its own TriG into it."""
    store = open_store(tmp_path / "db", create=True)
    yield store
    store.close()


def load(store, text: str) -> None:  # noqa: ANN001
    """Load TriG text into ``store``."""
    import pyoxigraph as ox

    store.ox.load(text.encode("utf-8"), format=ox.RdfFormat.TRIG)


def network(store) -> list[tuple]:  # noqa: ANN001
    """The network query's rows as (source, target, weight) tuples, in their order."""
    res = queries.run(store, queries.load("network"), lang="en", fresh=True)
    return [(r["source"], r["target"], r["weight"]) for r in res.rows]


def test_network_said_about_counts_only_mentions_inside_the_quotation(small_store) -> None:
    load(small_store, trig({A1: f"""
        <{A1}/quote/10-50> a ng:Quotation ; ng:inArticle <{A1}> ; ng:speaker <{SPEAKER}> ;
            ng:beginIndex 10 ; ng:endIndex 50 .
        <{A1}/mention/20-30> a ng:Mention ; ng:refersTo <{INSIDE}> ; ng:inArticle <{A1}> ; ng:beginIndex 20 ; ng:endIndex 30 .
        <{A1}/mention/45-55> a ng:Mention ; ng:refersTo <{OUTSIDE}> ; ng:inArticle <{A1}> ; ng:beginIndex 45 ; ng:endIndex 55 .
        <{A1}/mention/12-18> a ng:Mention ; ng:refersTo <{SPEAKER}> ; ng:inArticle <{A1}> ; ng:beginIndex 12 ; ng:endIndex 18 .
    """, A2: f"""
        <{A2}/mention/20-30> a ng:Mention ; ng:refersTo <{OTHER}> ; ng:inArticle <{A2}> ; ng:beginIndex 20 ; ng:endIndex 30 .
    """}))
    # the mention that ends past the quotation, the speaker's own mention and a mention at the same
    # offsets in another article are not "said about"
    assert network(small_store) == [(SPEAKER, INSIDE, "1")]


def test_network_post_body_repeated_in_graphs_counts_each_statement_once(small_store) -> None:
    holds = f"""
        <{{a}}/assertion/1> a rdf:Statement, ng:Assertion ; rdf:subject <{SPEAKER}> ; rdf:predicate ng:holdsPost ;
            rdf:object <{POST}> ; ng:inArticle <{{a}}> .
        <{POST}> ng:postIn <{BODY}> ."""
    load(small_store, trig({A1: holds.format(a=A1), A2: holds.format(a=A2)}))
    # two statements (one per article); the post's ng:postIn triple is in both graphs
    assert network(small_store) == [(SPEAKER, BODY, "2")]


def test_entities_category_first_top_by_name_and_type_most_specific(small_store) -> None:
    both, loose = NG + "TestPlaceAndBody", NG + "TestLooseClass"
    load(small_store, trig({A1: f"""
        <{both}> rdfs:subClassOf ng:Place, ng:Organization .
        <{A1}> ng:mentions <{BODY}>, <{OTHER}> .
        <{BODY}> a <{both}>, ng:Organization ; skos:prefLabel "Body"@en .
        <{OTHER}> a <{loose}> ; skos:prefLabel "Other"@en .
    """}))
    res = queries.run(small_store, queries.load("entities"), lang="en", fresh=True)
    rows = {r["entity"]: (r["category"], r["type"]) for r in res.rows}
    # a class under two top classes gives the first by name; an entity whose only class reaches no top
    # class has no category and is left out
    assert rows == {BODY: ("Organization", "TestPlaceAndBody")}


@pytest.mark.parametrize("name", queries.names())
def test_subqueries_take_the_lang_block_only_where_they_use_it(name: str) -> None:
    # the store puts a VALUES block after every "WHERE {": in a subquery that does not use $lang it
    # is a cross join on every row (and Virtuoso 7.2 fails on it), so such subqueries omit WHERE
    query = queries.load(name)
    text = strip_comments(query.text)
    uses_param = re.compile(r"[$?](" + "|".join(map(re.escape, query.parameters)) + r")\b") if query.parameters else None
    for match in SUBQUERY_WHERE.finditer(text):
        depth, end = 1, match.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(text[end], 0)
            end += 1
        group = text[match.start():end]
        assert uses_param and uses_param.search(group), f"{name}: subquery without parameters has WHERE: {group[:80]!r}"
