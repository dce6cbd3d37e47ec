"""Tests of the KB loader (newsgraph/ontology/kb.py) on small Turtle written for the tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import InputError
from newsgraph.ontology.kb import KB, Tenure, build_kb, kb_files, load_kb, parse_files

ID = "https://w3id.org/newsgraph/id/"

TINY = """
@prefix ng: <https://w3id.org/newsgraph/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix id: <https://w3id.org/newsgraph/id/> .
<https://w3id.org/newsgraph/id/country/XQ> a ng:Place, ng:Country ;
    skos:prefLabel "كسكيا"@ar, "Xqland"@en ; skos:altLabel "جمهورية كسكيا"@ar ;
    ng:adjective "كسكي"@ar, "كسكية"@ar ; owl:sameAs <http://www.wikidata.org/entity/Q999999999> .
<https://w3id.org/newsgraph/id/org/paper> a ng:MediaOrganization ; ng:siteId "paper.example", "paper" ;
    skos:prefLabel "صحيفة الورقة"@ar, "The Paper"@en ; skos:hiddenLabel "الورقة"@ar .
<https://w3id.org/newsgraph/id/role/foreign-minister> a ng:Role ; skos:prefLabel "وزير الخارجية"@ar .
<https://w3id.org/newsgraph/id/country/XQ/post/foreign-minister> a ng:Post ;
    ng:role <https://w3id.org/newsgraph/id/role/foreign-minister> ; ng:postIn <https://w3id.org/newsgraph/id/country/XQ> .
<https://w3id.org/newsgraph/id/person/a> a ng:Person ; skos:prefLabel "ألف"@ar, "A"@en .
<https://w3id.org/newsgraph/id/person/b> a ng:Person ; skos:prefLabel "باء"@ar, "B"@en ;
    ng:holdsPost <https://w3id.org/newsgraph/id/country/XQ/post/foreign-minister> .
[] a ng:Tenure ; ng:holder <https://w3id.org/newsgraph/id/person/a> ;
    ng:post <https://w3id.org/newsgraph/id/country/XQ/post/foreign-minister> ;
    ng:startDate "2010-01-01"^^<http://www.w3.org/2001/XMLSchema#date> ;
    ng:endDate "2015-04-29"^^<http://www.w3.org/2001/XMLSchema#date> .
[] a ng:Tenure ; ng:holder <https://w3id.org/newsgraph/id/person/b> ;
    ng:post <https://w3id.org/newsgraph/id/country/XQ/post/foreign-minister> ;
    ng:startDate "2015-04-29"^^<http://www.w3.org/2001/XMLSchema#date> .
"""

POST = ID + "country/XQ/post/foreign-minister"


@pytest.fixture()
def tiny(tmp_path: Path) -> KB:
    path = tmp_path / "tiny.ttl"
    path.write_text(TINY, encoding="utf-8")
    return build_kb(parse_files([path]))


def test_kb_tiny_entity_fields(tiny: KB) -> None:
    country = tiny.entities[ID + "country/XQ"]
    assert (country.category, country.type) == ("Place", "Country")
    assert country.labels["ar"] == ("كسكيا", "جمهورية كسكيا")
    assert country.adjectives == ("كسكي", "كسكية")
    assert country.wikidata == "Q999999999"


def test_kb_hidden_labels_are_not_matchable_labels(tiny: KB) -> None:
    paper = tiny.entities[ID + "org/paper"]
    assert "الورقة" not in paper.labels["ar"]
    assert tiny.by_site_id("www.Paper.example") == paper.iri
    assert tiny.by_site_id("unknown.example") is None


def test_kb_holder_respects_dates(tiny: KB) -> None:
    assert tiny.holder(POST, "2012-06-01") == ID + "person/a"
    assert tiny.holder(POST, "2015-04-29") == ID + "person/b"      # handover day: the later start wins
    assert tiny.holder(POST, "2020-01-01T10:00:00") == ID + "person/b"
    assert tiny.holder(POST, "2009-12-31") is None
    assert tiny.holder(POST, None) == ID + "person/b"
    assert tiny.holder(ID + "country/XQ/post/king", "2012-01-01") is None


def test_kb_posts_held_and_undated_holds_post(tiny: KB) -> None:
    assert tiny.posts_held(ID + "person/a", "2012-01-01") == [POST]
    assert tiny.posts_held(ID + "person/a", "2016-01-01") == []
    assert Tenure(ID + "person/b", POST, "2015-04-29", None) in tiny.tenures
    assert tiny.posts[POST].role == ID + "role/foreign-minister"
    assert tiny.posts[POST].org == ID + "country/XQ"
    assert tiny.post_iri(ID + "country/XQ", "foreign-minister") == POST


def test_kb_post_of_an_organisation_found_in_the_text_hangs_under_its_minted_iri(tiny: KB) -> None:
    from newsgraph.graph.iri import entity_iri

    org = "Organization:هيئة الاختبار"
    assert tiny.post_iri(org, "spokesperson") == entity_iri(org) + "/post/spokesperson"


def test_kb_broken_turtle_raises_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(InputError):
        parse_files([bad])


def test_kb_env_dirs_extend_the_kb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "tiny.ttl").write_text(TINY, encoding="utf-8")
    monkeypatch.setenv("NEWSGRAPH_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("NEWSGRAPH_KB", str(tmp_path))
    assert tmp_path / "tiny.ttl" in kb_files()
    kb = load_kb()
    assert ID + "country/XQ" in kb.entities and ID + "country/RU" in kb.entities


def test_kb_missing_env_dir_is_an_input_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_KB", str(tmp_path / "nope"))
    with pytest.raises(InputError):
        kb_files()


def test_kb_pickle_cache_is_used_and_invalidated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsgraph.ontology import kb as kbmod

    extra = tmp_path / "extra"
    extra.mkdir()
    ttl = extra / "tiny.ttl"
    ttl.write_text(TINY, encoding="utf-8")
    monkeypatch.setenv("NEWSGRAPH_CACHE", str(tmp_path / "cache"))
    first = load_kb([extra])
    caches = list((tmp_path / "cache").glob("kb-*.pickle"))
    assert len(caches) == 1
    kbmod._load.cache_clear()
    assert load_kb([extra]).entities.keys() == first.entities.keys()     # read back from the pickle
    ttl.write_text(TINY.replace("Xqland", "Xqland Republic"), encoding="utf-8")
    kbmod._load.cache_clear()
    assert load_kb([extra]).entities[ID + "country/XQ"].labels["en"][0] == "Xqland Republic"
    assert len(list((tmp_path / "cache").glob("kb-*.pickle"))) == 2


def test_kb_broken_cache_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsgraph.ontology import kb as kbmod

    monkeypatch.setenv("NEWSGRAPH_CACHE", str(tmp_path))
    path = kbmod._cache_path(kb_files())
    assert path is not None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not a pickle")
    kbmod._load.cache_clear()
    assert ID + "country/RU" in load_kb().entities


def test_kb_user_subclass_of_an_ng_class_is_understood(tmp_path: Path) -> None:
    path = tmp_path / "user.ttl"
    path.write_text("""
@prefix ng: <https://w3id.org/newsgraph/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <https://example.org/> .
ex:Newspaper rdfs:subClassOf ng:MediaOrganization .
<https://w3id.org/newsgraph/id/org/example-daily> a ex:Newspaper ;
    skos:prefLabel "صحيفة المثال"@ar, "Example Daily"@en .
""", encoding="utf-8")
    ent = build_kb(parse_files([path])).entities[ID + "org/example-daily"]
    assert (ent.category, ent.type) == ("Organization", "MediaOrganization")
