"""Every regular expression the library uses runs in linear time: a static check.

Python's ``re`` backtracks. A pattern costs more than linear time on some text when it
can split one stretch of text between two repeats in many ways. The checker below reads
each pattern with ``re._parser`` (the parser ``re`` itself uses) and flags three shapes:

(a) **nested repeats**: an unbounded repeat (``*``, ``+``, ``{n,}``) inside another
    whose loop is ambiguous: the inner repeat of one iteration can meet the inner repeat
    of the next with nothing between them but optional items or characters the first
    one also matches. ``(a+)+`` and ``(\\s*x?)*`` are flagged (exponential time);
    ``(?:-[a-z]+)*`` is not (each iteration starts with ``-``, which ``[a-z]`` cannot
    match, so there is one way to split).
(b) **adjacent repeats**: two unbounded repeats in sequence, possibly with optional
    items (``?``, ``{0,n}``, zero-width assertions) between them, where the characters
    the first can match overlap those the second can start with: ``\\s*/?\\s*`` (quadratic:
    a run of spaces can be split between the two ``\\s*`` in as many ways as it is long).
    A mandatory item whose characters the first repeat cannot match (``,`` in
    ``[0-9]+,[0-9]+``) separates them.
(c) **a searched pattern that starts with a repeat**: a pattern the library *searches*
    for (``search``, ``findall``, ``finditer``, ``sub``, ``split``), not anchored at the
    start, that begins (possibly within an alternation branch, after optional items) with
    an unbounded repeat followed by anything that can fail. The search tries every
    start in the run, and each try walks the rest of the run: quadratic
    (``(?:[^\\W_]+|[^\\w\\s]+)\\s*$`` on a long run of digits followed by a space and a
    slash). Patterns only *matched* at a position (``match``, ``fullmatch``, the Lark
    lexer) are not subject to (c).

Characters are compared over the code points U+0000 to U+2FFF plus the full-width
forms: that covers every class the library writes. Possessive repeats and atomic groups
never backtrack and are not flagged.

Collected: every ``re.Pattern`` global of every module of the package, every pattern
given as a literal or a module-level string to a ``re`` function or ``re.compile``
anywhere in the source, and every regular-expression terminal of the target grammar.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
import sys
from collections.abc import Iterator
from typing import Any, NamedTuple

import pytest

import cssindicators

# The standard library's regular expression parser (named sre_parse before Python 3.11).
_NEW = sys.version_info >= (3, 11)
_parser: Any = importlib.import_module("re._parser" if _NEW else "sre_parse")
sre: Any = importlib.import_module("re._constants" if _NEW else "sre_constants")
#: Possessive repeats and atomic groups exist from Python 3.11 on.
_POSSESSIVE = getattr(sre, "POSSESSIVE_REPEAT", object())
_ATOMIC = getattr(sre, "ATOMIC_GROUP", object())


MAXREPEAT = sre.MAXREPEAT
_UNIVERSE = [*range(0x3000), *range(0xFF00, 0xFFF0), 0xFEFF]
_CATEGORIES: dict[Any, frozenset[int]] = {}


def _category(category: Any) -> frozenset[int]:
    if not _CATEGORIES:
        codes = {
            sre.CATEGORY_DIGIT: r"\d",
            sre.CATEGORY_NOT_DIGIT: r"\D",
            sre.CATEGORY_SPACE: r"\s",
            sre.CATEGORY_NOT_SPACE: r"\S",
            sre.CATEGORY_WORD: r"\w",
            sre.CATEGORY_NOT_WORD: r"\W",
        }
        for name, text in codes.items():
            compiled = re.compile(text)
            _CATEGORIES[name] = frozenset(c for c in _UNIVERSE if compiled.match(chr(c)))
        for name in list(_CATEGORIES):
            for alias in (f"CATEGORY_UNI_{str(name)[9:]}", f"CATEGORY_LOC_{str(name)[9:]}"):
                if hasattr(sre, alias):
                    _CATEGORIES[getattr(sre, alias)] = _CATEGORIES[name]
    return _CATEGORIES.get(category, frozenset(_UNIVERSE))


def _cased(chars: set[int] | frozenset[int], flags: int) -> frozenset[int]:
    if not flags & re.IGNORECASE:
        return frozenset(chars)
    more = set(chars)
    for c in chars:
        for variant in (chr(c).lower(), chr(c).upper()):
            if len(variant) == 1:
                more.add(ord(variant))
    return frozenset(more)


class Shape(NamedTuple):
    """What an item can do: match nothing, the characters it may consume, those it may
    start with."""

    empty: bool
    chars: frozenset[int]
    first: frozenset[int]


_NOTHING = frozenset[int]()


def _class(items: list[tuple[Any, Any]], flags: int) -> frozenset[int]:
    chars: set[int] = set()
    negate = False
    for op, av in items:
        if op is sre.NEGATE:
            negate = True
        elif op is sre.LITERAL:
            chars.add(av)
        elif op is sre.RANGE:
            chars.update(c for c in _UNIVERSE if av[0] <= c <= av[1])
        elif op is sre.CATEGORY:
            chars.update(_category(av))
    cased = _cased(chars, flags)
    return frozenset(_UNIVERSE).difference(cased) if negate else cased


def _shape(op: Any, av: Any, flags: int) -> Shape:
    """The shape of one item of a parsed pattern."""
    if op is sre.LITERAL:
        chars = _cased({av}, flags)
        return Shape(False, chars, chars)
    if op is sre.NOT_LITERAL:
        chars = frozenset(_UNIVERSE).difference(_cased({av}, flags))
        return Shape(False, chars, chars)
    if op is sre.ANY:
        chars = frozenset(_UNIVERSE) if flags & re.DOTALL else frozenset(_UNIVERSE) - {10}
        return Shape(False, chars, chars)
    if op is sre.IN:
        chars = _class(av, flags)
        return Shape(False, chars, chars)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, _POSSESSIVE):
        low, _, body = av
        inner = _sequence_shape(body, flags)
        return Shape(low == 0 or inner.empty, inner.chars, inner.first)
    if op is sre.SUBPATTERN:
        _, add, remove, body = av
        return _sequence_shape(body, (flags | add) & ~remove)
    if op is _ATOMIC:
        return _sequence_shape(av, flags)
    if op is sre.BRANCH:
        shapes = [_sequence_shape(b, flags) for b in av[1]]
        return Shape(
            any(s.empty for s in shapes),
            frozenset().union(*(s.chars for s in shapes)),
            frozenset().union(*(s.first for s in shapes)),
        )
    if op is sre.GROUPREF_EXISTS:
        shapes = [_sequence_shape(b, flags) for b in av[1:] if b is not None]
        return Shape(
            True,
            frozenset().union(*(s.chars for s in shapes)),
            frozenset().union(*(s.first for s in shapes)),
        )
    if op is sre.GROUPREF:
        return Shape(True, frozenset(_UNIVERSE), frozenset(_UNIVERSE))
    return Shape(True, _NOTHING, _NOTHING)  # AT, ASSERT, ASSERT_NOT: zero width


def _sequence_shape(items: Any, flags: int) -> Shape:
    chars: set[int] = set()
    first: set[int] = set()
    empty = True
    for op, av in items:
        shape = _shape(op, av, flags)
        chars |= shape.chars
        if empty:
            first |= shape.first
        empty = empty and shape.empty
    return Shape(empty, frozenset(chars), frozenset(first))


def _unbounded(op: Any, av: Any) -> bool:
    return op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[1] == MAXREPEAT


class _Checker:
    def __init__(self) -> None:
        self.found: list[str] = []

    def flag(self, message: str) -> None:
        if message not in self.found:
            self.found.append(message)

    def scan(self, items: Any, flags: int, open_: frozenset[int], depth: int) -> frozenset[int]:
        """Walk a sequence; ``open_`` holds the characters of the unbounded repeats that
        can still be giving back text at this point. Returns it after the sequence."""
        for op, av in items:
            if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
                if op is not sre.AT:  # look into lookarounds on their own
                    self.scan(av[1], flags, _NOTHING, depth)
                continue
            if op is _POSSESSIVE or op is _ATOMIC:
                body = av[2] if op is _POSSESSIVE else av
                self.scan(body, flags, _NOTHING, depth)
                open_ = _NOTHING
                continue
            if _unbounded(op, av):
                low, _, body = av
                shape = _shape(op, av, flags)
                if open_ & shape.first:
                    example = chr(min(open_ & shape.first))
                    self.flag(f"(b) adjacent unbounded repeats both match {example!r}")
                # (a): the loop of this repeat, two iterations in a row.
                before = len(self.found)
                after_one = self.scan(body, flags, _NOTHING, depth + 1)
                self.scan(body, flags, after_one, depth + 1)
                for k in range(before, len(self.found)):
                    if self.found[k].startswith("(b)") and depth == 0:
                        self.found[k] = "(a) nested unbounded repeats: " + self.found[k][4:]
                # Where it may stop, it could have gone on with a new iteration or
                # with a repeat at the end of the last one.
                open_ = shape.first | after_one | (open_ if low == 0 or shape.empty else _NOTHING)
                continue
            if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
                low, high, body = av
                through = self.scan(body, flags, open_, depth)
                if high >= 2:
                    through = self.scan(body, flags, through, depth)
                open_ = through | open_ if low == 0 else through
                continue
            if op is sre.SUBPATTERN:
                _, add, remove, body = av
                open_ = self.scan(body, (flags | add) & ~remove, open_, depth)
                continue
            if op is sre.BRANCH:
                open_ = frozenset().union(*(self.scan(b, flags, open_, depth) for b in av[1]))
                continue
            if op is sre.GROUPREF_EXISTS:
                outs = [self.scan(b, flags, open_, depth) for b in av[1:] if b is not None]
                open_ = frozenset().union(open_, *outs)
                continue
            shape = _shape(op, av, flags)
            if not shape.empty and not open_ & shape.first:
                open_ = _NOTHING  # a mandatory character no open repeat matches: a fence
        return open_

    def leading_repeat(
        self,
        items: list[tuple[Any, Any]],
        flags: int,
        prefix: tuple[frozenset[int], ...] = (),
        guard: frozenset[int] | None = None,
    ) -> None:
        """(c): an unanchored pattern that starts (after a ``prefix`` of single characters
        that the repeat also matches) with an unbounded repeat followed by something that
        can fail; a lookbehind (``guard``: the characters allowed before the start) that
        the repeat's characters cannot satisfy rules the other starts in a run out."""
        for index, (op, av) in enumerate(items):
            rest = items[index + 1 :]
            if op is sre.AT:
                if av in (sre.AT_BEGINNING, sre.AT_BEGINNING_STRING):
                    return
                continue
            if op in (sre.ASSERT, sre.ASSERT_NOT):
                direction, body = av
                if direction < 0 and not prefix:
                    chars = _sequence_shape(body, flags).chars
                    allowed = chars if op is sre.ASSERT else frozenset(_UNIVERSE) - chars
                    guard = allowed if guard is None else guard & allowed
                continue
            if op is sre.SUBPATTERN:
                _, add, remove, body = av
                self.leading_repeat([*body, *rest], (flags | add) & ~remove, prefix, guard)
                return
            if op is sre.BRANCH:
                for branch in av[1]:
                    self.leading_repeat([*branch, *rest], flags, prefix, guard)
                return
            if _unbounded(op, av):
                reach = _shape(op, av, flags).chars
                if not all(p <= reach for p in prefix):
                    return
                if guard is not None and not guard & reach:
                    return
                if any(
                    not _shape(o, a, flags).empty or o in (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
                    for o, a in rest
                ):
                    self.flag("(c) a searched pattern starts with an unbounded repeat")
                return
            if op in (sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN):
                prefix = (*prefix, _shape(op, av, flags).chars)
                continue
            if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] > 0:
                inner = _sequence_shape(av[2], flags)
                prefix = (*prefix, inner.chars)
                continue
            if not _shape(op, av, flags).empty:
                return


def problems(pattern: str, flags: int = 0, *, searched: bool = False) -> list[str]:
    """The shapes (a), (b), (c) found in ``pattern``; empty if it is linear."""
    parsed = _parser.parse(pattern, flags)
    flags = parsed.state.flags
    checker = _Checker()
    checker.scan(parsed, flags, _NOTHING, 0)
    if searched:
        checker.leading_repeat(list(parsed), flags)
    return checker.found


# ---------------------------------------------------------------- the checker itself

BAD = [
    (r"(a+)+", False, "(a)"),
    (r"(?:\s*x?)*y", False, "(a)"),
    (r"(?:\w+\s?)+$", False, "(a)"),
    (r"\s*/?\s*", False, "(b)"),
    (r">\s*\/?\s*=", False, "(b)"),
    (r"a*aa*", False, "(b)"),
    (r"\d+(?:\.\d*)?\d+", False, "(b)"),
    (r"(?:[^\W_]+|[^\w\s]+)\s*$", True, "(c)"),
    (r"\d+x", True, "(c)"),
    (r"\[(?P<link>[^\]\n]*)\]\(", True, "(c)"),
    (r"[\s;]+$", True, "(c)"),
]
GOOD = [
    (r"[0-9]+(?:,[0-9]+)?", True),
    (r"(?:-[a-z]+)*", False),
    (r"[0-9]{1,3}(?:[ \u00a0][0-9]{3})+(?![0-9])", False),
    (r"\s+\S+\s+", False),
    (r"^\s*\d+x", True),
    (r"[0-9]+", True),
    *([(r"(?:\s++x?)*+y", False)] if _NEW else []),  # possessive repeats: Python 3.11+
    (r"au\s+moins|min\b\.?", False),
    (r"\d+x", False),
    (r"(?<!\S)[-+]+(?P<signed>[^\s\-+])", True),
    (r"\\(?:\\.|[^\\/\n])+/[a-z]*", False),
]


@pytest.mark.parametrize(("pattern", "searched", "kind"), BAD)
def test_the_checker_flags_known_bad_patterns(pattern: str, searched: bool, kind: str) -> None:
    found = problems(pattern, searched=searched)
    assert any(f.startswith(kind) for f in found), found


@pytest.mark.parametrize(("pattern", "searched"), GOOD)
def test_the_checker_passes_known_linear_patterns(pattern: str, searched: bool) -> None:
    assert problems(pattern, searched=searched) == []


# ---------------------------------------------------------------- the library's patterns

_SEARCHING = {"search", "findall", "finditer", "sub", "subn", "split"}
_RE_FUNCTIONS = _SEARCHING | {"compile", "match", "fullmatch"}


class Found(NamedTuple):
    where: str
    pattern: str
    flags: int
    searched: bool


def _modules() -> Iterator[Any]:
    yield cssindicators
    for info in pkgutil.walk_packages(cssindicators.__path__, "cssindicators."):
        yield importlib.import_module(info.name)


def _library_patterns() -> list[Found]:
    found: dict[tuple[str, int], Found] = {}

    def add(where: str, pattern: str, flags: int, searched: bool) -> None:
        key = (pattern, flags)  # a pattern imported elsewhere is named where it is made
        old = found.get(key)
        if old is not None and ":" in old.where and ":" not in where:  # prefer a name
            old = old._replace(where=where)
        found[key] = (old or Found(where, pattern, flags, searched))._replace(
            searched=searched or (old is not None and old.searched)
        )

    for module in _modules():
        namespace = vars(module)
        searched_names: set[str] = set()
        try:
            tree = ast.parse(inspect.getsource(module))
        except (OSError, TypeError):  # pragma: no cover - no source
            tree = ast.Module(body=[], type_ignores=[])
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            name, owner = node.func.attr, node.func.value
            if isinstance(owner, ast.Name) and owner.id != "re" and name in _SEARCHING:
                searched_names.add(owner.id)
            if not (isinstance(owner, ast.Name) and owner.id == "re" and node.args):
                continue
            if name not in _RE_FUNCTIONS:
                continue
            first = node.args[0]
            text: object = None
            if isinstance(first, ast.Constant):
                text = first.value
            elif isinstance(first, ast.Name):
                text = namespace.get(first.id)
            flags = 0
            extra = [k.value for k in node.keywords if k.arg == "flags"]
            position = 1 if name in ("compile", "search", "match", "fullmatch", "findall") else 3
            flag_node = extra[0] if extra else next(iter(node.args[position:]), None)
            if flag_node is not None:
                try:
                    flags = int(
                        eval(compile(ast.Expression(flag_node), "<flags>", "eval"), namespace)
                    )
                except Exception:
                    flags = 0
            if isinstance(text, str):
                add(f"{module.__name__}:{node.lineno}", text, flags, name in _SEARCHING)
            elif isinstance(text, re.Pattern):
                add(f"{module.__name__}:{node.lineno}", text.pattern, text.flags, True)
        for attribute, value in namespace.items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                add(
                    f"{module.__name__}.{attribute}",
                    value.pattern,
                    value.flags & ~re.UNICODE,
                    attribute in searched_names,
                )
    from cssindicators import targets

    for terminal in targets._get_parser().terminals:
        if terminal.pattern.type == "re":
            flags = 0
            for letter in terminal.pattern.flags:
                flags |= getattr(re, letter.upper())
            add(f"grammar terminal {terminal.name}", terminal.pattern.value, flags, False)
    return sorted(found.values())


LIBRARY_PATTERNS = _library_patterns()


def test_the_library_patterns_are_collected() -> None:
    places = {p.where for p in LIBRARY_PATTERNS}
    assert any(w.startswith("grammar terminal") for w in places)
    assert sum(not w.startswith("grammar terminal") for w in places) >= 5


@pytest.mark.parametrize("found", LIBRARY_PATTERNS, ids=lambda f: f.where)
def test_every_library_pattern_is_linear(found: Found) -> None:
    shapes = problems(found.pattern, found.flags, searched=found.searched)
    assert shapes == [], f"{found.where}: {found.pattern!r}: {shapes}"
