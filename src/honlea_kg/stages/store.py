"""The query store stage: the published dataset -> its persistent query store (issue 16's
:mod:`honlea_kg.querystore`), kept in the build cache for ``query``, ``serve`` and the site's
query pages.

A rebuild does not load ``dataset.trig`` again (about 40 s at 1,000 reports): the store of the
build ``--out`` holds is copied (RocksDB checkpoint, hard links) and only the report graphs that
left or joined are removed and added (:func:`~honlea_kg.querystore.update_store`).  Without a
usable previous store (the first build, a pruned cache), the store is made from the new
``dataset.trig``.  The store is named by the SHA-256 of ``dataset.trig``, which the dumps stage
computed while writing it, so nothing is hashed again.
"""

from __future__ import annotations

from pathlib import Path

from ..cache import ContentStore


def query_store_stage(cache_dir: Path, content: ContentStore, trig: Path, digest: str,
                      previous: tuple[Path, dict[str, str]] | None, pieces: dict[str, str]):
    """The :class:`~honlea_kg.querystore.QueryStore` of the dataset ``trig`` (SHA-256
    ``digest``; piece digest -> graph IRI in ``pieces``), updated from ``previous`` (the
    ``dataset.trig`` of the build it follows and that build's pieces) when its store is in the
    cache, else made from ``trig``.

    :raises HonleaError: when the store can be neither updated nor made (the caller notes it:
        the build does not fail for its query store).
    """
    from ..querystore import dataset_digest, open_store, remember_digest, update_store

    if previous is not None and previous[0].is_file():
        old_trig, old_pieces = previous
        try:
            old_digest = dataset_digest(old_trig, cache_dir)
        except OSError:
            old_digest = None
        if old_digest is not None:
            removed = [(g, content.path(d, "nt")) for d, g in sorted(old_pieces.items()) if d not in pieces]
            added = [(g, content.path(d, "nt")) for d, g in sorted(pieces.items()) if d not in old_pieces]
            found = update_store(cache_dir, old_digest, digest, removed, added)
            if found is not None:
                return found
    remember_digest(trig, cache_dir, digest)
    return open_store(trig.parent, cache_dir)
