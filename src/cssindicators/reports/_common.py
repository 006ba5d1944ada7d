"""What every report format shares: the tree to show, numbers and statuses in words."""

from __future__ import annotations

import math
from collections.abc import Iterator

from cssindicators.measurements import Problem, _raw_items
from cssindicators.plan import ExpectedResult, Indicator
from cssindicators.scoring import IndicatorResult, Rollup, Scorecard
from cssindicators.targets import Status

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


def target_text(result: IndicatorResult) -> str:
    """The target as read (canonical), or what the plan wrote when it cannot be read."""
    if result.target is not None:
        return str(result.target)
    written = result.indicator.target_text
    return "no target" if written is None else f"unreadable: {written}"


def summary(rollup: Rollup) -> str:
    """A roll-up in one line of words.

    >>> summary(Rollup("", "plan", "p", met=2, not_met=1, not_measured=1, met_share=2/3,
    ...                mean_achievement=0.8, coverage=0.75))
    '4 indicators · 3 measured (75 %) · 2 met (67 %) · mean achievement 80 %'
    """
    parts = [
        f"{rollup.total} indicator{'s' if rollup.total != 1 else ''}",
        f"{rollup.measured} measured ({percent(rollup.coverage)})",
        f"{rollup.met} met ({percent(rollup.met_share)})",
        f"mean achievement {percent(rollup.mean_achievement)}",
    ]
    if rollup.invalid:
        parts.append(f"{rollup.invalid} invalid")
    return " · ".join(parts)


def capped(achievement: float | None) -> float:
    """An achievement as a bar's fill, between 0 and 1."""
    if achievement is None or math.isnan(achievement):
        return 0.0
    return max(0.0, min(achievement, 1.0))


def title(card: Scorecard) -> str:
    """The title of a report: the plan's title (``Plan.title``: commune and year)."""
    return f"Scorecard: {card.rollup().label}"


def problems_title(problems: tuple[Problem, ...]) -> str:
    count = len(problems)
    return f"Invalid rows ({count})" if count else "Invalid rows: none"


def raw_text(problem: Problem) -> str:
    """A problem's raw values on one line, leaving out empty cells.

    >>> raw_text(Problem("m.csv", 2, "no value", raw={"indicator": "x", "value": "", "note": "n"}))
    "indicator='x'; note='n'"
    """
    return "; ".join(_raw_items(problem.raw, skip_blank=True))


def flat(text: object) -> str:
    """Text on one line: line breaks and other control characters become spaces."""
    return "".join(c if c.isprintable() else " " for c in str(text))
