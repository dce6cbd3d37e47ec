"""newsgraph validate: SHACL shapes and OWL checks name each faulty resource and the rule it breaks."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data" / "ontology"
ID = "https://w3id.org/newsgraph/id/"
FAULTY = ID + "article/test-faulty"
CLEAN = ID + "article/test-clean"


def _open(tmp_path: Path, *fixtures: str):
    import pyoxigraph as ox

    from newsgraph.graph.store import open_store

    store = open_store(tmp_path / "db", create=True)
    for name in fixtures:
        store.ox.load(path=str(DATA / name), format=ox.RdfFormat.TRIG)
    return store


@pytest.fixture(scope="module")
def faulty_report(tmp_path_factory):
    from newsgraph.ontology.validate import validate

    with _open(tmp_path_factory.mktemp("faulty"), "faulty.trig") as store:
        return validate(store)


@pytest.fixture(scope="module")
def clean_report(tmp_path_factory):
    from newsgraph.ontology.validate import validate

    with _open(tmp_path_factory.mktemp("clean"), "clean.trig") as store:
        return validate(store)


def test_validate_clean_fixture_is_clean(clean_report):
    assert clean_report.violations == ()
    assert clean_report.conforms
    assert clean_report.graphs == (CLEAN,)


@pytest.mark.parametrize(
    ("focus", "rule"),
    [
        (FAULTY + "/quote/0-10", "quotation-speaker"),
        (ID + "person/both", "owl:disjoint ng:Organization ng:Person"),
        (FAULTY + "/mention/30-99", "span-inside-article"),
        (FAULTY + "/event/0-5", "event-participant"),
        (FAULTY + "/event/0-5", "event-date"),
        (ID + "person/nameless", "entity-label"),
        (FAULTY + "/event/0-7", "event-type"),
        (FAULTY + "/quote/8-14", "quotation-speaker"),
        (FAULTY + "/quote/8-14", "date-valid"),
    ],
)
def test_validate_reports_each_planted_fault_by_name(faulty_report, focus, rule):
    hits = [v for v in faulty_report.violations if v.focus == focus and v.rule == rule]
    assert hits, f"{rule} not reported for {focus}: {faulty_report.to_table()}"
    assert all(v.severity == "Violation" and v.graph == FAULTY for v in hits)


@pytest.mark.parametrize(
    ("focus", "rule", "words"),
    [
        (ID + "org/x/post/chief", "post-holder", "holder"),  # missing knowledge, not a broken graph
        (FAULTY + "/event/21-26", "event-date", "no date"),  # the article does not say when
    ],
)
def test_validate_reports_gaps_as_warnings(faulty_report, focus, rule, words):
    hits = [v for v in faulty_report.violations if v.focus == focus and v.rule == rule]
    assert [v.severity for v in hits] == ["Warning"], faulty_report.to_table()
    assert words in hits[0].message and hits[0].graph == FAULTY


def test_validate_invalid_event_date_is_a_violation_naming_the_value(faulty_report):
    (hit,) = [v for v in faulty_report.violations if v.focus == FAULTY + "/event/0-5" and v.rule == "event-date"]
    assert hit.severity == "Violation" and "2021-13-45" in hit.message


def test_validate_reports_nothing_else(faulty_report):
    rules = {(v.focus, v.rule) for v in faulty_report.violations if v.check != "hermit"}
    assert rules == {
        (FAULTY + "/quote/0-10", "quotation-speaker"),
        (ID + "person/both", "owl:disjoint ng:Organization ng:Person"),
        (FAULTY + "/mention/30-99", "span-inside-article"),
        (FAULTY + "/event/0-5", "event-participant"),
        (FAULTY + "/event/0-5", "event-date"),
        (FAULTY + "/event/0-5", "date-valid"),  # the general date shape also applies to events
        (ID + "person/nameless", "entity-label"),
        (ID + "org/x/post/chief", "post-holder"),
        (FAULTY + "/event/0-7", "event-type"),
        (FAULTY + "/mention/0-7", "anchor-matches-text"),
        (FAULTY + "/quote/8-14", "quotation-speaker"),  # a city is no speaker (a country is)
        (FAULTY + "/quote/8-14", "date-valid"),  # "2021-W18": XSD has no week
        (FAULTY + "/event/21-26", "event-date"),  # a warning; the named event it is of gets nothing
    }
    assert not faulty_report.conforms


def test_validate_anchor_mismatch_is_only_a_warning(faulty_report):
    (anchor,) = [v for v in faulty_report.violations if v.rule == "anchor-matches-text"]
    assert anchor.severity == "Warning"
    assert "Lenders" in anchor.message and "Leaders" in anchor.message


def test_validate_span_message_gives_the_offsets_and_the_length(faulty_report):
    (span,) = [v for v in faulty_report.violations if v.rule == "span-inside-article"]
    assert "30-99" in span.message and "36 characters" in span.message


def test_validate_report_renders_json_and_table(faulty_report):
    data = json.loads(faulty_report.render("json"))
    assert data["conforms"] is False
    assert {"focus", "path", "rule", "message", "severity"} <= set(data["violations"][0])
    table = faulty_report.render("table")
    assert "quotation-speaker" in table and table.splitlines()[-1].startswith("INVALID")


def test_validate_selected_graph_only(tmp_path):
    from newsgraph.ontology.validate import validate

    with _open(tmp_path, "clean.trig", "faulty.trig") as store:
        report = validate(store, [CLEAN], hermit=False)
    assert report.violations == ()
    assert report.graphs == (CLEAN,)


def test_validate_kb_resources_only_when_the_kb_graph_is_selected(tmp_path):
    from newsgraph.ontology.validate import validate

    with _open(tmp_path, "clean.trig") as store:
        report = validate(store, ["https://w3id.org/newsgraph/graph/kb"], hermit=False)
    assert [(v.focus, v.rule) for v in report.violations] == [(ID + "country/NO/post/defence-minister", "post-holder")]


def test_validate_unknown_graph_is_an_input_error(tmp_path):
    from newsgraph.errors import InputError
    from newsgraph.ontology.validate import validate

    with _open(tmp_path, "clean.trig") as store, pytest.raises(InputError):
        validate(store, [ID + "article/nowhere"])


@pytest.mark.slow
def test_hermit_names_an_inconsistent_article_the_rules_cannot_explain():
    import pyoxigraph as ox

    from newsgraph.ontology.validate import hermit_violations

    prefixes = "@prefix ng: <https://w3id.org/newsgraph/ontology#> . @prefix ex: <http://example.org/> . "

    def quads(text: str) -> list:
        return list(ox.parse(prefixes + text, format=ox.RdfFormat.TURTLE))

    fine = quads("ex:a a ng:Person .")
    # The range of ng:author makes ex:w a Person, and it is a City (so a Place). HermiT runs alone
    # here, with nothing explained by the rules: it must narrow the batch down to g2 by itself.
    bad = quads("ex:art ng:author ex:w . ex:w a ng:City .")
    found = hermit_violations({"http://example.org/g1": fine, "http://example.org/g2": bad}, [], batch=2)
    assert [(v.focus, v.rule) for v in found] == [("http://example.org/g2", "owl:consistency")]


@pytest.mark.parametrize(
    ("literal", "valid"),
    [
        ('"2015-07-02"^^xsd:date', True), ('"2015-07"^^xsd:gYearMonth', True), ('"2015"^^xsd:gYear', True),
        ('"2015-02-30"^^xsd:date', False), ('"2015-13"^^xsd:gYearMonth', False), ('"215"^^xsd:gYear', False),
        ('"2015-07"^^xsd:date', False),  # a month is no xsd:date
        ('"2015-W29"', False),  # XSD has no week type
    ],
)
def test_date_valid_accepts_day_month_and_year_precision_when_well_formed(literal, valid):
    import pyoxigraph as ox

    from newsgraph.ontology.shacl import shacl_violations

    text = ("@prefix ng: <https://w3id.org/newsgraph/ontology#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> . "
            f"<http://example.org/q> ng:date {literal} .")
    graph = ox.NamedNode("http://example.org/g")
    quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in ox.parse(text, format=ox.RdfFormat.TURTLE)]
    scratch = ox.Store()
    scratch.extend(quads)
    found = [v for v in shacl_violations(quads, scratch) if v.rule == "date-valid"]
    assert (found == []) is valid, found
