"""Site search: a static Pagefind index (https://pagefind.app) written at build time.

The ``pagefind`` binary (PyPI ``pagefind[bin]``, a dependency) reads the site's HTML pages and
writes ``pagefind/`` beside them: a WebAssembly search library and index fragments that any
plain static host serves.  Only the content marked ``data-pagefind-body`` is indexed (the
answers of each entity page and the report texts; not the "all statements" tables, the list
pages or the class indexes), so labels and paragraph text are found, and a search result that
matches a report paragraph links to it (``search.js``).  The same pages give the same index
bytes, so rebuilds stay byte-identical.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from ..model import HonleaError


class SearchIndexError(HonleaError):
    """Pagefind is missing or failed on the site."""


def pagefind_binary() -> str:
    """The path of the ``pagefind`` executable of the ``pagefind_bin`` package.

    :raises SearchIndexError: when the package is not installed."""
    try:
        from pagefind.service import _must_get_executable
    except ImportError as exc:  # pragma: no cover - a dependency of the project
        raise SearchIndexError("the search index needs the Python package 'pagefind[bin]' "
                               "(pip install 'pagefind[bin]')") from exc
    try:
        return str(_must_get_executable().resolve())
    except Exception as exc:  # noqa: BLE001 - the package raises a bare error when the binary is absent
        raise SearchIndexError(f"the pagefind binary is missing ({exc}); reinstall 'pagefind[bin]'") from exc


class SearchJob:
    """Pagefind indexing the site in ``out``, running in its own process.

    Started by :func:`start_index`; :meth:`wait` for it (the build overlaps it with the SHACL
    validation still running) or :meth:`cancel` it (the staging folder is being dropped)."""

    def __init__(self, out: Path, timeout: float):
        import tempfile
        import time

        self.out = out
        self.timeout = timeout
        self.started = time.monotonic()
        self.seconds: float | None = None
        self._log = tempfile.TemporaryFile()
        cmd = [pagefind_binary(), "--site", str(out), "--output-subdir", "pagefind", "--force-language", "en",
               "--quiet"]
        try:
            self.proc = subprocess.Popen(cmd, stdout=self._log, stderr=subprocess.STDOUT)
        except OSError as exc:
            self._log.close()
            raise SearchIndexError(f"pagefind could not index {out}: {exc}") from exc

    def wait(self) -> float:
        """Wait for the index; return the seconds it took since it started.

        :raises SearchIndexError: when Pagefind failed or ran past the time limit (its last
            lines are in the message)."""
        import time

        try:
            code = self.proc.wait(timeout=max(1.0, self.timeout - (time.monotonic() - self.started)))
        except subprocess.TimeoutExpired as exc:
            self.cancel()
            raise SearchIndexError(f"pagefind did not finish indexing {self.out} in {self.timeout:.0f} s") from exc
        self.seconds = time.monotonic() - self.started
        self._log.seek(0)
        output = self._log.read().decode("utf-8", "replace")
        self._log.close()
        if code != 0:
            detail = output.strip().splitlines()[-3:]
            raise SearchIndexError(f"pagefind could not index {self.out}: " + " / ".join(detail))
        return self.seconds

    def cancel(self) -> None:
        """Stop Pagefind (if it still runs) and wait for it to exit."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if not self._log.closed:
            self._log.close()


def start_index(out: Path, timeout: float = 3600) -> SearchJob:
    """Start writing the Pagefind index of the site in ``out`` into ``out/pagefind/``.

    :raises SearchIndexError: when Pagefind is missing or cannot start."""
    return SearchJob(out, timeout)


def index_site(out: Path, timeout: float = 3600) -> float:
    """Write the Pagefind index of the site in ``out`` into ``out/pagefind/``; return the seconds
    it took.

    :raises SearchIndexError: when Pagefind is missing or fails (its message is kept)."""
    return start_index(out, timeout).wait()


__all__ = ["SearchIndexError", "SearchJob", "index_site", "pagefind_binary", "start_index"]
