"""The query loader: names, headers, files, bindings, unknown names."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph import queries
from newsgraph.errors import QueryError, UnknownQueryError


def test_loader_parses_header_with_continuation() -> None:
    text = "# title: T\n# description: first line\n#   second line\n# param lang: label language\nSELECT * WHERE {}\n"
    title, description, params = queries.parse_header(text)
    assert (title, description, params) == ("T", "first line second line", {"lang": "label language"})


def test_loader_unknown_name_lists_known_ones() -> None:
    with pytest.raises(UnknownQueryError) as err:
        queries.load("no-such-query")
    assert "quotes" in str(err.value) and "\n" not in str(err.value)


def test_loader_loads_rq_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.rq"
    path.write_text("# title: Mine\n# description: d\nSELECT ?x WHERE { ?x ?p $lang }\n", encoding="utf-8")
    q = queries.load(str(path))
    assert q.name == "mine" and q.title == "Mine"
    # no parameter declared, but the text uses $lang: --lang binds it
    assert queries.bindings_for(q, lang="ar") == {"lang": "ar"}
    assert queries.bindings_for(queries.from_text("SELECT ?x WHERE { ?x ?p ?o }"), lang="ar") == {}


def test_loader_binds_label_lang_where_query_has_lang_column() -> None:
    assert queries.bindings_for(queries.load("articles"), lang="ar") == {"label_lang": "ar"}
    assert queries.bindings_for(queries.load("quotes"), lang="ar", params={"x": "1"}) == {"lang": "ar", "x": "1"}


@pytest.mark.parametrize("bad", ["novalue", "=x", "a b=c"])
def test_loader_rejects_bad_param(bad: str) -> None:
    with pytest.raises(QueryError):
        queries.parse_param(bad)


def test_loader_param_iri_and_literal() -> None:
    assert queries.parse_param("who=<http://example.org/a>")[1].value == "http://example.org/a"
    assert queries.parse_param("name=x=y") == ("name", "x=y")
