"""Every output scene-timeline writes. Only this package writes files.

- :mod:`timeline.export.files` — write whole or not at all, never overwrite silently.
- :mod:`timeline.export.data` — story as YAML/JSON, graph as GraphML/GEXF, CSV tables.
- :mod:`timeline.export.images` — figures as PNG/SVG/PDF (kaleido) and HTML; the ZIP bundle.
"""

from .files import OutputExistsError, write_bytes, write_text

__all__ = ["OutputExistsError", "write_bytes", "write_text"]
