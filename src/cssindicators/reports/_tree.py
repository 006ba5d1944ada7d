r"""A plan for terminals: its tree with ids and parsed targets, its diagnostics.

What ``cssindicators show`` and ``cssindicators check`` print; ``color`` adds ANSI
colours (for terminals). Texts from the document (labels, ids, notes, targets, file
names, messages) show their control characters as escapes (``\x1b``, ``\n``): they
never act on the terminal nor start a line of their own.
"""

from __future__ import annotations

from cssindicators._color import BOLD_RED, DIM, GREEN, paint
from cssindicators._terminal import visible
from cssindicators.errors import _caret_excerpt
from cssindicators.plan import Indicator, Node, Plan, Severity

__all__ = ["format_diagnostics", "format_tree"]


def _number(number: int | None) -> str:
    return "" if number is None else f" {number}"


_WHAT = {
    "sector": ("Secteur d'activité", "(sans titre)"),
    "general_objective": ("Objectif général", "(sans titre)"),
    "strategic_objective": ("Objectif stratégique", "(sans titre)"),
    "service_block": ("Service", "(sans service)"),
    "operational_objective": ("Objectif opérationnel", "(vide)"),
    "expected_result": ("Résultat attendu", ""),
}


def _describe(node: Node, color: bool) -> str:
    if not isinstance(node, Indicator):
        what, missing = _WHAT[node.kind]
        heading = visible(node.heading) or missing
        return f"{what}{_number(getattr(node, 'number', None))} : {heading}"
    if node.target is not None:
        target = paint(visible(node.target), GREEN, color=color)
    elif node.target_text is not None:
        target = paint(
            f"unreadable target {visible(repr(node.target_text))}", BOLD_RED, color=color
        )
    else:
        target = paint("no target", BOLD_RED, color=color)
    return f"Indicateur : {visible(node.heading)} → {target}"


def _note(node: Node) -> str:
    note = getattr(node, "note", None)
    return f" ({visible(note)})" if note else ""


def format_tree(plan: Plan, *, color: bool = False) -> str:
    """The plan as an indented tree, one node a line, its id first; targets as parsed.

    ``color`` adds ANSI colours (for terminals).

    >>> from cssindicators.plan import (GeneralObjective, Indicator, OperationalObjective,
    ...     Sector, ServiceBlock, StrategicObjective)
    >>> from cssindicators.targets import parse_target
    >>> plan = Plan.assemble(commune="Molenbeek-Saint-Jean", year=2023, sectors=[
    ...     Sector(number=3, title="Terrorisme", objectives=[GeneralObjective(
    ...         number=1, title="Lutte", note="Question traitée au niveau de la Zone de Police",
    ...         objectives=[StrategicObjective(number=1, title="Réseau", blocks=[ServiceBlock(
    ...             service="POLE RADICALISME", objectives=[OperationalObjective(
    ...                 number=1, text="Écouter", indicators=[Indicator(
    ...                     label="Réunions", target_text=">/=à 50/an.",
    ...                     target=parse_target(">/=à 50/an."))])])])])])])
    >>> print(format_tree(plan))
    Molenbeek-Saint-Jean, 2023
    s3  Secteur d'activité 3 : Terrorisme
      s3.og1  Objectif général 1 : Lutte (Question traitée au niveau de la Zone de Police)
        s3.og1.os1  Objectif stratégique 1 : Réseau
          s3.og1.os1.pole-radicalisme  Service : POLE RADICALISME
            s3.og1.os1.pole-radicalisme.oo1  Objectif opérationnel 1 : Écouter
              s3.og1.os1.pole-radicalisme.oo1.i1  Indicateur : Réunions → ≥ 50/an
    """
    lines = [visible(plan.title)]
    lines += [visible(part) for part in (plan.allocation, plan.legal_basis) if part]
    for node in plan.walk():
        indent = "  " * len(plan.parents(node.id))
        described = _describe(node, color)
        ident = paint(visible(node.id), DIM, color=color)
        lines.append(f"{indent}{ident}  {described}{_note(node)}")
    return "\n".join(lines)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def format_diagnostics(
    plan: Plan, *, source: str | None = None, color: bool = False, text: str | None = None
) -> str:
    """The plan's diagnostics, one a line as compilers print them, then a summary.

    ``source`` defaults to ``plan.source``; ``color`` adds ANSI colours (for terminals).
    Given the document's ``text``, each error and warning is followed by its line with a
    caret under the column:

    >>> from cssindicators.plan import Diagnostic
    >>> plan = Plan(diagnostics=(Diagnostic(Severity.ERROR, 2, 8, "the target does not parse"),))
    >>> print(format_diagnostics(plan, source="plan.txt", text="Titre\\nVisites ≥ douze/an\\n"))
    plan.txt:2:8: error: the target does not parse
        Visites ≥ douze/an
               ^
    plan.txt: 0 indicators, 1 error, 0 warnings, 0 infos

    >>> plan = Plan(source="plan.txt", diagnostics=(
    ...     Diagnostic(Severity.INFO, 31, 1, "separator line ignored: '--'"),
    ...     Diagnostic(Severity.ERROR, 83, 12, "the target 'x' does not parse"),
    ... ))
    >>> print(format_diagnostics(plan))
    plan.txt:31:1: info: separator line ignored: '--'
    plan.txt:83:12: error: the target 'x' does not parse
    plan.txt: 0 indicators, 1 error, 0 warnings, 1 info
    """
    source = source or plan.source
    document = text.split("\n") if text is not None else []
    lines = []
    for diagnostic in plan.diagnostics:
        lines.append(diagnostic.format(source, color=color))
        if diagnostic.severity is not Severity.INFO and diagnostic.line <= len(document):
            line = document[diagnostic.line - 1].rstrip("\r")
            lines.append(_caret_excerpt(line, diagnostic.column - 1))
    counts = dict.fromkeys(Severity, 0)
    for diagnostic in plan.diagnostics:
        counts[diagnostic.severity] += 1
    summary = ", ".join(
        [_count(len(plan.indicators()), "indicator")]
        + [_count(n, severity.value) for severity, n in counts.items()]
    )
    lines.append(f"{visible(source or '<text>')}: {summary}")
    return "\n".join(lines)
