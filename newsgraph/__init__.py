"""newsgraph: news articles in, an ontology-backed RDF knowledge graph out.

Nothing heavy is imported here, so ``newsgraph --help`` stays instant.
"""
__version__ = "0.1.0"
__all__ = ["__version__"]
