"""Where the per-report tasks run: this process, a local pool, or a Dask cluster.

Every executor offers ``submit(fn, *args) -> future`` (an object with ``result()``) and
``close()``; :func:`ordered` streams the results of many tasks in input order with a bounded
number in flight, so the main process holds a few reports' results at a time.  The tasks are
pure functions (:func:`honlea_kg.stages.report.report_task`), so the bytes of a build do not
depend on the executor (``tests/test_executors.py`` builds the same corpus with each).

* ``process`` (default): the standard library's :class:`concurrent.futures.ProcessPoolExecutor`
  with forked workers, which inherit the imported modules.
* ``joblib``: joblib's loky executor (fresh worker processes that import the code themselves).
* ``dask``: a Dask ``distributed`` cluster: ``--dask-scheduler tcp://HOST:8786`` uses an existing
  one, otherwise a local cluster of ``jobs`` worker processes is started for the build.  The
  workers need honlea-kg at the same version (checked: a report built by other code is an
  error) and, for Jena batches, Apache Jena (else those batches fall back to pyshacl); the
  report files are sent to them, so no shared file system is needed.

``benchmarks/bench_build.py --executors`` times the per-report stage on each.
"""

from __future__ import annotations

import os
from collections import deque
from concurrent.futures import Future
from typing import Callable, Iterable, Iterator

from .model import HonleaError

EXECUTORS = ("process", "joblib", "dask")


class InlineExecutor:
    """Runs each task at once, in this process (``jobs`` = 1)."""

    name = "inline"
    jobs = 1
    sends_data = False

    def submit(self, fn: Callable, *args) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args))
        except BaseException as exc:  # handed back through result(), as a pool would
            future.set_exception(exc)
        return future

    def close(self, cancel: bool = False) -> None:
        pass


def ignore_sigint() -> None:
    """Initializer of every worker process: ignore SIGINT, so Ctrl-C (sent by the terminal to
    the whole process group) interrupts only the main process, which stops the workers and
    prints one line, instead of each worker printing a KeyboardInterrupt traceback."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


class ProcessExecutor:
    """A :class:`concurrent.futures.ProcessPoolExecutor` of ``jobs`` forked workers."""

    name = "process"
    sends_data = False

    def __init__(self, jobs: int):
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        self.jobs = jobs
        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
        self.pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=ignore_sigint)

    def submit(self, fn: Callable, *args) -> Future:
        return self.pool.submit(fn, *args)

    def close(self, cancel: bool = False) -> None:
        self.pool.shutdown(wait=True, cancel_futures=cancel)


class JoblibExecutor:
    """joblib's loky executor of ``jobs`` workers (reused between builds in one process)."""

    name = "joblib"
    sends_data = False

    def __init__(self, jobs: int):
        from joblib.externals.loky import get_reusable_executor

        self.jobs = jobs
        self.pool = get_reusable_executor(max_workers=jobs, timeout=60)

    def submit(self, fn: Callable, *args) -> Future:
        return self.pool.submit(fn, *args)

    def close(self, cancel: bool = False) -> None:
        if cancel:
            self.pool.shutdown(wait=True, kill_workers=True)


class DaskExecutor:
    """A Dask ``distributed`` client: of the cluster at ``address``, or of a local cluster of
    ``jobs`` single-threaded worker processes started here (and stopped by :meth:`close`).

    :raises HonleaError: when Dask is not installed or the scheduler cannot be reached.
    """

    name = "dask"
    sends_data = True  # the workers may not share our file system: tasks get the file's bytes

    def __init__(self, jobs: int, address: str | None = None, timeout: float = 30.0):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise HonleaError("the dask executor needs Dask: pip install 'honlea-kg[dask]' "
                              "(dask and distributed)") from None
        self.cluster = None
        try:
            if address:
                self.client = Client(address, timeout=timeout)
            else:
                self.cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                            dashboard_address=None, silence_logs=40)
                self.client = Client(self.cluster)
        except (OSError, TimeoutError) as exc:
            raise HonleaError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        self.jobs = max(1, sum(w.get("nthreads", 1) for w in self.client.scheduler_info()["workers"].values()))

    def submit(self, fn: Callable, *args):
        return self.client.submit(fn, *args, pure=False)

    def close(self, cancel: bool = False) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_executor(kind: str = "process", jobs: int | None = None, address: str | None = None):
    """The executor ``kind`` (:data:`EXECUTORS`) with ``jobs`` workers (``None`` = number of
    cores); ``process`` and ``joblib`` with one job run in this process.

    :raises HonleaError: for an unknown kind, or as :class:`DaskExecutor`.
    """
    jobs = jobs or os.cpu_count() or 1
    if kind == "dask" or address:
        return DaskExecutor(jobs, address)
    if kind not in EXECUTORS:
        raise HonleaError(f"unknown executor {kind!r}: expected one of {', '.join(EXECUTORS)}")
    if jobs <= 1:
        return InlineExecutor()
    if kind == "joblib":
        return JoblibExecutor(jobs)
    return ProcessExecutor(jobs)


def ordered(executor, fn: Callable, args: Iterable[tuple], window: int | None = None) -> Iterator:
    """Run ``fn(*a)`` for every ``a`` of ``args`` on ``executor``; yield the results in input
    order, with at most ``window`` tasks submitted and not yet yielded (default: four per worker).
    A task's exception is raised when its turn comes."""
    window = window or max(2, 4 * getattr(executor, "jobs", 1))
    pending: deque = deque()
    it = iter(args)
    for a in it:
        pending.append(executor.submit(fn, *a))
        if len(pending) >= window:
            break
    while pending:
        future = pending.popleft()
        for a in it:
            pending.append(executor.submit(fn, *a))
            break
        yield future.result()
