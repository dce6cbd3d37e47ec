"""Exports are deterministic, use explicit prefixes, parse back isomorphic, and are written atomically."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic

from newsgraph.errors import OutputError
from newsgraph.graph import iri
from newsgraph.graph.export import export, serialize, write_atomic
from newsgraph.graph.stats import stats

RDFLIB_FORMAT = {"turtle": "turtle", "trig": "trig", "nt": "nt", "nquads": "nquads", "jsonld": "json-ld"}


def _as_dataset(data: bytes, fmt: str) -> rdflib.Dataset:
    ds = rdflib.Dataset()
    ds.parse(data=data.decode("utf-8"), format=RDFLIB_FORMAT[fmt])
    return ds


@pytest.mark.parametrize("fmt", ["trig", "nquads", "jsonld"])
def test_export_dataset_round_trip_isomorphic(fixture_store, fmt: str) -> None:
    reference = _as_dataset(serialize(fixture_store, "nquads"), "nquads")
    back = _as_dataset(serialize(fixture_store, fmt), fmt)
    assert sorted(str(g.identifier) for g in back.graphs() if len(g)) == \
        sorted(str(g.identifier) for g in reference.graphs() if len(g))
    for g in reference.graphs():
        assert isomorphic(g, back.graph(g.identifier)), g.identifier


@pytest.mark.parametrize("fmt", ["turtle", "nt"])
def test_export_merged_graph_round_trip_isomorphic(fixture_store, fmt: str) -> None:
    merged = rdflib.Graph()
    for s, p, o, _g in _as_dataset(serialize(fixture_store, "nquads"), "nquads").quads():
        merged.add((s, p, o))
    back = rdflib.Graph().parse(data=serialize(fixture_store, fmt).decode("utf-8"), format=RDFLIB_FORMAT[fmt])
    assert isomorphic(merged, back)


def test_export_turtle_explicit_prefixes(fixture_store) -> None:
    text = serialize(fixture_store, "turtle").decode("utf-8")
    for prefix in ("ng", "skos", "schema", "owl", "xsd", "rdf", "rdfs", "prov", "org", "nif", "id"):
        assert f"@prefix {prefix}: <" in text
    assert "ns1:" not in text and "ng:Quotation" in text


def test_export_deterministic_across_processes(fixture_store, tmp_path: Path) -> None:
    location = fixture_store.location
    fixture_store.close()
    code = ("import sys\nfrom newsgraph.graph.store import open_store\nfrom newsgraph.graph.export import serialize\n"
            "sys.stdout.buffer.write(serialize(open_store(sys.argv[1], read_only=True), sys.argv[2]))\n")
    for fmt in ("turtle", "trig"):
        outs = {subprocess.run([sys.executable, "-c", code, location, fmt], capture_output=True, timeout=60).stdout
                for _ in range(2)}
        assert len(outs) == 1 and len(outs.pop()) > 1000
    fixture_store.__init__(location)


def test_export_one_graph(fixture_store) -> None:
    a1 = iri.article_iri("test-article-1")
    g = rdflib.Graph().parse(data=serialize(fixture_store, "turtle", graph=a1).decode("utf-8"), format="turtle")
    assert (rdflib.URIRef(a1), rdflib.RDF.type, rdflib.URIRef("https://w3id.org/newsgraph/ontology#NewsArticle")) in g
    assert not list(g.triples((rdflib.URIRef(iri.article_iri("test-article-2")), None, None)))


def test_export_file_atomic_and_format_from_extension(fixture_store, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "graph.trig"
    assert export(fixture_store, None, out) is None
    assert out.read_bytes() == serialize(fixture_store, "trig")
    assert [p.name for p in out.parent.iterdir()] == ["graph.trig"]  # no temporary file left


def test_export_unwritable_and_unknown_format(fixture_store, tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="cannot write"):
        write_atomic(tmp_path / "no" / "such" / "dir" / "x.ttl", b"x")
    with pytest.raises(OutputError, match="unknown format"):
        serialize(fixture_store, "rdfxml-ish")
    with pytest.raises(OutputError, match="has no graph"):
        serialize(fixture_store, "turtle", graph="http://example.org/none")


def test_stats_counts(fixture_store) -> None:
    counts = stats(fixture_store)
    assert counts["articles"] == 2 and counts["quotations"] == 2 and counts["events"] == 1
    assert counts["entities"] == {"Concept": 1, "Document": 1, "Organization": 3, "Person": 1, "Place": 1}
    assert counts["triples"] > 100
