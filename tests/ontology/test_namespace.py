"""The generated namespace matches the ontology, and the ontology covers the documented vocabulary."""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _generator():
    spec = importlib.util.spec_from_file_location("gen_namespace", ROOT / "tools" / "gen_namespace.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_namespace_is_what_the_generator_writes_now():
    committed = (ROOT / "newsgraph" / "ontology" / "namespace.py").read_text(encoding="utf-8")
    assert committed == _generator().render(), "namespace.py is out of date: run make namespace"


def test_namespace_covers_every_term_of_internals_vocabulary():
    from newsgraph.ontology.namespace import NG

    doc = (ROOT / "docs" / "internals.md").read_text(encoding="utf-8")
    section = doc[doc.index("## Vocabulary"):doc.index("Labels:")]
    names = sorted(set(re.findall(r"ng:(\w+)", section)))
    assert len(names) > 60
    for name in names:
        assert str(getattr(NG, name)) == "https://w3id.org/newsgraph/ontology#" + name


def test_namespace_rejects_unknown_terms():
    from newsgraph.ontology.namespace import NG

    with pytest.raises(AttributeError):
        NG.NoSuchTerm  # noqa: B018


def test_ontology_terms_have_labels_in_english_and_arabic_and_a_comment():
    from rdflib import RDFS, Graph

    graph = Graph().parse(ROOT / "newsgraph" / "ontology" / "newsgraph.ttl", format="turtle")
    from newsgraph.ontology.namespace import NG

    for local, _kind, _label in _generator().terms():
        term = getattr(NG, local)
        languages = {label.language for label in graph.objects(term, RDFS.label)}
        assert {"en", "ar"} <= languages, local
        assert any(c.language == "en" for c in graph.objects(term, RDFS.comment)), local


def test_graph_constants_are_the_documented_iris():
    from newsgraph.ontology import namespace

    assert namespace.ONTOLOGY_GRAPH == "https://w3id.org/newsgraph/graph/ontology"
    assert namespace.KB_GRAPH == "https://w3id.org/newsgraph/graph/kb"
    assert namespace.INFERRED_GRAPH == "https://w3id.org/newsgraph/graph/inferred"
    assert namespace.ID_BASE == "https://w3id.org/newsgraph/id/"
