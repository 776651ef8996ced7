"""Checks on a report file before any byte of it is read: only regular files of a sane size.

A FIFO named ``x.txt`` would make the build wait for a writer forever, and a symbolic link to
``/dev/zero`` named ``x.txt`` would be read until memory runs out; a report of the five bodies
is at most a few megabytes (a long PDF with images some tens), so one file may hold at most
:data:`MAX_REPORT_BYTES`.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..model import ReadError

#: The largest report file read, in bytes (200 MiB; README "Errors and exit codes").
MAX_REPORT_BYTES = 200 * 1024 * 1024

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def check_report_file(path: Path | str, limit: int = MAX_REPORT_BYTES) -> int:
    """Check that ``path`` (symbolic links followed) is a regular file of at most ``limit``
    bytes, without opening it; return its size in bytes.

    :raises ReadError: naming the file: it cannot be examined (missing, no permission), is not
        a regular file (FIFO, device, socket, folder; the kind is named), or is larger than
        ``limit`` (its size and the limit in MiB are named).
    """
    try:
        st = os.stat(path)
    except OSError as exc:
        raise ReadError(f"cannot read the file ({exc.strerror or exc})", path) from None
    if not stat.S_ISREG(st.st_mode):
        kind = next((name for test, name in _KINDS if test(st.st_mode)), "not a regular file")
        link = f" (a symbolic link to {os.path.realpath(path)})" if Path(path).is_symlink() else ""
        raise ReadError(f"{kind}{link}, not a regular file: expected a report file; not read", path)
    if st.st_size > limit:
        raise ReadError(f"{st.st_size / 2**20:,.1f} MiB: larger than the {limit / 2**20:,.0f} MiB a report file "
                        "may have; not read", path)
    return st.st_size
