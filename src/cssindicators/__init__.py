"""cssindicators: read Belgian municipal security plans and score their indicators.

>>> import cssindicators as ci
>>> t = ci.parse_target("≥ 3 heures/jour")
>>> t.evaluate(ci.Measurement(value=1100, period="2023")).status
<Status.MET: 'met'>
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from cssindicators.errors import (
    CssIndicatorsError,
    MeasurementError,
    PeriodError,
    PlanError,
    TargetSyntaxError,
    UnknownNodeError,
)
from cssindicators.measurements import Measurement
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

try:
    __version__ = version("cssindicators")
except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
    __version__ = "0+unknown"

__all__ = [
    "Bands",
    "Between",
    "Comparator",
    "CssIndicatorsError",
    "Evaluation",
    "Measurement",
    "MeasurementError",
    "Period",
    "PeriodError",
    "PlanError",
    "Status",
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
    "parse_target",
    "parse_unit",
]
