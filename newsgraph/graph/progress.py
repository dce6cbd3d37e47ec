"""A progress bar for corpus builds: articles per second, time left, built/unchanged/failed counts.

Drawn with rich on stderr, and only when stderr is a terminal (``newsgraph build`` also turns it
off with ``--quiet``). The total is estimated before the build from a cheap scan of the inputs
(lines of ``.jsonl`` files, supported files in folders), so the bar can show the time left.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any


def count_articles(paths: Iterable[str | Path]) -> int | None:
    """About how many articles ``paths`` hold (non-empty ``.jsonl`` lines, one per other file); None if unknown."""
    from newsgraph.extract.reader import SUFFIXES

    total = 0
    try:
        for path in paths:
            p = Path(path)
            files = sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p] if p.is_file() else []
            for f in files:
                suffix = f.suffix.lower()
                if suffix == ".jsonl":
                    with open(f, "rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                elif suffix in SUFFIXES or not suffix:
                    total += 1
    except OSError:
        return None
    return total or None


class BuildProgress:
    """Context manager: a rich progress bar fed with ``ArticleResult``s (``update``); a no-op when disabled."""

    def __init__(self, total: int | None, *, enabled: bool = True) -> None:
        self.total, self.enabled = total, enabled
        self.counts = {"built": 0, "unchanged": 0, "failed": 0}
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> BuildProgress:
        if not self.enabled:
            return self
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._bar = Progress(BarColumn(bar_width=20), MofNCompleteColumn(), TextColumn("{task.fields[rate]}/s"),
                             TimeRemainingColumn(), TextColumn("left · {task.fields[counts]}"),
                             console=Console(stderr=True), transient=True)
        self._bar.__enter__()
        self._task = self._bar.add_task("build", total=self.total, rate="-", counts=self._counts())
        return self

    def _counts(self) -> str:
        return f"{self.counts['built']} built, {self.counts['unchanged']} unchanged, {self.counts['failed']} failed"

    def update(self, result: Any) -> None:
        """Count one article (an ``ArticleResult``) and redraw."""
        self.counts[result.status] = self.counts.get(result.status, 0) + 1
        if self._bar is None:
            return
        task = self._bar.tasks[0]
        speed = task.speed
        self._bar.update(self._task, advance=1, counts=self._counts(), rate=f"{speed:.1f}" if speed else "-")

    def note(self, line: str) -> None:
        """Print a line above the bar (or on stderr when there is no bar)."""
        if self._bar is not None:
            self._bar.console.print(line, markup=False, highlight=False)
        else:
            import click

            click.echo(line, err=True)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None
