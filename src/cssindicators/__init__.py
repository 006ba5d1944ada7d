"""cssindicators: read Belgian municipal security plans and score their indicators.

>>> import cssindicators as ci
>>> t = ci.parse_target("≥ 3 heures/jour")
>>> t.evaluate(ci.Measurement(value=1100, period="2023")).status
<Status.MET: 'met'>
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

#: Each public name once, by the module that defines it. Names are imported on first
#: use: a program that only parses targets does not pay for building the plan, scoring
#: and bulk classes at import time.
_EXPORTS = {
    "cssindicators.errors": (
        "ConfigurationError",
        "CssIndicatorsError",
        "FileReadError",
        "MeasurementError",
        "MeasurementFileError",
        "MissingDependencyError",
        "PeriodError",
        "PlanError",
        "TargetSyntaxError",
        "UnknownNodeError",
    ),
    "cssindicators.measurements": (
        "Measurement",
        "MeasurementFile",
        "Problem",
        "parse_measurements",
        "read_measurements",
    ),
    "cssindicators.periods": ("Period", "TimeUnit", "belgian_holidays", "parse_period"),
    "cssindicators.targets": (
        "Bands",
        "Between",
        "Change",
        "Comparator",
        "Direction",
        "Evaluation",
        "Status",
        "Target",
        "Threshold",
        "Unit",
        "UnitKind",
        "YesNo",
        "parse_target",
        "parse_unit",
    ),
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
    "cssindicators.bulk": ("BulkEvaluation", "BulkScorecard", "evaluate_many", "score_frame"),
    "cssindicators.writing": ("measurement_template", "write_plan_docx"),
}
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}
#: Loaded with the package: the target language is what every user needs.
_EAGER = (
    "cssindicators.errors",
    "cssindicators.periods",
    "cssindicators.measurements",
    "cssindicators.targets",
)

if TYPE_CHECKING:
    from cssindicators.bulk import (
        BulkEvaluation as BulkEvaluation,
    )
    from cssindicators.bulk import (
        BulkScorecard as BulkScorecard,
    )
    from cssindicators.bulk import (
        evaluate_many as evaluate_many,
    )
    from cssindicators.bulk import (
        score_frame as score_frame,
    )
    from cssindicators.errors import (
        ConfigurationError as ConfigurationError,
    )
    from cssindicators.errors import (
        CssIndicatorsError as CssIndicatorsError,
    )
    from cssindicators.errors import (
        FileReadError as FileReadError,
    )
    from cssindicators.errors import (
        MeasurementError as MeasurementError,
    )
    from cssindicators.errors import (
        MeasurementFileError as MeasurementFileError,
    )
    from cssindicators.errors import (
        MissingDependencyError as MissingDependencyError,
    )
    from cssindicators.errors import (
        PeriodError as PeriodError,
    )
    from cssindicators.errors import (
        PlanError as PlanError,
    )
    from cssindicators.errors import (
        TargetSyntaxError as TargetSyntaxError,
    )
    from cssindicators.errors import (
        UnknownNodeError as UnknownNodeError,
    )
    from cssindicators.measurements import (
        Measurement as Measurement,
    )
    from cssindicators.measurements import (
        MeasurementFile as MeasurementFile,
    )
    from cssindicators.measurements import (
        Problem as Problem,
    )
    from cssindicators.measurements import (
        parse_measurements as parse_measurements,
    )
    from cssindicators.measurements import (
        read_measurements as read_measurements,
    )
    from cssindicators.periods import (
        Period as Period,
    )
    from cssindicators.periods import (
        TimeUnit as TimeUnit,
    )
    from cssindicators.periods import (
        belgian_holidays as belgian_holidays,
    )
    from cssindicators.periods import (
        parse_period as parse_period,
    )
    from cssindicators.plan import (
        Diagnostic as Diagnostic,
    )
    from cssindicators.plan import (
        ExpectedResult as ExpectedResult,
    )
    from cssindicators.plan import (
        GeneralObjective as GeneralObjective,
    )
    from cssindicators.plan import (
        Indicator as Indicator,
    )
    from cssindicators.plan import (
        OperationalObjective as OperationalObjective,
    )
    from cssindicators.plan import (
        Plan as Plan,
    )
    from cssindicators.plan import (
        Sector as Sector,
    )
    from cssindicators.plan import (
        ServiceBlock as ServiceBlock,
    )
    from cssindicators.plan import (
        Severity as Severity,
    )
    from cssindicators.plan import (
        StrategicObjective as StrategicObjective,
    )
    from cssindicators.reading import (
        parse_plan as parse_plan,
    )
    from cssindicators.reading import (
        read_plan as read_plan,
    )
    from cssindicators.scoring import (
        IndicatorResult as IndicatorResult,
    )
    from cssindicators.scoring import (
        Rollup as Rollup,
    )
    from cssindicators.scoring import (
        Scorecard as Scorecard,
    )
    from cssindicators.scoring import (
        score as score,
    )
    from cssindicators.targets import (
        Bands as Bands,
    )
    from cssindicators.targets import (
        Between as Between,
    )
    from cssindicators.targets import (
        Change as Change,
    )
    from cssindicators.targets import (
        Comparator as Comparator,
    )
    from cssindicators.targets import (
        Direction as Direction,
    )
    from cssindicators.targets import (
        Evaluation as Evaluation,
    )
    from cssindicators.targets import (
        Status as Status,
    )
    from cssindicators.targets import (
        Target as Target,
    )
    from cssindicators.targets import (
        Threshold as Threshold,
    )
    from cssindicators.targets import (
        Unit as Unit,
    )
    from cssindicators.targets import (
        UnitKind as UnitKind,
    )
    from cssindicators.targets import (
        YesNo as YesNo,
    )
    from cssindicators.targets import (
        parse_target as parse_target,
    )
    from cssindicators.targets import (
        parse_unit as parse_unit,
    )
    from cssindicators.writing import (
        measurement_template as measurement_template,
    )
    from cssindicators.writing import (
        write_plan_docx as write_plan_docx,
    )

for _module in _EAGER:
    _loaded = importlib.import_module(_module)
    globals().update({name: getattr(_loaded, name) for name in _EXPORTS[_module]})
del _module, _loaded


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
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


__all__ = sorted([*_MODULE_OF, "__version__"])


def __dir__() -> list[str]:
    return __all__
