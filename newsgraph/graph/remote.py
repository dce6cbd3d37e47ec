"""A remote SPARQL 1.1 server as a newsgraph store (SPARQL 1.1 Protocol + Graph Store Protocol).

``--db URL`` names the server. For Oxigraph (``oxigraph serve --union-default-graph``) give its
root, ``http://host:7878``: queries go to ``/query``, updates to ``/update``, graphs to ``/store``.
A URL ending in ``/query`` or ``/sparql`` is taken as the query endpoint and the others are its
siblings; ``$NEWSGRAPH_UPDATE_URL`` and ``$NEWSGRAPH_STORE_URL`` override them (Fuseki: the dataset
URL serves all three, so set both to it).

The named queries expect the default graph to be the union of the named graphs: configure the
server so (Oxigraph: ``--union-default-graph``; Fuseki: ``tdb2:unionDefaultGraph true``).
Parameters enter a query as ``VALUES`` blocks (``store.inject_values``), never by string formatting.
"""
from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping

from newsgraph import config
from newsgraph.errors import QueryError, StoreError
from newsgraph.graph.store import _FORM, Binding, QueryResult, Store, _check_iri, inject_values, strip_comments


class RemoteStore(Store):
    """A SPARQL 1.1 server reached over HTTP, with a client timeout on every request."""

    def __init__(self, url: str, *, read_only: bool = False, timeout: float | None = None) -> None:
        self.location, self.read_only = url, read_only
        self.timeout = timeout or config.http_timeout()
        root = url.rstrip("/")
        if root.endswith(("/query", "/sparql")):
            self.query_url = root
            root = root.rsplit("/", 1)[0]
        else:
            self.query_url = root + "/query"
        self.update_url = os.environ.get("NEWSGRAPH_UPDATE_URL") or root + "/update"
        self.store_url = os.environ.get("NEWSGRAPH_STORE_URL") or root + "/store"

    def _request(self, url: str, *, data: bytes | None = None, method: str = "GET",
                 headers: dict[str, str] | None = None) -> bytes:
        req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return resp.read()
        except urllib.error.HTTPError as exc:
            body = " ".join(exc.read().decode("utf-8", "replace").split())[:300]
            if exc.code == 400:
                raise QueryError(f"the server at {self.location} refused the request: {body}") from exc
            raise StoreError(f"the server at {self.location} answered {exc.code}: {body}") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"cannot reach the SPARQL server at {self.location} ({reason}): is it running?") from exc

    def query(self, sparql: str, bindings: Mapping[str, Binding] | None = None) -> QueryResult | bool | list:
        """POST the query (form-encoded); SELECT/ASK read SPARQL JSON results, CONSTRUCT N-Triples."""
        import pyoxigraph as ox

        text = inject_values(sparql, bindings or {})
        masked = strip_comments(text, blank_terms=True)
        form = _FORM.search(masked)
        graph_form = bool(form) and form.group(1).upper() in ("CONSTRUCT", "DESCRIBE")
        accept = "application/n-triples" if graph_form else "application/sparql-results+json"
        body = self._request(self.query_url, data=urllib.parse.urlencode({"query": text}).encode("utf-8"),
                             method="POST", headers={"Accept": accept,
                                                     "Content-Type": "application/x-www-form-urlencoded"})
        if graph_form:
            return list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
        res = json.loads(body)
        if "boolean" in res:
            return bool(res["boolean"])
        cols = list(res.get("head", {}).get("vars", []))
        rows = [{c: (b[c]["value"] if c in b else None) for c in cols} for b in res["results"]["bindings"]]
        return QueryResult(cols, rows)

    def update(self, sparql: str) -> None:
        """POST a SPARQL Update (one request: the server applies it as one transaction)."""
        if self.read_only:
            raise StoreError(f"the store {self.location} is open read-only")
        self._request(self.update_url, data=urllib.parse.urlencode({"update": sparql}).encode("utf-8"),
                      method="POST", headers={"Content-Type": "application/x-www-form-urlencoded"})

    def replace_graph_ntriples(self, graph_iri: str, ntriples: str) -> None:
        """Graph Store Protocol PUT: the server swaps the graph's content in one request."""
        if self.read_only:
            raise StoreError(f"the store {self.location} is open read-only")
        url = f"{self.store_url}?{urllib.parse.urlencode({'graph': _check_iri(graph_iri)})}"
        self._request(url, data=ntriples.encode("utf-8"), method="PUT",
                      headers={"Content-Type": "application/n-triples"})

    def quads(self, graph: str | None = None) -> Iterator:
        """Graph Store Protocol GET of the whole dataset (N-Quads) or of one graph (N-Triples)."""
        import pyoxigraph as ox

        if graph:
            url = f"{self.store_url}?{urllib.parse.urlencode({'graph': _check_iri(graph)})}"
            body = self._request(url, headers={"Accept": "application/n-triples"})
            g = ox.NamedNode(graph)
            return (ox.Quad(t.subject, t.predicate, t.object, g)
                    for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
        return iter(ox.parse(self._dataset_nquads(), format=ox.RdfFormat.N_QUADS))

    def _dataset_nquads(self) -> bytes:
        """GET of the whole dataset; a server without it (Virtuoso answers 406) gives newsgraph's graphs one by one."""
        try:
            return self._request(self.store_url, headers={"Accept": "application/n-quads"})
        except StoreError:
            from newsgraph.graph import iri

            ours = (config.GRAPH_NS, iri.article_iri("x")[:-1])   # its own system graphs are left out
            return b"".join(self.nquads(g) for g in self.graphs() if g.startswith(ours))

    def nquads(self, graph: str | None = None) -> bytes:
        """Graph Store Protocol GET: the dataset as N-Quads, or one graph (as N-Quads in that graph)."""
        import pyoxigraph as ox

        if graph is None:
            return self._dataset_nquads()
        return ox.serialize(self.quads(graph), format=ox.RdfFormat.N_QUADS)

    def graphs(self) -> list[str]:
        """Named graph IRIs, sorted."""
        res = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert isinstance(res, QueryResult)
        return sorted(r["g"] for r in res.rows if r["g"])

