"""newsgraph.queries."""
