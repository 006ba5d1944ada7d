"""Writing a plan back in the text form of the official template."""

from __future__ import annotations

from cssindicators.plan import (
    GeneralObjective,
    OperationalObjective,
    Plan,
    Sector,
    StrategicObjective,
)

__all__ = ["render_template"]

_HEADER = "Objectifs opérationnels\tRésultats attendus\tIndicateurs"


def _num(number: int | None) -> str:
    return "" if number is None else f" {number}"


def _paragraphs(title: str | None, note: str | None) -> list[str]:
    return [p for p in (title, None if note is None else f"({note})") if p is not None]


def _title_line(plan: Plan) -> str | None:
    if plan.commune is None and plan.year is None:
        return None
    line = "CONTRAT DE SECURITE ET DE SOCIETE PLAN DE PROJET" + _num(plan.year)
    if plan.commune is not None:
        line += f" DE LA VILLE/COMMUNE DE {plan.commune}"
    return line


def _sector(sector: Sector) -> list[str]:
    heading = f"Secteur d'activité{_num(sector.number)} :"
    if sector.title is not None:
        heading += f" {sector.title}"
    return [heading, *_paragraphs(None, sector.note)]


def _general(general: GeneralObjective, sector: Sector) -> list[str]:
    named = "" if sector.number is None else f" - Secteur d'activité {sector.number}"
    return [
        f"Objectif général{_num(general.number)}{named} :",
        *_paragraphs(general.title, general.note),
    ]


def _strategic(strategic: StrategicObjective) -> list[str]:
    return [
        f"Objectif stratégique{_num(strategic.number)} - Domaine :",
        *_paragraphs(strategic.title, strategic.note),
    ]


def _rows(objective: OperationalObjective) -> list[str]:
    """One row for the objective, then one for each further result or indicator."""
    results = [f"- {r.text}" for r in objective.results]
    indicators = [
        f"- {i.label}" if i.target_text is None else f"- {i.label} : {i.target_text}"
        for i in objective.indicators
    ]
    first = "" if objective.number is None else f"{objective.number}."
    if objective.text:
        first = f"{first} {objective.text}".lstrip()
    rows = []
    for k in range(max(1, len(results), len(indicators))):
        cells = (
            first if k == 0 else "",
            results[k] if k < len(results) else "",
            indicators[k] if k < len(indicators) else "",
        )
        rows.append("\t".join(cells))
    return rows


def render_template(plan: Plan) -> str:
    r"""The plan as the text export of the template, paragraphs separated by blank lines.

    Every result and indicator is its own "- " item; items beyond the first go on
    continuation rows. Reading the text back gives an equal plan (diagnostics aside, for
    a plan that had some).

    >>> from cssindicators.plan import (OperationalObjective, Indicator, ExpectedResult,
    ...     ServiceBlock)
    >>> print(render_template(Plan.assemble(year=2023, commune="Molenbeek-Saint-Jean",
    ...     sectors=[Sector(number=2, title="Criminalité", objectives=[GeneralObjective(
    ...     number=None, title="Criminalité", objectives=[StrategicObjective(number=1,
    ...     title="Prévention", blocks=[ServiceBlock(service="GDP", objectives=[
    ...     OperationalObjective(number=1, text="Être présent", results=[
    ...     ExpectedResult(text="Présence"), ExpectedResult(text="Projets communs")],
    ...     indicators=[Indicator(label="Heures", target_text="≥ 3 heures/jour")])])])])])])
    ... ).replace("\t", " | "))
    CONTRAT DE SECURITE ET DE SOCIETE PLAN DE PROJET 2023 DE LA VILLE/COMMUNE DE Molenbeek-Saint-Jean
    <BLANKLINE>
    Secteur d'activité 2 : Criminalité
    <BLANKLINE>
    Objectif général - Secteur d'activité 2 :
    <BLANKLINE>
    Criminalité
    <BLANKLINE>
    Objectif stratégique 1 - Domaine :
    <BLANKLINE>
    Prévention
    <BLANKLINE>
    GDP
    <BLANKLINE>
    Objectifs opérationnels | Résultats attendus | Indicateurs
    1. Être présent | - Présence | - Heures : ≥ 3 heures/jour
     | - Projets communs |
    <BLANKLINE>
    """
    paragraphs: list[str] = [
        p for p in (_title_line(plan), plan.allocation, plan.legal_basis) if p is not None
    ]
    for sector in plan.sectors:
        paragraphs += _sector(sector)
        for general in sector.objectives:
            paragraphs += _general(general, sector)
            for strategic in general.objectives:
                paragraphs += _strategic(strategic)
                for block in strategic.blocks:
                    table = [_HEADER]
                    for objective in block.objectives:
                        table += _rows(objective)
                    if block.service is not None:
                        paragraphs.append(block.service)
                    paragraphs.append("\n".join(table))
    return "\n\n".join(paragraphs) + "\n"
