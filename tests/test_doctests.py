"""Every example in the docstrings of the installed package and in the docs runs."""

from __future__ import annotations

import doctest
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import cssindicators

ROOT = Path(__file__).resolve().parents[1]
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
MODULES = sorted(
    info.name for info in pkgutil.walk_packages(cssindicators.__path__, prefix="cssindicators.")
)
DOCUMENTS = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])


@pytest.mark.parametrize("name", ["cssindicators", *MODULES])
def test_module_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=FLAGS, report=True)
    assert result.failed == 0


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_document_examples(path: Path) -> None:
    result = doctest.testfile(
        str(path), module_relative=False, optionflags=FLAGS, encoding="utf-8", report=True
    )
    assert result.failed == 0


def test_public_names_have_docstrings_with_examples() -> None:
    missing = []
    for name in ["cssindicators", *MODULES]:
        if name.rsplit(".", 1)[-1].startswith("_"):
            continue
        module = importlib.import_module(name)
        for attr in getattr(module, "__all__", ()):
            obj = getattr(module, attr)
            if (inspect.isclass(obj) or inspect.isfunction(obj)) and ">>>" not in (
                obj.__doc__ or ""
            ):
                missing.append(f"{name}.{attr}")
    assert missing == []
