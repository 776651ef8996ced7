"""The views of the site's pages, one module per group of page kinds.

Importing this package registers every built-in kind in :data:`honlea_kg.publish.kinds.KINDS`,
in priority order (a State is also an organization: the State kind comes first).
"""

from . import meeting, report, structure, documents, agents, generic  # noqa: F401  (registration order)
from .base import Page

__all__ = ["Page"]
