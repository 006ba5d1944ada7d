r"""The plan: an immutable tree of sectors, objectives, services, results and indicators.

A *Contrat de Sécurité et de Société* plan is a hierarchy::

    Plan                      commune, year, allocation, legal basis
    └─ Sector                 "Secteur d'activité 2 : Lutte contre la criminalité…"
       └─ GeneralObjective    "Objectif général 1 - Secteur d'activité 2 :"
          └─ StrategicObjective    "Objectif stratégique 1 - Domaine :" (+ optional note)
             └─ ServiceBlock       the service that owns a table: "GDP", "SCAPI"…
                └─ OperationalObjective   a numbered table row
                   ├─ ExpectedResult      "Résultats attendus" items
                   └─ Indicator           "Indicateurs" items: label + target

Every node is a frozen, slotted, hashable attrs class with a ``kind``, a ``children``
tuple and an ``id`` derived from its place in the plan (see ``docs/plan-format.md``);
its fields are checked when it is built (a :class:`~cssindicators.errors.PlanError`
names the field and the bad value). Plans are usually read with
:func:`cssindicators.reading.parse_plan`; build one by hand with :meth:`Plan.assemble`,
which gives every node its id:

>>> from cssindicators.reading import parse_plan
>>> plan = parse_plan(
...     "Secteur d'activité 2 : Lutte contre la criminalité\n"
...     "Objectif général 1 - Secteur d'activité 2 :\n"
...     "Lutte contre la criminalité\n"
...     "Objectif stratégique 1 - Domaine :\n"
...     "Prévention\n"
...     "GDP\n"
...     "Objectifs opérationnels\tRésultats attendus\tIndicateurs\n"
...     "1. Être présent\t- Présence quotidienne\t- Heures de présence : ≥ 3 heures/jour\n"
... )
>>> plan
<Plan commune=None year=None: 1 sector, 1 indicator, 0 diagnostics>
>>> [(i.id, i.label, i.target) for i in plan.indicators()]
[('s2.og1.os1.gdp.oo1.i1', 'Heures de présence', Threshold('≥ 3 heures/jour'))]
>>> [p.id for p in plan.parents("s2.og1.os1.gdp.oo1.i1")]
['s2', 's2.og1', 's2.og1.os1', 's2.og1.os1.gdp', 's2.og1.os1.gdp.oo1']
>>> Plan.from_json(plan.to_json()) == plan
True

The plan's terminal and HTML forms are reports: :func:`cssindicators.reports.format_tree`,
:func:`~cssindicators.reports.format_diagnostics`, :func:`~cssindicators.reports.plan_to_html`.
"""

from __future__ import annotations

from cssindicators.plan._diagnostics import Diagnostic, Severity
from cssindicators.plan._json import FORMAT_VERSION
from cssindicators.plan._nodes import (
    ExpectedResult,
    GeneralObjective,
    Indicator,
    Node,
    OperationalObjective,
    Sector,
    ServiceBlock,
    StrategicObjective,
)
from cssindicators.plan._plan import Plan

__all__ = [
    "FORMAT_VERSION",
    "Diagnostic",
    "ExpectedResult",
    "GeneralObjective",
    "Indicator",
    "Node",
    "OperationalObjective",
    "Plan",
    "Sector",
    "ServiceBlock",
    "Severity",
    "StrategicObjective",
]
