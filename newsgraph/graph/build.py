"""Extraction → RDF: one article's named graph, and the ontology and KB reference graphs.

``to_graph`` follows "What one article's named graph holds" in docs/internals.md exactly. Every
statement points back to its article and to the characters it came from. Output is deterministic:
the same Extraction gives the same triples (IRIs come only from ``graph.iri``).
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from newsgraph import config
from newsgraph.graph import iri

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

    from newsgraph.extract.model import Extraction
    from newsgraph.graph.store import Store

ONTOLOGY_FILE = Path(__file__).resolve().parent.parent / "ontology" / "newsgraph.ttl"
#: Predicate that records which version of the source files a reference graph was loaded from.
VERSION_PREDICATE = "http://purl.org/dc/terms/hasVersion"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR_MONTH = re.compile(r"^\d{4}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def content_hash(text: str) -> str:
    """The ``ng:contentHash`` of an article text: ``sha256:<hex>`` (used to skip unchanged rebuilds)."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def date_literal(value: str) -> rdflib.Literal:
    """An ISO date string as a typed literal: xsd:date, xsd:gYearMonth or xsd:gYear (else a plain string).

    A date is typed only as precisely as it is known ("2015-07" is no xsd:date). XSD has no week
    type, so an ISO week (``2015-W29``, "last week") becomes the xsd:gYearMonth of its Thursday,
    the month that holds most of its days (ISO 8601 gives a week to its Thursday's year too).
    """
    import datetime as dt

    from rdflib import Literal
    from rdflib.namespace import XSD

    value = value.strip()
    week = _WEEK.match(value)
    if week:
        try:
            thursday = dt.date.fromisocalendar(int(week.group(1)), int(week.group(2)), 4)
        except ValueError:
            return Literal(value)
        return Literal(f"{thursday.year:04d}-{thursday.month:02d}", datatype=XSD.gYearMonth)
    if _DATE.match(value):
        return Literal(value, datatype=XSD.date)
    if _YEAR_MONTH.match(value):
        return Literal(value, datatype=XSD.gYearMonth)
    if _YEAR.match(value):
        return Literal(value, datatype=XSD.gYear)
    return Literal(value)


def ng_term(local: str) -> rdflib.URIRef | None:
    """The ``ng:`` term with this local name, or None when the ontology has no such term."""
    from newsgraph.ontology.namespace import NG

    try:
        return NG[local]
    except (AttributeError, KeyError):
        return None


def value_term(value: str) -> rdflib.term.Node:
    """An attribute value: an entity key becomes its IRI, anything else a plain literal."""
    from rdflib import Literal, URIRef

    category = value.partition(":")[0]
    if iri.is_iri(value) or (":" in value and category in iri.CATEGORY_PATHS):
        return URIRef(iri.entity_iri(value))
    return Literal(value)


def to_graph(extraction: Extraction) -> rdflib.Graph:
    """The named graph of one article: the article, its entities, mentions, quotations, events, relations."""
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

    from newsgraph.ontology.namespace import NG

    art, info = extraction.article, extraction.info
    a_iri = iri.article_iri(art.id)
    A = URIRef(a_iri)
    lang = info.language or art.language or None
    g = Graph()
    bind_prefixes(g)

    def index(node: URIRef, start: int, end: int) -> None:
        g.add((node, NG.beginIndex, Literal(start, datatype=XSD.nonNegativeInteger)))
        g.add((node, NG.endIndex, Literal(end, datatype=XSD.nonNegativeInteger)))

    def ent(key: str) -> URIRef:
        return URIRef(iri.entity_iri(key))

    # -- the article
    g.add((A, RDF.type, NG.NewsArticle))
    title = info.title or (art.title.of(art.text) if art.title else None)
    if title:
        g.add((A, NG.title, Literal(title, lang=lang)))
        g.add((A, RDFS.label, Literal(title, lang=lang)))
    date = info.date or art.date
    if date:
        g.add((A, NG.date, date_literal(date)))
    if lang:
        g.add((A, NG.language, Literal(lang)))
    g.add((A, NG.text, Literal(art.text)))
    g.add((A, NG.contentHash, Literal(content_hash(art.text))))
    if art.url:
        g.add((A, NG.url, URIRef(art.url)))
    if info.source_agency:
        g.add((A, NG.sourceAgency, ent(info.source_agency)))
    if info.publisher:
        g.add((A, NG.publisher, ent(info.publisher)))
    for author in info.authors:
        g.add((A, NG.author, ent(author)))
    if info.photo_credit:
        g.add((A, NG.photoCredit, Literal(info.photo_credit)))
    if info.byline:
        g.add((A, NG.byline, Literal(info.byline)))

    # -- entities: category class and finer class; labels only for entities not in the KB
    for e in extraction.entities:
        E = ent(e.key)
        if e.category != "Post":
            g.add((A, NG.mentions, E))
        for cls in dict.fromkeys((e.category, e.type)):
            term = ng_term(cls)
            if term is not None:
                g.add((E, RDF.type, term))
        if not e.in_kb:
            seen_langs: set[str] = set()
            for lg, label in ((e.lang, e.label), *e.labels):
                if not label:
                    continue
                prop = SKOS.altLabel if lg in seen_langs else SKOS.prefLabel
                seen_langs.add(lg)
                g.add((E, prop, Literal(label, lang=lg or None)))
            if e.wikidata:
                g.add((E, OWL.sameAs, URIRef(e.wikidata)))
        for prop_name, value in e.attributes:
            prop = ng_term(prop_name)
            if prop is not None:
                g.add((E, prop, value_term(value)))

    # -- mentions
    mention_spans: set[tuple[int, int]] = set()
    for m in extraction.mentions:
        M = URIRef(iri.mention_iri(a_iri, m.span.start, m.span.end))
        mention_spans.add((m.span.start, m.span.end))
        g.add((M, RDF.type, NG.Mention))
        g.add((M, NG.refersTo, ent(m.entity)))
        g.add((M, NG.inArticle, A))
        index(M, m.span.start, m.span.end)
        g.add((M, NG.anchorOf, Literal(m.text)))
        g.add((M, NG.mentionKind, Literal(m.kind)))

    # -- quotations
    for q in extraction.quotations:
        Q = URIRef(iri.quote_iri(a_iri, q.span.start, q.span.end))
        g.add((Q, RDF.type, NG.Quotation))
        g.add((Q, RDF.type, NG.DirectQuotation if q.kind == "direct" else NG.IndirectQuotation))
        g.add((Q, NG.text, Literal(q.text)))
        g.add((Q, NG.inArticle, A))
        index(Q, q.span.start, q.span.end)
        if q.speaker:
            g.add((Q, NG.speaker, ent(q.speaker)))
        if q.date:
            g.add((Q, NG.date, date_literal(q.date)))
        if q.verb:
            g.add((Q, NG.reportingVerb, Literal(q.verb)))
        if q.speaker_span is not None:
            s, e_ = q.speaker_span.start, q.speaker_span.end
            M = URIRef(iri.mention_iri(a_iri, s, e_))
            g.add((Q, NG.speakerMention, M))
            if (s, e_) not in mention_spans and q.speaker:  # the speaker is named where no mention was kept
                g.add((M, RDF.type, NG.Mention))
                g.add((M, NG.refersTo, ent(q.speaker)))
                g.add((M, NG.inArticle, A))
                index(M, s, e_)
                g.add((M, NG.anchorOf, Literal(art.text[s:e_])))

    # -- events
    for ev in extraction.events:
        V = URIRef(iri.event_iri(a_iri, ev.span.start, ev.span.end))
        g.add((V, RDF.type, NG.Event))
        term = ng_term(ev.type)
        if term is not None:
            g.add((V, RDF.type, term))
        g.add((V, RDFS.label, Literal(ev.label, lang=lang)))
        if ev.date:
            g.add((V, NG.date, date_literal(ev.date)))
        for p in ev.participants:
            g.add((V, NG.participant, ent(p)))
        if ev.place:
            g.add((V, NG.place, ent(ev.place)))
        if ev.entity:  # the named event this report is of: not owl:sameAs (see ng:occurrenceOf)
            g.add((V, NG.occurrenceOf, ent(ev.entity)))
        g.add((V, NG.inArticle, A))
        index(V, ev.span.start, ev.span.end)

    # -- relations: the direct triple and a reified ng:Assertion saying where it came from
    relations = sorted(extraction.relations, key=lambda r: (r.span.start, r.span.end, r.predicate, r.subject, r.object))
    for n, r in enumerate(relations, start=1):
        pred = ng_term(r.predicate)
        if pred is None:
            continue
        S, Obj = ent(r.subject), value_term(r.object)
        g.add((S, pred, Obj))
        R = URIRef(iri.assertion_iri(a_iri, n))
        g.add((R, RDF.type, NG.Assertion))
        g.add((R, RDF.subject, S))
        g.add((R, RDF.predicate, pred))
        g.add((R, RDF.object, Obj))
        g.add((R, NG.inArticle, A))
        index(R, r.span.start, r.span.end)
        if r.date:
            g.add((R, NG.date, date_literal(r.date)))
    return g


PREFIXES: dict[str, str] = {
    "ng": config.NG_NS,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "dcterms": "http://purl.org/dc/terms/",
    "wd": "http://www.wikidata.org/entity/",
}


def prefixes() -> dict[str, str]:
    """The explicit prefixes every serialisation uses (standard vocabularies plus ``id:`` for the IRI base)."""
    return {**PREFIXES, "id": config.base()}


def bind_prefixes(graph: rdflib.Graph) -> None:
    """Bind :func:`prefixes` on an rdflib graph (so it never writes ``ns1:``)."""
    for prefix, ns in prefixes().items():
        graph.bind(prefix, ns, override=True, replace=True)


# -- reference graphs (ontology, KB) ------------------------------------------------------------

def reference_sources() -> dict[str, list[Path]]:
    """The files each reference graph is loaded from: the ontology and every KB Turtle file."""
    from newsgraph.ontology.kb import kb_files

    return {config.ONTOLOGY_GRAPH: [ONTOLOGY_FILE] if ONTOLOGY_FILE.exists() else [],
            config.KB_GRAPH: kb_files()}


def files_hash(files: Iterable[Path]) -> str:
    """One digest over the names and bytes of ``files`` (to reload a reference graph only when it changed)."""
    h = hashlib.sha256()
    for f in files:
        h.update(f.name.encode("utf-8") + b"\0" + f.read_bytes() + b"\0")
    return "sha256:" + h.hexdigest()


def load_reference_graphs(store: Store, *, force: bool = False) -> list[str]:
    """Load the ontology and KB into their named graphs when missing or changed; returns the graphs reloaded."""
    import pyoxigraph as ox

    from newsgraph.errors import InputError

    loaded: list[str] = []
    for graph_iri, files in reference_sources().items():
        if not files:
            continue
        version = files_hash(files)
        if not force and store.graph_version(graph_iri) == version:
            continue
        triples: list = []
        for f in files:
            try:
                triples.extend(ox.parse(path=str(f), format=ox.RdfFormat.TURTLE))
            except (SyntaxError, ValueError, OSError) as exc:
                raise InputError(f"cannot read {f}: {exc}; fix the Turtle file") from exc
        store.load_reference_graph(graph_iri, ox.serialize(skolemize(triples), format=ox.RdfFormat.N_TRIPLES), version)
        loaded.append(graph_iri)
    return loaded


def skolemize(triples: list) -> list:
    """Replace blank nodes by deterministic skolem IRIs (a hash of what each says, two levels deep).

    Why: stores keep blank nodes under random ids, which would make exports differ between runs.
    Blank nodes saying exactly the same thing merge, which changes no entailment.
    """
    import pyoxigraph as ox

    if not any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples):
        return list(triples)
    out_edges: dict[str, list[tuple[str, object]]] = {}
    for t in triples:
        if isinstance(t.subject, ox.BlankNode):
            out_edges.setdefault(t.subject.value, []).append((str(t.predicate), t.object))

    def signature(b: str, names: dict[str, str]) -> str:
        parts = sorted(f"{p} {names.get(o.value, '_') if isinstance(o, ox.BlankNode) else o}"
                       for p, o in out_edges.get(b, []))
        return hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()[:16]

    names: dict[str, str] = {}
    for _ in range(2):
        names = {b: signature(b, names) for b in out_edges}

    def term(node):
        if isinstance(node, ox.BlankNode):
            return ox.NamedNode(iri.skolem_iri(names.get(node.value) or iri.short_hash(node.value)))
        return node

    return [ox.Triple(term(t.subject), t.predicate, term(t.object)) for t in triples]
