"""Scorecards and plans as HTML: a self-contained page, or a fragment for notebooks.

Every text that comes from a plan or a measurement file goes through :func:`esc`; the
only other things written into the markup are numbers computed here and fixed words.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from cssindicators.plan import ExpectedResult, Indicator, Node, Plan
from cssindicators.reports._common import (
    STATUS_TEXT,
    WARNING_MARK,
    capped,
    change_text,
    observed_text,
    percent,
    plural,
    problems_title,
    raw_items,
    summary,
    target_text,
    title,
    warnings_title,
)
from cssindicators.scoring import (
    IndicatorResult,
    Rollup,
    Scorecard,
    measurement_text,
)
from cssindicators.targets import Status

_CLASSES = {
    Status.MET: "met",
    Status.PARTIAL: "partial",
    Status.NOT_MET: "not-met",
    Status.NOT_MEASURED: "not-measured",
    Status.INVALID: "invalid",
}

_STYLE = """
.cssi{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;line-height:1.4;max-width:1200px}
.cssi h1{font-size:1.5em;margin:.2em 0}.cssi h2{font-size:1.2em;margin:1.2em 0 .4em}
.cssi .meta{color:#57606a;margin:.2em 0}.cssi .summary{font-weight:600}
.cssi details{margin:.3em 0 .3em 1.2em;border-left:2px solid #d0d7de;padding-left:.6em}
.cssi summary{cursor:pointer}.cssi .id{color:#57606a;font-family:ui-monospace,monospace;font-size:.85em}
.cssi .kind{color:#57606a;font-size:.8em;text-transform:uppercase;letter-spacing:.04em}
.cssi .counts{color:#57606a;font-size:.9em;display:block;margin-left:1.2em}
.cssi table{border-collapse:collapse;margin:.3em 0 .6em;font-size:.92em}
.cssi th,.cssi td{border-bottom:1px solid #d0d7de;padding:.25em .5em;text-align:left;vertical-align:top}
.cssi th{background:#f6f8fa}.cssi td.num{text-align:right;white-space:nowrap}
.cssi .light{display:inline-block;width:.9em;height:.9em;border-radius:50%;vertical-align:-.1em;margin-right:.3em;border:1px solid rgba(0,0,0,.2)}
.cssi .met .light,.cssi .light.met{background:#2da44e}.cssi .partial .light,.cssi .light.partial{background:#d4a72c}
.cssi .not-met .light,.cssi .light.not-met{background:#cf222e}.cssi .not-measured .light,.cssi .light.not-measured{background:#eaeef2}
.cssi .invalid .light,.cssi .light.invalid{background:#8250df}
.cssi .bar{display:inline-block;width:6em;height:.7em;background:#eaeef2;border-radius:3px;vertical-align:middle;margin-right:.3em;overflow:hidden}
.cssi .bar>span{display:block;height:100%;background:#0969da}
.cssi .problems td{font-family:ui-monospace,monospace;font-size:.85em}.cssi .legend span{margin-right:1em}
.cssi .unreadable{color:#cf222e}.cssi .target{font-family:ui-monospace,monospace;white-space:nowrap}
.cssi td.nowrap{white-space:nowrap}.cssi .warning{color:#9a6700}
"""


def esc(text: object) -> str:
    """Any text made inert in HTML (``<``, ``>``, ``&`` and both quotes escaped).

    >>> esc('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    """
    return html.escape(str(text), quote=True)


def _bar(share: float | None) -> str:
    width = round(capped(share) * 100, 1)
    return f'<span class="bar"><span style="width:{width}%"></span></span>{esc(percent(share))}'


def _light(status: Status) -> str:
    name = _CLASSES[status]
    return f'<span class="light {name}" title="{STATUS_TEXT[status]}"></span>{STATUS_TEXT[status]}'


def _page(heading: str, body: str, *, page: bool) -> str:
    fragment = f'<div class="cssi"><style>{_STYLE}</style>{body}</div>'
    if not page:
        return fragment
    return (
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(heading)}</title>\n</head>\n<body>\n{fragment}\n</body>\n</html>\n"
    )


# ---------------------------------------------------------------- scorecards


def to_html(card: Scorecard, *, page: bool = True) -> str:
    """The scorecard as one self-contained HTML page (``page=False``: a fragment).

    The plan tree folds open; each node shows its roll-up with bars (and its number of
    warnings), each indicator a traffic light, its achievement bar, observed value,
    target and warnings; the warnings follow the tree, each with its indicator's id,
    and the invalid rows come last with their file, line, raw values and reason. The
    title and the heading name the reporting period.

    >>> from cssindicators.reading import parse_plan
    >>> from cssindicators.scoring import score
    >>> card = score(parse_plan("Secteur d'activité 2 : <script>alert(1)</script>\\n"), [])
    >>> page = to_html(card)
    >>> page.startswith("<!DOCTYPE html>"), "<script>" in page, "&lt;script&gt;" in page
    (True, False, True)
    >>> "<h2>Warnings: none</h2>" in page
    True
    >>> page = to_html(score(card.plan, [], period="2023-S1"))
    >>> "<title>Scorecard: Plan · reporting period 2023-H1</title>" in page
    True
    """
    legend = "".join(f"<span>{_light(s)}</span>" for s in Status)
    body = [
        f"<h1>{esc(title(card))}</h1>",
        f'<p class="meta">Measurements: {esc(", ".join(card.sources))}</p>',
        *(f'<p class="meta note">Note: {esc(note)}</p>' for note in card.notes),
        f'<p class="summary">{esc(summary(card.rollup()))}</p>',
        f'<p class="legend">{legend}</p>',
        '<section class="tree">',
        *(_node(card, node) for node in card.plan.children),
        "</section>",
        _warnings(card),
        _problems(card),
    ]
    return _page(title(card), "\n".join(body), page=page)


def _node(card: Scorecard, node: Node) -> str:
    rollup = card.rollup(node.id)
    children = [c for c in node.children if not isinstance(c, ExpectedResult)]
    head = (
        f'<summary><span class="kind">{esc(node.kind.replace("_", " "))}</span> '
        f'<span class="id">{esc(node.id)}</span> {esc(rollup.label)}'
        f'<span class="counts">{_counts(rollup)}</span></summary>'
    )
    indicators = [card.result(c.id) for c in children if isinstance(c, Indicator)]
    inner = [_node(card, c) for c in children if not isinstance(c, Indicator)]
    if indicators:
        inner.append(_indicator_table(indicators))
    # Branches without indicators (tables the template left empty) start folded.
    fold = " open" if rollup.total else ""
    return f"<details{fold}>{head}{''.join(inner)}</details>"


def _counts(rollup: Rollup) -> str:
    shown = (
        f"{rollup.total} indicators · {rollup.met} met · {rollup.partial} partial · "
        f"{rollup.not_met} not met · {rollup.not_measured} not measured"
    )
    if rollup.invalid:
        shown += f" · {rollup.invalid} invalid"
    if rollup.warnings:
        shown += f" · {plural(rollup.warnings, 'warning')}"
    return (
        f"{esc(shown)}<br>met share {_bar(rollup.met_share)} · "
        f"mean achievement {_bar(rollup.mean_achievement)} · coverage {_bar(rollup.coverage)}"
    )


def _indicator_table(results: Sequence[IndicatorResult]) -> str:
    rows = [
        "<table><tr><th>Status</th><th>Indicator</th><th>Target</th><th>Observed</th>"
        "<th>Achievement</th><th>Measurement</th></tr>"
    ]
    for result in results:
        unreadable = ' class="unreadable"' if result.target is None else ' class="target"'
        invalid = ""
        if result.problems:
            invalid = f"<br><small>{plural(len(result.problems), 'invalid row')}</small>"
        changed = change_text(result)
        changed = f"<br>{esc(changed)}" if changed else ""
        warned = "".join(
            f'<br><span class="warning">{WARNING_MARK} {esc(w)}</span>' for w in result.warnings
        )
        rows.append(
            f'<tr class="{_CLASSES[result.status]}"><td class="nowrap">{_light(result.status)}</td>'
            f'<td><span class="id">{esc(result.id)}</span><br>{esc(result.label)}</td>'
            f"<td{unreadable}>{esc(target_text(result))}</td>"
            f'<td class="num">{esc(observed_text(result))}</td>'
            f'<td class="num">{_bar(result.achievement) if result.evaluation else "–"}</td>'
            f"<td>{esc(measurement_text(result))}{changed}{invalid}{warned}</td></tr>"
        )
    rows.append("</table>")
    return "".join(rows)


def _warnings(card: Scorecard) -> str:
    warnings = card.warnings()
    parts = [f'<section class="warnings"><h2>{esc(warnings_title(warnings))}</h2>']
    if warnings:
        parts.append("<table><tr><th>Indicator</th><th>Warning</th></tr>")
        parts += [
            f'<tr><td><span class="id">{esc(ident)}</span></td>'
            f'<td class="warning">{WARNING_MARK} {esc(warning)}</td></tr>'
            for ident, warning in warnings
        ]
        parts.append("</table>")
    parts.append("</section>")
    return "".join(parts)


def _problems(card: Scorecard) -> str:
    parts = [f'<section class="problems"><h2>{esc(problems_title(card.problems))}</h2>']
    if card.problems:
        parts.append("<table><tr><th>File</th><th>Line</th><th>Raw values</th><th>Reason</th></tr>")
        for problem in card.problems:
            raw = "<br>".join(esc(item) for item in raw_items(problem))
            parts.append(
                f'<tr><td>{esc(problem.source)}</td><td class="num">{problem.line}</td>'
                f"<td>{raw}</td><td>{esc(problem.reason)}</td></tr>"
            )
        parts.append("</table>")
    parts.append("</section>")
    return "".join(parts)


# ---------------------------------------------------------------- plans


def plan_to_html(plan: Plan, *, page: bool = False) -> str:
    """A plan as HTML: its tree with every indicator's target, and the reader's remarks.

    A fragment by default (what a notebook shows); ``page=True`` for a whole page.

    >>> from cssindicators.reading import parse_plan
    >>> from cssindicators.scoring import score
    >>> fragment = plan_to_html(parse_plan("Secteur d'activité 2 : Criminalité\\n"))
    >>> fragment.startswith('<div class="cssi">'), "Criminalité" in fragment
    (True, True)
    """
    heading = plan.title
    body = [f"<h1>{esc(heading)}</h1>"]
    body += [f'<p class="meta">{esc(p)}</p>' for p in (plan.allocation, plan.legal_basis) if p]
    body += [_plan_node(node) for node in plan.children]
    if plan.diagnostics:
        items = "".join(f"<li>{esc(d)}</li>" for d in plan.diagnostics)
        body.append(f"<h2>Reader's remarks ({len(plan.diagnostics)})</h2><ul>{items}</ul>")
    return _page(heading, "\n".join(body), page=page)


def _plan_node(node: Node) -> str:
    if isinstance(node, Indicator):
        if node.target is not None:
            target = f'<span class="target">{esc(node.target)}</span>'
        elif node.target_text is not None:
            target = (
                f'<span class="unreadable">unreadable target {esc(repr(node.target_text))}</span>'
            )
        else:
            target = '<span class="unreadable">no target</span>'
        return f'<li><span class="id">{esc(node.id)}</span> {esc(node.label)} → {target}</li>'
    if isinstance(node, ExpectedResult):
        return f'<li><span class="kind">result</span> {esc(node.text)}</li>'
    label = node.heading
    children = "".join(_plan_node(c) for c in node.children)
    leaves = node.kind == "operational_objective"  # results and indicators: list items
    inner = f"<ul>{children}</ul>" if leaves and children else children
    return (
        f'<details open><summary><span class="kind">{esc(node.kind.replace("_", " "))}</span> '
        f'<span class="id">{esc(node.id)}</span> {esc(label)}</summary>{inner}</details>'
    )
