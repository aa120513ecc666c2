"""Import branching drafts from Twine (Twee 3 source and Twine 2 HTML) into scenario files.

No Qt here: the ``simulator import`` command and the workbench's "Import from Twine..." both
call ``import_twine``. The conventions a trainer can use in Twine are in docs/twine.md.
"""

from __future__ import annotations

from simulator.authoring.twine.importer import ImportRefused, ImportResult, import_twine, unused_name
from simulator.authoring.twine.story import Note

__all__ = ["ImportRefused", "ImportResult", "Note", "import_twine", "unused_name"]
