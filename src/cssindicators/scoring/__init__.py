r"""Scoring a plan: each indicator against its target, then roll-ups up the tree.

:func:`score` takes a :class:`~cssindicators.plan.Plan` and measurements (a file, or
:class:`~cssindicators.measurements.Measurement` objects naming their ``indicator``)
and returns a :class:`Scorecard`: one :class:`IndicatorResult` per indicator, and one
:class:`Rollup` per node of the plan. The semantics are described in
``docs/scoring.md``; in short:

* rows of an indicator that counts things or time (``≥ 12 par an``,
  ``≥ 3 heures/jour``) are **added up** over the union of their periods; rows whose
  periods overlap would count days twice, and are invalid;
* rows of a **level** (a percentage, ``≥ 70 %``) or a yes/no answer (``Oui/Non``)
  replace each other: the latest period counts;
* a row that cannot be used is :attr:`~cssindicators.targets.Status.INVALID`, with its
  file, line and reason; an indicator with no data is ``NOT_MEASURED``.

>>> import cssindicators as ci
>>> from cssindicators.reading import parse_plan
>>> plan = parse_plan(
...     "Secteur d'activité 2 : Criminalité\n"
...     "Objectif général 1 - Secteur d'activité 2 :\n"
...     "Lutte contre la criminalité\n"
...     "Objectif stratégique 1 - Domaine :\n"
...     "Prévention\n"
...     "GDP\n"
...     "Objectifs opérationnels\tRésultats attendus\tIndicateurs\n"
...     "1. Se concerter\t- Projets communs\t- Réunions de concertation : ≥ 12 par an\n"
...     "2. Écouter\t- Écoute\t- Espace d'écoute : Oui/Non\n"
... )
>>> meetings, listening = (i.id for i in plan.indicators())
>>> card = score(plan, [
...     ci.Measurement(value=7, period="2023-H1", indicator=meetings),
...     ci.Measurement(value=4, period="2023-H2", indicator=meetings),
... ])
>>> card.result(meetings).status, card.result(listening).status
(<Status.PARTIAL: 'partial'>, <Status.NOT_MEASURED: 'not measured'>)
>>> r = card.rollup("s2")
>>> r.measured, r.total, r.coverage, round(r.mean_achievement, 3)
(1, 2, 0.5, 0.917)
"""

from __future__ import annotations

from cssindicators.scoring._engine import is_additive
from cssindicators.scoring._results import (
    MEASURED,
    RECORD_FIELDS,
    IndicatorResult,
    Rollup,
    Scorecard,
    baseline_text,
    measurement_text,
)
from cssindicators.scoring._score import Measurements, example_files, score, warnings_of

__all__ = [
    "MEASURED",
    "RECORD_FIELDS",
    "IndicatorResult",
    "Measurements",
    "Rollup",
    "Scorecard",
    "baseline_text",
    "example_files",
    "is_additive",
    "measurement_text",
    "score",
    "warnings_of",
]
