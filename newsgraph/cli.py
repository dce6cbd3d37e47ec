"""The ``newsgraph`` command line: a thin layer over the library.

Each command parses its options, calls one library function and prints. Library errors
(``newsgraph.errors``) become one line on stderr and exit code 2 (``--debug`` shows the
traceback). Nothing heavy is imported at module level, so ``newsgraph --help`` stays instant:
import rdflib, pyoxigraph, spaCy… inside the command functions.

When the reader of stdout goes away early (``newsgraph stats | head -1``), the command ends
quietly with exit code 141 (128 + SIGPIPE, what a shell reports for a Unix filter killed by the
same event), so ``set -o pipefail`` scripts still see that the output was cut short.

To add a command: a ``@main.command()`` function below, in the same style.
"""
from __future__ import annotations

import os
import sys

import click

from newsgraph import __version__, config
from newsgraph.errors import NewsgraphError, OutputError

DB_HELP = "Store: a folder (embedded Oxigraph) or an http(s):// SPARQL endpoint. [default: $NEWSGRAPH_DB or ./newsgraph.db]"


class NewsgraphGroup(click.Group):
    """A click group that turns library errors into one-line messages."""

    def invoke(self, ctx: click.Context) -> object:
        """Run the command; NewsgraphError → ``error: …`` on stderr and its exit code."""
        debug = bool(ctx.params.get("debug"))
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's exit
            return result
        except BrokenPipeError:
            _stdout_to_devnull()
            ctx.exit(EXIT_PIPE_CLOSED)
        except NewsgraphError as exc:
            if debug:
                raise
            click.echo(f"error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            if debug:
                raise
            click.echo("interrupted: nothing half-written was stored", err=True)
            ctx.exit(130)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:  # a bug: still one line, unless --debug
            if debug:
                raise
            click.echo(f"error: internal error ({type(exc).__name__}: {exc}); rerun with --debug "
                       "for the traceback and report it", err=True)
            ctx.exit(1)
        return None


#: Exit code when stdout's reader went away (``| head``): 128 + SIGPIPE, like a filter killed by it.
EXIT_PIPE_CLOSED = 141


def _stdout_to_devnull() -> None:
    """Point stdout at /dev/null, so that the flush at exit does not fail on the closed pipe again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real file descriptor (tests' captured output)
        pass


def db_option(f):  # noqa: ANN001, ANN201 - a click decorator
    """The ``--db`` option every store command takes."""
    return click.option("--db", default=None, metavar="DB", help=DB_HELP)(f)


def lang_option(f):  # noqa: ANN001, ANN201 - a click decorator
    """The ``--lang`` option: label language, with fallback to any label."""
    return click.option("--lang", default="en", show_default=True,
                        type=click.Choice(["en", "ar", "ru"], case_sensitive=False),
                        help="Label language; falls back to any label.")(f)


@click.group(cls=NewsgraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.version_option(__version__, prog_name="newsgraph")
def main(debug: bool) -> None:
    """newsgraph: news articles in, an ontology-backed RDF knowledge graph out."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@click.option("--quiet", "-q", is_flag=True, help="Print only errors and the summary (no progress bar).")
@click.option("--force", is_flag=True, help="Rebuild articles whose text has not changed.")
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(1), help="Extraction processes.")
@click.option("--batch-size", default=32, show_default=True, type=click.IntRange(1),
              help="Articles per store transaction (and per unchanged-check query).")
@click.option("--validate", "check", is_flag=True, help="Validate the article graphs just built (exit 1 if invalid).")
@click.option("--no-answers", "no_answers", is_flag=True,
              help="Do not evaluate and store the named queries' answers after the build (they are then "
                   "computed on first use).")
def build(paths: tuple[str, ...], db: str | None, quiet: bool, force: bool, jobs: int, batch_size: int,
          check: bool, no_answers: bool) -> None:
    """Extract articles (files, folders, .jsonl) and store each as its own named graph.

    \b
    On a terminal a progress bar shows articles/s and the time left; otherwise each article is
    listed (--quiet: only problems and the summary). A bad .jsonl record is reported as
    FILE:LINE and skipped. Exit 0 when everything readable was stored (skipped records are
    counted in the summary), 2 when an input is unreadable, an article failed or nothing could
    be built, 130 on Ctrl-C (the build stops after the current batch; stored articles stay).
    When the embedded store changed, the named queries are then evaluated once and their rows
    stored with the store, so each `newsgraph query` reads them back in milliseconds until the
    next change (--no-answers skips this; `query --fresh` always evaluates).
    """
    from newsgraph.graph.corpus import build_paths
    from newsgraph.graph.progress import BuildProgress, count_articles
    from newsgraph.graph.store import is_remote, open_store

    target = db or config.default_db()
    fresh = not is_remote(target) and not os.path.lexists(target)
    bar = not quiet and sys.stderr.isatty()
    with BuildProgress(count_articles(paths) if bar else None, enabled=bar) as progress:
        def show(result) -> None:  # noqa: ANN001
            progress.update(result)
            if result.status == "failed":
                progress.note(f"error: {result.article}: {result.message}")
            elif not quiet and not bar:
                extra = f"{result.triples} triples" if result.status == "built" else result.message
                click.echo(f"{result.status:9s} {result.article}  ({extra})")

        with open_store(db, create=True) as store:
            report = build_paths(store, paths, force=force, jobs=jobs, batch_size=batch_size, on_result=show,
                                 on_problem=progress.note)
            built = [r.iri for r in report.results if r.status == "built"]
            if built and not no_answers and not report.interrupted and not is_remote(target):
                from newsgraph import queries

                if not quiet:
                    progress.note("storing the answers to the named queries")
                queries.store_answers(store)
            if check and built and not report.interrupted:
                from newsgraph.ontology.validate import validate as run_validation

                validation = run_validation(store, built)
    if fresh and not any(r.status in ("built", "unchanged") for r in report.results):
        import shutil

        shutil.rmtree(target, ignore_errors=True)  # nothing stored: leave no empty store behind
    for message in report.failed_inputs:
        click.echo(f"error: {message}", err=True)
    click.echo(report.summary(), err=quiet)
    if report.interrupted:
        click.echo("interrupted: stopped after the current batch; every article listed as built is stored", err=True)
        sys.exit(130)
    if not report.ok or (report.skipped and not report.results):
        sys.exit(2)
    if check and built:
        click.echo(validation.render("table"))
        if not validation.conforms:
            sys.exit(1)


@main.command()
@click.argument("name", required=False, metavar="NAME|FILE.rq")
@click.option("--sparql", default=None, metavar="TEXT", help="Run this SPARQL text instead of a named query.")
@db_option
@click.option("--format", "-f", "fmt", default="table", show_default=True, metavar="FORMAT",
              help="table, json, csv or tsv; for CONSTRUCT/DESCRIBE: nt (also what table prints) or turtle.")
@lang_option
@click.option("--param", "-p", "params", multiple=True, metavar="K=V",
              help="Bind $K to V (a plain string, or <IRI>); repeatable.")
@click.option("--allow-update", is_flag=True, help="Allow SPARQL Update (it changes the store).")
@click.option("--fresh", is_flag=True,
              help="Evaluate the query even if its answer is stored for this version of the store.")
def query(name: str | None, sparql: str | None, db: str | None, fmt: str, lang: str,
          params: tuple[str, ...], allow_update: bool, fresh: bool) -> None:
    """Run a named query, a .rq file or --sparql TEXT and print the rows.

    \b
    On the embedded store, the rows of a named query or .rq file are stored with the store and
    read back on the next run until the store changes (any write makes them stale); --fresh
    evaluates again.
    """
    from newsgraph import queries
    from newsgraph.errors import QueryError
    from newsgraph.graph.store import open_store
    from newsgraph.queries.format import check_format, render

    if bool(name) == bool(sparql):
        raise QueryError("give a query NAME or .rq FILE, or --sparql TEXT (one of them); `newsgraph queries` lists names")
    fmt = fmt.lower() if fmt.lower() in GRAPH_RESULT_FORMATS else check_format(fmt)
    q = queries.load(name) if name else queries.from_text(sparql or "", "--sparql")
    bindings = dict(queries.parse_param(p) for p in params)
    with open_store(db, read_only=not allow_update) as store:
        result = queries.run(store, q, lang=lang, params=bindings, allow_update=allow_update, fresh=fresh)
    if result is None:
        click.echo("update done", err=True)
    elif isinstance(result, bool):
        click.echo("true" if result else "false")
    elif isinstance(result, list):
        click.echo(_triples(result, fmt), nl=False)
    elif fmt in GRAPH_RESULT_FORMATS:
        raise OutputError(f"--format {fmt} is for CONSTRUCT and DESCRIBE results; this query returns rows: "
                          "use table, json, csv or tsv")
    else:
        click.echo(render(result, fmt), nl=False)


#: Formats for the triples a CONSTRUCT or DESCRIBE query returns (``table`` prints N-Triples too).
GRAPH_RESULT_FORMATS = ("nt", "turtle")


def _triples(triples: list, fmt: str) -> str:
    """The triples of a CONSTRUCT/DESCRIBE result as N-Triples or Turtle; a rows format is refused
    rather than silently ignored."""
    import pyoxigraph as ox

    if fmt not in ("table", *GRAPH_RESULT_FORMATS):
        raise OutputError(f"a CONSTRUCT or DESCRIBE query returns triples, not rows: use --format nt or turtle, "
                          f"not {fmt}")
    if fmt == "turtle":
        from newsgraph.graph.build import prefixes

        return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes()).decode("utf-8")
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")


@main.command("queries")
def list_queries() -> None:
    """List the named queries with their descriptions."""
    from newsgraph import queries

    for q in queries.list_queries():
        click.echo(f"{q.name:14s} {q.description or q.title}")


@main.command()
@db_option
@click.option("--format", "-f", "fmt", default=None, metavar="FORMAT",
              help="turtle, trig, nt, nquads or jsonld [default: from -o's extension, else turtle].")
@click.option("--output", "-o", default=None, type=click.Path(), help="File to write (atomically); stdout if absent.")
@click.option("--graph", "graph_iri", default=None, metavar="IRI", help="Export only this named graph.")
def export(db: str | None, fmt: str | None, output: str | None, graph_iri: str | None) -> None:
    """Export the graph (deterministic, explicit prefixes)."""
    from newsgraph.graph.export import check_format
    from newsgraph.graph.export import export as do_export
    from newsgraph.graph.store import open_store

    if fmt is not None:
        check_format(fmt)
    with open_store(db, read_only=True) as store:
        data = do_export(store, fmt, output, graph=graph_iri)
    if data is not None:
        sys.stdout.buffer.write(data)
    else:
        click.echo(f"wrote {output}", err=True)


@main.command()
@db_option
@click.option("--format", "-f", "fmt", default="table", show_default=True, metavar="FORMAT", help="table or json.")
def stats(db: str | None, fmt: str) -> None:
    """Count articles, triples, entities by category, quotations and events."""
    import json

    from newsgraph.errors import OutputError
    from newsgraph.graph.stats import stats as compute
    from newsgraph.graph.store import open_store

    if fmt not in ("table", "json"):
        raise OutputError(f"unknown format {fmt!r}: use table or json")
    with open_store(db, read_only=True) as store:
        counts = compute(store)
    if fmt == "json":
        click.echo(json.dumps(counts, ensure_ascii=False, indent=1))
        return
    for key, value in counts.items():
        if isinstance(value, dict):
            click.echo(f"{key}:")
            for sub, n in value.items():
                click.echo(f"  {sub:14s} {n}")
        else:
            click.echo(f"{key:16s} {value}")


@main.command()
@db_option
@click.option("--format", "-f", "fmt", default="table", show_default=True, metavar="FORMAT", help="table or json.")
@click.option("--graph", "graph_iris", multiple=True, metavar="IRI",
              help="Validate only this graph (an article's, or the KB graph); repeatable. [default: every article]")
@click.option("--no-hermit", is_flag=True, help="Skip the HermiT run (SHACL and the OWL rules still run).")
def validate(db: str | None, fmt: str, graph_iris: tuple[str, ...], no_hermit: bool) -> None:
    """Check SHACL shapes and OWL consistency; exit 1 when anything is violated."""
    from newsgraph.graph.store import open_store
    from newsgraph.ontology.validate import validate as run_validation

    with open_store(db, read_only=True) as store:
        report = run_validation(store, list(graph_iris) or None, hermit=not no_hermit)
    click.echo(report.render(fmt))
    if not report.conforms:
        sys.exit(1)


@main.command()
@db_option
@click.option("--alignments", is_flag=True, help="Also infer the schema.org, PROV-O, SKOS, org and NIF terms.")
def reason(db: str | None, alignments: bool) -> None:
    """Materialise what the ontology entails into the inferred graph (replacing it)."""
    from newsgraph.config import INFERRED_GRAPH
    from newsgraph.graph.store import open_store
    from newsgraph.ontology.reasoning import materialise

    with open_store(db) as store:
        counts = materialise(store, alignments=alignments)
    for kind, n in counts.items():
        click.echo(f"{kind:12s} {n}")
    click.echo(f"inferred triples are in <{INFERRED_GRAPH}>", err=True)



def network_options(f):  # noqa: ANN001, ANN201 - a click decorator
    """The filters ``viz`` and ``network`` share (see ``newsgraph.graph.network.NetworkFilter``)."""
    options = [
        click.option("--category", "categories", multiple=True, metavar="CATEGORY",
                     help="Keep only this category (Person, Organization, Place, Concept, Document, Event); repeatable."),
        click.option("--min-weight", default=1.0, show_default=True, type=click.FloatRange(0),
                     help="Drop links backed by fewer statements."),
        click.option("--around", default=None, metavar="ENTITY", help="Keep what lies near this entity (IRI or label)."),
        click.option("--depth", default=1, show_default=True, type=click.IntRange(0), help="Steps from --around."),
        click.option("--article", default=None, metavar="IRI", help="Only this article (IRI or its last path segment)."),
        click.option("--since", default=None, metavar="YYYY-MM-DD", help="Only articles dated on or after this day."),
        click.option("--until", default=None, metavar="YYYY-MM-DD", help="Only articles dated on or before this day."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


@main.command()
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False),
              help="File to write: .html (interactive, offline), .png, .svg, .graphml, .gexf or .json.")
@db_option
@lang_option
@network_options
@click.option("--top", "top_n", default=None, type=click.IntRange(1), metavar="N",
              help="Keep the N most central entities. [default: 150 for .html/.png/.svg, all for graph files]")
@click.option("--title", default=None, help="Title of the picture.")
def viz(output: str, db: str | None, lang: str, top_n: int | None, title: str | None, **filters: object) -> None:
    """Draw the entity network (format from the file extension)."""
    from newsgraph.graph.network import NetworkFilter
    from newsgraph.graph.store import open_store
    from newsgraph.graph.viz import draw

    with open_store(db, read_only=True) as store:
        done = draw(store, output, lang=lang, filters=NetworkFilter(**filters), top_n=top_n, title=title)
    left = f"; {done['left_out_nodes']} entities and {done['left_out_edges']} links left out" if done["left_out_nodes"] or done["left_out_edges"] else ""
    click.echo(f"wrote {output}: {done['nodes']} entities, {done['edges']} links{left}", err=True)


@main.command()
@db_option
@lang_option
@network_options
@click.option("--top", "top_n", default=20, show_default=True, type=click.IntRange(1), metavar="N",
              help="How many central entities (and community members) to list.")
@click.option("--format", "-f", "fmt", default="table", show_default=True, metavar="FORMAT", help="table or json.")
def network(db: str | None, lang: str, top_n: int, fmt: str, **filters: object) -> None:
    """The most central entities (degree, betweenness, PageRank) and the communities (Louvain)."""
    from newsgraph.graph.network import NetworkFilter, report
    from newsgraph.graph.store import open_store

    with open_store(db, read_only=True) as store:
        click.echo(report(store, lang=lang, filters=NetworkFilter(**filters), top_n=top_n, fmt=fmt), nl=False)
