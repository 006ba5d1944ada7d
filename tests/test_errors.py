"""Library errors travel: each pickles and unpickles equal, so that a process pool
reports a bad input instead of hanging on it."""

from __future__ import annotations

import concurrent.futures
import errno
import pickle
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cssindicators as ci
from cssindicators import errors

_TEXT = st.text(max_size=80)

#: For each library error, a strategy that builds one as the library does.
_BUILDERS: dict[type[ci.CssIndicatorsError], st.SearchStrategy[ci.CssIndicatorsError]] = {
    ci.CssIndicatorsError: st.builds(ci.CssIndicatorsError, _TEXT),
    ci.ConfigurationError: st.builds(ci.ConfigurationError, _TEXT),
    ci.MeasurementError: st.builds(ci.MeasurementError, _TEXT),
    ci.MeasurementFileError: st.builds(ci.MeasurementFileError, _TEXT),
    ci.PeriodError: st.builds(ci.PeriodError, _TEXT),
    ci.PlanError: st.builds(ci.PlanError, _TEXT),
    ci.UnknownNodeError: st.builds(ci.UnknownNodeError, _TEXT),
    ci.TargetSyntaxError: st.builds(
        ci.TargetSyntaxError,
        _TEXT,
        text=_TEXT,
        position=st.integers(0, 100),
        expected=st.lists(_TEXT, max_size=3).map(tuple),
    ),
    ci.MissingDependencyError: st.builds(
        ci.MissingDependencyError, _TEXT, module=_TEXT, extra=_TEXT
    ),
    ci.FileReadError: st.one_of(
        st.builds(
            lambda code, text, name: ci.FileReadError.of(OSError(code, text, name)),
            st.sampled_from(sorted(errno.errorcode)),
            _TEXT,
            st.none() | _TEXT,
        ),
        st.builds(ci.FileReadError, st.sampled_from(sorted(errno.errorcode)), _TEXT),
    ),
}


def _library_errors() -> set[type[ci.CssIndicatorsError]]:
    found: set[type[ci.CssIndicatorsError]] = set()
    pending: list[type[ci.CssIndicatorsError]] = [ci.CssIndicatorsError]
    while pending:
        cls = pending.pop()
        if cls.__module__.startswith("cssindicators") and cls not in found:
            found.add(cls)
            pending.extend(cls.__subclasses__())
    return found


def _state(error: BaseException) -> tuple[Any, ...]:
    """Everything a user can read off an error."""
    extra = tuple(getattr(error, name, None) for name in ("errno", "strerror", "filename", "name"))
    return (type(error), error.args, str(error), dict(vars(error)), extra)


def test_every_library_error_has_a_builder() -> None:
    assert _library_errors() == set(_BUILDERS)
    assert set(errors.__all__) | {"CssIndicatorsError"} >= {c.__name__ for c in _BUILDERS}


@given(st.one_of(*_BUILDERS.values()), st.integers(0, pickle.HIGHEST_PROTOCOL))
def test_errors_pickle_and_unpickle_equal(error: ci.CssIndicatorsError, protocol: int) -> None:
    copy = pickle.loads(pickle.dumps(error, protocol=protocol))
    assert _state(copy) == _state(error)


@given(st.text(max_size=40))
def test_errors_raised_by_the_library_pickle(text: str) -> None:
    calls: list[Callable[[str], object]] = [ci.parse_target, ci.parse_period, ci.parse_unit]
    for call in calls:
        try:
            call(text)
        except ci.CssIndicatorsError as error:
            assert _state(pickle.loads(pickle.dumps(error))) == _state(error)


def test_a_process_pool_reports_a_bad_target() -> None:
    texts = ["≥ 12 par an", "≥ 3 heures/lundi", "Oui/Non"]
    with concurrent.futures.ProcessPoolExecutor(max_workers=1) as pool:
        results = pool.map(ci.parse_target, texts)
        assert str(next(results)) == "≥ 12/an"
        with pytest.raises(ci.TargetSyntaxError) as caught:
            next(results)
    assert caught.value.position == 11
    assert "expected a period" in str(caught.value)
