"""What every report format shares: the tree to show, numbers and statuses in words.

Raw values follow one rule in every format: a blank cell (empty, or only spaces) is left
out, and every other cell is shown as ``column='text'``, the text as read, quoted (so a
space or a line break in it shows). JSON, being data, keeps the texts in an object, with
the same cells left out.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import attrs

from cssindicators._terminal import visible
from cssindicators.measurements import Problem
from cssindicators.plan import ExpectedResult, Indicator
from cssindicators.scoring import IndicatorResult, Rollup, Scorecard, baseline_text
from cssindicators.targets import Change, Status

#: A status as shown to people, with the symbol of a traffic light.
STATUS_TEXT = {
    Status.MET: "met",
    Status.PARTIAL: "partial",
    Status.NOT_MET: "not met",
    Status.NOT_MEASURED: "not measured",
    Status.INVALID: "invalid",
}
SYMBOLS = {
    Status.MET: "●",
    Status.PARTIAL: "◐",
    Status.NOT_MET: "○",
    Status.NOT_MEASURED: "·",
    Status.INVALID: "✗",
}
#: The mark before a warning, in every format (a console that cannot show it shows ``?``).
WARNING_MARK = "⚠"
_TITLE_WIDTH = 60  # the longest plan title a one-line summary shows whole


def tree(card: Scorecard) -> Iterator[tuple[int, Rollup | IndicatorResult]]:
    """The plan's roll-up, then every node in document order with its depth (plan: 0).

    Operational objectives are followed by their indicators' results; expected results
    are left out (they are not scored).
    """
    yield 0, card.rollup()
    for node in card.plan.walk():
        if isinstance(node, ExpectedResult):
            continue
        depth = len(card.plan.parents(node.id)) + 1
        if isinstance(node, Indicator):
            yield depth, card.result(node.id)
        else:
            yield depth, card.rollup(node.id)


def pruned(card: Scorecard) -> Iterator[tuple[int, Rollup | IndicatorResult]]:
    r""":func:`tree`, without what lies below a node that has no indicators (the tables a
    plan's template left empty): such a node is shown, its branch is not.

    >>> from cssindicators.reading import parse_plan
    >>> from cssindicators.scoring import score
    >>> card = score(parse_plan(
    ...     "Secteur d'activité 1 : Zones\n"
    ...     "Objectif général 1 - Secteur d'activité 1 :\nZones\n"), [])
    >>> [item.id for _, item in tree(card)], [item.id for _, item in pruned(card)]
    (['', 's1', 's1.og1'], ['', 's1'])
    """
    empty_below: int | None = None  # the depth of a node without indicators
    for depth, item in tree(card):
        if empty_below is not None and depth > empty_below:
            continue
        empty = depth > 0 and isinstance(item, Rollup) and item.total == 0
        empty_below = depth if empty else None
        yield depth, item


def sums_up(rollup: Rollup) -> bool:
    """Whether a node's roll-up is worth a line of its own: not for a node without
    indicators, nor for an operational objective with one indicator (its result says it).

    >>> sums_up(Rollup("s2.og1.os1.gdp.oo1", "operational_objective", "x", met=1))
    False
    >>> sums_up(Rollup("s2", "sector", "x", met=1))
    True
    """
    return rollup.total > 0 and (rollup.kind != "operational_objective" or rollup.total > 1)


def percent(share: float | None) -> str:
    """A share as a whole percentage, ``–`` when there is none.

    >>> percent(0.834), percent(None), percent(float("inf"))
    ('83 %', '–', '∞')
    """
    if share is None or math.isnan(share):
        return "–"
    if math.isinf(share):
        return "∞"
    return f"{share:.0%}".replace("%", " %")


def observed_text(result: IndicatorResult) -> str:
    """The observed value in the target's terms (``3,01 heures/jour``), or ``–``."""
    if result.evaluation is None or result.target is None:
        return "–"
    return result.target.format_rate(result.evaluation.observed)


def change_text(result: IndicatorResult) -> str:
    """For a change target, its baseline and the observed change in words (``baseline
    100 over 2022, change -5 %``); ``""`` for other targets."""
    evaluation = result.evaluation
    if evaluation is None or evaluation.baseline is None or not isinstance(result.target, Change):
        return ""
    text = f"baseline {baseline_text(result)}"
    change = evaluation.change
    if change is not None:
        text += f", change {result.target.format_change(change)}"
    return text


def target_text(result: IndicatorResult) -> str:
    """The target as read (canonical), or what the plan wrote when it cannot be read."""
    if result.target is not None:
        return str(result.target)
    written = result.indicator.target_text
    return "no target" if written is None else f"unreadable: {written}"


def plural(count: int, noun: str) -> str:
    """A count and its noun, plural unless the count is 1.

    >>> plural(1, "indicator"), plural(0, "invalid row"), plural(3, "invalid row")
    ('1 indicator', '0 invalid rows', '3 invalid rows')
    """
    return f"{count} {noun}{'' if count == 1 else 's'}"


def summary(rollup: Rollup) -> str:
    """A roll-up in one line of words; its invalid indicators and the warnings below it
    are counted when there are some.

    >>> summary(Rollup("", "plan", "p", met=2, not_met=1, not_measured=1, met_share=2/3,
    ...                mean_achievement=0.8, coverage=0.75))
    '4 indicators · 3 measured (75 %) · 2 met (67 %) · mean achievement 80 %'
    >>> summary(Rollup("s2", "sector", "x", met=1, invalid=1, met_share=1, coverage=0.5,
    ...                mean_achievement=1, warnings=2))
    '2 indicators · 1 measured (50 %) · 1 met (100 %) · mean achievement 100 % · 1 invalid · 2 warnings'
    """
    parts = [
        plural(rollup.total, "indicator"),
        f"{rollup.measured} measured ({percent(rollup.coverage)})",
        f"{rollup.met} met ({percent(rollup.met_share)})",
        f"mean achievement {percent(rollup.mean_achievement)}",
    ]
    if rollup.invalid:
        parts.append(f"{rollup.invalid} invalid")
    if rollup.warnings:
        parts.append(plural(rollup.warnings, "warning"))
    return " · ".join(parts)


def summary_line(card: Scorecard) -> str:
    """A scorecard in one short line, as ``repr`` shows it: the plan's title, its
    indicators counted by status (statuses no indicator has are left out), the number
    of invalid rows, and the number of warnings when there are some. The reports hold
    the rest.

    >>> from cssindicators.reading import parse_plan
    >>> from cssindicators.scoring import score
    >>> import cssindicators as ci
    >>> plan = parse_plan(
    ...     "Secteur d'activité 2 : Criminalité\\n"
    ...     "Objectif général 1 - Secteur d'activité 2 :\\nLutte\\n"
    ...     "Objectif stratégique 1 - Domaine :\\nPrévention\\nGDP\\n"
    ...     "Objectifs opérationnels\\tRésultats attendus\\tIndicateurs\\n"
    ...     "1. Se concerter\\t- Projets\\t- Réunions : ≥ 12 par an\\n"
    ... )
    >>> summary_line(score(plan, [ci.Measurement(value=9, period="2023", indicator="s9")]))
    "<Scorecard 'Plan': 1 indicator (1 not measured), 1 invalid row>"
    >>> meetings = plan.indicators()[0].id
    >>> summary_line(score(plan, [ci.Measurement(value=200, indicator=meetings)], period="2023"))
    "<Scorecard 'Plan': 1 indicator (1 met), 0 invalid rows, 2 warnings>"
    >>> summary_line(score(parse_plan(""), []))
    "<Scorecard 'Plan': 0 indicators, 0 invalid rows>"
    """
    rollup = card.rollup()
    counts = ", ".join(
        f"{count} {STATUS_TEXT[status]}" for status, count in rollup.counts.items() if count
    )
    indicators = plural(rollup.total, "indicator")
    if counts:
        indicators += f" ({counts})"
    heading = " ".join(rollup.label.split())  # repr escapes the other control characters
    if len(heading) > _TITLE_WIDTH:
        heading = heading[: _TITLE_WIDTH - 1] + "…"
    shown = f"{indicators}, {plural(len(card.problems), 'invalid row')}"
    if rollup.warnings:
        shown += f", {plural(rollup.warnings, 'warning')}"
    return f"<Scorecard {heading!r}: {shown}>"


def capped(achievement: float | None) -> float:
    """An achievement as a bar's fill, between 0 and 1."""
    if achievement is None or math.isnan(achievement):
        return 0.0
    return max(0.0, min(achievement, 1.0))


def title(card: Scorecard) -> str:
    """The title of a report: the plan's title (``Plan.title``: commune and year), and
    the reporting period in its ISO form when the scorecard is for one.

    >>> from cssindicators.plan import Plan
    >>> from cssindicators.scoring import score
    >>> plan = Plan.assemble(commune="Molenbeek-Saint-Jean", year=2023, sectors=[])
    >>> title(score(plan, [])), title(score(plan, [], period="T1 2023"))
    ('Scorecard: Molenbeek-Saint-Jean, 2023 · reporting period 2023', 'Scorecard: Molenbeek-Saint-Jean, 2023 · reporting period 2023-Q1')
    >>> title(score(Plan.assemble(commune="Ixelles", year=None, sectors=[]), []))
    'Scorecard: Ixelles'
    """
    heading = f"Scorecard: {card.rollup().label}"
    if card.period is None:
        return heading
    return f"{heading} · reporting period {card.period}"


def warnings_title(warnings: tuple[tuple[str, str], ...]) -> str:
    """The heading of the warnings of a scorecard (:meth:`Scorecard.warnings`).

    >>> warnings_title(()), warnings_title((("s2.i1", "check the unit"),))
    ('Warnings: none', 'Warnings (1)')
    """
    count = len(warnings)
    return f"Warnings ({count})" if count else "Warnings: none"


def problems_title(problems: tuple[Problem, ...]) -> str:
    count = len(problems)
    return f"Invalid rows ({count})" if count else "Invalid rows: none"


def raw_cells(problem: Problem) -> tuple[tuple[str, str], ...]:
    """The ``(column, text)`` cells of a problem's row that reports show: every cell but
    the blank ones, in the order of the file.

    >>> raw_cells(Problem("m.csv", 2, "no value", raw={"indicator": "x", "value": " ", "note": "n"}))
    (('indicator', 'x'), ('note', 'n'))
    """
    return tuple((name, text) for name, text in problem.raw if text.strip())


def raw_items(problem: Problem) -> list[str]:
    r"""A problem's raw values as ``column='text'`` items (see :func:`raw_cells`).

    >>> raw_items(Problem("m.csv", 2, "no value", raw={"indicator": "x", "value": "", "note": "l'été"}))
    ["indicator='x'", 'note="l\'été"']
    """
    return list(attrs.evolve(problem, raw=raw_cells(problem)).raw_items())


def raw_text(problem: Problem) -> str:
    """A problem's raw values on one line (see :func:`raw_items`).

    >>> raw_text(Problem("m.csv", 2, "no value", raw={"indicator": "x", "value": "", "note": "n"}))
    "indicator='x'; note='n'"
    """
    return "; ".join(raw_items(problem))


def flat(text: object) -> str:
    r"""Text from a file as a text report shows it: on one line, its control characters
    (line breaks, escape sequences, bidirectional controls) made visible, never run (see
    :func:`cssindicators._terminal.visible`).

    >>> flat("Réunions\n\x1b]0;titre\x07 \u202eà l'envers")
    "Réunions\\n\\x1b]0;titre\\x07 \\u202eà l'envers"
    """
    return visible(text)
