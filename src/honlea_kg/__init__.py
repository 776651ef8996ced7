"""honlea-kg: knowledge graph and linked-data publisher for UN HONLEA reports."""

__version__ = "0.1.0"
