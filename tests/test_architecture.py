"""Data flows one way: no module imports one further down the flow, at any depth.

text → targets → plan → reading; measurements → scoring → reports → cli. The only
exception is the notebook display hook (``_repr_html_``), which imports the HTML
renderer on call.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import cssindicators

PACKAGE = Path(cssindicators.__file__).resolve().parent

#: Each module's place in the flow; a module may import modules of its place or before.
LAYERS = {
    "errors": 0,
    "_color": 0,
    "_suggest": 0,
    "_gc": 0,
    "_columns": 0,
    "_optional": 0,
    "_resources": 0,
    "_decoding": 0,
    "_terminal": 0,
    "periods": 1,
    "_grammar": 1,
    "_numbers": 2,
    "measurements": 2,
    "targets": 3,
    "plan": 4,
    "reading": 5,
    "scoring": 6,
    "bulk": 7,
    "reports": 7,
    "writing": 7,
    "_plan_strategies": 8,
    "strategies": 8,
    "cli": 9,
    "__main__": 10,
    "__init__": 10,
}
#: (importer, function, imported): display hooks that render with reports on call.
ALLOWED = {
    ("plan", "_repr_html_", "reports"),
    ("scoring", "_repr_html_", "reports"),
    ("scoring", "__repr__", "reports"),
}


def _top(name: str) -> str:
    return name.split(".")[0]


def _imports(path: Path) -> list[tuple[str, str]]:
    """(function or "", imported top-level module of ours) for every import in ``path``."""
    found: list[tuple[str, str]] = []

    def visit(node: ast.AST, function: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, ast.FunctionDef) else function
            if isinstance(child, ast.ImportFrom) and child.module:
                if child.module == "cssindicators":
                    found.extend((function, _top(a.name)) for a in child.names)
                elif child.module.startswith("cssindicators."):
                    found.append((function, _top(child.module.removeprefix("cssindicators."))))
            elif isinstance(child, ast.Import):
                found.extend(
                    (function, _top(a.name.removeprefix("cssindicators.")))
                    for a in child.names
                    if a.name.startswith("cssindicators.")
                )
            visit(child, inner)

    visit(ast.parse(path.read_text(encoding="utf-8")), "")
    return found


MODULES = sorted(
    p for p in PACKAGE.rglob("*.py") if "grammar" not in p.parts and "examples" not in p.parts
)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_follow_the_flow(path: Path) -> None:
    relative = path.relative_to(PACKAGE)
    module = relative.parts[0].removesuffix(".py")
    assert module in LAYERS, f"{relative}: place the new module in LAYERS"
    wrong = [
        (function, imported)
        for function, imported in _imports(path)
        if imported in LAYERS
        and LAYERS[imported] > LAYERS[module]
        and (module, function, imported) not in ALLOWED
    ]
    assert wrong == [], f"{relative} imports modules further down the flow"


def test_the_check_sees_imports_inside_functions() -> None:
    found = _imports(PACKAGE / "scoring" / "_results.py")
    assert ("_repr_html_", "reports") in found


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(["cssindicators", *parts])


NAMES = {_module_name(p): p for p in MODULES}


def _edges(name: str) -> set[str]:
    """The modules of ours that module ``name`` imports, at any depth of its code (a
    name imported from a package is the submodule when there is one), leaving out the
    notebook display hooks."""
    path = NAMES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST, function: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, ast.FunctionDef) else function
            if inner not in ("_repr_html_", "__repr__"):
                if isinstance(child, ast.ImportFrom):
                    base = child.module or ""
                    if child.level:
                        base = ".".join(
                            [*package.split(".")[: len(package.split(".")) - child.level + 1], base]
                        ).strip(".")
                    for alias in child.names:
                        sub = f"{base}.{alias.name}"
                        found.add(sub if sub in NAMES else base)
                elif isinstance(child, ast.Import):
                    found.update(a.name for a in child.names)
            visit(child, inner)

    visit(ast.parse(path.read_text(encoding="utf-8")), "")
    return {m for m in found if m in NAMES and m != name}


def test_no_import_cycles_between_modules() -> None:
    graph = {name: _edges(name) for name in NAMES}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def walk(name: str, trail: list[str]) -> None:
        state[name] = 1
        for nxt in sorted(graph[name]):
            if state.get(nxt) == 1:
                cycles.append([*trail[trail.index(nxt) :], nxt] if nxt in trail else [name, nxt])
            elif nxt not in state:
                walk(nxt, [*trail, nxt])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            walk(name, [name])
    assert cycles == []


def test_the_cycle_check_follows_submodules() -> None:
    # The check follows submodules: scoring's modules import the engine, not the package.
    assert "cssindicators.scoring._engine" in _edges("cssindicators.scoring._results")
    assert "cssindicators.scoring._results" in _edges("cssindicators.scoring")
