"""The tests run against the installed package, and that package carries its data."""

from __future__ import annotations

import importlib.metadata
import os
from importlib import resources
from pathlib import Path

import pytest

import cssindicators as ci
from cssindicators import _grammar

ROOT = Path(__file__).resolve().parents[1]


def _installed_from_wheel() -> bool:
    return ROOT / "src" not in Path(ci.__file__).resolve().parents


def test_ci_tests_the_installed_wheel_not_the_source_tree() -> None:
    if not os.environ.get("CI"):
        pytest.skip("only enforced in CI, where .ci/run installs the wheel")
    assert _installed_from_wheel(), "CI must install the package non-editable"


@pytest.mark.skipif(
    not _installed_from_wheel(), reason="editable install: run the README test command"
)
def test_installed_package_carries_the_grammar_and_parses_with_it() -> None:
    packaged = resources.files("cssindicators").joinpath("grammar").joinpath("targets.lark")
    assert packaged.is_file()
    assert packaged.read_text(encoding="utf-8") == (ROOT / "grammar" / "targets.lark").read_text(
        encoding="utf-8"
    )
    assert _grammar.grammar_text() == packaged.read_text(encoding="utf-8")
    assert str(ci.parse_target(">/=à 50/an.")) == "≥ 50/an"


def test_version_comes_from_package_metadata() -> None:
    assert ci.__version__ == importlib.metadata.version("cssindicators")


def test_package_is_typed() -> None:
    assert resources.files("cssindicators").joinpath("py.typed").is_file()
