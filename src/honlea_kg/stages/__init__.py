"""The stages of a build, one module each, run in this order by :func:`honlea_kg.pipeline.run_build`:

==================  ===================================  ==================================================
stage               module                               takes -> gives
==================  ===================================  ==================================================
collect inputs      :mod:`honlea_kg.stages.inputs`       paths (or ``--add``/``--remove``) -> report files
per-report          :mod:`honlea_kg.stages.per_report`   files -> :class:`~.per_report.Reports`: each
                    (one report: :mod:`.report`)         report read, segmented, extracted, mapped and its
                                                         own graph validated; cached by content hash; its
                                                         graph stored and cut into index rows as it arrives
cross-report        :mod:`honlea_kg.stages.cross`        the state + per-report findings ->
                                                         :class:`~honlea_kg.validate.ValidationOutcome`
                                                         (only nodes whose union description no report
                                                         gives; results kept by context)
index               :mod:`honlea_kg.stages.index`        the state + the state ``--out`` holds ->
                                                         :class:`~.index.PagePlan` (documents to render,
                                                         documents to link)
publish             :mod:`honlea_kg.stages.publish`      the plan -> a staging folder: dumps from pieces,
                                                         pages, class indexes, description, sitemap
swap in             :mod:`honlea_kg.stages.swap`         staging folder -> ``--out`` (renames), the state
                                                         recorded
==================  ===================================  ==================================================

A *state* is the set of report graphs a build publishes; it lives in the persistent
per-document index (:mod:`honlea_kg.docindex`, SQLite in the build cache), which every stage
from per-report on reads or writes.  No stage module imports :mod:`honlea_kg.pipeline` or a
later stage, and the package's import graph has no cycle (``tests/test_stages.py``).
"""
