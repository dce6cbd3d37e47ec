"""Settings read from the environment, with their defaults.

Kept free of heavy imports: the CLI reads these before it knows which command runs.
"""
from __future__ import annotations

import os

#: The ontology namespace (``ng:``).
NG_NS = "https://w3id.org/newsgraph/ontology#"
#: Default base of resource IRIs; ``NEWSGRAPH_BASE`` overrides it.
DEFAULT_BASE = "https://w3id.org/newsgraph/id/"
#: Named graphs that are not articles.
GRAPH_NS = "https://w3id.org/newsgraph/graph/"
ONTOLOGY_GRAPH = GRAPH_NS + "ontology"
KB_GRAPH = GRAPH_NS + "kb"
INFERRED_GRAPH = GRAPH_NS + "inferred"
#: Default store folder; ``NEWSGRAPH_DB`` overrides it.
DEFAULT_DB = "newsgraph.db"
#: Seconds an HTTP request to a remote SPARQL server may take; ``NEWSGRAPH_HTTP_TIMEOUT`` overrides it.
DEFAULT_HTTP_TIMEOUT = 120.0


def base() -> str:
    """The base of minted resource IRIs (always ends with ``/`` or ``#``)."""
    value = os.environ.get("NEWSGRAPH_BASE") or DEFAULT_BASE
    return value if value.endswith(("/", "#")) else value + "/"


def default_db() -> str:
    """The store used when ``--db`` is not given: ``$NEWSGRAPH_DB`` or ``./newsgraph.db``."""
    return os.environ.get("NEWSGRAPH_DB") or DEFAULT_DB


def http_timeout() -> float:
    """Client timeout for remote SPARQL requests, in seconds."""
    try:
        return float(os.environ.get("NEWSGRAPH_HTTP_TIMEOUT") or DEFAULT_HTTP_TIMEOUT)
    except ValueError:
        return DEFAULT_HTTP_TIMEOUT
