"""The validate and reason commands through click's CliRunner."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

DATA = Path(__file__).resolve().parents[1] / "data" / "ontology"


def _db(tmp_path: Path, fixture: str) -> str:
    import pyoxigraph as ox

    from newsgraph.graph.store import open_store

    db = tmp_path / "db"
    with open_store(db, create=True) as store:
        store.ox.load(path=str(DATA / fixture), format=ox.RdfFormat.TRIG)
    return str(db)


def _run(*args: str):
    from newsgraph.cli import main

    return CliRunner().invoke(main, list(args))


@pytest.mark.slow
def test_cli_validate_faulty_exits_1_and_names_the_rules(tmp_path):
    result = _run("validate", "--db", _db(tmp_path, "faulty.trig"), "--format", "json")
    assert result.exit_code == 1, result.output
    rules = {v["rule"] for v in json.loads(result.output)["violations"]}
    assert {"quotation-speaker", "span-inside-article", "entity-label", "post-holder"} <= rules


def test_cli_validate_clean_exits_0(tmp_path):
    result = _run("validate", "--db", _db(tmp_path, "clean.trig"), "--no-hermit")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("valid: 1 graphs")


def test_cli_validate_unknown_graph_is_one_line_exit_2(tmp_path):
    result = _run("validate", "--db", _db(tmp_path, "clean.trig"), "--graph", "http://example.org/none")
    assert result.exit_code == 2
    assert "no graph http://example.org/none" in result.output


def test_cli_reason_twice_adds_the_same(tmp_path):
    db = _db(tmp_path, "clean.trig")
    first = _run("reason", "--db", db)
    second = _run("reason", "--db", db)
    assert first.exit_code == 0, first.output
    assert first.output == second.output
    counts = dict(line.split() for line in first.stdout.splitlines())
    assert int(counts["chain"]) >= 2  # Anna Berg works for the ministry and for the government
    assert int(counts["total"]) > 0


@pytest.mark.slow
def test_cli_build_validate_checks_what_it_built(tmp_path):
    article = tmp_path / "meeting.txt"
    article.write_text("اجتماع في القاهرة\n\nالقاهرة 5 مارس 2021 - قال وزير الخارجية المصري إن "
                       "\"التعاون بين البلدين مهم\"، خلال لقائه وزير الخارجية الأردني.\n", encoding="utf-8")
    result = _run("build", str(article), "--db", str(tmp_path / "db"), "--validate")
    assert result.exit_code == 0, result.output
    assert "valid: 1 graphs" in result.output
