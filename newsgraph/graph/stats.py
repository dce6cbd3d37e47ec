"""Counts that say what a store holds: articles, triples, entities by category, quotations, events."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from newsgraph.graph.store import Store

_PREFIX = "PREFIX ng: <https://w3id.org/newsgraph/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
_COUNTS = {
    "articles": "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a ng:NewsArticle }",
    "quotations": "SELECT (COUNT(DISTINCT ?q) AS ?n) WHERE { ?q a ng:Quotation }",
    "events": "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ng:Event ; ng:inArticle ?a }",
    "mentions": "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a ng:Mention }",
    "assertions": "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a ng:Assertion }",
}
_BY_CATEGORY = """
SELECT ?category (COUNT(DISTINCT ?e) AS ?n) WHERE {
  VALUES (?top ?category) { (ng:Person "Person") (ng:Organization "Organization") (ng:Place "Place")
                            (ng:Concept "Concept") (ng:Document "Document") (ng:Event "Event") }
  ?article ng:mentions ?e .
  ?e a/rdfs:subClassOf* ?top .
} GROUP BY ?category ORDER BY ?category
"""


def stats(store: Store) -> dict[str, object]:
    """Articles, triples, graphs, entities by category (mentioned ones), quotations, events, mentions, assertions."""
    out: dict[str, object] = {}
    for name, query in _COUNTS.items():
        res = store.query(_PREFIX + query)
        out[name] = int(res.rows[0]["n"] or 0)  # type: ignore[union-attr]
    out["triples"] = store.triple_count()
    out["graphs"] = len(store.graphs())
    res = store.query(_PREFIX + _BY_CATEGORY)
    out["entities"] = {r["category"]: int(r["n"] or 0) for r in res.rows}  # type: ignore[union-attr]
    return out
