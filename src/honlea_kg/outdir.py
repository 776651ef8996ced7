"""The output folder's life cycle: staging folder, atomic swap, and the spare kept for the next build.

A build writes its site into a staging folder beside ``--out`` (``.OUT.new-PID-XXXX``) and
renames it into place only when it succeeded, so ``--out`` is always a whole build.  The folder
it replaces is not deleted: it is kept as the *spare* (``.OUT.prev``), and the next build starts
from it - renamed to its staging folder, it already holds every file that did not change since
that build, so only the documents that changed are rendered and only the files that differ are
written (double buffering).  Files the two folders share are hard links (a rebuild links the
unchanged documents of ``--out`` when there is no spare), so the spare costs little disk; and
since a build never writes into an existing file (it removes or replaces it first), updating the
spare never changes ``--out``.

A spare is used only when its ``build-info.json`` names a state recorded in the index with the
same code version and base IRI; a build removes it from a staging folder before changing
anything, so a spare left half-updated by a killed build is never trusted.  Folders that can
no longer be used (a stale spare, the staging folder of a killed build) are deleted in the
background, so a build never waits for hundreds of thousands of files to be unlinked.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .docindex import DocIndex, State, build_info_digest, spare_of


@dataclass
class Staging:
    """A staging folder and what it starts from: ``mode`` ``spare`` (it holds the files of the
    state ``base``), ``link`` (empty; ``base`` is the state of ``--out``, whose unchanged files
    are linked) or ``empty`` (nothing to reuse: everything is rendered)."""

    path: Path
    mode: str
    base: State | None = None


def usable_state(index: DocIndex, folder: Path, out: Path, salt: str) -> State | None:
    """The state ``folder`` holds (by its ``build-info.json``) when it is recorded for the output
    ``out``, was rendered under ``salt`` (code version and base IRI) and all its pieces are still
    indexed; else ``None``."""
    state = index.load_state(build_info_digest(folder) or "")
    if state is None or state.salt != salt or state.out != str(Path(out).resolve()):
        return None
    if any(index.piece_id(d) is None for d in state.pieces):
        return None
    return state


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_later(path: Path) -> None:
    """Delete the folder ``path`` in a detached process (renamed first, so its name is free at
    once); the build does not wait for it."""
    path = Path(path)
    if not path.exists():
        return
    trash = path.with_name(f"{path.name}.trash-{secrets.token_hex(4)}")
    try:
        os.replace(path, trash)
    except OSError:
        trash = path
    subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)",
                      str(trash)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                     start_new_session=True, close_fds=True)


def clean_leftovers(out: Path) -> None:
    """Delete (in the background) the staging folders of builds into ``out`` whose process is
    gone (killed), and folders a background deletion left behind for ten minutes."""
    import time

    out = Path(out)
    prefix = f".{out.name}.new-"
    for p in out.parent.glob(f".{out.name}.*"):
        name = p.name
        if name.startswith(prefix) and ".trash-" not in name:
            pid = name[len(prefix):].split("-", 1)[0]
            if pid.isdigit() and int(pid) != os.getpid() and not _pid_alive(int(pid)):
                remove_later(p)
        elif ".trash-" in name:
            try:
                stale = time.time() - p.stat().st_mtime > 600
            except OSError:
                continue
            if stale:
                remove_later(p)


def open_staging(out: Path, index: DocIndex, salt: str) -> Staging:
    """A new staging folder for a build into ``out``: the spare when it is usable
    (:func:`usable_state`; renamed, its ``build-info.json`` removed first), else an empty
    folder (mode ``link`` when ``out`` holds a usable state, else ``empty``).  A spare that
    cannot be used is deleted in the background."""
    out = Path(out)
    clean_leftovers(out)
    path = out.with_name(f".{out.name}.new-{os.getpid()}-{secrets.token_hex(4)}")
    spare = spare_of(out)
    if spare.is_dir():
        state = usable_state(index, spare, out, salt)
        if state is not None:
            os.replace(spare, path)
            (path / "build-info.json").unlink(missing_ok=True)  # half-updated from now on
            return Staging(path, "spare", state)
        remove_later(spare)
    path.mkdir()
    path.chmod(0o755)  # a web server must be able to read the site
    live = usable_state(index, out, out, salt)
    return Staging(path, "link" if live is not None else "empty", live)


def swap_in(staging: Path, out: Path) -> None:
    """Replace ``out`` with ``staging`` by renames, so readers never see a half-written folder;
    the folder replaced becomes the spare (:func:`spare_of`)."""
    out = Path(out)
    spare = spare_of(out)
    if spare.exists():  # not consumed by this build (unusable): out of the way
        remove_later(spare)
    if out.exists():
        os.replace(out, spare)
    os.replace(staging, out)


def discard(staging: Staging | Path) -> None:
    """Remove a staging folder after a failed build (in the background: it may be a whole
    site)."""
    path = staging.path if isinstance(staging, Staging) else Path(staging)
    if path.exists():
        if sum(1 for _ in zip(range(200), path.rglob("*"))) < 200:
            shutil.rmtree(path, ignore_errors=True)
        else:
            remove_later(path)


#: The file that marks a folder as an output of honlea-kg (written last by every build:
#: :func:`honlea_kg.stages.swap.write_build_info`; its ``generator`` names honlea-kg).
MARKER = "build-info.json"


def is_output(folder: Path) -> bool:
    """Whether ``folder`` holds an output of honlea-kg: its ``build-info.json`` is a JSON object
    whose ``generator`` starts with ``honlea-kg``."""
    import json

    try:
        info = json.loads((Path(folder) / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(info, dict) and str(info.get("generator", "")).startswith("honlea-kg")


def _within(inner: Path, outer: Path) -> bool:
    return inner == outer or outer in inner.parents


def writable_folder(path: Path) -> str | None:
    """Why files cannot be created under ``path`` (a folder that may not exist yet), or ``None``.

    Walks up to the nearest existing ancestor: it must be a folder in which a folder can be
    created (tried with a temporary folder, removed at once, so a read-only mount or missing
    permission is found before any work is done)."""
    import tempfile

    probe = path
    while not probe.exists() and not probe.is_symlink():
        probe = probe.parent
    if not probe.is_dir():
        return f"{probe} is not a folder"
    try:
        os.rmdir(tempfile.mkdtemp(prefix=".honlea-kg-probe-", dir=probe))
    except OSError as exc:
        return f"cannot write in {probe} ({exc.strerror or exc})"
    return None


def check_out(out: Path, inputs: list[Path], cache: Path | None = None) -> Path:
    """Check, before anything is built, that a build may replace ``out``; return it.

    A build replaces ``--out`` by renames and later deletes the folder it replaced (the spare),
    so ``out`` must be: a folder name (not ``.``, ``""`` or ``/``, nor the current folder or one
    above it); absent, an empty folder, or an earlier output of honlea-kg (:func:`is_output`) -
    never a regular file or a folder of other files; not an input path, nor inside one, nor
    holding one; not holding the build cache; and its parent must be a folder that can be
    written.  Rule: the README's "Errors and exit codes".

    :raises HonleaError: naming ``--out`` and what was expected (the CLI exits 2).
    """
    from .model import HonleaError as UsageError

    shown = str(out)
    if not shown or out.name in ("", ".", ".."):
        raise UsageError(f"--out {shown or repr(shown)}: expected the name of an output folder "
                         "(e.g. --out build), not the current folder or one above it")
    where = out.resolve()
    for item in inputs:
        src = Path(item).resolve()
        if _within(src, where) or _within(where, src):
            rel = "is" if src == where else ("holds" if _within(src, where) else "lies inside")
            raise UsageError(f"--out {shown}: it {rel} the input {item}; a build replaces --out, so it must be "
                             "a folder apart from the reports")
    cwd = Path.cwd().resolve()
    if _within(cwd, where):
        raise UsageError(f"--out {shown}: the output folder is replaced by renames and cannot be the current "
                         "folder or hold it; name another folder")
    if cache is not None and _within(Path(cache).resolve(), where):
        raise UsageError(f"--out {shown}: it holds the build cache {cache}; use a --cache outside --out")
    if out.is_symlink() and not out.exists():
        raise UsageError(f"--out {shown}: a broken symbolic link; expected a folder")
    if out.exists():
        if not out.is_dir():
            raise UsageError(f"--out {shown}: a file, not a folder; expected a new folder, an empty one or an "
                             "earlier output of honlea-kg (it would be replaced)")
        try:
            empty = next(out.iterdir(), None) is None
        except OSError as exc:
            raise UsageError(f"--out {shown}: cannot read the folder ({exc.strerror or exc})") from None
        if not empty and not is_output(out):
            raise UsageError(f"--out {shown}: the folder holds files and is not an output of honlea-kg "
                             f"(no {MARKER} written by it), so it is not replaced; give a new or empty folder")
    problem = writable_folder(where.parent)
    if problem:
        raise UsageError(f"--out {shown}: {problem}; expected a folder in which the output can be written")
    return out


def check_cache(cache: Path) -> Path:
    """Check, before anything is built, that the build cache ``cache`` can be used: absent (it
    is made, so its nearest existing parent must be a writable folder) or a folder in which
    files can be created; return it.

    :raises HonleaError: naming ``--cache`` and what was expected (the CLI exits 2).
    """
    from .model import HonleaError

    cache = Path(cache)
    if not str(cache) or (cache.exists() and not cache.is_dir()):
        raise HonleaError(f"--cache {cache}: not a folder; expected a folder for the build cache "
                          "(or --no-cache)")
    problem = writable_folder(cache.resolve())
    if problem:
        raise HonleaError(f"--cache {cache}: {problem}; expected a folder in which the build cache can be "
                          "written (or --no-cache)")
    return cache
