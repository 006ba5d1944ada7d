"""``import cssindicators`` needs only the core: optional extras stay unimported."""

from __future__ import annotations

import subprocess
import sys

import pytest

OPTIONAL = ("numpy", "pandas", "hypothesis", "rich", "docx", "jsonschema")


def test_importing_the_package_imports_no_optional_dependency() -> None:
    code = (
        "import sys, cssindicators as ci; ci.parse_target('≥ 3 heures/jour'); "
        f"print(','.join(m for m in {OPTIONAL!r} if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def test_lark_loads_on_the_first_parse() -> None:
    code = (
        "import sys, cssindicators as ci; before = 'lark' in sys.modules; "
        "ci.parse_target('≥ 3 heures/jour'); print(before, 'lark' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]


def test_plan_and_scoring_load_on_first_use() -> None:
    code = (
        "import sys, cssindicators as ci; "
        "before = 'cssindicators.scoring' in sys.modules or 'cssindicators.plan' in sys.modules; "
        "from cssindicators import Plan, score; "
        "import cssindicators.plan, cssindicators.scoring; "
        "print(before, Plan is cssindicators.plan.Plan, score is cssindicators.scoring.score, "
        "'Scorecard' in dir(ci))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True", "True", "True"]


def test_unknown_attribute_is_an_attribute_error() -> None:
    import cssindicators

    name = "no_such_name"
    with pytest.raises(AttributeError, match=name):
        getattr(cssindicators, name)
