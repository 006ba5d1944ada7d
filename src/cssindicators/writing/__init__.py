r"""Documents a user fills in: the measurement template of a plan.

:func:`measurement_template` writes, for a plan, the file of measurements to fill in:
one row per indicator and period, in plan order, with the columns that
:func:`~cssindicators.measurements.read_measurements` reads back (the value, a note, a
baseline) left empty. An Excel workbook (``.xlsx``, with the optional extra
``cssindicators[excel]``) protects the identifying columns, offers a Oui/Non list or
checks numbers where the target says what is expected, and adds the plan's tree and a
short "how to fill this in" sheet; a ``.csv`` file holds the same columns.

>>> import tempfile, pathlib
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
>>> with tempfile.TemporaryDirectory() as folder:
...     path = pathlib.Path(folder, "mesures.csv")
...     measurement_template(plan, path, period=2023, every="semester")
...     print(path.read_text(encoding="utf-8-sig"), end="")
indicateur;service;libellé;cible;unité;période;valeur;remarque;valeur de référence
s2.og1.os1.gdp.oo1.i1;GDP;Heures de présence;≥ 3 heures/jour;heures;2023-H1;;;
s2.og1.os1.gdp.oo1.i1;GDP;Heures de présence;≥ 3 heures/jour;heures;2023-H2;;;
"""

from __future__ import annotations

from cssindicators.writing._docx import write_plan_docx
from cssindicators.writing._template import EVERY, LANGUAGES, measurement_template

__all__ = ["EVERY", "LANGUAGES", "measurement_template", "write_plan_docx"]
