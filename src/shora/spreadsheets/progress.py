"""A progress display for long files on the command line (rows and rows per second).

The reading and import code only call a plain callback; this module turns those calls into
a ``rich`` display, so nothing below the command line knows about the terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

#: ``progress(stage, done, total)``: ``stage`` names the step ("reading", "writing"),
#: ``total`` is None while unknown or an estimate.
StageProgress = Callable[[str, int, int | None], None]


class RowsPerSecondColumn(TextColumn):
    """The task's speed in rows per second."""

    def __init__(self) -> None:
        super().__init__("")

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        if speed is None and task.finished and task.elapsed:
            speed = task.completed / task.elapsed
        return Text(f"{speed:,.0f} rows/s" if speed else "… rows/s", style="progress.data.speed")


@contextmanager
def rich_progress(console: Console | None = None) -> Iterator[StageProgress]:
    """A ``StageProgress`` that draws one bar per stage while the block runs."""
    tasks: dict[str, TaskID] = {}
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RowsPerSecondColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as display:

        def report(stage: str, done: int, total: int | None) -> None:
            if stage not in tasks:
                tasks[stage] = display.add_task(stage, total=total)
            shown_total = max(total, done) if total is not None else None
            display.update(tasks[stage], completed=done, total=shown_total)

        yield report
