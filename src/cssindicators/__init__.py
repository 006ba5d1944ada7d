"""cssindicators: read Belgian municipal security plans and score their indicators.

>>> import cssindicators as ci
>>> t = ci.parse_target("≥ 3 heures/jour")
>>> t.evaluate(ci.Measurement(value=1100, period="2023")).status
<Status.MET: 'met'>
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from cssindicators.errors import (
    ConfigurationError,
    CssIndicatorsError,
    MeasurementError,
    MeasurementFileError,
    PeriodError,
    PlanError,
    TargetSyntaxError,
    UnknownNodeError,
)
from cssindicators.measurements import (
    Measurement,
    MeasurementFile,
    Problem,
    read_measurements,
)
from cssindicators.periods import Period, TimeUnit, parse_period
from cssindicators.targets import (
    Bands,
    Between,
    Comparator,
    Evaluation,
    Status,
    Target,
    Threshold,
    Unit,
    UnitKind,
    YesNo,
    parse_target,
    parse_unit,
)

if TYPE_CHECKING:
    from cssindicators.plan import (
        Diagnostic,
        ExpectedResult,
        GeneralObjective,
        Indicator,
        OperationalObjective,
        Plan,
        Sector,
        ServiceBlock,
        Severity,
        StrategicObjective,
    )
    from cssindicators.reading import parse_plan, read_plan
    from cssindicators.scoring import IndicatorResult, Rollup, Scorecard, score

#: Names imported on first use, by module: a program that only parses targets does not
#: pay for building the plan and scoring classes at import time.
_LAZY = {
    "cssindicators.plan": (
        "Diagnostic",
        "ExpectedResult",
        "GeneralObjective",
        "Indicator",
        "OperationalObjective",
        "Plan",
        "Sector",
        "ServiceBlock",
        "Severity",
        "StrategicObjective",
    ),
    "cssindicators.reading": ("parse_plan", "read_plan"),
    "cssindicators.scoring": ("IndicatorResult", "Rollup", "Scorecard", "score"),
}
_LAZY_MODULE = {name: module for module, names in _LAZY.items() for name in names}


def __getattr__(name: str) -> Any:
    module = _LAZY_MODULE.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value
        return value
    # The version is read from the package metadata on first use: importing
    # importlib.metadata costs more than the rest of the package.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("cssindicators")
        except PackageNotFoundError:  # pragma: no cover - a bare source tree
            return "0+unknown"
    raise AttributeError(f"module 'cssindicators' has no attribute {name!r}")


__all__ = [
    "Bands",
    "Between",
    "Comparator",
    "ConfigurationError",
    "CssIndicatorsError",
    "Diagnostic",
    "Evaluation",
    "ExpectedResult",
    "GeneralObjective",
    "Indicator",
    "IndicatorResult",
    "Measurement",
    "MeasurementError",
    "MeasurementFile",
    "MeasurementFileError",
    "OperationalObjective",
    "Period",
    "PeriodError",
    "Plan",
    "PlanError",
    "Problem",
    "Rollup",
    "Scorecard",
    "Sector",
    "ServiceBlock",
    "Severity",
    "Status",
    "StrategicObjective",
    "Target",
    "TargetSyntaxError",
    "Threshold",
    "TimeUnit",
    "Unit",
    "UnitKind",
    "UnknownNodeError",
    "YesNo",
    "__version__",
    "parse_period",
    "parse_plan",
    "parse_target",
    "parse_unit",
    "read_measurements",
    "read_plan",
    "score",
]


def __dir__() -> list[str]:
    return sorted(__all__)
