"""Scorecards as text for a terminal, and as Markdown."""

from __future__ import annotations

from collections.abc import Callable

from cssindicators._color import BOLD, BOLD_MAGENTA, DIM, GREEN, RED, RESET, YELLOW
from cssindicators.reports._common import (
    STATUS_TEXT,
    SYMBOLS,
    WARNING_MARK,
    change_text,
    flat,
    observed_text,
    percent,
    plural,
    problems_title,
    pruned,
    raw_text,
    summary,
    sums_up,
    target_text,
    title,
    warnings_title,
)
from cssindicators.scoring import IndicatorResult, Rollup, Scorecard, measurement_text
from cssindicators.targets import Status

_COLOURS = {
    Status.MET: GREEN,
    Status.PARTIAL: YELLOW,
    Status.NOT_MET: RED,
    Status.NOT_MEASURED: DIM,
    Status.INVALID: BOLD_MAGENTA,
}
_WIDTH = 96


def _cut(text: str, width: int) -> str:
    text = flat(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def to_text(card: Scorecard, *, color: bool = False) -> str:
    """The scorecard as an indented tree for a terminal; ``color`` adds ANSI colours.

    Every node shows its roll-up; every indicator its status, achievement, observed
    value and target, then its warnings, one a line (in yellow with ``color``). The
    warnings follow the tree, each with its indicator's id; the invalid rows come last,
    with file, line, raw values and reason. The title names the reporting period.

    >>> from cssindicators.reading import parse_plan
    >>> from cssindicators.scoring import score
    >>> card = score(parse_plan("Secteur d'activité 2 : Criminalité\\n"), [])
    >>> print(to_text(card))
    Scorecard: Plan
    Measurements: <measurements>
    <BLANKLINE>
    0 indicators · 0 measured (–) · 0 met (–) · mean achievement –
    <BLANKLINE>
      s2  Criminalité
        no indicators
    <BLANKLINE>
    Warnings: none
    <BLANKLINE>
    Invalid rows: none
    <BLANKLINE>
    >>> import cssindicators as ci
    >>> plan = parse_plan(
    ...     "Secteur d'activité 2 : Criminalité\\n"
    ...     "Objectif général 1 - Secteur d'activité 2 :\\nLutte\\n"
    ...     "Objectif stratégique 1 - Domaine :\\nPrévention\\nGDP\\n"
    ...     "Objectifs opérationnels\\tRésultats attendus\\tIndicateurs\\n"
    ...     "1. Se concerter\\t- Projets\\t- Réunions : ≥ 12 par an\\n"
    ... )
    >>> meetings = plan.indicators()[0].id
    >>> print(to_text(score(plan, [ci.Measurement(value=1, period="2023-01-01", indicator=meetings)],
    ...                     period="2023")))  # doctest: +ELLIPSIS
    Scorecard: Plan · reporting period 2023
    ...
    1 indicator · 1 measured (100 %) · 1 met (100 %) · mean achievement 100 % · 3 warnings
    ...
            s2.og1.os1.gdp.oo1.i1  Réunions
              ● met          3100 % observed 372/an, target ≥ 12/an · 1 over 2023-01-01
              ⚠ 2023-01-01 is one day, scored against a rate per year: if it means the month, write 2023-01
              ⚠ the measured periods cover 0,3 % of the reporting period 2023: the rate is extrapolated from them
              ⚠ the observed value 372 is 31× the target's 12: check the unit or the period
    <BLANKLINE>
    Warnings (3)
      s2.og1.os1.gdp.oo1.i1: 2023-01-01 is one day, scored against a rate per year: if it means the month, write 2023-01
      s2.og1.os1.gdp.oo1.i1: the measured periods cover 0,3 % of the reporting period 2023: the rate is extrapolated from them
      s2.og1.os1.gdp.oo1.i1: the observed value 372 is 31× the target's 12: check the unit or the period
    <BLANKLINE>
    Invalid rows: none
    <BLANKLINE>
    """

    def paint(code: str, text: str) -> str:
        return f"{code}{text}{RESET}" if color else text

    lines = [paint(BOLD, flat(title(card))), f"Measurements: {', '.join(map(flat, card.sources))}"]
    lines += [f"Note: {flat(note)}" for note in card.notes]
    for depth, item in pruned(card):
        if depth == 0:
            assert isinstance(item, Rollup)
            lines += ["", summary(item), ""]
            continue
        indent = "  " * depth
        label = _cut(item.label, _WIDTH - len(indent) - len(flat(item.id)))
        lines.append(f"{indent}{paint(DIM, flat(item.id))}  {label}")
        if isinstance(item, IndicatorResult):
            lines.append(f"{indent}  {_indicator_line(item, paint)}")
            lines += [f"{indent}  {paint(YELLOW, _warning(w))}" for w in item.warnings]
        elif item.total == 0:
            lines.append(f"{indent}  {paint(DIM, 'no indicators')}")
        elif sums_up(item):
            lines.append(f"{indent}  {summary(item)}")
    warnings = card.warnings()
    lines += ["", paint(BOLD, warnings_title(warnings))]
    lines += [f"  {flat(ident)}: {paint(YELLOW, flat(w))}" for ident, w in warnings]
    lines += ["", paint(BOLD, problems_title(card.problems))]
    for problem in card.problems:
        lines.append(f"  {flat(problem.where)}: {flat(problem.reason)}")
        lines.append(f"    {flat(raw_text(problem))}")
    return "\n".join(lines) + "\n"


def _warning(text: str) -> str:
    """A warning as shown below its indicator: marked, on one line."""
    return f"{WARNING_MARK} {flat(text)}"


def _indicator_line(result: IndicatorResult, paint: Callable[[str, str], str]) -> str:
    status = f"{SYMBOLS[result.status]} {STATUS_TEXT[result.status]:<12}"
    parts = [paint(_COLOURS[result.status], status)]
    if result.evaluation is not None:
        parts.append(f"{percent(result.achievement):>6}")
        parts.append(f"observed {flat(observed_text(result))}, target {flat(target_text(result))}")
        measured = measurement_text(result)
        if measured:
            parts.append(f"· {flat(measured)}")
        changed = change_text(result)
        if changed:
            parts.append(f"· {flat(changed)}")
    else:
        parts.append(f"target {flat(target_text(result))}")
    if result.problems:
        parts.append(f"[{plural(len(result.problems), 'invalid row')}]")
    return " ".join(parts)


# ---------------------------------------------------------------- Markdown

_MARKDOWN_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>&|~#"})


def md(text: object) -> str:
    r"""Text made inert in Markdown: one line, its control characters made visible (see
    :func:`~cssindicators.reports._common.flat`), and every mark-up character escaped.

    >>> md("a|b <script> *x* [l](u)")
    'a\\|b \\<script\\> \\*x\\* \\[l\\](u)'
    >>> print(md("deux\nlignes \x1b[2J"))
    deux\\nlignes \\x1b\[2J
    """
    return flat(text).translate(_MARKDOWN_SPECIAL)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def to_markdown(card: Scorecard) -> str:
    """The scorecard as Markdown: the plan's tree as headings, then the warnings and the
    invalid rows as tables.

    Each node is a heading one level below its parent's (sectors ``##`` … operational
    objectives ``######``), followed by its roll-up; each operational objective's
    indicators are a table (status, target, observed value, achievement, measurement:
    what was measured, then the number of invalid rows and each warning, marked ⚠).
    As in :func:`to_text`, a branch without indicators shows its first node only.

    >>> from cssindicators.reading import parse_plan
    >>> from cssindicators.scoring import score
    >>> card = score(parse_plan(
    ...     "Secteur d'activité 2 : Criminalité | *1*\\n"
    ...     "Objectif général 1 - Secteur d'activité 2 :\\nLutte\\n"
    ...     "Objectif stratégique 1 - Domaine :\\nPrévention\\nGDP\\n"
    ...     "Objectifs opérationnels\\tRésultats attendus\\tIndicateurs\\n"
    ...     "1. Se concerter\\t- Projets\\t- Réunions : ≥ 12 par an\\n"
    ... ), [])
    >>> print(to_markdown(card))
    # Scorecard: Plan
    <BLANKLINE>
    Measurements: \\<measurements\\>
    <BLANKLINE>
    1 indicator · 0 measured (0 %) · 0 met (–) · mean achievement –
    <BLANKLINE>
    ## s2 · Criminalité \\| \\*1\\*
    <BLANKLINE>
    1 indicator · 0 measured (0 %) · 0 met (–) · mean achievement –
    <BLANKLINE>
    ### s2.og1 · Lutte
    ...
    ###### s2.og1.os1.gdp.oo1 · Se concerter
    <BLANKLINE>
    | Status | Indicator | Label | Target | Observed | Achievement | Measurement |
    | --- | --- | --- | --- | --- | ---: | --- |
    | · not measured | s2.og1.os1.gdp.oo1.i1 | Réunions | ≥ 12/an | – | – |  |
    <BLANKLINE>
    ## Warnings: none
    <BLANKLINE>
    ## Invalid rows: none
    <BLANKLINE>
    >>> import cssindicators as ci
    >>> card = score(card.plan, [ci.Measurement(value=200, indicator=card.results[0].id)],
    ...              period="2023")
    >>> print(to_markdown(card))  # doctest: +ELLIPSIS
    # Scorecard: Plan · reporting period 2023
    ...
    | ● met | s2.og1.os1.gdp.oo1.i1 | Réunions | ≥ 12/an | 200/an | 1667 % | 200 over 2023 · ⚠ 1 row has no period: read as the reporting period 2023 · ⚠ the observed value 200 is 16,67× the target's 12: check the unit or the period |
    <BLANKLINE>
    ## Warnings (2)
    <BLANKLINE>
    | Indicator | Warning |
    | --- | --- |
    | s2.og1.os1.gdp.oo1.i1 | 1 row has no period: read as the reporting period 2023 |
    | s2.og1.os1.gdp.oo1.i1 | the observed value 200 is 16,67× the target's 12: check the unit or the period |
    <BLANKLINE>
    ## Invalid rows: none
    <BLANKLINE>
    """
    lines = [f"# {md(title(card))}", "", f"Measurements: {', '.join(md(s) for s in card.sources)}"]
    lines += [f"\nNote: {md(note)}" for note in card.notes]
    table: list[IndicatorResult] = []
    for depth, item in pruned(card):
        if isinstance(item, IndicatorResult):
            table.append(item)
            continue
        lines += _indicator_table(table)
        table = []
        if depth > 0:
            # Headings go one level a node; the plan has five levels above indicators.
            lines += ["", f"{'#' * min(depth + 1, 6)} {md(item.id)} · {md(item.label)}"]
        if depth == 0 or sums_up(item):
            lines += ["", md(summary(item))]
        elif item.total == 0:
            lines += ["", "No indicators."]
    lines += _indicator_table(table)
    warnings = card.warnings()
    lines += ["", f"## {warnings_title(warnings)}"]
    if warnings:
        lines += ["", _row(["Indicator", "Warning"]), _row(["---", "---"])]
        lines += [_row([md(ident), md(warning)]) for ident, warning in warnings]
    lines += ["", f"## {problems_title(card.problems)}"]
    if card.problems:
        lines += [
            "",
            _row(["File", "Line", "Raw values", "Reason"]),
            _row(["---", "---:", "---", "---"]),
        ]
        lines += [
            _row([md(p.source), str(p.line), md(raw_text(p)), md(p.reason)]) for p in card.problems
        ]
    return "\n".join(lines) + "\n"


def _indicator_table(results: list[IndicatorResult]) -> list[str]:
    if not results:
        return []
    lines = [
        "",
        _row(["Status", "Indicator", "Label", "Target", "Observed", "Achievement", "Measurement"]),
        _row(["---"] * 5 + ["---:", "---"]),
    ]
    for result in results:
        shown = [measurement_text(result), change_text(result)]
        if result.problems:
            shown.append(plural(len(result.problems), "invalid row"))
        shown += [_warning(w) for w in result.warnings]
        measured = " · ".join(part for part in shown if part)
        lines.append(
            _row(
                [
                    f"{SYMBOLS[result.status]} {STATUS_TEXT[result.status]}",
                    md(result.id),
                    md(result.label),
                    md(target_text(result)),
                    md(observed_text(result)),
                    percent(result.achievement),
                    md(measured),
                ]
            )
        )
    return lines
