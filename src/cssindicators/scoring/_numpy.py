"""numpy as the scoring engine's array namespace (the bulk path); needs numpy.

The names the engine uses are numpy's own; the few it needs beyond them (factorising a
column, the first row of each key, repeated keys) are written here, with the same
results as those of :mod:`cssindicators._columns`. Imported only by the bulk path,
never by ``import cssindicators``.
"""

from __future__ import annotations

import ctypes
import math
import sys
from typing import Any

import numpy as np
from numpy import (  # noqa: F401 - the namespace the engine reads
    arange,
    argsort,
    bincount,
    bool_,
    concatenate,
    empty,
    errstate,
    flatnonzero,
    float64,
    full,
    int8,
    int64,
    intp,
    isfinite,
    isnan,
    lexsort,
    logical_not,
    maximum,
    minimum,
    object_,
    where,
    zeros,
)
from numpy.typing import NDArray

Ints = NDArray[np.intp]


def array(values: Any, dtype: Any = None) -> Any:
    """A column of ``values``; a list of texts as an object column."""
    if dtype is object:
        column = np.empty(len(values), dtype=object)
        column[:] = values
        return column
    return np.asarray(values, dtype=dtype)


def _objects(column: Any) -> NDArray[np.object_]:
    """A column (list, numpy array, pandas Series) as a numpy array of Python objects."""
    to_numpy = getattr(column, "to_numpy", None)
    if to_numpy is not None:
        return np.asarray(to_numpy(dtype=object))
    result = np.empty(len(column), dtype=object)
    result[:] = list(column) if not isinstance(column, np.ndarray) else column
    return result


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


#: Integers from ``-_INT64`` to ``_INT64 - 1`` fit in numpy's.
_INT64 = 2**63


def numeric(column: Any) -> Any:
    """The column as a numeric numpy array, or ``None`` when it holds other objects."""
    values = column.to_numpy() if hasattr(column, "to_numpy") else column
    if isinstance(values, np.ndarray) and values.dtype.kind in "iuf":
        return values
    if (
        isinstance(values, list)
        and values
        and all((type(v) is int and -_INT64 <= v < _INT64) or type(v) is float for v in values)
    ):  # an integer beyond numpy's is kept as a Python object, for evaluation to reject
        return np.asarray(values)
    return None


def factorize(column: Any) -> tuple[Ints, list[Any]]:
    """Codes of a column's values and the distinct values, in order of first appearance.

    Missing values (``None``, NaN) get code -1. Uses pandas when it is installed (a
    hash table in C), else a dictionary.

    >>> codes, uniques = factorize(["2023-01", None, "2023-02", "2023-01"])
    >>> codes.tolist(), uniques
    ([0, -1, 1, 0], ['2023-01', '2023-02'])
    """
    try:
        import pandas
    except ImportError:
        pandas = None
    if pandas is not None:
        dtype = getattr(column, "dtype", None)
        if isinstance(dtype, pandas.StringDtype) and dtype.storage != "python":
            codes, uniques = pandas.factorize(column)  # Arrow strings: no Python objects
        elif isinstance(column, np.ndarray) and column.dtype.kind in "iuf":
            codes, uniques = pandas.factorize(column)
        else:
            return _factorize_objects(_objects(column), pandas)
        return np.asarray(codes, dtype=np.intp), list(uniques)
    from cssindicators import _columns

    codes, uniques = _columns.factorize(_objects(column).tolist())
    return np.asarray(codes.tolist(), dtype=np.intp), uniques


def _factorize_objects(objects: NDArray[np.object_], pandas: Any) -> tuple[Ints, list[Any]]:
    """Factorise Python objects: by identity first, then by value among the distinct ones.

    A column read by ``pandas.read_csv`` holds one string object per distinct text (the
    parser shares them), so hashing the objects' addresses, which the array stores, is
    several times faster than hashing their texts; equal texts held by different objects
    are then merged by value. Addresses are read, never followed. Values of different
    types (``True`` and ``1``) are kept apart, as :func:`cssindicators._columns.factorize`
    keeps them.
    """
    if len(objects) < 1024 or sys.implementation.name != "cpython":
        where_ = identity = np.arange(len(objects), dtype=np.intp)
    else:
        objects = np.ascontiguousarray(objects)
        addresses = np.ctypeslib.as_array(
            (ctypes.c_ssize_t * len(objects)).from_address(objects.ctypes.data)
        )
        identity, distinct = pandas.factorize(addresses)
        identity = np.asarray(identity, dtype=np.intp)
        where_ = np.empty(len(distinct), dtype=np.intp)
        where_[identity] = np.arange(len(objects), dtype=np.intp)  # a row holding each one
    from cssindicators import _columns

    # The distinct objects are few: a dictionary factorises them by type and value.
    codes, uniques = _columns.factorize(objects[where_].tolist())
    by_key = np.asarray(codes.data, dtype=np.intp)
    return by_key[identity], uniques


def first_of_each(keys: Ints) -> tuple[Ints, Ints]:
    """Codes of integer keys (0, 1, … by first appearance) and where each first appears."""
    try:
        import pandas
    except ImportError:
        _, first, codes = np.unique(keys, return_index=True, return_inverse=True)
        order = np.argsort(first, kind="stable")  # renumber by first appearance
        rank = np.empty_like(order)
        rank[order] = np.arange(len(order))
        return rank[codes.reshape(-1)], first[order]
    codes, uniques = pandas.factorize(keys)
    first = np.empty(len(uniques), dtype=np.intp)
    first[codes[::-1]] = np.arange(len(keys) - 1, -1, -1)
    return np.asarray(codes, dtype=np.intp), first


def repeated(keys: Ints, key_count: int) -> NDArray[np.bool_]:
    """For each key, whether it occurs more than once."""
    if key_count <= 4 * len(keys) + 1024:
        counts = np.bincount(keys, minlength=key_count)
        result: NDArray[np.bool_] = counts[keys] > 1
        return result
    _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    found: NDArray[np.bool_] = counts[inverse.reshape(-1)] > 1
    return found
