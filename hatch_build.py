"""Build hook: compute the target grammar's LALR tables and ship them in the wheel.

The grammar (``grammar/targets.lark``) stays the single source of truth: the tables are
derived from it at build time, never committed, and the library only uses them when
their fingerprint matches the grammar text, the installed Lark version and the class of
the callbacks that build rule objects (saved with the tables by Lark's ``Lark.save``).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class ParseTablesHook(BuildHookInterface):  # type: ignore[type-arg]
    """Adds ``cssindicators/grammar/targets.lalr`` to the wheel."""

    PLUGIN_NAME = "custom"
    #: Where the tables are written before the wheel takes them in; removed after.
    _folder: Path | None = None

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        sys.path.insert(0, str(Path(self.root) / "src"))
        try:
            from cssindicators import _grammar
            from cssindicators.targets import _Build
        finally:
            sys.path.pop(0)
        self._folder = folder = Path(tempfile.mkdtemp(prefix="cssindicators-build-"))
        tables = folder / _grammar.TABLES_FILE
        tables.write_bytes(_grammar.build_tables(_Build))
        build_data["force_include"][str(tables)] = f"cssindicators/grammar/{tables.name}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
