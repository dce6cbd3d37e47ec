"""Render query results as a table, JSON, CSV or TSV (plain string values, columns in query order)."""
from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING

from newsgraph import config
from newsgraph.errors import OutputError

if TYPE_CHECKING:  # pragma: no cover
    from newsgraph.graph.store import QueryResult

FORMATS = ("table", "json", "csv", "tsv")


def check_format(fmt: str) -> str:
    """``fmt`` lowercased, or OutputError naming the known formats."""
    if fmt.lower() not in FORMATS:
        raise OutputError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    return fmt.lower()


def to_json(result: QueryResult) -> str:
    """A JSON array of objects keyed by column name (unbound values are null)."""
    return json.dumps([{c: row.get(c) for c in result.columns} for row in result.rows], ensure_ascii=False, indent=1)


def to_delimited(result: QueryResult, delimiter: str) -> str:
    """CSV (``,``) or TSV (tab) with a header row; unbound values are empty."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow(["" if row.get(c) is None else row.get(c) for c in result.columns])
    return buf.getvalue()


def compact(value: str | None) -> str:
    """A cell for a table: resource IRIs under the id base shortened to ``id:…`` (other values as is)."""
    if value is None:
        return ""
    base = config.base()
    return "id:" + value[len(base):] if value.startswith(base) else value


def to_table(result: QueryResult, *, width: int | None = None) -> str:
    """A text table (rich), text shown as is (Arabic included), IRIs shortened with :func:`compact`."""
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    for c in result.columns:
        table.add_column(c, overflow="fold")
    for row in result.rows:
        table.add_row(*[compact(row.get(c)) for c in result.columns])
    console = Console(file=io.StringIO(), width=width or 200, color_system=None, highlight=False)
    console.print(table)
    console.print(f"{len(result.rows)} row{'s' if len(result.rows) != 1 else ''}")
    return console.file.getvalue()  # type: ignore[attr-defined]


def render(result: QueryResult, fmt: str = "table", *, width: int | None = None) -> str:
    """``result`` in ``fmt`` (table, json, csv, tsv)."""
    fmt = check_format(fmt)
    if fmt == "json":
        return to_json(result) + "\n"
    if fmt in ("csv", "tsv"):
        return to_delimited(result, "," if fmt == "csv" else "\t")
    return to_table(result, width=width)
