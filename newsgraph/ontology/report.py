"""What ``newsgraph validate`` reports: one Violation per resource and rule, gathered in a Report.

Kept apart from the checks (SHACL in ``shacl.py``, OWL in ``reasoning.py``) so each can produce
Violations without importing the others.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from newsgraph.config import NG_NS
from newsgraph.errors import OutputError

#: Prefixes used to shorten IRIs in tables (resource IRIs stay whole).
PREFIXES = {
    NG_NS: "ng:",
    "https://w3id.org/newsgraph/shapes#": "ngsh:",
    "http://www.w3.org/2004/02/skos/core#": "skos:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
}


@dataclass(frozen=True)
class Violation:
    """One resource breaking one rule: what ``newsgraph validate`` prints as a row."""

    focus: str
    rule: str
    message: str
    path: str = ""
    severity: str = "Violation"
    graph: str = ""
    check: str = "shacl"


@dataclass(frozen=True)
class Report:
    """The outcome of ``validate``: every violation (sorted), and what was checked."""

    violations: tuple[Violation, ...] = ()
    graphs: tuple[str, ...] = ()
    triples: int = 0
    checks: tuple[str, ...] = field(default=("shacl", "owl-rules", "hermit"))

    @property
    def conforms(self) -> bool:
        """True when nothing has severity Violation (warnings do not fail validation)."""
        return not any(v.severity == "Violation" for v in self.violations)

    def to_json(self) -> str:
        """The report as a JSON object: conforms, counts, and one object per violation."""
        return json.dumps(
            {
                "conforms": self.conforms,
                "graphs": len(self.graphs),
                "triples": self.triples,
                "checks": list(self.checks),
                "violations": [asdict(v) for v in self.violations],
            },
            ensure_ascii=False,
            indent=2,
        )

    def to_table(self) -> str:
        """The report as a plain-text table (severity, rule, focus, path, message) and a summary line."""
        head = ("severity", "rule", "focus", "path", "message")
        rows = [(v.severity, v.rule, shorten(v.focus), shorten(v.path), v.message) for v in self.violations]
        widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(head[:-1])]
        lines = []
        if rows:
            lines.append("  ".join(h.ljust(w) for h, w in zip(head, widths + [0], strict=True)).rstrip())
            lines.extend("  ".join(c.ljust(w) for c, w in zip(r, widths + [0], strict=True)).rstrip() for r in rows)
        errors = sum(v.severity == "Violation" for v in self.violations)
        warnings = len(self.violations) - errors
        verdict = "valid" if self.conforms else "INVALID"
        lines.append(f"{verdict}: {len(self.graphs)} graphs, {self.triples} triples checked "
                     f"({', '.join(self.checks)}); {errors} violations, {warnings} warnings")
        return "\n".join(lines)

    def render(self, format: str = "table") -> str:
        """``table`` or ``json``."""
        if format == "json":
            return self.to_json()
        if format == "table":
            return self.to_table()
        raise OutputError(f"unknown report format {format!r}: use table or json")


def shorten(iri: str) -> str:
    """A compact form of an IRI for tables (known prefixes only; resource IRIs stay whole)."""
    for ns, prefix in PREFIXES.items():
        if iri.startswith(ns):
            return prefix + iri[len(ns):]
    return iri
