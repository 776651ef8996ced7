"""The stages of a build, one module each, run in this order by :func:`honlea_kg.pipeline.run_build`:

=====================  ==========================================  ===========================================
stage                  module                                      takes -> gives
=====================  ==========================================  ===========================================
collect inputs         :mod:`honlea_kg.stages.inputs`              paths -> :class:`~.inputs.Inputs`
per-report             :mod:`honlea_kg.stages.per_report`          ``Inputs`` -> :class:`~.per_report.Reports`
                       (the pure function: :mod:`.report`)         (read, segment, extract, map, validate the
                                                                   report's own graph; cached by content hash)
index                  :mod:`honlea_kg.stages.index`               each report's graph -> rows of the persistent
                                                                   per-document index, keyed by report content
cross-report           :mod:`honlea_kg.stages.cross`               the index + per-report findings ->
                                                                   :class:`~honlea_kg.validate.ValidationOutcome`
publish                :mod:`honlea_kg.stages.publish`             the index state -> a staging folder (dumps,
                                                                   pages, description), only what changed
                                                                   rendered anew
swap in                :mod:`honlea_kg.stages.swap`                the staging folder -> ``--out``, atomically
=====================  ==========================================  ===========================================

The index stage runs inside the per-report stage (each report's rows are written as the
report arrives, so the main process never holds more than one report's graph), and the
cross-report pass reads what it needs from the index.  No stage module imports
:mod:`honlea_kg.pipeline`, and none imports a later stage: the import graph has no cycle
(``tests/test_stages.py`` checks it).
"""
