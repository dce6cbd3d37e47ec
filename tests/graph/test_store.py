"""The embedded store: missing store, atomic replacement, failures mid-build, locking, SPARQL helpers."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TEXT_2, make_extraction

from newsgraph.errors import QueryError, StoreError, StoreLockedError
from newsgraph.graph import iri
from newsgraph.graph.corpus import store_extraction
from newsgraph.graph.store import QueryResult, inject_values, open_store, sparql_kind, strip_comments

A1 = iri.article_iri("test-article-1")
A2 = iri.article_iri("test-article-2")


def test_store_missing_for_reading(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="run `newsgraph build` first"):
        open_store(tmp_path / "nothing", read_only=True)
    with pytest.raises(StoreError, match="no store at"):
        open_store(tmp_path / "nothing")


def test_store_refuses_foreign_folder(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    with pytest.raises(StoreError, match="not a newsgraph store"):
        open_store(tmp_path, create=True)


def test_store_replace_graph_replaces_only_that_article(built_store) -> None:
    before_a2 = built_store.triple_count(A2)
    small = make_extraction("test-article-1", TEXT_2, "2022-06-10")
    store_extraction(built_store, small)
    assert built_store.triple_count(A2) == before_a2
    res = built_store.query(f"SELECT ?q WHERE {{ GRAPH <{A1}> {{ ?q a <https://w3id.org/newsgraph/ontology#Quotation> }} }}")
    assert [r["q"] for r in res] == [A1 + "/quote/26-38"]  # the old quotation is gone


def test_store_rebuild_same_article_changes_nothing(built_store) -> None:
    dump = built_store.dump("nquads")
    store_extraction(built_store, make_extraction())
    assert built_store.dump("nquads") == dump


def test_store_failure_mid_build_keeps_stored_articles(built_store, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsgraph.graph import corpus

    dump = built_store.dump("nquads")
    calls = {"n": 0}
    real = built_store.replace_graph_ntriples

    def flaky(graph_iri: str, nt: str) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # Ctrl-C between two articles
        real(graph_iri, nt + "\n<http://example.org/changed> <http://example.org/p> <http://example.org/o> .")

    monkeypatch.setattr(built_store, "replace_graph_ntriples", flaky)
    extractions = iter([make_extraction("test-article-3"), make_extraction()])
    with pytest.raises(KeyboardInterrupt):
        for ex in extractions:
            corpus.store_extraction(built_store, ex)
    monkeypatch.undo()
    assert iri.article_iri("test-article-3") in built_store.graphs()
    # article 1 was not touched: its old version is intact
    old = [line for line in dump.decode().splitlines() if f"<{A1}> ." in line]
    new = [line for line in built_store.dump("nquads").decode().splitlines() if f"<{A1}> ." in line]
    assert old == new


def test_store_bad_update_rolls_back(built_store) -> None:
    before = built_store.triple_count(A1)
    with pytest.raises(QueryError):
        built_store.replace_graph_ntriples(A1, "<http://example.org/a> <http://example.org/b> this is not RDF")
    assert built_store.triple_count(A1) == before


def _open_in_subprocess(location: str, read_only: bool) -> subprocess.CompletedProcess:
    code = ("import sys\nfrom newsgraph.graph.store import open_store\nfrom newsgraph.errors import StoreLockedError\n"
            "try:\n    s = open_store(sys.argv[1], read_only=sys.argv[2] == 'ro')\n"
            "except StoreLockedError as e:\n    print('LOCKED', e); sys.exit(3)\nprint(len(s.graphs()))\n")
    return subprocess.run([sys.executable, "-c", code, location, "ro" if read_only else "rw"],
                          capture_output=True, text=True, timeout=60)


def test_store_locked_by_second_process(built_store) -> None:
    # a writer excludes other writers and readers (reading a store being written is undefined in Oxigraph)
    proc = _open_in_subprocess(built_store.location, read_only=False)
    assert proc.returncode == 3, proc.stderr
    assert "is in use by another process" in proc.stdout
    proc = _open_in_subprocess(built_store.location, read_only=True)
    assert proc.returncode == 3, proc.stderr
    assert "is being written by another process" in proc.stdout


def test_store_readers_share_writers_wait(built_store) -> None:
    location = built_store.location
    n_graphs = len(built_store.graphs())
    built_store.close()
    with open_store(location, read_only=True):
        proc = _open_in_subprocess(location, read_only=True)
        assert proc.returncode == 0 and int(proc.stdout) == n_graphs, proc.stderr
        proc = _open_in_subprocess(location, read_only=False)
        assert proc.returncode == 3 and "in use" in proc.stdout
    assert _open_in_subprocess(location, read_only=False).returncode == 0  # released on close
    built_store.__init__(location)


def test_store_locked_in_same_process(built_store) -> None:
    with pytest.raises(StoreLockedError):
        open_store(built_store.location)


def test_store_read_only_refuses_updates(built_store) -> None:
    location = built_store.location
    built_store.close()
    with open_store(location, read_only=True) as ro:
        with pytest.raises(StoreError, match="read-only"):
            ro.update("CLEAR ALL")
    built_store.__init__(location)  # reopen for the fixture's teardown


def test_store_reference_graphs_and_content_hash(built_store) -> None:
    from newsgraph import config
    from newsgraph.graph.build import content_hash, load_reference_graphs

    assert {config.ONTOLOGY_GRAPH, config.KB_GRAPH, A1, A2} <= set(built_store.graphs())
    assert load_reference_graphs(built_store) == []  # unchanged: not reloaded
    assert built_store.content_hash(A1) == content_hash(make_extraction().article.text)
    assert built_store.content_hash(iri.article_iri("absent")) is None


def test_store_query_forms(built_store) -> None:
    assert isinstance(built_store.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1"), QueryResult)
    assert built_store.query("ASK { ?s ?p ?o }") is True
    assert len(built_store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3")) == 3


def test_store_syntax_error_has_line_and_column(built_store) -> None:
    with pytest.raises(QueryError, match=r"line 2, column \d+") as err:
        built_store.query("SELECT ?s WHERE {\n ?s ?p }")
    assert "\n" not in str(err.value)


@pytest.mark.parametrize(("text", "kind"), [
    ("SELECT * WHERE { ?s ?p ?o }", "query"),
    ("PREFIX ex: <http://example.org/#x>\n# INSERT in a comment\nASK { ?s ?p ?o }", "query"),
    ("prefix ex: <http://e/> insert data { ex:a ex:b ex:c }", "update"),
    ("# a comment\nDROP GRAPH <http://e/g>", "update"),
    ("BASE <http://e/> DELETE WHERE { ?s ?p ?o }", "update"),
])
def test_store_sparql_kind(text: str, kind: str) -> None:
    assert sparql_kind(text) == kind


def test_store_inject_values_every_where_and_escaped() -> None:
    q = 'SELECT ?x WHERE { { SELECT ?x WHERE { ?x ?p $lang } } FILTER(?x != "WHERE {") } # WHERE {'
    out = inject_values(q, {"lang": 'a"b'})
    assert out.count('VALUES (?lang) { ("a\\"b") }') == 2
    assert strip_comments("ASK { <http://e/#a> ?p '# no' } # yes") == "ASK { <http://e/#a> ?p '# no' }      "


def test_store_bindings_reach_subqueries(built_store) -> None:
    q = ("SELECT ?label WHERE { { SELECT (MIN(?l) AS ?label) WHERE { ?e <http://www.w3.org/2004/02/skos/core#prefLabel> ?l "
         "FILTER(LANGMATCHES(LANG(?l), $lang)) FILTER(STR(?l) = 'Sami Nour' || STR(?l) = 'سامي نور') } } }")
    assert built_store.query(q, {"lang": "en"}).rows == [{"label": "Sami Nour"}]
    assert built_store.query(q, {"lang": "ar"}).rows == [{"label": "سامي نور"}]


def test_store_reference_graph_reloaded_when_unstamped(built_store) -> None:
    # an interrupted reference load leaves no version stamp: the next build loads the graph again
    from newsgraph import config
    from newsgraph.graph.build import VERSION_PREDICATE, load_reference_graphs

    n = built_store.triple_count(config.KB_GRAPH)
    built_store.update(f"DELETE WHERE {{ GRAPH <{config.KB_GRAPH}> {{ <{config.KB_GRAPH}> <{VERSION_PREDICATE}> ?v }} }}")
    assert built_store.graph_version(config.KB_GRAPH) is None
    assert load_reference_graphs(built_store) == [config.KB_GRAPH]
    assert built_store.triple_count(config.KB_GRAPH) == n
