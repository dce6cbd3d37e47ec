"""The exceptions the library raises. The CLI turns each into a one-line message and exit code 2."""
from __future__ import annotations


class NewsgraphError(Exception):
    """Base class: ``str(err)`` is a one-line message that says what to do."""

    exit_code = 2


class InputError(NewsgraphError):
    """An input file or record cannot be read (missing, empty, binary, wrongly encoded, malformed)."""


class StoreError(NewsgraphError):
    """The store is missing, unreadable or cannot be written."""


class StoreLockedError(StoreError):
    """Another process has the store open."""


class QueryError(NewsgraphError):
    """A SPARQL query is malformed or fails (the message carries line and column when known)."""


class UnknownQueryError(QueryError):
    """No named query has this name."""


class OutputError(NewsgraphError):
    """An output file cannot be written, or its format is unknown."""


class ValidationFailed(NewsgraphError):
    """The data breaks a SHACL or OWL rule (``validate`` exits 1)."""

    exit_code = 1
