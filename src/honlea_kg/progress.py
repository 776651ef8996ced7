"""Progress of a build's stages for a person watching a terminal.

A stage that works through items (reports, validation batches, nodes re-checked, pages) opens a
bar with :meth:`Progress.stage` and advances it; :class:`RichProgress` shows each stage on its
own line with its count, total, rate, elapsed time and time left (the ``rich`` library), on
stderr.  :func:`progress_for` gives it only when stderr is a terminal; otherwise (a log, a
pipe, CI) nothing is drawn and the build's summary line says what happened.
"""

from __future__ import annotations

import sys


class Bar:
    """One stage's bar: :meth:`advance` by a number of items, :meth:`done` at the end."""

    def advance(self, n: int = 1) -> None:
        pass

    def done(self) -> None:
        pass


class Progress:
    """Draws nothing (stderr is not a terminal).  Subclasses draw."""

    def stage(self, name: str, total: int | None = None) -> Bar:
        """Open the bar of stage ``name`` with ``total`` items (``None``: not counted)."""
        return Bar()

    def close(self) -> None:
        pass

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _RichBar(Bar):
    def __init__(self, progress, task):
        self.progress, self.task = progress, task

    def advance(self, n: int = 1) -> None:
        self.progress.advance(self.task, n)

    def done(self) -> None:
        task = self.progress.tasks[self.task]
        if task.total is None:
            self.progress.update(self.task, total=task.completed)
        self.progress.update(self.task, completed=task.total)
        self.progress.stop_task(self.task)


class RichProgress(Progress):
    """Each stage as a line on ``stream`` (default stderr): name, bar, ``count/total``, items
    per second, elapsed time and time left; redrawn a few times a second by ``rich``."""

    def __init__(self, stream=None):
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress as Rich, ProgressColumn,
                                   TextColumn, TimeElapsedColumn, TimeRemainingColumn)
        from rich.text import Text

        class RateColumn(ProgressColumn):
            """Items per second, over the last seconds (rich's speed estimate)."""

            def render(self, task) -> Text:
                speed = task.finished_speed or task.speed
                return Text(f"{speed:,.1f}/s" if speed else "", style="progress.data.speed")

        console = Console(file=stream or sys.stderr)
        self.rich = Rich(TextColumn("{task.description:<16}"), BarColumn(), MofNCompleteColumn(), RateColumn(),
                         TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(), console=console,
                         transient=False)
        self.rich.start()

    def stage(self, name: str, total: int | None = None) -> Bar:
        return _RichBar(self.rich, self.rich.add_task(name, total=total))

    def close(self) -> None:
        self.rich.stop()


def progress_for(stream=None) -> Progress:
    """:class:`RichProgress` on ``stream`` (default stderr) when it is a terminal, else a
    :class:`Progress` that draws nothing."""
    stream = stream or sys.stderr
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    return RichProgress(stream) if tty else Progress()
