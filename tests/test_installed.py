"""The tests run against the installed package, and that package carries its data."""

from __future__ import annotations

import functools
import importlib.metadata
import os
import pickle
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import lark
import pytest
from hypothesis import given

import cssindicators as ci
from cssindicators import _grammar, _resources
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

    loaded = _grammar._load_tables(_grammar.grammar_text(), _Build)
    assert loaded is not None, "the wheel must carry tables built from its grammar"


@functools.cache
def _tables() -> bytes:
    from cssindicators.targets import _Build

    return _grammar.build_tables(_Build)


@pytest.fixture
def shipped(monkeypatch: pytest.MonkeyPatch) -> Callable[[bytes], None]:
    """Make the package data hold the given tables file, as a wheel would."""

    def ship(tables: bytes) -> None:
        read = _resources.read_data

        def read_data(folder: _resources.Folder, *names: str) -> bytes | None:
            return tables if names == (_grammar.TABLES_FILE,) else read(folder, *names)

        monkeypatch.setattr(_resources, "read_data", read_data)

    return ship


def test_tables_built_from_the_grammar_are_loaded(shipped: Callable[[bytes], None]) -> None:
    from cssindicators.targets import _Build

    shipped(_tables())
    loaded = _grammar._load_tables(_grammar.grammar_text(), _Build)
    assert loaded is not None
    assert str(loaded.parse(">/=à 50/an.", start="target")) == "≥ 50/an"


class _OtherBuild:
    """Callbacks of another class than the tables were built with."""


@pytest.mark.parametrize(
    "change",
    ["grammar", "lark", "callbacks", "truncated", "empty", "none"],
)
def test_tables_that_do_not_fit_are_ignored(
    change: str, shipped: Callable[[bytes], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    from cssindicators.targets import _Build

    grammar, tables = _grammar.grammar_text(), _tables()
    callbacks: type = _Build
    if change == "grammar":
        grammar += "\n// edited"
    elif change == "lark":
        monkeypatch.setattr(lark, "__version__", lark.__version__ + ".post1")
    elif change == "callbacks":
        callbacks = _OtherBuild
    elif change == "truncated":
        tables = tables[: len(tables) // 2]
    elif change == "empty":
        tables = b""
    if change == "none":
        monkeypatch.setattr(_resources, "read_data", lambda folder, *names: None)
    else:
        shipped(tables)
    assert _grammar._load_tables(grammar, callbacks) is None


@functools.cache
def _parsers() -> tuple[Any, Any]:
    """A parser loaded from tables, and one computed from the grammar."""
    import io

    from cssindicators.targets import _Build

    stream = io.BytesIO(_tables())
    assert pickle.load(stream)["callbacks"] == "cssindicators.targets._Build"
    computed = lark.Lark(_grammar.grammar_text(), transformer=_Build(), **_grammar.LARK_OPTIONS)
    return lark.Lark.load(stream), computed


@given(target_texts())
def test_parser_from_tables_reads_like_a_parser_from_the_grammar(text: str) -> None:
    from_tables, computed = _parsers()
    assert from_tables.parse(text, start="target") == computed.parse(text, start="target")
