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


def index_site(out: Path, timeout: float = 3600) -> None:
    """Write the Pagefind index of the site in ``out`` into ``out/pagefind/``.

    :raises SearchIndexError: when Pagefind is missing or fails (its message is kept)."""
    cmd = [pagefind_binary(), "--site", str(out), "--output-subdir", "pagefind", "--force-language", "en",
           "--quiet"]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"pagefind could not index {out}: {exc}") from exc
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise SearchIndexError(f"pagefind could not index {out}: " + " / ".join(detail))


__all__ = ["SearchIndexError", "index_site", "pagefind_binary"]
