"""Columns in plain Python: the small part of numpy's array interface the scoring engine uses.

The scoring engine (:mod:`cssindicators.scoring._engine`) and the target rules
(``Comparator``, ``Target._judge``, ``Bands``) are written once, against an *array
namespace* ``xp``: numpy itself for the bulk path, or this module, whose :class:`Array`
holds a Python list, for one commune's plan without numpy. The same operations in the
same order give the same floats on both (IEEE 754 arithmetic, sums in row order).

The functions also take plain Python scalars, so a rule evaluates one value with the
same code (``where(True, 1.0, 2.0)`` is ``1.0``).

>>> a = array([3.0, 0.0, 5.0])
>>> (a / 0).tolist(), where(a > 2, a, -1.0).tolist(), bincount(array([0, 1, 0]), weights=a).tolist()
([inf, nan, inf], [3.0, -1.0, 5.0], [8.0, 0.0])
"""

from __future__ import annotations

import contextlib
import itertools
import math
import operator
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any

__all__ = [
    "Array",
    "arange",
    "argsort",
    "array",
    "bincount",
    "bool_",
    "concatenate",
    "empty",
    "errstate",
    "factorize",
    "first_of_each",
    "flatnonzero",
    "float64",
    "full",
    "int8",
    "int64",
    "intp",
    "isfinite",
    "isnan",
    "lexsort",
    "logical_not",
    "maximum",
    "minimum",
    "numeric",
    "object_",
    "repeated",
    "where",
    "zeros",
]

#: Element types, named as numpy names them.
bool_, int8, intp, int64, float64, object_ = bool, int, int, int, float, object


def _divide(a: Any, b: Any) -> Any:
    """Division as IEEE 754 floats divide: x/0 is ±inf, 0/0 is NaN."""
    try:
        return a / b
    except ZeroDivisionError:
        a = float(a)
        if a == 0 or math.isnan(a):
            return math.nan
        return math.copysign(math.inf, a) * math.copysign(1.0, b)


class Array:
    """A one-dimensional column of Python values, with numpy's element-wise operators.

    Indexing takes a position, a slice, a column of booleans (a mask) or of positions.

    >>> a = Array([1, 2, 3])
    >>> a[a >= 2].tolist(), a[Array([2, 0])].tolist(), (2 * a + 1).tolist()
    ([2, 3], [3, 1], [3, 5, 7])
    """

    __slots__ = ("data",)

    def __init__(self, data: Iterable[Any]) -> None:
        self.data = list(data)

    def __repr__(self) -> str:
        return f"Array({self.data!r})"

    def __len__(self) -> int:
        return len(self.data)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.data)

    def tolist(self) -> list[Any]:
        return list(self.data)

    def copy(self) -> Array:
        return Array(self.data)

    def astype(self, kind: Callable[[Any], Any]) -> Array:
        return Array(kind(v) for v in self.data)

    def any(self) -> bool:
        return any(self.data)

    def max(self) -> Any:
        return max(self.data)

    def _positions(self, key: Any) -> list[int] | None:
        """The positions a key selects, or ``None`` for a single position."""
        if isinstance(key, slice):
            return list(range(len(self.data)))[key]
        if isinstance(key, Array):
            items = key.data
            if items and isinstance(items[0], bool):  # a mask (columns hold one type)
                if len(items) != len(self.data):
                    raise IndexError("a mask must be as long as the column")
                return [i for i, v in enumerate(items) if v]
            return [int(i) for i in items]
        return None

    def __getitem__(self, key: Any) -> Any:
        positions = self._positions(key)
        if positions is None:
            return self.data[key]
        data = self.data
        return _wrap([data[i] for i in positions])

    def __setitem__(self, key: Any, value: Any) -> None:
        positions = self._positions(key)
        if positions is None:
            self.data[key] = value
            return
        if isinstance(value, Array):
            for i, v in zip(positions, value.data, strict=True):
                self.data[i] = v
        else:
            for i in positions:
                self.data[i] = value

    def _map(self, other: Any, function: Callable[[Any, Any], Any]) -> Array:
        if isinstance(other, Array):
            return _wrap(list(map(function, self.data, other.data)))
        return _wrap([function(v, other) for v in self.data])

    def _rmap(self, other: Any, function: Callable[[Any, Any], Any]) -> Array:
        return _wrap([function(other, v) for v in self.data])

    def __add__(self, other: Any) -> Array:
        return self._map(other, operator.add)

    def __radd__(self, other: Any) -> Array:
        return self._rmap(other, operator.add)

    def __sub__(self, other: Any) -> Array:
        return self._map(other, operator.sub)

    def __rsub__(self, other: Any) -> Array:
        return self._rmap(other, operator.sub)

    def __mul__(self, other: Any) -> Array:
        return self._map(other, operator.mul)

    def __rmul__(self, other: Any) -> Array:
        return self._rmap(other, operator.mul)

    def __truediv__(self, other: Any) -> Array:
        return self._map(other, _divide)

    def __rtruediv__(self, other: Any) -> Array:
        return self._rmap(other, _divide)

    def __neg__(self) -> Array:
        return Array(-v for v in self.data)

    def __abs__(self) -> Array:
        return Array(abs(v) for v in self.data)

    def __lt__(self, other: Any) -> Array:
        return self._map(other, operator.lt)

    def __le__(self, other: Any) -> Array:
        return self._map(other, operator.le)

    def __gt__(self, other: Any) -> Array:
        return self._map(other, operator.gt)

    def __ge__(self, other: Any) -> Array:
        return self._map(other, operator.ge)

    def __eq__(self, other: Any) -> Array:  # type: ignore[override]
        return self._map(other, operator.eq)

    def __ne__(self, other: Any) -> Array:  # type: ignore[override]
        return self._map(other, operator.ne)

    __hash__ = None  # type: ignore[assignment]

    def __and__(self, other: Any) -> Array:
        return self._map(other, lambda a, b: bool(a) and bool(b))

    __rand__ = __and__

    def __or__(self, other: Any) -> Array:
        return self._map(other, lambda a, b: bool(a) or bool(b))

    __ror__ = __or__

    def __invert__(self) -> Array:
        return Array(not v for v in self.data)


def _wrap(data: list[Any]) -> Array:
    """A column holding ``data`` itself (no copy)."""
    column = Array.__new__(Array)
    column.data = data
    return column


def array(values: Iterable[Any], dtype: Any = None) -> Array:
    """A column of ``values`` (converted to ``dtype`` when given)."""
    if isinstance(values, Array):
        values = values.data
    return Array(values if dtype is None or dtype is object else map(dtype, values))


def full(size: int, value: Any, dtype: Any = None) -> Array:
    return Array([value if dtype is None or dtype is object else dtype(value)] * size)


def zeros(size: int, dtype: Any = float) -> Array:
    return full(size, 0, dtype)


def empty(size: int, dtype: Any = object) -> Array:
    return Array([None] * size)


def _elementwise(function: Callable[..., Any]) -> Callable[..., Any]:
    def apply(*args: Any) -> Any:
        columns = [a for a in args if isinstance(a, Array)]
        if not columns:
            return function(*args)
        size = len(columns[0])
        spread = [a.data if isinstance(a, Array) else itertools.repeat(a, size) for a in args]
        return _wrap(list(map(function, *spread)))

    return apply


where = _elementwise(lambda condition, a, b: a if condition else b)
isnan = _elementwise(lambda x: isinstance(x, float) and math.isnan(x))
isfinite = _elementwise(lambda x: math.isfinite(x))
logical_not = _elementwise(lambda x: not x)
minimum = _elementwise(lambda a, b: a if a <= b or math.isnan(a) else b)


class _Maximum:
    """``maximum(a, b)`` element-wise, with numpy's ``maximum.accumulate`` and ``maximum.at``."""

    def __init__(self) -> None:
        self._apply = _elementwise(lambda a, b: a if a >= b or math.isnan(a) else b)

    def __call__(self, a: Any, b: Any) -> Any:
        return self._apply(a, b)

    def accumulate(self, values: Array) -> Array:
        return Array(itertools.accumulate(values.data, max))

    def at(self, target: Array, positions: Array, values: Array) -> None:
        for i, v in zip(positions.data, values.data, strict=True):
            if v > target.data[i]:
                target.data[i] = v


maximum = _Maximum()


def flatnonzero(mask: Array) -> Array:
    return Array(i for i, v in enumerate(mask.data) if v)


def bincount(codes: Array, weights: Array | None = None, minlength: int = 0) -> Array:
    """Counts (or sums of ``weights``, added in row order) of each code ≥ 0."""
    size = max(minlength, max(codes.data, default=-1) + 1)
    if weights is None:
        counts = [0] * size
        for code in codes.data:
            counts[code] += 1
        return Array(counts)
    sums = [0.0] * size
    for code, weight in zip(codes.data, weights.data, strict=True):
        sums[code] += weight
    return Array(sums)


def argsort(values: Array, kind: str = "stable") -> Array:
    data = values.data
    return Array(sorted(range(len(data)), key=data.__getitem__))


def lexsort(keys: tuple[Array, ...]) -> Array:
    """Positions sorted by the last key, then the one before, …, as numpy sorts them."""
    columns = [k.data for k in reversed(keys)]
    size = len(columns[0]) if columns else 0
    return Array(sorted(range(size), key=lambda i: tuple(c[i] for c in columns)))


def arange(start: int, stop: int | None = None) -> Array:
    return Array(range(start) if stop is None else range(start, stop))


def _key(value: Any) -> Any:
    """A value's identity for factorising: equal values of different types stay apart
    (``True``, ``1`` and ``1.0`` are equal in Python, but not the same measurement); a
    signalling NaN, which cannot be hashed, by its text."""
    if isinstance(value, Decimal) and value.is_snan():
        return (type(value), str(value))
    return (type(value), value)


def factorize(column: Any) -> tuple[Array, list[Any]]:
    """Codes of a column's values and the distinct values, in order of first appearance;
    missing values (``None``, NaN) get code -1.

    >>> codes, uniques = factorize(["a", None, True, 1, "a"])
    >>> codes.tolist(), uniques
    ([0, -1, 1, 2, 0], ['a', True, 1])
    """
    seen: dict[Any, int] = {}
    uniques: list[Any] = []
    codes = []
    for value in column.data if isinstance(column, Array) else column:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            codes.append(-1)
            continue
        code = seen.setdefault(_key(value), len(seen))
        if code == len(uniques):
            uniques.append(value)
        codes.append(code)
    return Array(codes), uniques


def numeric(column: Any) -> None:
    """A column of plain numbers kept as they are, which plain Python columns never are
    (numpy's namespace keeps a numeric array)."""
    return


def first_of_each(keys: Array) -> tuple[Array, list[int]]:
    """Codes of keys by first appearance, and where each first appears."""
    codes, uniques = factorize(keys)
    first: dict[int, int] = {}
    for position, code in enumerate(codes.data):
        first.setdefault(code, position)
    return codes, [first[k] for k in range(len(uniques))]


def repeated(keys: Array, key_count: int) -> Array:
    """For each key, whether it occurs more than once."""
    counts: dict[Any, int] = {}
    for key in keys.data:
        counts[key] = counts.get(key, 0) + 1
    return Array(counts[key] > 1 for key in keys.data)


def concatenate(parts: Iterable[Array]) -> Array:
    return Array(itertools.chain.from_iterable(p.data for p in parts))


def errstate(**_: str) -> contextlib.nullcontext[None]:
    """No floating-point warnings to silence: Python division is checked in :class:`Array`."""
    return contextlib.nullcontext()
