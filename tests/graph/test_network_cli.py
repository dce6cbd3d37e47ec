"""`newsgraph viz` and `newsgraph network` through click's CliRunner, on the fixture store."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import main

FIXTURE = Path(__file__).parent.parent / "data" / "network" / "small.trig"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    import pyoxigraph as ox

    from newsgraph.graph.store import open_store

    path = tmp_path_factory.mktemp("cli") / "db"
    with open_store(path, create=True) as store:
        store.ox.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    return str(path)


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_network_cli_json_lists_central_entities_and_communities(db):
    result = run("network", "--db", db, "--lang", "en", "--format", "json", "--top", "3")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["nodes"], data["edges"], data["articles"]) == (9, 16, 3)
    assert len(data["central"]) == 3
    assert set(data["central"][0]) == {"entity", "label", "category", "mentions", "degree", "betweenness", "pagerank"}
    assert sum(c["size"] for c in data["communities"]) == 9


def test_network_cli_table_shows_arabic_labels(db):
    result = run("network", "--db", db, "--lang", "ar")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("9 entities, 16 links, 3 articles")
    assert "علي حسن" in result.output and "Communities (Louvain, seeded): " in result.output


def test_network_cli_table_lists_top_communities_only(db):
    result = run("network", "--db", db, "--top", "2")
    assert result.exit_code == 0, result.output
    assert "  1. [3] " in result.output and "  2. [3] " in result.output and "  3. " not in result.output
    assert "… and 1 smaller communities of 3 entities or fewer" in result.output


def test_network_cli_filters(db):
    result = run("network", "--db", db, "--format", "json", "--category", "Person", "--category", "Place")
    assert {row["category"] for row in json.loads(result.output)["central"]} == {"Person", "Place"}
    result = run("network", "--db", db, "--format", "json", "--since", "2022-08-01")
    assert json.loads(result.output)["nodes"] == 2


def test_viz_cli_writes_the_file_named(db, tmp_path):
    out = tmp_path / "net.graphml"
    result = run("viz", "--db", db, "-o", str(out), "--around", "Declaration")
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output and "3 entities" in result.output
    assert out.read_text(encoding="utf-8").count("<node ") == 3


@pytest.mark.parametrize("args, message", [
    (["viz", "-o", "net.pdf"], "give a file ending in .html"),
    (["network", "--around", "Nobody"], "no entity 'Nobody'"),
    (["network", "--since", "June"], "bad date 'June'"),
    (["network", "--format", "xml"], "unknown format 'xml'"),
])
def test_network_cli_errors_are_one_line(db, tmp_path, args, message):
    result = CliRunner().invoke(main, [*args, "--db", db], catch_exceptions=False)
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
