"""The CLI as a demanding user meets it: bad input, bad queries, missing or busy stores, Ctrl-C.

Every promise is checked through real processes (``newsgraph …`` as a subprocess) where exit codes,
stderr and signals matter, and through click's CliRunner for the read-back checks. Bad files are
written at run time in ``tmp_path``; the good article and the corpus sample come from the shared data
(``$NEWSGRAPH_SHARED``, default ``../shared``).
"""
from __future__ import annotations

import csv
import io
import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import main

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSGRAPH_SHARED", ROOT.parent / "shared"))
GOOD = SHARED / "corpus" / "ar" / "spa-hadi-meets-un-envoy-yemen-2015-08-11.txt"
CORPUS = SHARED / "data" / "saudinewsnet" / "politics-2015.jsonl"
ARTICLE_PREFIX = "https://w3id.org/newsgraph/id/article/"
_SCRIPT = Path(sys.executable).with_name("newsgraph")
CLI = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "newsgraph"]

#: One short Arabic text written for these tests.
ARABIC = "لقاء في الرياض\nقال الوزير سامي نور إن التعاون مستمر بين البلدين.\n"

GRAPH_COUNTS = ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                f'FILTER(STRSTARTS(STR(?g), "{ARTICLE_PREFIX}")) }} GROUP BY ?g')


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None,
        timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``newsgraph ARGS`` in a real process."""
    full_env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    full_env.pop("NEWSGRAPH_DB", None)
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=timeout, env=full_env, cwd=cwd)


class Ran:
    """What a CliRunner invocation left: the same fields as a CompletedProcess."""

    def __init__(self, result) -> None:  # noqa: ANN001
        self.returncode = result.exit_code
        self.stdout = result.stdout
        self.stderr = result.stderr
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            import traceback

            self.stderr += "".join(traceback.format_exception(result.exception))


def cli(*args: str) -> Ran:
    """``newsgraph ARGS`` in this process (CliRunner), stdout and stderr apart."""
    return Ran(CliRunner().invoke(main, list(args)))


def assert_one_line_error(proc: subprocess.CompletedProcess[str] | Ran, *needles: str, code: int = 2) -> str:
    """Exit ``code``, no traceback, exactly one ``error: …`` line on stderr that holds every needle."""
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    assert "internal error" not in proc.stderr, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("error: "), lines[0]
    for needle in needles:
        assert needle.lower() in lines[0].lower(), (needle, lines[0])
    assert proc.returncode == code, (proc.returncode, proc.stderr)
    return lines[0]


def invoke(*args: str) -> str:
    """``newsgraph ARGS`` in this process (fast read-back); must succeed."""
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, (args, result.output, result.exception)
    return result.stdout


def snapshot(db: Path) -> tuple[list[dict], str, dict[str, str]]:
    """What a user sees of a store: the articles, the stats, and each article graph's triple count."""
    articles = json.loads(invoke("query", "articles", "--db", str(db), "--format", "json"))
    stats = invoke("stats", "--db", str(db))
    counts = {r["g"]: r["n"] for r in json.loads(invoke("query", "--sparql", GRAPH_COUNTS, "--db", str(db),
                                                         "--format", "json"))}
    return articles, stats, counts


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tuple[list[dict], str, dict[str, str]]]:
    """A store holding one good article (built once through the CLI) and what it looked like."""
    if not GOOD.exists():
        pytest.fail(f"no article at {GOOD}: set NEWSGRAPH_SHARED to the shared data folder")
    db = tmp_path_factory.mktemp("template") / "kg.db"
    result = CliRunner().invoke(main, ["build", str(GOOD), "--db", str(db)])
    assert result.exit_code == 0, result.output
    snap = snapshot(db)
    assert len(snap[0]) == 1 and len(snap[2]) == 1
    return db, snap


@pytest.fixture
def store(template, tmp_path: Path) -> Path:
    """A private copy of the one-article store."""
    db = tmp_path / "kg.db"
    shutil.copytree(template[0], db)
    return db


def assert_unchanged(db: Path, template) -> None:
    """The first article's rows, the stats and its graph are exactly as before."""
    assert snapshot(db) == template[1]


# --------------------------------------------------------------------------- bad input to build


def _huge(path: Path) -> None:
    line = ("قال الوزير إن التعاون مستمر. " * 40 + "\n").encode("utf-8")
    with path.open("wb") as fh:
        for _ in range(5 * 1024 * 1024 // len(line) + 2):
            fh.write(line)


BAD_INPUTS = {
    "empty": ("empty.txt", lambda p: p.write_bytes(b""), ["empty.txt", "empty"]),
    "bom-only": ("bom.txt", lambda p: p.write_bytes(b"\xef\xbb\xbf  \n"), ["bom.txt", "empty"]),
    "empty-html": ("page.html", lambda p: p.write_bytes(b""), ["page.html", "empty"]),
    "binary": ("photo.txt", lambda p: p.write_bytes(bytes(range(256)) * 40), ["photo.txt", "binary"]),
    "utf16-no-bom": ("u16.txt", lambda p: p.write_bytes(ARABIC.encode("utf-16-le")),
                     ["u16.txt", "UTF-16 without a byte-order mark", "save it as UTF-8"]),
    "latin1-german": ("latin.txt", lambda p: p.write_bytes(
        "Der Außenminister traf gestern in München den Präsidenten. Größere Gespräche folgten.".encode("latin-1")),
                      ["latin.txt", "not UTF-8, UTF-16 or cp1256 Arabic", "convert it to UTF-8"]),
    "high-bytes": ("noise.txt", lambda p: p.write_bytes(bytes(range(0xA0, 0x100)) * 20),
                   ["noise.txt", "convert it to UTF-8"]),
    "random-bytes": ("random.txt", lambda p: p.write_bytes(bytes((i * 7919 + 13) % 128 + 128 for i in range(4096))),
                     ["random.txt", "convert it to UTF-8"]),
    "json-number": ("n.json", lambda p: p.write_text("42", encoding="utf-8"),
                    ["n.json: the record is a JSON number, not an object with title/content fields"]),
    "json-list-with-number": ("mixed.json", lambda p: p.write_text('[{"title": "x"}, 5]', encoding="utf-8"),
                              ["mixed.json: record 2 is a JSON number, not an object with title/content fields"]),
    "folder-without-articles": ("docs", lambda p: (p.mkdir(), (p / "notes.md").write_text("hi", encoding="utf-8")),
                                ["no articles found in", "docs", ".txt .html .htm .json .jsonl"]),
    "huge": ("huge.txt", _huge, ["huge.txt", "limit", "NEWSGRAPH_MAX_BYTES"]),
    "malformed-json": ("bad.json", lambda p: p.write_text('{"title": "x", ', encoding="utf-8"),
                       ["bad.json", "malformed JSON", "line 1"]),
    "json-without-text": ("nothing.json", lambda p: p.write_text("{}", encoding="utf-8"), ["nothing"]),
    "unsupported-extension": ("report.docx", lambda p: p.write_bytes(b"PK\x03\x04 not a docx"),
                              ["report.docx", ".docx", ".txt"]),
    "missing-path": ("not-there.txt", None, ["not-there.txt", "no such file"]),
}


def bad_input(case: str, folder: Path) -> tuple[Path, list[str]]:
    """The bad input file of ``case`` written in ``folder`` (unless it is missing on purpose), and the
    words its error message must contain."""
    name, write, needles = BAD_INPUTS[case]
    path = folder / name
    if write is not None:
        write(path)
    return path, needles


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_build_bad_input_one_line_error_and_store_kept(case: str, store: Path, template, tmp_path: Path) -> None:
    path, needles = bad_input(case, tmp_path)
    proc = cli("build", str(path), "--db", str(store))
    assert_one_line_error(proc, *needles)
    assert "0 built" in proc.stdout
    assert_unchanged(store, template)


@pytest.mark.parametrize("case", ["binary", "huge", "missing-path", "malformed-json"])
def test_build_bad_input_real_process(case: str, store: Path, template, tmp_path: Path) -> None:
    path, needles = bad_input(case, tmp_path)
    proc = run("build", str(path), "--db", str(store))
    assert_one_line_error(proc, *needles)
    assert_unchanged(store, template)


def test_build_all_bad_jsonl_exits_2_naming_each_line(store: Path, template, tmp_path: Path) -> None:
    path = tmp_path / "allbad.jsonl"
    path.write_text('not json\n{"title": \n', encoding="utf-8")
    proc = cli("build", str(path), "--db", str(store))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert f"{path}:1: malformed JSON" in proc.stderr and f"{path}:2: malformed JSON" in proc.stderr
    assert_unchanged(store, template)


def _record(i: int, text: str = ARABIC) -> str:
    return json.dumps({"url": f"http://example.org/robustness/{i}", "title": f"خبر رقم {i}",
                       "date_extracted": "2015-07-21 02:51:41", "content": text}, ensure_ascii=False)


def test_build_jsonl_bad_line_among_good(store: Path, template, tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([_record(1), '{"title": broken', "", _record(4), "[1, 2]"]) + "\n", encoding="utf-8")
    proc = cli("build", str(path), "--db", str(store))
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 0, proc.stderr
    assert re.search(rf"{re.escape(str(path))}:2: malformed JSON .*\(skipped\)", proc.stderr), proc.stderr
    assert f"{path}:5:" in proc.stderr
    assert f"{path}:1:" not in proc.stderr and f"{path}:4:" not in proc.stderr
    assert "2 built, 0 unchanged, 2 skipped, 0 failed" in proc.stdout
    articles = json.loads(invoke("query", "articles", "--db", str(store), "--format", "json"))
    titles = {a["title"] for a in articles}
    assert {"خبر رقم 1", "خبر رقم 4"} <= titles and len(articles) == 3
    assert template[1][0][0] in articles


def test_build_jsonl_record_over_the_limit_is_skipped(store: Path, template, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_MAX_BYTES", "2000")
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join([_record(1), _record(2, ARABIC * 40), _record(3)]) + "\n", encoding="utf-8")
    proc = cli("build", str(path), "--db", str(store))
    assert proc.returncode == 0, proc.stderr
    assert re.search(rf"{re.escape(str(path))}:2: record over the 2,000-byte limit.*NEWSGRAPH_MAX_BYTES.*\(skipped\)",
                     proc.stderr), proc.stderr
    assert "2 built, 0 unchanged, 1 skipped, 0 failed" in proc.stdout
    titles = {a["title"] for a in json.loads(invoke("query", "articles", "--db", str(store), "--format", "json"))}
    assert titles == {template[1][0][0]["title"], "خبر رقم 1", "خبر رقم 3"}


def test_build_folder_with_good_and_bad_files(store: Path, template, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(ARABIC, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blob.txt").write_bytes(b"\x00\x01\x02" * 100)
    proc = cli("build", str(folder), "--db", str(store))
    assert "Traceback" not in proc.stderr
    assert "empty.txt" in proc.stderr and "blob.txt" in proc.stderr
    assert "1 built, 0 unchanged, 0 skipped, 2 failed" in proc.stdout
    assert proc.returncode == 2  # an unreadable file is a failed input, even among good ones
    articles = json.loads(invoke("query", "articles", "--db", str(store), "--format", "json"))
    assert len(articles) == 2 and template[1][0][0] in articles
    counts = snapshot(store)[2]
    for graph, n in template[1][2].items():
        assert counts[graph] == n


@pytest.mark.parametrize(("encoding", "prefix"), [("cp1256", b""), ("utf-16-le", b"\xff\xfe"),
                                                  ("utf-8", b"\xef\xbb\xbf")])
def test_build_supported_encodings_read_right(encoding: str, prefix: bytes, store: Path, tmp_path: Path) -> None:
    path = tmp_path / "enc.txt"
    path.write_bytes(prefix + ARABIC.encode(encoding))
    result = CliRunner().invoke(main, ["build", str(path), "--db", str(store)])
    assert result.exit_code == 0, result.output
    rows = json.loads(invoke("query", "articles", "--db", str(store), "--format", "json"))
    assert "لقاء في الرياض" in {r["title"] for r in rows}


def test_build_of_nothing_creates_no_store(tmp_path: Path) -> None:
    db = tmp_path / "fresh.db"
    assert_one_line_error(cli("build", str(tmp_path / "nope.txt"), "--db", str(db)), "nope.txt", "no such file")
    assert not db.exists()
    (tmp_path / "empty.txt").write_bytes(b"")
    assert_one_line_error(run("build", str(tmp_path / "empty.txt"), "--db", str(db)), "empty.txt", "empty")
    assert not db.exists()


NO_SPACE = "IO error: No space left on device: While appending to file: kg.db/000042.log: No space left on device"


def test_build_on_a_full_disk_says_free_space(store: Path, template, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Every write fails as RocksDB does on a full disk: the update, then the flush on close."""
    import pyoxigraph

    real = pyoxigraph.Store

    class FullDisk:
        read_only = staticmethod(real.read_only)

        def __init__(self, path: str) -> None:
            self.real = real(path)

        def __getattr__(self, name: str) -> object:
            return getattr(self.real, name)

        def update(self, *args: object, **kwargs: object) -> None:
            raise OSError(NO_SPACE)

        bulk_load = flush = update

    monkeypatch.setattr(pyoxigraph, "Store", FullDisk)
    text = tmp_path / "new.txt"
    text.write_text(ARABIC, encoding="utf-8")
    line = assert_one_line_error(cli("build", str(text), "--db", str(store), "-q"),
                                 f"no space left on the device holding {store}", "free some space",
                                 "everything stored before this article is intact")
    assert "OSError" not in line
    monkeypatch.undo()
    assert_unchanged(store, template)


def test_build_failure_then_rebuild_same_store_still_works(store: Path, template, tmp_path: Path) -> None:
    """After a refused build the store is not locked or damaged: the good article is unchanged."""
    bad = tmp_path / "x.docx"
    bad.write_bytes(b"junk")
    assert cli("build", str(bad), "--db", str(store)).returncode == 2
    proc = cli("build", str(GOOD), "--db", str(store))
    assert proc.returncode == 0, proc.stderr
    assert "0 built, 1 unchanged" in proc.stdout
    assert_unchanged(store, template)


# --------------------------------------------------------------------------- queries


def test_query_unknown_name_lists_known(store: Path) -> None:
    line = assert_one_line_error(cli("query", "nope", "--db", str(store)), "unknown query 'nope'")
    for name in ("articles", "entities", "quotes", "adoptions", "affirmations", "positions", "events", "network"):
        assert name in line


BAD_SPARQL = [
    "SELECT ?x WHERE { ?x ?y }",
    "SELECT ?x\nWHERE { ?x ?y ?z . FILTER( }",
    "PREFIX ng: <https://w3id.org/newsgraph/ontology#>\nSELECT ?x WHERE { ?x ng:title ?t ) }\nLIMIT 3\n",
]


@pytest.mark.parametrize("text", BAD_SPARQL)
@pytest.mark.parametrize("how", ["sparql", "file"])
def test_query_bad_sparql_names_line_and_column(text: str, how: str, store: Path, tmp_path: Path) -> None:
    if how == "file":
        rq = tmp_path / "bad.rq"
        rq.write_text(text, encoding="utf-8")
        args = ["query", str(rq)]
    else:
        args = ["query", "--sparql", text]
    line = assert_one_line_error(cli(*args, "--db", str(store)), "syntax error", "fix the query")
    assert re.search(r"line \d+, column \d+", line), line


@pytest.mark.parametrize("update", ["DELETE WHERE { ?s ?p ?o }", "DROP ALL", "CLEAR DEFAULT",
                                    'INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> "c" } }',
                                    "PREFIX x: <urn:x>\n# a comment\nDROP SILENT GRAPH <urn:g>"])
def test_query_update_refused_without_allow_update(update: str, store: Path, template, tmp_path: Path) -> None:
    assert_one_line_error(cli("query", "--sparql", update, "--db", str(store)), "--allow-update")
    rq = tmp_path / "u.rq"
    rq.write_text(update, encoding="utf-8")
    assert_one_line_error(cli("query", str(rq), "--db", str(store)), "--allow-update")
    assert_unchanged(store, template)


def test_query_update_allowed_with_flag(store: Path) -> None:
    update = 'INSERT DATA { GRAPH <urn:robustness> { <urn:a> <urn:b> "c" } }'
    result = CliRunner().invoke(main, ["query", "--sparql", update, "--allow-update", "--db", str(store)])
    assert result.exit_code == 0, result.output
    ask = invoke("query", "--sparql", 'ASK { <urn:a> <urn:b> "c" }', "--db", str(store))
    assert ask.strip() == "true"


INJECTIONS = [
    '" } ; DROP ALL ; SELECT * { "',
    "\") } UNION { ?a ?p ?o } #",
    "x' . ?a ?p ?o } #",
    "<urn:a> }",
    "\\\" \n } DELETE WHERE { ?s ?p ?o }",
]


@pytest.mark.parametrize("value", INJECTIONS)
def test_query_param_is_a_value_not_sparql(value: str, store: Path, template) -> None:
    out = invoke("query", "--sparql", "SELECT ?v WHERE { BIND($x AS ?v) }", "--db", str(store),
                 "--format", "json", "--param", f"x={value}")
    assert json.loads(out) == [{"v": value}]
    title_query = "SELECT ?a WHERE { ?a <https://w3id.org/newsgraph/ontology#title> $x }"
    out = invoke("query", "--sparql", title_query, "--db", str(store), "--format", "json", "--param", f"x={value}")
    assert json.loads(out) == []
    assert_unchanged(store, template)


@pytest.mark.parametrize("param", ["novalue", "=x", "x=<a b>"])
def test_query_bad_param_one_line(param: str, store: Path) -> None:
    assert_one_line_error(cli("query", "--sparql", "SELECT ?v WHERE { BIND($x AS ?v) }", "--db", str(store),
                              "--param", param), "--param")


QUERY_COLUMNS = {
    "articles": ["article", "title", "date", "lang", "source_agency", "publisher"],
    "entities": ["entity", "category", "type", "label", "wikidata", "mentions"],
    "quotes": ["quote", "speaker", "speaker_label", "text", "kind", "date", "article"],
    "events": ["event", "type", "label", "date", "participants", "place", "article"],
}


@pytest.mark.parametrize("lang", ["en", "ar", "ru"])
@pytest.mark.parametrize("name", list(QUERY_COLUMNS))
def test_query_formats_and_langs(name: str, lang: str, template) -> None:
    db = str(template[0])
    rows = json.loads(invoke("query", name, "--db", db, "--format", "json", "--lang", lang))
    assert rows and all(list(r) == QUERY_COLUMNS[name] for r in rows)
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        table = list(csv.reader(io.StringIO(invoke("query", name, "--db", db, "--format", fmt, "--lang", lang)),
                               delimiter=delimiter))
        assert table[0] == QUERY_COLUMNS[name] and len(table) == len(rows) + 1
    out = invoke("query", name, "--db", db, "--format", "table", "--lang", lang)
    assert re.search(rf"\b{len(rows)} rows?\b", out), out[-200:]


def test_query_unknown_format_and_lang_value(template) -> None:
    proc = cli("query", "articles", "--db", str(template[0]), "--format", "xml")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "xml" in proc.stderr
    for args in (["query", "articles"], ["network"]):
        proc = cli(*args, "--db", str(template[0]), "--lang", "xx")
        assert proc.returncode == 2 and "'xx' is not one of 'en', 'ar', 'ru'" in proc.stderr, proc.stderr


def test_query_param_the_query_does_not_use(template) -> None:
    line = assert_one_line_error(cli("query", "articles", "--db", str(template[0]), "-p", "nosuch=1"),
                                 "the query has no parameter nosuch (its parameters: ")
    assert "label_lang" in line
    assert_one_line_error(cli("query", "--sparql", "SELECT ?v WHERE { BIND($x AS ?v) }", "--db", str(template[0]),
                              "-p", "x=1", "-p", "y=2"), "no parameter y (its parameters: x)")


CONSTRUCT = "CONSTRUCT { ?a <urn:t> ?t } WHERE { ?a <https://w3id.org/newsgraph/ontology#title> ?t }"


def test_query_construct_formats(template) -> None:
    db = str(template[0])
    for fmt in ("json", "csv", "tsv"):
        assert_one_line_error(cli("query", "--sparql", CONSTRUCT, "--db", db, "--format", fmt),
                              "returns triples, not rows", "--format nt or turtle")
    nt = invoke("query", "--sparql", CONSTRUCT, "--db", db, "--format", "nt")
    assert nt == invoke("query", "--sparql", CONSTRUCT, "--db", db) and nt.count(" <urn:t> ") == 1
    assert len(_parse(invoke("query", "--sparql", CONSTRUCT, "--db", db, "--format", "turtle"), "turtle")) == 1
    assert_one_line_error(cli("query", "articles", "--db", db, "--format", "nt"), "CONSTRUCT", "table, json")


# --------------------------------------------------------------------------- stores


@pytest.mark.parametrize("args", [["query", "articles"], ["stats"], ["export", "--format", "turtle"],
                                  ["validate"], ["network"]])
def test_missing_store_clear_message_and_nothing_created(args: list[str], tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "nowhere.db"
    assert_one_line_error(cli(*args, "--db", str(db)), "no store", "newsgraph build")
    assert not db.exists()
    monkeypatch.delenv("NEWSGRAPH_DB", raising=False)
    monkeypatch.chdir(tmp_path)  # the default ./newsgraph.db
    assert_one_line_error(cli(*args), "no store")
    assert not (tmp_path / "newsgraph.db").exists()
    monkeypatch.setenv("NEWSGRAPH_DB", str(tmp_path / "env.db"))
    assert_one_line_error(cli(*args), "no store", "env.db")
    assert not (tmp_path / "env.db").exists()


def test_missing_store_real_process(tmp_path: Path) -> None:
    db = tmp_path / "nowhere.db"
    assert_one_line_error(run("stats", "--db", str(db)), "no store", "newsgraph build")
    assert not db.exists()


HOLDER = ("import sys, time\nfrom newsgraph.graph.store import open_store\n"
          "s = open_store(sys.argv[1], read_only=sys.argv[2] == 'ro')\nprint('ready', flush=True)\ntime.sleep(120)\n")


def _hold(db: Path, mode: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(db), mode], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready", proc.stderr
    return proc


def _release(proc: subprocess.Popen[str]) -> None:
    proc.kill()
    proc.wait(timeout=30)


def test_store_held_by_a_writer_refuses_everyone(store: Path, template) -> None:
    holder = _hold(store, "rw")
    try:
        for args in (["stats"], ["query", "articles"], ["export", "--format", "nt"], ["build", str(GOOD)]):
            started = time.monotonic()
            proc = run(*args, "--db", str(store), timeout=60)
            assert_one_line_error(proc, str(store), "another process")
            assert time.monotonic() - started < 30  # refused, not waited for
    finally:
        _release(holder)
    assert_unchanged(store, template)


def test_store_held_by_a_reader_allows_queries_refuses_build(store: Path, template, tmp_path: Path) -> None:
    holder = _hold(store, "ro")
    try:
        proc = run("query", "articles", "--db", str(store), "--format", "json")
        assert proc.returncode == 0, proc.stderr
        assert json.loads(proc.stdout) == template[1][0]
        text = tmp_path / "new.txt"
        text.write_text(ARABIC, encoding="utf-8")
        assert_one_line_error(run("build", str(text), "--db", str(store)), "in use by another process")
    finally:
        _release(holder)
    assert_unchanged(store, template)


# --------------------------------------------------------------------------- export


@pytest.mark.parametrize("target", ["missing-dir/g.ttl", "afile/g.ttl", "adir"])
def test_export_unwritable_output(target: str, template, tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("keep me", encoding="utf-8")
    (tmp_path / "adir").mkdir()
    before = sorted(p.name for p in tmp_path.rglob("*"))
    proc = cli("export", "--db", str(template[0]), "--format", "turtle", "-o", str(tmp_path / target))
    assert_one_line_error(proc, "cannot write", "writable")
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # no partial or temporary file
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "keep me"


def test_export_unknown_format(template, tmp_path: Path) -> None:
    out = tmp_path / "g.xml"
    line = assert_one_line_error(cli("export", "--db", str(template[0]), "--format", "xml", "-o", str(out)),
                                 "xml")
    assert "turtle" in line and not out.exists()


EXPORT_FORMATS = [("turtle", "ox-turtle"), ("trig", "ox-trig"), ("nt", "ox-ntriples"), ("nquads", "ox-nquads"),
                  ("jsonld", "json-ld")]


def _parse(text: str, rdflib_format: str):  # noqa: ANN202
    import rdflib

    ds = rdflib.Dataset()
    ds.parse(data=text, format=rdflib_format)
    return ds


@pytest.mark.parametrize(("fmt", "rdflib_format"), EXPORT_FORMATS)
def test_export_article_graph_parses_back_without_ns1(fmt: str, rdflib_format: str, template,
                                                      tmp_path: Path) -> None:
    graph = template[1][0][0]["article"]
    out = tmp_path / f"graph.{fmt}"
    result = cli("export", "--db", str(template[0]), "--format", fmt, "--graph", graph, "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert not re.search(r"\bns\d+:", text)
    ds = _parse(text, rdflib_format)
    triples = sum(len(g) for g in ds.graphs())
    assert triples == int(template[1][2][graph]), (triples, template[1][2][graph])


@pytest.mark.parametrize(("fmt", "rdflib_format"), EXPORT_FORMATS[:2])
def test_export_whole_store_parses_back_without_ns1(fmt: str, rdflib_format: str, template,
                                                    tmp_path: Path) -> None:
    out = tmp_path / f"graph.{fmt}"
    result = cli("export", "--db", str(template[0]), "--format", fmt, "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert not re.search(r"\bns\d+:", text)
    for prefix in ("ng:", "skos:", "rdf:", "xsd:", "owl:"):
        assert f"@prefix {prefix}" in text or f"PREFIX {prefix}" in text
    if fmt == "turtle":
        ds = _parse(text, rdflib_format)
        assert sum(len(g) for g in ds.graphs()) > 10000


def test_export_file_mode_follows_umask_or_the_replaced_file(template, tmp_path: Path) -> None:
    kept = tmp_path / "kept.nt"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o640)
    assert cli("export", "--db", str(template[0]), "--format", "nt", "-o", str(kept)).returncode == 0
    new = tmp_path / "new.ttl"
    assert cli("export", "--db", str(template[0]), "-o", str(new)).returncode == 0
    umask = os.umask(0)
    os.umask(umask)
    assert oct(new.stat().st_mode & 0o777) == oct(0o666 & ~umask)
    assert oct(kept.stat().st_mode & 0o777) == oct(0o640) and kept.read_text(encoding="utf-8") != "old"


# --------------------------------------------------------------------------- closed stdout


@pytest.mark.parametrize("args", [["stats"], ["queries"], ["query", "entities", "--format", "tsv"],
                                  ["export", "--format", "nt"]])
def test_closed_stdout_ends_quietly(args: list[str], template) -> None:
    """``newsgraph … | head -0``: the reader is gone before anything is written; exit 141 (or 0), silent."""
    env = {**os.environ}
    env.pop("NEWSGRAPH_DB", None)
    cmd = [*CLI, *args] + (["--db", str(template[0])] if args[0] != "queries" else [])
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=60) in (0, 141) and err == "", (proc.returncode, err)


# --------------------------------------------------------------------------- help


SUBCOMMANDS = ["build", "query", "queries", "export", "stats", "validate", "reason", "viz", "network"]


def _timed(args: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.perf_counter()
    proc = run(*args)
    return time.perf_counter() - started, proc


def test_top_level_help_under_half_a_second() -> None:
    times = []
    for _ in range(3):
        took, proc = _timed(["--help"])
        assert proc.returncode == 0 and "Usage:" in proc.stdout and not proc.stderr
        times.append(took)
    assert min(times) < 0.5, f"newsgraph --help took {min(times):.2f} s at best ({times})"


@pytest.mark.parametrize("sub", SUBCOMMANDS)
def test_subcommand_help_answers_fast(sub: str) -> None:
    took, proc = _timed([sub, "--help"])
    assert proc.returncode == 0 and "Usage:" in proc.stdout and not proc.stderr
    assert took < 1.0, f"newsgraph {sub} --help took {took:.2f} s"


def test_python_dash_m_help() -> None:
    proc = subprocess.run([sys.executable, "-m", "newsgraph", "--help"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "Usage:" in proc.stdout
    for sub in SUBCOMMANDS:
        assert sub in proc.stdout


# --------------------------------------------------------------------------- Ctrl-C


def test_sigint_during_corpus_build_keeps_completed_articles(tmp_path: Path) -> None:
    if not CORPUS.exists():
        pytest.fail(f"no corpus at {CORPUS}: set NEWSGRAPH_SHARED to the shared data folder")
    sample = tmp_path / "sample.jsonl"
    with CORPUS.open(encoding="utf-8") as src, sample.open("w", encoding="utf-8") as dst:
        dst.writelines(itertools.islice(src, 50))
    db = tmp_path / "kg.db"
    out, err = tmp_path / "out.txt", tmp_path / "err.txt"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("NEWSGRAPH_DB", None)
    with out.open("w") as fo, err.open("w") as fe:
        proc = subprocess.Popen([*CLI, "build", str(sample), "--db", str(db), "--batch-size", "2"],
                                stdout=fo, stderr=fe, env=env)
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and out.read_text().count("built ") < 3 and proc.poll() is None:
                time.sleep(0.2)
            assert proc.poll() is None, "the build ended before it could be interrupted"
            proc.send_signal(signal.SIGINT)
            code = proc.wait(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
    stdout, stderr = out.read_text(), err.read_text()
    assert code == 130, (code, stderr)
    assert "Traceback" not in stderr and "interrupted" in stderr
    built = {m.group(1): int(m.group(2)) for m in re.finditer(r"^built\s+(\S+)\s+\((\d+) triples\)", stdout, re.M)}
    assert 3 <= len(built) < 50
    articles, stats, counts = snapshot(db)
    assert len(articles) == len(built)
    assert stats.split("\n", 1)[0].split() == ["articles", str(len(built))]
    assert sorted(int(n) for n in counts.values()) == sorted(built.values())
