"""Build hook: compute the target grammar's LALR tables and ship them in the wheel.

The grammar (``grammar/targets.lark``) stays the single source of truth: the tables are
derived from it at build time, never committed, and the library only uses them when
their fingerprint matches the grammar text and the installed Lark version.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class ParseTablesHook(BuildHookInterface):  # type: ignore[type-arg]
    """Adds ``cssindicators/grammar/targets.lalr`` to the wheel."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        sys.path.insert(0, str(Path(self.root) / "src"))
        try:
            from cssindicators import _grammar
        finally:
            sys.path.pop(0)
        folder = Path(tempfile.mkdtemp(prefix="cssindicators-build-"))
        tables = folder / _grammar.TABLES_FILE
        tables.write_bytes(_grammar.build_tables())
        build_data["force_include"][str(tables)] = f"cssindicators/grammar/{tables.name}"
