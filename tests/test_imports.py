"""``import cssindicators`` needs only the core: optional extras stay unimported."""

from __future__ import annotations

import subprocess
import sys

OPTIONAL = ("numpy", "pandas", "hypothesis", "rich", "docx", "jsonschema")


def test_importing_the_package_imports_no_optional_dependency() -> None:
    code = (
        "import sys, cssindicators as ci; ci.parse_target('≥ 3 heures/jour'); "
        f"print(','.join(m for m in {OPTIONAL!r} if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""
