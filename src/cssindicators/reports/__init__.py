r"""Reports of a scorecard: text, Markdown, HTML, CSV and JSON; Excel workbooks
(:func:`to_xlsx`, with the ``excel`` extra); and plans in HTML.

Every format lists the invalid rows with their file, line, raw values and reason, and
the warnings (what makes a computed score doubtful), each beside its indicator and all
together; roll-ups count the warnings below them. Titles name the reporting period.
Texts that come from a plan or a measurement file are made inert: escaped in HTML and
Markdown; in text and Markdown, kept on one line with their control characters shown as
escapes (``\x1b``, ``\n``, ``\u202e``: they never act on a terminal); in CSV,
prefixed with ``'`` when a spreadsheet would read them as a formula (``=``, ``＝``…), and
cut, saying so, to the 131 072 characters that Python's ``csv`` module reads; in a
workbook, written as text cells (never formulas), their control characters shown as
escapes, cut, saying so, to the 32 767 characters a cell holds.

>>> import cssindicators as ci
>>> from cssindicators.reading import parse_plan
>>> from cssindicators.scoring import score
>>> plan = parse_plan(
...     "Secteur d'activité 2 : Criminalité\n"
...     "Objectif général 1 - Secteur d'activité 2 :\nLutte\n"
...     "Objectif stratégique 1 - Domaine :\nPrévention\nGDP\n"
...     "Objectifs opérationnels\tRésultats attendus\tIndicateurs\n"
...     "1. Se concerter\t- Projets\t- Réunions : ≥ 12 par an\n"
... )
>>> card = score(plan, [ci.Measurement(value=9, period="2023", indicator=plan.indicators()[0].id),
...                        ci.Measurement(value="=1+1", period="2023", indicator="<b>x</b>")])
>>> print(render(card, "text"))  # doctest: +ELLIPSIS
Scorecard: Plan
Measurements: <measurements>
<BLANKLINE>
1 indicator · 1 measured (100 %) · 0 met (0 %) · mean achievement 75 %
<BLANKLINE>
  s2  Criminalité
...
            s2.og1.os1.gdp.oo1.i1  Réunions
              ◐ partial        75 % observed 9/an, target ≥ 12/an · 9 over 2023
<BLANKLINE>
Warnings: none
<BLANKLINE>
Invalid rows (1)
  <measurements>:2: unknown indicator '<b>x</b>': not in the plan
    indicator='<b>x</b>'; value='=1+1'; period='2023'
<BLANKLINE>
>>> "&lt;b&gt;x&lt;/b&gt;" in render(card, "html") and "<b>x" not in render(card, "html")
True
>>> render(card, "csv").splitlines()[-1]
"invalid row,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,<measurements>,2,<b>x</b>,unknown indicator '<b>x</b>': not in the plan,indicator='<b>x</b>'; value='=1+1'; period='2023'"
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cssindicators.errors import ConfigurationError
from cssindicators.reports._common import summary_line
from cssindicators.reports._html import plan_to_html, to_html
from cssindicators.reports._tabular import CSV_COLUMNS, SCHEMA, to_csv, to_json
from cssindicators.reports._text import to_markdown, to_text
from cssindicators.reports._tree import format_diagnostics, format_tree
from cssindicators.reports._xlsx import to_xlsx
from cssindicators.scoring import Scorecard

__all__ = [
    "CSV_COLUMNS",
    "FORMATS",
    "SCHEMA",
    "format_diagnostics",
    "format_tree",
    "plan_to_html",
    "render",
    "summary_line",
    "to_csv",
    "to_html",
    "to_json",
    "to_markdown",
    "to_text",
    "to_xlsx",
]

#: The report formats, by name, and the function that writes each.
FORMATS: dict[str, Callable[..., str]] = {
    "text": to_text,
    "markdown": to_markdown,
    "html": to_html,
    "csv": to_csv,
    "json": to_json,
}


def render(card: Scorecard, format: str = "text", **options: Any) -> str:
    """The scorecard in one of :data:`FORMATS`; ``options`` go to that format's writer
    (``color=True`` for text, ``page=False`` for HTML, ``indent=None`` for JSON).

    >>> from cssindicators.reading import parse_plan
    >>> from cssindicators.scoring import score
    >>> card = score(parse_plan(""), [])
    >>> render(card, "json", indent=None)[:60]
    '{"format": "cssindicators-scorecard", "version": 2, "plan": '
    >>> render(card, "pdf")
    Traceback (most recent call last):
      ...
    cssindicators.errors.ConfigurationError: unknown report format 'pdf': expected text, markdown, html, csv or json
    """
    writer = FORMATS.get(format)
    if writer is None:
        names = list(FORMATS)
        raise ConfigurationError(
            f"unknown report format {format!r}: expected {', '.join(names[:-1])} or {names[-1]}"
        )
    return writer(card, **options)
