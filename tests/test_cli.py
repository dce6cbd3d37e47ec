"""The command line through CliRunner (and a real subprocess where processes matter)."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import main


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def db(built_store) -> str:
    """A closed store folder with the test articles (the CLI opens it itself)."""
    location = built_store.location
    built_store.close()
    return location


def test_cli_help_imports_nothing_heavy() -> None:
    code = ("import sys\nimport newsgraph.cli\n"
            "print(sorted(m for m in ('rdflib', 'pyoxigraph', 'spacy', 'owlready2', 'networkx', 'matplotlib', "
            "'pyshacl', 'trafilatura', 'rich') if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[]", out.stderr


def test_cli_queries_lists_names(runner: CliRunner) -> None:
    result = runner.invoke(main, ["queries"])
    assert result.exit_code == 0
    for name in ("articles", "entities", "quotes", "adoptions", "affirmations", "positions", "events"):
        assert name in result.stdout


def test_cli_query_json_keyed_by_column(runner: CliRunner, db: str) -> None:
    result = runner.invoke(main, ["query", "quotes", "--db", db, "--format", "json", "--lang", "ar"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["speaker_label"] for r in rows] == ["سامي نور", "سامي نور"]
    assert list(rows[0]) == ["quote", "speaker", "speaker_label", "text", "kind", "date", "article"]


@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("tsv", "\t")])
def test_cli_query_csv_tsv(runner: CliRunner, db: str, fmt: str, delimiter: str) -> None:
    result = runner.invoke(main, ["query", "events", "--db", db, "--format", fmt])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout), delimiter=delimiter))
    assert rows[0] == ["event", "type", "label", "date", "participants", "place", "article"]
    assert rows[1][1] == "Meeting" and rows[1][4] == "Sami Nour | منظمة النخيل"


def test_cli_query_table_shows_arabic(runner: CliRunner, db: str) -> None:
    result = runner.invoke(main, ["query", "affirmations", "--db", db, "--lang", "ar"])
    assert result.exit_code == 0
    assert "مبدأ الحوار" in result.stdout and "1 row" in result.stdout


def test_cli_query_file_sparql_and_params(runner: CliRunner, db: str, tmp_path: Path) -> None:
    rq = tmp_path / "who.rq"
    rq.write_text("PREFIX ng: <https://w3id.org/newsgraph/ontology#>\n"
                  "SELECT ?text WHERE { ?q ng:text ?text ; ng:speaker ?who }\n", encoding="utf-8")
    who = "who=<https://w3id.org/newsgraph/id/person/sAmy-nwr>"
    result = runner.invoke(main, ["query", str(rq), "--db", db, "--format", "json", "--param", who])
    assert sorted(r["text"] for r in json.loads(result.stdout)) == sorted(["الحوار ضروري", "التعاون مستمر"])
    result = runner.invoke(main, ["query", "--sparql", "ASK { ?s ?p $x }", "--db", db, "-p", "x=التعاون مستمر"])
    assert result.stdout.strip() == "true"


@pytest.mark.parametrize(("args", "message"), [
    (["query", "nope"], "unknown query 'nope': known queries are"),
    (["query", "--sparql", "SELECT ?s WHERE {\n?s ?p"], "SPARQL syntax error at line 2, column"),
    (["query", "--sparql", "CLEAR ALL"], "add --allow-update"),
    (["query", "quotes", "--format", "xml"], "unknown format 'xml'"),
    (["export", "--format", "rdfxml"], "unknown format 'rdfxml'"),
    (["export", "-o", "/nonexistent-dir/x/graph.ttl"], "cannot write /nonexistent-dir/x/graph.ttl"),
])
def test_cli_errors_one_line_exit_2(runner: CliRunner, db: str, args: list[str], message: str) -> None:
    result = runner.invoke(main, [*args, "--db", db])
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_cli_missing_store(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["query", "quotes", "--db", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: no store at {tmp_path / 'none'}: run `newsgraph build` first"


def test_cli_debug_shows_traceback(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["--debug", "query", "quotes", "--db", str(tmp_path / "none")])
    assert result.exit_code != 0 and result.exception is not None


def test_cli_update_with_flag(runner: CliRunner, db: str) -> None:
    update = "DROP GRAPH <https://w3id.org/newsgraph/id/article/test-article-2>"
    assert runner.invoke(main, ["query", "--sparql", update, "--db", db, "--allow-update"]).exit_code == 0
    result = runner.invoke(main, ["stats", "--db", db, "--format", "json"])
    assert json.loads(result.stdout)["articles"] == 1


def test_cli_export_and_stats(runner: CliRunner, db: str, tmp_path: Path) -> None:
    out = tmp_path / "g.ttl"
    result = runner.invoke(main, ["export", "--db", db, "-o", str(out)])
    assert result.exit_code == 0 and out.read_text(encoding="utf-8").startswith("@prefix")
    stdout = runner.invoke(main, ["export", "--db", db, "--format", "turtle"]).stdout_bytes
    assert stdout == out.read_bytes()
    result = runner.invoke(main, ["stats", "--db", db])
    assert result.exit_code == 0 and "quotations" in result.stdout and "Person" in result.stdout


def test_cli_store_in_use(db: str, tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("عنوان\n\nقال رجل إن الجو جميل.\n", encoding="utf-8")
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time\nfrom newsgraph.graph.store import open_store\n"
                               "s = open_store(sys.argv[1]); print('ready', flush=True); time.sleep(60)", db],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        proc = subprocess.run([sys.executable, "-m", "newsgraph", "build", str(text), "--db", db],
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 2
        assert "is in use by another process" in proc.stderr and "Traceback" not in proc.stderr
        # reading a store while it is written is refused too, with a clear message
        proc = subprocess.run([sys.executable, "-m", "newsgraph", "query", "articles", "--db", db, "--format", "json"],
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 2 and "is being written by another process" in proc.stderr
    finally:
        holder.kill()
        holder.wait()


def test_cli_build_and_bad_input_keeps_store(runner: CliRunner, db: str, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("اجتماع تجريبي\n\nقال الوزير سامي نور إن العمل مستمر.\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02\xff\xfe binary")
    before = json.loads(runner.invoke(main, ["query", "articles", "--db", db, "--format", "json"]).stdout)
    result = runner.invoke(main, ["build", str(bad), str(good), "--db", db])
    assert result.exit_code == 2
    assert "bad.txt" in result.stderr and "Traceback" not in result.output
    after = json.loads(runner.invoke(main, ["query", "articles", "--db", db, "--format", "json"]).stdout)
    assert [a for a in after if a in before] == before  # nothing stored was lost
    assert len(after) == len(before) + 1                # the good file was built
    again = runner.invoke(main, ["build", str(good), "--db", db])
    assert again.exit_code == 0 and "0 built, 1 unchanged" in again.output
