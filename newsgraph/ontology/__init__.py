"""newsgraph.ontology."""
