"""Real SPARQL servers on free loopback ports for the tests: Oxigraph's server and Virtuoso.

``oxigraph_server(dir)`` and ``virtuoso_server(dir)`` are context managers yielding a ``Server``
(the ``--db`` URL and the environment that points newsgraph at it). A server that is not installed
is ``Unavailable``: the tests skip with the reason on a developer machine, and fail when ``CI`` is
set (``make system-deps`` installs Virtuoso; the test extras install oxigraph).
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0
[Parameters]
ServerPort = {isql}
DisableUnixSocket = 1
DirsAllowed = ., {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CaseMode = 2
[HTTPServer]
ServerPort = {http}
ServerRoot = {d}
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 300
MaxQueryCostEstimationTime = 400
"""


class Unavailable(Exception):
    """The server is not installed (or cannot start) here."""


@dataclass
class Server:
    """A running server: the URL to give as ``--db`` and the environment variables it needs."""

    name: str
    url: str
    env: dict[str, str] = field(default_factory=dict)


def free_port() -> int:
    """A TCP port free on loopback right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, proc: subprocess.Popen, seconds: float, what: str) -> None:
    """Poll ``url`` until it answers; Unavailable if the process dies or ``seconds`` pass."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise Unavailable(f"{what} did not start within {seconds:.0f} s") from None
            time.sleep(0.2)


def stop(proc: subprocess.Popen) -> None:
    """Terminate a server we started, and wait for it."""
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def oxigraph_binary() -> str:
    """The ``oxigraph`` server binary of this venv (or on PATH)."""
    local = Path(sys.executable).parent / "oxigraph"
    found = str(local) if local.exists() else shutil.which("oxigraph")
    if not found:
        raise Unavailable("the oxigraph server is not installed: pip install oxigraph (it is in the test extras)")
    return found


@contextmanager
def oxigraph_server(workdir: Path) -> Iterator[Server]:
    """``oxigraph serve`` with the union default graph, on disk in ``workdir``."""
    port = free_port()
    proc = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(workdir / "oxigraph"),
                             "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_http(url + "/query?query=ASK%7B%7D", proc, 30, "oxigraph serve")
        yield Server("oxigraph", url)
    finally:
        stop(proc)


@contextmanager
def virtuoso_server(workdir: Path) -> Iterator[Server]:
    """Virtuoso (Debian's virtuoso-opensource) with its own virtuoso.ini, updates granted to SPARQL."""
    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt") or shutil.which("isql")
    if not binary or not isql:
        raise Unavailable("Virtuoso is not installed: `make system-deps` (as root) or apt-get install virtuoso-opensource")
    http, isql_port = free_port(), free_port()
    workdir.mkdir(parents=True, exist_ok=True)
    ini = workdir / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(d=workdir, isql=isql_port, http=http), encoding="utf-8")
    proc = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)], cwd=workdir,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{http}/sparql"
        wait_http(url + "?query=ASK%7B%7D", proc, 90, "virtuoso-t")
        grant = subprocess.run([isql, str(isql_port), "dba", "dba", 'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
                               capture_output=True, text=True, timeout=60)
        if grant.returncode != 0 or "Error" in grant.stdout + grant.stderr:
            raise Unavailable(f"cannot grant SPARQL updates on Virtuoso: {(grant.stdout + grant.stderr).strip()[-200:]}")
        yield Server("virtuoso", url, {"NEWSGRAPH_UPDATE_URL": url,
                                        "NEWSGRAPH_STORE_URL": f"http://127.0.0.1:{http}/sparql-graph-crud"})
    finally:
        stop(proc)


def require(reason: str) -> None:
    """A server is unavailable: skip with the reason, except in CI (``CI`` set), where it fails."""
    import pytest

    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{reason} (CI must run every server test)")
    pytest.skip(reason)
