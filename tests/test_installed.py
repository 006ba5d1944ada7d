"""The tests run against the installed package, and that package carries its data."""

from __future__ import annotations

import functools
import importlib.metadata
import os
from importlib import resources
from pathlib import Path
from typing import Any

import lark
import pytest
from hypothesis import given

import cssindicators as ci
from cssindicators import _grammar
from cssindicators.strategies import target_texts

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


@pytest.mark.skipif(
    not _installed_from_wheel(), reason="editable install: run the README test command"
)
def test_installed_package_ships_parse_tables_that_match_the_grammar() -> None:
    from cssindicators.targets import _Build

    loaded = _grammar._load_tables(_grammar.grammar_text(), _Build())
    assert loaded is not None, "the wheel must carry tables built from its grammar"


def test_tables_that_do_not_match_the_grammar_are_ignored() -> None:
    from cssindicators.targets import _Build

    assert _grammar._load_tables(_grammar.grammar_text() + "\n// edited", _Build()) is None


@functools.cache
def _parsers() -> tuple[Any, Any]:
    from cssindicators.targets import _Build

    computed = lark.Lark(_grammar.grammar_text(), transformer=_Build(), **_grammar.LARK_OPTIONS)
    return _grammar.build_parser(_Build()), computed


@given(target_texts())
def test_parser_from_tables_reads_like_a_parser_from_the_grammar(text: str) -> None:
    from_tables, computed = _parsers()
    assert from_tables.parse(text, start="target") == computed.parse(text, start="target")
