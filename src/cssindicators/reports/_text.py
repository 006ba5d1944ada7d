"""Scorecards as text for a terminal, and as Markdown."""

from __future__ import annotations

from collections.abc import Callable

from cssindicators._color import BOLD, BOLD_MAGENTA, DIM, GREEN, RED, RESET, YELLOW
from cssindicators.reports._common import (
    STATUS_TEXT,
    SYMBOLS,
    flat,
    observed_text,
    percent,
    problems_title,
    raw_text,
    summary,
    target_text,
    title,
    tree,
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
    value and target; the invalid rows come last, with file, line, raw values and
    reason.

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
    Invalid rows: none
    <BLANKLINE>
    """

    def paint(code: str, text: str) -> str:
        return f"{code}{text}{RESET}" if color else text

    lines = [paint(BOLD, flat(title(card))), f"Measurements: {', '.join(map(flat, card.sources))}"]
    empty_below: int | None = None  # the depth of a node without indicators being skipped
    for depth, item in tree(card):
        if empty_below is not None and depth > empty_below:
            continue
        empty_below = None
        if depth == 0:
            assert isinstance(item, Rollup)
            lines += ["", summary(item), ""]
            continue
        indent = "  " * depth
        label = _cut(item.label, _WIDTH - len(indent) - len(item.id))
        lines.append(f"{indent}{paint(DIM, item.id)}  {label}")
        if isinstance(item, IndicatorResult):
            lines.append(f"{indent}  {_indicator_line(item, paint)}")
        elif item.total == 0:
            lines.append(f"{indent}  {paint(DIM, 'no indicators')}")
            empty_below = depth
        elif item.kind != "operational_objective" or item.total > 1:
            lines.append(f"{indent}  {summary(item)}")
    lines += ["", paint(BOLD, problems_title(card.problems))]
    for problem in card.problems:
        lines.append(f"  {flat(problem.where)}: {flat(problem.reason)}")
        lines.append(f"    {flat(raw_text(problem))}")
    return "\n".join(lines) + "\n"


def _indicator_line(result: IndicatorResult, paint: Callable[[str, str], str]) -> str:
    status = f"{SYMBOLS[result.status]} {STATUS_TEXT[result.status]:<12}"
    parts = [paint(_COLOURS[result.status], status)]
    if result.evaluation is not None:
        parts.append(f"{percent(result.achievement):>6}")
        parts.append(f"observed {flat(observed_text(result))}, target {flat(target_text(result))}")
        measured = measurement_text(result)
        if measured:
            parts.append(f"· {flat(measured)}")
    else:
        parts.append(f"target {flat(target_text(result))}")
    if result.problems:
        parts.append(
            f"[{len(result.problems)} invalid row{'s' if len(result.problems) > 1 else ''}]"
        )
    return " ".join(parts)


# ---------------------------------------------------------------- Markdown

_MARKDOWN_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>&|~#"})


def md(text: object) -> str:
    r"""Text made inert in Markdown: one line, and every mark-up character escaped.

    >>> md("a|b <script> *x*\n[l](u)")
    'a\\|b \\<script\\> \\*x\\* \\[l\\](u)'
    """
    return flat(text).translate(_MARKDOWN_SPECIAL)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def to_markdown(card: Scorecard) -> str:
    """The scorecard as Markdown: a roll-up table, an indicator table, the invalid rows.

    >>> from cssindicators.reading import parse_plan
    >>> from cssindicators.scoring import score
    >>> card = score(parse_plan("Secteur d'activité 2 : Criminalité | *1*\\n"), [])
    >>> print(to_markdown(card).splitlines()[10])
    | s2 | Criminalité \\| \\*1\\* | 0 | 0 (–) | 0 | 0 | 0 | 0 | – | – |
    """
    lines = [
        f"# {md(title(card))}",
        "",
        f"Measurements: {', '.join(md(s) for s in card.sources)}",
        "",
    ]
    lines += [md(summary(card.rollup())), "", "## Roll-ups", ""]
    lines.append(
        _row(
            [
                "Node",
                "Label",
                "Indicators",
                "Measured",
                "Met",
                "Partial",
                "Not met",
                "Invalid",
                "Met share",
                "Mean achievement",
            ]
        )
    )
    lines.append(_row(["---"] * 2 + ["---:"] * 8))
    for depth, item in tree(card):
        if isinstance(item, Rollup) and depth > 0:
            lines.append(
                _row(
                    [
                        md(item.id),
                        ("\u00a0\u00a0" * (depth - 1)) + md(item.label),
                        str(item.total),
                        f"{item.measured} ({percent(item.coverage)})",
                        str(item.met),
                        str(item.partial),
                        str(item.not_met),
                        str(item.invalid),
                        percent(item.met_share),
                        percent(item.mean_achievement),
                    ]
                )
            )
    lines += ["", "## Indicators", ""]
    lines.append(
        _row(["Indicator", "Label", "Target", "Status", "Observed", "Achievement", "Rows"])
    )
    lines.append(_row(["---"] * 5 + ["---:"] * 2))
    for result in card.results:
        lines.append(
            _row(
                [
                    md(result.id),
                    md(result.label),
                    md(target_text(result)),
                    f"{SYMBOLS[result.status]} {STATUS_TEXT[result.status]}",
                    md(observed_text(result)),
                    percent(result.achievement),
                    str(len(result.rows)),
                ]
            )
        )
    lines += ["", f"## {problems_title(card.problems)}", ""]
    if card.problems:
        lines.append(_row(["File", "Line", "Raw values", "Reason"]))
        lines.append(_row(["---", "---:", "---", "---"]))
        for problem in card.problems:
            lines.append(
                _row(
                    [
                        md(problem.source),
                        str(problem.line),
                        md(problem.raw_text),
                        md(problem.reason),
                    ]
                )
            )
    return "\n".join(lines) + "\n"
