"""Reading the template's text export: the example plan, and every oddity on its own."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from cssindicators._plan_strategies import _phrases
from cssindicators.errors import PlanError
from cssindicators.plan import (
    Diagnostic,
    GeneralObjective,
    Indicator,
    OperationalObjective,
    Plan,
    Sector,
    ServiceBlock,
    Severity,
    StrategicObjective,
)
from cssindicators.reading import parse_plan, read_plan, render_template
from cssindicators.reading._indicators import read_indicator
from cssindicators.reading._patterns import trim_end
from cssindicators.reading._text import Item, clean
from cssindicators.strategies import written_targets
from cssindicators.targets import Change, Direction, Target, Threshold, parse_target

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "molenbeek-2023" / "plan.txt"

# The 31 indicators of the example, read by hand from the document, in document order:
# id, label, target as written, canonical target.
GOLDEN = [
    ("s2.og1.os1.gdp.oo1.i1",
     "Nombre d'heures de présence des Gardiens de la Paix dans les quartiers identifiés "
     "à risques", "≥ 3 heures/jour", "≥ 3 heures/jour"),
    ("s2.og1.os1.gdp.oo2.i1", "Nombre réunions de concertation", "≥ 12 par an", "≥ 12/an"),
    ("s2.og1.os1.gdp.oo3.i1", "Nombre d'évènements sécurisés", "≥ 10 par an", "≥ 10/an"),
    ("s2.og1.os1.gdp.oo4.i1", "Nombre de constats et observations de terrain", "≥ 250 /an",
     "≥ 250/an"),
    ("s2.og1.os1.gdp.oo5.i1",
     "Nombre d'actions spécifiques mises en place en lien avec les nuisances sociales et "
     "les problèmes de criminalité", "≥ 2 par an", "≥ 2/an"),
    ("s2.og1.os1.gdp.oo6.i1",
     "Nombre de projets collectifs et communautaires mises en place afin de diminuer le "
     "sentiment d'insécurité", "≥ 2 par an", "≥ 2/an"),
    ("s2.og1.os2.gdp-cell-incivilites.oo1.i1",
     "Nombre de constats d'infractions au Règlement général de Police et aux règlements "
     "communaux réalisés par les Gardiens de la Paix constatateurs", ">/=à 50/an.", "≥ 50/an"),
    ("s2.og1.os2.gdp-cell-incivilites.oo2.i1", "Nombre d'opérations spécifiques organisées",
     ">/=à 30/an.", "≥ 30/an"),
    ("s2.og1.os2.gdp-cell-incivilites.oo3.i1", "Nombre de réunions de concertation",
     ">/=à 50/an.", "≥ 50/an"),
    ("s2.og1.os3.scapi.oo1.i1", "Mise en place effective d'un espace d'écoute", "Oui/Non",
     "Oui/Non"),
    ("s2.og1.os3.scapi.oo2.i1", "Nombre d'accompagnements réalisés", ">/=à 15/an", "≥ 15/an"),
    ("s2.og1.os3.scapi.oo3.i1", "Nombre de suivi orienté vers la réinsertion professionnelle",
     ">/=à 10/an", "≥ 10/an"),
    ("s2.og1.os3.scapi.oo4.i1", "Existence effective de recommandation/observations",
     "Oui/Non", "Oui/Non"),
    ("s2.og1.os3.medloc-scav-hotel-social.oo1.i1",
     "Diminution effective du sentiment de victimation/victimisation", "Oui/Non", "Oui/Non"),
    ("s2.og1.os3.medloc-scav-hotel-social.oo3.i1",
     "Mise en place effective d'un espace d'accueil, d'écoute et de prise en charge",
     "Oui/Non", "Oui/Non"),
    ("s2.og1.os3.medloc-scav-hotel-social.oo4.i1", "Nombre de suivis de nature social réalisés",
     ">/=à 50/an", "≥ 50/an"),
    ("s2.og1.os3.medloc-scav-hotel-social.oo5.i1",
     "Nombre de suivi de nature psychologique réalisés", ">/=à 50/an", "≥ 50/an"),
    ("s2.og1.os3.medloc-scav-hotel-social.oo6.i1",
     "Existence effective de recommandation/observations", "Oui/Non", "Oui/Non"),
    ("s3.og1.os1.pole-radicalisme.oo1.i1",
     "Mise en place d'un espace d'écoute, d'information et de conseil", "Oui/Non", "Oui/Non"),
    ("s3.og1.os1.pole-radicalisme.oo2.i1", "Nombre de prise en charge individuelle",
     ">/= 10/an", "≥ 10/an"),
    ("s3.og1.os1.pole-radicalisme.oo3.i1",
     "Existence effective de relations avec des services extra-locaux", "Oui/Non", "Oui/Non"),
    ("s3.og1.os2.pole-radicalisme.oo1.i1", "Nombre de formations/sensibilisation assurées",
     ">/= à 2 /an", "≥ 2/an"),
    ("s3.og1.os2.pole-radicalisme.oo1.i2", "Nombre de personne formées/sensibilisées",
     ">/= à 5/an", "≥ 5/an"),
    ("s3.og1.os3.pole-radicalisme.oo1.i1",
     "Renforcement effectif de l'expertise en lien avec la matière", "Oui/Non", "Oui/Non"),
    ("s3.og1.os3.pole-radicalisme.oo2.i1",
     "Nombre de participations à des colloques, formations, journées d'études...",
     ">/=à 3/an", "≥ 3/an"),
    ("s3.og1.os3.pole-radicalisme.oo3.i1", "Existence de constats de terrain", "Oui/Non",
     "Oui/Non"),
    ("s3.og1.os3.pole-radicalisme.oo3.i2", "Formulation effective de recommandations",
     "Oui/Non", "Oui/Non"),
    ("s3.og1.os4.pole-radicalisme.oo1.i1",
     "Nombre de participation aux sous-groupes de travail mis en place par les autorités "
     "supérieures", ">/= 3/an", "≥ 3/an"),
    ("s3.og1.os4.pole-radicalisme.oo1.i2",
     "Nombre de participation à la CSIL sur la zone de police", ">/= 3/an", "≥ 3/an"),
    ("s3.og1.os4.pole-radicalisme.oo2.i1",
     "Nombre de contact avec la cellule radicalisation de la Police locale", ">/= 3/an",
     "≥ 3/an"),
    ("s3.og1.os4.pole-radicalisme.oo3.i1", "Nombre de projets mis en place", ">/= 10/an",
     "≥ 10/an"),
]  # fmt: skip

HEADER = "Objectifs opérationnels\tRésultats attendus\tIndicateurs"
# A plan down to a strategic objective; the tests add tables under it.
TOP = (
    "Secteur d'activité 2 : Criminalité\n"
    "Objectif général 1 - Secteur d'activité 2 :\n"
    "Lutte contre la criminalité\n"
    "Objectif stratégique 1 - Domaine :\n"
    "Prévention\n"
)


@pytest.fixture(scope="module")
def example() -> Plan:
    return read_plan(EXAMPLE)


def one_table(rows: str, *, service: str = "GDP") -> Plan:
    return parse_plan(f"{TOP}{service}\n{HEADER}\n{rows}")


def diagnostics(plan: Plan) -> list[tuple[str, int, int, str]]:
    return [(d.severity.value, d.line, d.column, d.message) for d in plan.diagnostics]


# ---------------------------------------------------------------- the example plan


def test_example_header(example: Plan) -> None:
    assert (example.commune, example.year) == ("Molenbeek-Saint-Jean", 2023)
    assert example.allocation == (
        "ALLOCATION « GENERALE » CONTRAT DE SECURITE ET DE SOCIETE (art.2)"
    )
    assert example.legal_basis == (
        "AR du 1er octobre 2023 relatif à l'octroi d'une allocation destinée à la mise en "
        "œuvre d'une politique locale de sécurité et de prévention pour l'année 2023"
    )
    assert example.source == str(EXAMPLE)


def test_example_indicators_in_document_order(example: Plan) -> None:
    found = [
        (i.id, i.label, i.target_text, None if i.target is None else str(i.target))
        for i in example.indicators()
    ]
    assert found == GOLDEN
    assert len(found) == 31


def test_example_targets_equal_a_fresh_parse_of_their_text(example: Plan) -> None:
    from cssindicators.targets import _parse  # the parser itself, past the cache

    for indicator in example.indicators():
        assert indicator.target == _parse(indicator.target_text or "", "target")


def test_example_sectors_kept_even_when_repeated(example: Plan) -> None:
    assert [(s.id, s.number, s.title) for s in example.sectors] == [
        ("s1", 1, "Contribution au fonctionnement des zones de police"),
        ("s1-2", 1, "Contribution au fonctionnement des zones de police"),
        ("s2", 2, "Lutte contre la criminalité, les nuisances et le sentiment d'insécurité"),
        ("s3", 3, "Lutte contre le terrorisme et l'extrémisme"),
    ]
    assert len({s.number for s in example.sectors}) == 3


def test_example_objectives_and_notes(example: Plan) -> None:
    generals = [(g.id, g.number, g.note) for s in example.sectors for g in s.objectives]
    police = "Question traitée au niveau de la Zone de Police"
    assert generals == [
        ("s1.og1", 1, None),
        ("s1-2.og1", 1, police),
        ("s2.og1", None, None),
        ("s3.og1", 1, None),
        ("s3.og2", 2, police),
    ]
    strategics = [
        (o.id, o.number) for s in example.sectors for g in s.objectives for o in g.objectives
    ]
    assert strategics == [
        ("s1.og1.os1", 1), ("s1.og1.os2", 2), ("s1-2.og1.os1", 1), ("s1-2.og1.os2", 2),
        ("s2.og1.os1", 1), ("s2.og1.os2", 2), ("s2.og1.os3", 3),
        ("s3.og1.os1", 1), ("s3.og1.os2", 2), ("s3.og1.os3", 3), ("s3.og1.os4", 4),
        ("s3.og2.os1", 1), ("s3.og2.os2", 2), ("s3.og2.os3", 3), ("s3.og2.os4", 4),
    ]  # fmt: skip
    assert example.node("s2.og1.os2", StrategicObjective).title == (
        "Réaction/répression dans le cadre de la criminalité et nuisances"
    )
    assert (
        example.node("s3.og2.os4", StrategicObjective).title
        == "Contribuer au suivi des « Returnee »"
    )


def test_example_services(example: Plan) -> None:
    services = [
        (o.id, [b.service for b in o.blocks])
        for s in example.sectors
        for g in s.objectives
        for o in g.objectives
        if isinstance(o, StrategicObjective)
    ]
    assert services == [
        ("s1.og1.os1", [None]),
        ("s1.og1.os2", [None]),
        ("s1-2.og1.os1", [None]),
        ("s1-2.og1.os2", [None]),
        ("s2.og1.os1", ["GDP"]),
        ("s2.og1.os2", ["GDP/CELL INCIVILITES"]),
        ("s2.og1.os3", ["SCAPI", "MEDLOC-SCAV-HOTEL SOCIAL"]),
        ("s3.og1.os1", ["POLE RADICALISME"]),
        ("s3.og1.os2", ["POLE RADICALISME"]),
        ("s3.og1.os3", ["POLE RADICALISME"]),
        ("s3.og1.os4", ["POLE RADICALISME"]),
        ("s3.og2.os1", [None]),
        ("s3.og2.os2", [None]),
        ("s3.og2.os3", [None]),
        ("s3.og2.os4", [None]),
    ]


def test_example_has_no_error_and_names_its_debris(example: Plan) -> None:
    assert example.errors == ()
    assert diagnostics(example) == [
        ("info", 31, 1, "separator line ignored: '--'"),
        ("info", 38, 1, "list number 3 ignored: the objective's own number is 1"),
        ("info", 46, 1, "list number 4 ignored: the objective's own number is 2"),
        ("info", 58, 1, "general objective without a number: its id uses its position"),
        ("info", 87, 1, "list number 2 ignored: the objective's own number is 3"),
    ]


def test_example_empty_template_rows_are_kept_empty(example: Plan) -> None:
    block = example.node("s3.og2.os4.t1", ServiceBlock)
    assert [(o.id, o.number, o.text, o.results, o.indicators) for o in block.objectives] == [
        ("s3.og2.os4.t1.oo1", 1, "", (), ()),
        ("s3.og2.os4.t1.oo2", 2, "", (), ()),
    ]


def test_example_row_split_by_a_page_break_is_joined(example: Plan) -> None:
    objective = example.node("s3.og1.os3.pole-radicalisme.oo1", OperationalObjective)
    assert objective.text == (
        "Améliorer l'expertise en lien avec la problématique de la radicalisation violente"
    )
    assert [r.text for r in objective.results] == [
        "Renforcement de l'expertise en lien avec la matière"
    ]


def test_example_continuation_rows_add_items(example: Plan) -> None:
    first = example.node("s3.og1.os4.pole-radicalisme.oo1", OperationalObjective)
    assert [r.text for r in first.results] == [
        "Participation aux sous-groupes de travail mis en place par les autorités supérieures "
        "(SPF Intérieur, Région de Bruxelles-Capitale)",
        "Participation à la Cellule de Sécurité locale intégrale (CSIL)",
    ]
    assert [c.id for c in first.children] == [
        "s3.og1.os4.pole-radicalisme.oo1.r1",
        "s3.og1.os4.pole-radicalisme.oo1.r2",
        "s3.og1.os4.pole-radicalisme.oo1.i1",
        "s3.og1.os4.pole-radicalisme.oo1.i2",
    ]


def test_example_two_results_in_one_cell(example: Plan) -> None:
    assert [r.text for r in example.node("s2.og1.os1.gdp.oo6", OperationalObjective).results] == [
        "Développement de projets collectifs et communautaires afin de diminuer le sentiment "
        "d'insécurité.",
        "Amélioration du vivre ensemble dans les quartiers par la diminution des facteurs "
        "criminogènes.",
    ]


def test_example_objective_without_result_or_indicator(example: Plan) -> None:
    row2 = example.node("s2.og1.os3.medloc-scav-hotel-social.oo2", OperationalObjective)
    assert (row2.text, row2.results, row2.indicators) == (
        "Assurer des permanences hebdomadaires pour les victimes de délits pénaux.",
        (),
        (),
    )
    row5 = example.node("s2.og1.os3.medloc-scav-hotel-social.oo5", OperationalObjective)
    assert (row5.results, len(row5.indicators)) == ((), 1)


def test_example_result_loses_its_trailing_semicolon(example: Plan) -> None:
    (result,) = example.node(
        "s2.og1.os3.medloc-scav-hotel-social.oo4", OperationalObjective
    ).results
    assert result.text == (
        "Développement de l'accompagnement et du suivi social et psychologique des victimes "
        "de délits pénaux"
    )


def test_example_renders_and_reads_back(example: Plan) -> None:
    again = parse_plan(render_template(example))
    assert attrs.evolve(again, diagnostics=()) == attrs.evolve(example, diagnostics=())
    # what is left is what the template form cannot say: no number on a general objective
    assert diagnostics(again) == [
        ("info", 54, 1, "general objective without a number: its id uses its position")
    ]


def test_example_reads_the_same_twice(example: Plan) -> None:
    assert read_plan(EXAMPLE) == example
    assert parse_plan(EXAMPLE.read_text(encoding="utf-8")) == example


# ---------------------------------------------------------------- headings


def test_sector_title_in_the_next_paragraph() -> None:
    plan = parse_plan("Secteur d'activité 2:\n\nLutte contre la criminalité\n")
    assert [(s.number, s.title) for s in plan.sectors] == [(2, "Lutte contre la criminalité")]
    assert plan.diagnostics == ()


def test_heading_without_title_is_reported() -> None:
    plan = parse_plan("Secteur d'activité 2:\n\nObjectif général 1 - Secteur d'activité 2 :\n")
    assert diagnostics(plan) == [
        ("warning", 1, 1, "sector 2 has no title"),
        ("warning", 3, 1, "general objective 1 has no title"),
    ]
    assert plan.node("s2", Sector).title is None


@pytest.mark.parametrize(
    ("heading", "number", "listed"),
    [
        ("1. Objectif stratégique 1 - Domaine:", 1, None),
        ("2. Objectifs stratégique 2 - Domaine :", 2, None),
        ("Objectif stratégique 2 - Domaine :", 2, None),
        ("3. _____ Objectif stratégique 1 - Domaine", 1, 3),
        ("4. _____ Objectifs stratégique 2 - Domaine :", 2, 4),
        ("2. Objectif strategique 3 - Domaine :", 3, 2),
    ],
)
def test_strategic_objective_number_comes_from_its_own_text(
    heading: str, number: int, listed: int | None
) -> None:
    plan = parse_plan(
        "Secteur d'activité 2 : C\nObjectif général 1 - Secteur d'activité 2 :\nC\n"
        f"{heading}\n\nPrévention\n"
    )
    (strategic,) = plan.sectors[0].objectives[0].objectives
    assert (strategic.id, strategic.number, strategic.title) == (
        f"s2.og1.os{number}",
        number,
        "Prévention",
    )
    expected = (
        []
        if listed is None
        else [
            ("info", 4, 1, f"list number {listed} ignored: the objective's own number is {number}")
        ]
    )
    assert diagnostics(plan) == expected


def test_strategic_objective_with_the_domain_on_its_line() -> None:
    plan = parse_plan(
        "Secteur d'activité 2 : C\nObjectif général 1 : C\nObjectif stratégique 1 : Prévention\n"
    )
    assert plan.node("s2.og1.os1", StrategicObjective).title == "Prévention"
    assert plan.diagnostics == ()


def test_general_objective_naming_another_sector_is_reported() -> None:
    plan = parse_plan("Secteur d'activité 2 : C\nObjectif général 1 - Secteur d'activité 3 :\nC\n")
    assert diagnostics(plan) == [
        ("warning", 2, 1, "general objective 1 names sector 3 but comes under sector 2")
    ]


def test_notes_after_the_title_on_the_next_line_or_paragraph() -> None:
    plan = parse_plan(
        "Secteur d'activité 1 : Police\n"
        "Objectif général 1 - Secteur d'activité 1:\n\n"
        "Contribution\n (Question traitée au niveau de la Zone de Police)\n\n"
        "1. Objectif stratégique 1 - Domaine :\n\nContribuer\n\n(Voir annexe)\n"
    )
    assert (
        plan.node("s1.og1", GeneralObjective).note
        == "Question traitée au niveau de la Zone de Police"
    )
    assert plan.node("s1.og1.os1", StrategicObjective).note == "Voir annexe"
    assert plan.diagnostics == ()


def test_markdown_link_debris_around_a_service_label() -> None:
    plan = one_table("1. A\t- B\t- C : Oui/Non\n", service="[POLE RADICALISME](#)")
    assert [b.service for b in plan.node("s2.og1.os1", StrategicObjective).children] == [
        "POLE RADICALISME"
    ]
    assert plan.indicators()[0].id == "s2.og1.os1.pole-radicalisme.oo1.i1"


def test_superscripts_rules_and_stray_spaces_are_cleaned() -> None:
    plan = parse_plan(
        "AR du 1^{er} octobre 2023   relatif   \n\nSecteur d'activité 1 :  Police  \n_____\n"
    )
    assert plan.legal_basis == "AR du 1er octobre 2023 relatif"
    assert plan.node("s1", Sector).title == "Police"
    assert diagnostics(plan) == [("info", 4, 1, "separator line ignored: ''")]


def test_header_lines_with_bom_and_crlf() -> None:
    plan = parse_plan(
        "\ufeffCONTRAT DE SÉCURITÉ ET DE SOCIÉTÉ PLAN DE PROJET 2024 DE LA VILLE/COMMUNE "
        "D'Anderlecht\r\n\r\nSecteur d'activité 1 : Police\r\n"
    )
    assert (plan.commune, plan.year, plan.node("s1", Sector).title) == (
        "Anderlecht",
        2024,
        "Police",
    )
    assert plan.diagnostics == ()


def test_title_without_commune_is_reported() -> None:
    plan = parse_plan("CONTRAT DE SECURITE ET DE SOCIETE PLAN DE PROJET 2023\n")
    assert (plan.commune, plan.year) == (None, 2023)
    assert diagnostics(plan) == [("warning", 1, 1, "the plan's title gives no commune")]


def test_text_that_fits_nowhere_is_reported() -> None:
    plan = parse_plan("Bonjour\n\nSecteur d'activité 1 : Police\nParagraphe égaré\n")
    assert diagnostics(plan) == [
        ("warning", 1, 1, "the document does not start with the title of the CSS template "
         "('CONTRAT DE SECURITE ET DE SOCIETE PLAN DE PROJET …'): only that template is read; "
         "ignored: 'Bonjour'"),
        ("warning", 4, 1, "text not expected here, ignored: 'Paragraphe égaré'"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "title",
    [
        "PLAN STRATEGIQUE DE SECURITE ET DE PREVENTION 2020-2025 DE LA COMMUNE DE Schaerbeek",
        "STRATEGISCH VEILIGHEIDS- EN PREVENTIEPLAN 2020-2025 VAN DE GEMEENTE Gent",
    ],
)
def test_a_document_that_is_not_the_css_template_is_said_so_on_its_title(title: str) -> None:
    plan = parse_plan(f"\n{title}\n\nSecteur d'activité 1 : Police\n")
    assert diagnostics(plan)[0] == (
        "warning", 2, 1, "the document does not start with the title of the CSS template "
        "('CONTRAT DE SECURITE ET DE SOCIETE PLAN DE PROJET …'): only that template is read; "
        f"ignored: {title!r}",
    )  # fmt: skip


def test_headings_out_of_place_are_errors() -> None:
    plan = parse_plan(
        "Objectif général 1 - Secteur d'activité 1 :\nTitre\n"
        "Objectif stratégique 1 - Domaine :\n"
        f"{HEADER}\n1. A\t- B\t- C : Oui/Non\n"
    )
    assert plan.sectors == ()
    assert diagnostics(plan) == [
        ("error", 1, 1, "general objective before any sector heading: ignored, with its "
         "objectives"),
        ("warning", 2, 1, "text not expected before the first sector, ignored: 'Titre'"),
        ("error", 3, 1, "strategic objective outside any general objective: ignored, with its "
         "tables"),
        ("error", 4, 1, "table outside any strategic objective: its rows are ignored"),
        ("error", 5, 1, "row ignored: its table is outside any strategic objective"),
    ]  # fmt: skip


# ---------------------------------------------------------------- tables


def test_cells_with_several_items_and_continuations() -> None:
    plan = one_table(
        "1. Objectif\t- R1 ; - R2\t- I1 : ≥ 1/an - I2 : ≥ 2/an\n"
        "suite de l'objectif\tsuite de R2\t- I3 : Oui/Non\n"
        "\n"
        "\t\tet sa fin\n"
        "2.\t\t\n"
    )
    one, two = plan.node("s2.og1.os1.gdp", ServiceBlock).children
    assert one.text == "Objectif suite de l'objectif"
    assert [r.text for r in one.results] == ["R1", "R2 suite de R2"]
    assert [(i.label, i.target_text) for i in one.indicators] == [
        ("I1", "≥ 1/an"),
        ("I2", "≥ 2/an"),
        ("I3", "Oui/Non et sa fin"),
    ]
    assert (two.number, two.text, two.children) == (2, "", ())
    # "Oui/Non et sa fin" is not a target: reported where it stops making sense
    assert diagnostics(plan) == [
        ("error", 11, 3, "the target 'Oui/Non et sa fin' of indicator 'I3' does not parse: "
         "expected a final full stop or the end of the target after 'Non', found 'et'"),
    ]  # fmt: skip


def test_a_dash_inside_a_text_does_not_start_an_item() -> None:
    plan = one_table("1. A\t- Rencontres 12 - 18 ans - Sorties\t- De 10 - 20/an : Oui/Non\n")
    (row,) = plan.node("s2.og1.os1.gdp", ServiceBlock).children
    assert [r.text for r in row.results] == ["Rencontres 12 - 18 ans", "Sorties"]
    assert [i.label for i in row.indicators] == ["De 10 - 20/an"]


def test_indicator_target_without_colon() -> None:
    plan = one_table(
        "1. A\t\t- Nombre de projets mis en place >/= 10/an - Taux de réussite 80 % "
        "- Visites au moins 3 par mois\n"
    )
    assert [(i.label, i.target_text, str(i.target)) for i in plan.indicators()] == [
        ("Nombre de projets mis en place", ">/= 10/an", "≥ 10/an"),
        ("Taux de réussite", "80 %", "≥ 80 %"),
        ("Visites", "au moins 3 par mois", "≥ 3/mois"),
    ]
    assert plan.diagnostics == ()


@pytest.mark.parametrize(
    ("indicator", "label", "target"),
    [
        ("Nombre d'incidents moins de 5 par an", "Nombre d'incidents", "< 5/an"),
        ("Délai moyen max. 30 %", "Délai moyen", "≤ 30 %"),
        ("Nombre d'interventions plus de 10 par an", "Nombre d'interventions", "> 10/an"),
        ("Nombre de plaintes au plus 4 par mois", "Nombre de plaintes", "≤ 4/mois"),
        ("Aantal incidenten minder dan 5 per jaar", "Aantal incidenten", "< 5/an"),
        ("Wachttijd hoogstens 30 minuten", "Wachttijd", "≤ 30 minutes"),
        ("Aantal bezoeken meer dan 12 per jaar", "Aantal bezoeken", "> 12/an"),
        ("Aantal vergaderingen minstens 3/jaar", "Aantal vergaderingen", "≥ 3/an"),
        ("Number of incidents less than 5 per year", "Number of incidents", "< 5/an"),
        ("Waiting time at most 2 hours", "Waiting time", "≤ 2 heures"),
        ("Number of visits more than 10 per month", "Number of visits", "> 10/mois"),
        ("Nombre de réunions 2 par an", "Nombre de réunions", "≥ 2/an"),
        ("Nombre de jeunes suivis entre 10 et 20 par an", "Nombre de jeunes suivis",
         "entre 10 et 20/an"),
        ("Visites≥3/an", "Visites", "≥ 3/an"),
    ],
)  # fmt: skip
def test_indicator_without_colon_keeps_its_comparator(
    indicator: str, label: str, target: str
) -> None:
    plan = one_table(f"1. A\t\t- {indicator}\n")
    assert [(i.label, str(i.target)) for i in plan.indicators()] == [(label, target)]
    assert plan.diagnostics == ()


@pytest.mark.parametrize(
    "indicator", ["Nombre de projets mis en place", "Nombre de projets réalisés en 2023"]
)
def test_a_label_ending_with_words_or_a_year_has_no_target(indicator: str) -> None:
    plan = one_table(f"1. A\t\t- {indicator}\n")
    assert [(i.label, i.target_text) for i in plan.indicators()] == [(indicator, None)]
    assert diagnostics(plan) == [("warning", 8, 7, f"indicator {indicator!r} has no target")]


def test_indicator_with_a_colon_in_its_label() -> None:
    plan = one_table("1. A\t\t- Projets (phase : pilote) >/= 10/an\n")
    (indicator,) = plan.indicators()
    assert (indicator.label, indicator.target_text) == ("Projets (phase : pilote)", ">/= 10/an")
    assert plan.diagnostics == ()


def test_unreadable_target_keeps_its_text_and_is_an_error_at_its_column() -> None:
    plan = one_table("1. A\t- R\t- Nombre de réunions : beaucoup\n")
    (indicator,) = plan.indicators()
    assert (indicator.label, indicator.target_text, indicator.target) == (
        "Nombre de réunions",
        "beaucoup",
        None,
    )
    line = "1. A\t- R\t- Nombre de réunions : beaucoup"
    assert diagnostics(plan) == [
        ("error", 8, line.index("beaucoup") + 1,
         "the target 'beaucoup' of indicator 'Nombre de réunions' does not parse: expected a "
         "comparator (≥, ≤, >, <, =, au moins, au plus…), a number (12, 2,5, 1.500 or 1 500), a range "
         "(entre … et …), Oui/Non or a change (diminution de 10 %, en hausse, stabilisation…), found 'beaucoup'"),
    ]  # fmt: skip
    assert plan.errors == plan.diagnostics


def test_indicator_without_target_is_a_warning() -> None:
    plan = one_table("1. A\t\t- Nombre de réunions\n")
    assert [(i.label, i.target_text, i.target) for i in plan.indicators()] == [
        ("Nombre de réunions", None, None)
    ]
    assert diagnostics(plan) == [("warning", 8, 7, "indicator 'Nombre de réunions' has no target")]


def test_empty_items_and_extra_cells_are_reported() -> None:
    plan = one_table("1. A\t- \t- X : Oui/Non\tcommentaire\n")
    assert [r.text for r in plan.node("s2.og1.os1.gdp.oo1", OperationalObjective).results] == []
    assert diagnostics(plan) == [
        ("info", 8, 6, "empty item ignored"),
        ("warning", 8, 23, "text in a fourth column ignored: 'commentaire'"),
    ]


def test_first_row_without_number() -> None:
    plan = one_table("Objectif\t- R\t- I : Oui/Non\n")
    (row,) = plan.node("s2.og1.os1.gdp", ServiceBlock).children
    assert (row.id, row.number, row.text) == ("s2.og1.os1.gdp.oo1", None, "Objectif")
    assert diagnostics(plan) == [
        ("warning", 8, 1, "the table's first row has no list number: read as an objective "
         "without number"),
    ]  # fmt: skip


def test_rows_without_a_header() -> None:
    plan = parse_plan(f"{TOP}1. A\t- R\t- I : Oui/Non\n")
    assert [i.id for i in plan.indicators()] == ["s2.og1.os1.t1.oo1.i1"]
    assert [d.severity for d in plan.diagnostics] == [Severity.WARNING]


def test_a_header_repeated_at_a_page_break_continues_the_table() -> None:
    # The example's "POLE RADICALISME" table, split by a page break inside row 1 and
    # again between rows 2 and 3, its header repeated on each new page.
    plan = one_table(
        "1. Améliorer l'expertise en lien avec la\t- Renforcement de l'expertise\t"
        "- Renforcement effectif de l'expertise en lien\n"
        "\n"
        f"{HEADER}\n"
        "problématique de la radicalisation violente\t\tavec la matière : Oui/Non\n"
        "2. Développer les savoirs\t- Actualisation des connaissances\t- Nombre de "
        "participations : >/=à 3/an\n"
        f"{HEADER}\n"
        "3. Constater les difficultés de terrain\t- Mise en lumière\t- Existence de "
        "constats : Oui/Non\n",
        service="[POLE RADICALISME](#)",
    )
    (block,) = plan.node("s2.og1.os1", StrategicObjective).children
    assert [(o.id, o.text) for o in block.children] == [
        ("s2.og1.os1.pole-radicalisme.oo1",
         "Améliorer l'expertise en lien avec la problématique de la radicalisation violente"),
        ("s2.og1.os1.pole-radicalisme.oo2", "Développer les savoirs"),
        ("s2.og1.os1.pole-radicalisme.oo3", "Constater les difficultés de terrain"),
    ]  # fmt: skip
    assert [(i.label, i.target_text) for i in block.children[0].indicators] == [
        ("Renforcement effectif de l'expertise en lien avec la matière", "Oui/Non")
    ]
    assert diagnostics(plan) == [
        ("info", 10, 1, "table header repeated (a page break?): the table above goes on"),
        ("info", 13, 1, "table header repeated (a page break?): the table above goes on"),
    ]


def test_rows_after_debris_continue_their_table() -> None:
    plan = one_table("1. A\t- R\t\n--\n2. B\t- S\t\n")
    assert [o.id for o in plan.node("s2.og1.os1", StrategicObjective).blocks[0].children] == [
        "s2.og1.os1.gdp.oo1",
        "s2.og1.os1.gdp.oo2",
    ]
    assert diagnostics(plan) == [("info", 9, 1, "separator line ignored: '--'")]


def test_several_tables_and_a_service_label_after_a_table() -> None:
    plan = parse_plan(
        f"{TOP}{HEADER}\n1. A\t\t\n\n{HEADER}\n1. B\t\t\n\nSCAPI\n\n{HEADER}\n1. C\t\t\n"
    )
    assert [(b.id, b.service) for b in plan.node("s2.og1.os1", StrategicObjective).children] == [
        ("s2.og1.os1.t1", None),
        ("s2.og1.os1.t2", None),
        ("s2.og1.os1.scapi", "SCAPI"),
    ]
    assert plan.diagnostics == ()


def test_a_heading_with_trailing_tabs_ends_the_table() -> None:
    plan = one_table("1. A\t\t\nObjectif stratégique 2 - Domaine : Réaction\t\t\n2.\t\t\n")
    assert [(o.id, o.title) for o in plan.node("s2.og1", GeneralObjective).children] == [
        ("s2.og1.os1", "Prévention"),
        ("s2.og1.os2", "Réaction"),
    ]
    assert [i.id for i in plan.walk()][-2:] == ["s2.og1.os2.t1", "s2.og1.os2.t1.oo2"]
    assert [d.severity for d in plan.diagnostics] == [Severity.WARNING]  # row without header


def test_title_is_not_mistaken_for_a_service_label() -> None:
    plan = parse_plan(
        "Secteur d'activité 2 : C\nObjectif général 1 : C\nObjectif stratégique 1 - Domaine :\n\n"
        f"Versement à la zone de police\n\n{HEADER}\n1.\t\t\n"
    )
    strategic = plan.node("s2.og1.os1", StrategicObjective)
    assert strategic.title == "Versement à la zone de police"
    assert [b.service for b in strategic.children] == [None]


# ---------------------------------------------------------------- targets as written

# Where the indicator's text starts in a row "1. A<TAB><TAB>- …" (0-based).
AT = len("1. A\t\t- ")


def read_one(indicator: str) -> tuple[Indicator, list[tuple[str, int, int, str]]]:
    plan = one_table(f"1. A\t\t- {indicator}\n")
    (read,) = plan.indicators()
    return read, diagnostics(plan)


def test_a_sign_before_the_number_is_a_change_not_a_threshold() -> None:
    read, found = read_one("Diminution des vols dans les véhicules : - 10 %")
    assert (read.label, read.target_text, read.target) == (
        "Diminution des vols dans les véhicules",
        "- 10 %",
        Change(Direction.DECREASE, 10, relative=True),
    )
    assert found == []


def test_a_sign_after_a_label_that_names_no_change_is_read_with_a_warning() -> None:
    read, found = read_one("Nombre de réunions - 12/an")
    assert (read.label, str(read.target)) == ("Nombre de réunions", "diminution de 12/an")
    ((severity, _, _, message),) = found
    assert severity == "warning"
    assert message.startswith("the sign of '- 12/an' makes the target of indicator")
    assert "'Nombre de réunions : 12/an' for at least" in message
    # a change with its baseline says it is one: no warning
    assert read_one("Vols - 10 % par rapport à 2022")[1] == []


@pytest.mark.parametrize(
    ("indicator", "label", "target_text", "target"),
    [
        ("Diminution des vols - 10 %", "Diminution des vols", "- 10 %", "diminution de 10 %"),
        ("Diminution des vols : -10 %", "Diminution des vols", "-10 %", "diminution de 10 %"),
        ("Diminution des vols -10 %", "Diminution des vols", "-10 %", "diminution de 10 %"),
        ("Diminution des vols:-10%", "Diminution des vols", "-10%", "diminution de 10 %"),
        ("Diminution des vols - 10", "Diminution des vols", "- 10", "diminution de 10"),
        ("Hausse des contrôles : + 5 %", "Hausse des contrôles", "+ 5 %", "augmentation de 5 %"),
        ("Hausse des contrôles +5 %", "Hausse des contrôles", "+5 %", "augmentation de 5 %"),
        ("Diminution du taux −10 %", "Diminution du taux", "−10 %", "diminution de 10 %"),
        ("Réduction des vols (phase 2 : pilotes) - 10 %",
         "Réduction des vols (phase 2 : pilotes)", "- 10 %", "diminution de 10 %"),
        ("Vols - 10 % par rapport à 2022", "Vols", "- 10 % par rapport à 2022",
         "diminution de 10 % par rapport à 2022"),
        ("Aantal inbraken : - 10 % t.o.v. 2019", "Aantal inbraken", "- 10 % t.o.v. 2019",
         "diminution de 10 % par rapport à 2019"),
        ("Nombre de projets : --10 %", "Nombre de projets", "--10 %", None),
    ],
)  # fmt: skip
def test_one_sign_before_a_number_makes_a_change_after_a_label_or_a_colon(
    indicator: str, label: str, target_text: str, target: str | None
) -> None:
    # a dash before a number is a sign, never a separator: "Vols - 10 %" is a decrease
    read, found = read_one(indicator)
    assert (read.label, read.target_text) == (label, target_text)
    if target is None:
        assert read.target is None
        assert [severity for severity, *_ in found] == ["error"]
    else:
        assert (str(read.target), found) == (target, [])
        assert isinstance(read.target, Change)


DASH = (
    "before the number is neither a sign nor a separator of the target language: write a "
    "change with one sign ('- {0}', '+ {0}'), or the level to reach ('≥ {0}')"
)
RANGE = "a dash between two numbers is no decrease: a range is written with 'entre' ({})"


@pytest.mark.parametrize(
    ("indicator", "label", "target_text", "caret", "reason"),
    [
        ("Taux – 10 %", "Taux", "– 10 %", "–", "'–' " + DASH.format("10 %")),
        ("Taux —10 %", "Taux", "—10 %", "—", "'—' " + DASH.format("10 %")),
        ("Taux : – 10 %", "Taux", "– 10 %", "–", "'–' " + DASH.format("10 %")),
        ("Nombre de vols -- 10 % par an", "Nombre de vols", "-- 10 % par an", "--",
         "'--' " + DASH.format("10 % par an")),
        ("Nombre de vols : --10 %", "Nombre de vols", "--10 %", "--", "'--' " + DASH.format("10 %")),
        ("Nombre de vols +- 10 %", "Nombre de vols", "+- 10 %", "+-", "'+-' " + DASH.format("10 %")),
        ("Taux ≥ -10 %", "Taux", "≥ -10 %", "-",
         "expected a number (12, 2,5, 1.500 or 1 500) after '≥', found '-'"),
        ("Taux : ≥ -10 %", "Taux", "≥ -10 %", "-",
         "expected a number (12, 2,5, 1.500 or 1 500) after '≥', found '-'"),
        ("Nombre de jeunes 12 - 18/an", "Nombre de jeunes", "12 - 18/an", "-",
         RANGE.format("'entre 12 et 18/an'")),
        ("Nombre de jeunes : 12 - 18/an", "Nombre de jeunes", "12 - 18/an", "-",
         RANGE.format("'entre 12 et 18/an'")),
        ("Vols - 120 %", "Vols", "- 120 %", "120",
         "a decrease of 120 % would go below zero: at most 100 %"),
        ("Vols : - 0 %", "Vols", "- 0 %", "0",
         "a change of 0 is no change: write stabilisation, or au moins le niveau de …"),
    ],
)  # fmt: skip
def test_a_sign_or_dash_the_language_does_not_read_is_an_error_at_the_sign(
    indicator: str, label: str, target_text: str, caret: str, reason: str
) -> None:
    read, found = read_one(indicator)
    assert (read.label, read.target_text, read.target) == (label, target_text, None)
    at = indicator.rindex(target_text) + target_text.index(caret)
    assert found == [
        ("error", 8, AT + at + 1,
         f"the target {target_text!r} of indicator {label!r} does not parse: {reason}"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("indicator", "label", "target_text", "target"),
    [
        # changes with a baseline, a direction, staying level, a level
        ("Vols dans les véhicules : diminution de 10 % par rapport à 2022",
         "Vols dans les véhicules", "diminution de 10 % par rapport à 2022",
         "diminution de 10 % par rapport à 2022"),
        ("Vols dans les véhicules baisse de 5 % (référence 2022)", "Vols dans les véhicules",
         "baisse de 5 % (référence 2022)", "diminution de 5 % par rapport à 2022"),
        ("Aantal inbraken : daling met 10 % ten opzichte van de periode 2015-2019",
         "Aantal inbraken", "daling met 10 % ten opzichte van de periode 2015-2019",
         "diminution de 10 % par rapport à 2015-2019"),
        ("Aantal inbraken daling met 10 % t.o.v. 2019", "Aantal inbraken",
         "daling met 10 % t.o.v. 2019", "diminution de 10 % par rapport à 2019"),
        ("Contrôles routiers hausse de 3 points par rapport à 2022", "Contrôles routiers",
         "hausse de 3 points par rapport à 2022", "augmentation de 3 points par rapport à 2022"),
        ("Faits de vandalisme : réduction de 20 faits par an", "Faits de vandalisme",
         "réduction de 20 faits par an", "diminution de 20 faits/an"),
        ("Sentiment d'insécurité : en baisse", "Sentiment d'insécurité", "en baisse",
         "en diminution"),
        ("Sentiment d'insécurité en diminution par rapport à 2022", "Sentiment d'insécurité",
         "en diminution par rapport à 2022", "en diminution par rapport à 2022"),
        ("Vols à la baisse par rapport à 2022", "Vols", "à la baisse par rapport à 2022",
         "en diminution par rapport à 2022"),
        ("Aantal inbraken : dalend", "Aantal inbraken", "dalend", "en diminution"),
        ("Nombre de plaintes : stabilisation", "Nombre de plaintes", "stabilisation",
         "stabilisation"),
        ("Nombre de plaintes : maintien du niveau de 2022", "Nombre de plaintes",
         "maintien du niveau de 2022", "stabilisation par rapport à 2022"),
        ("Aantal klachten stabiel t.o.v. 2019", "Aantal klachten", "stabiel t.o.v. 2019",
         "stabilisation par rapport à 2019"),
        ("Nombre de contrôles : au moins le niveau de 2022", "Nombre de contrôles",
         "au moins le niveau de 2022", "au moins le niveau de 2022"),
        ("Nombre de contrôles au moins le niveau de 2022", "Nombre de contrôles",
         "au moins le niveau de 2022", "au moins le niveau de 2022"),
        ("Aantal controles ten minste gelijk aan 2016", "Aantal controles",
         "ten minste gelijk aan 2016", "au moins le niveau de 2016"),
        # shares
        ("Dossiers traités dans les délais : ≥ 80 % des dossiers",
         "Dossiers traités dans les délais", "≥ 80 % des dossiers", "≥ 80 % des dossiers"),
        ("Dossiers behandeld minimaal 80 % van de dossiers", "Dossiers behandeld",
         "minimaal 80 % van de dossiers", "≥ 80 % van de dossiers"),
        # notes, also with a colon of their own
        ("Taux : 80 % (moyenne)", "Taux", "80 % (moyenne)", "≥ 80 % (moyenne)"),
        ("Taux 80 % (moyenne)", "Taux", "80 % (moyenne)", "≥ 80 % (moyenne)"),
        ("Rapports : ≥ 3/an (rapport annuel)", "Rapports", "≥ 3/an (rapport annuel)",
         "≥ 3/an (rapport annuel)"),
        ("Rapports ≥ 3/an (rapport annuel)", "Rapports", "≥ 3/an (rapport annuel)",
         "≥ 3/an (rapport annuel)"),
        ("Espace d'écoute Oui/Non (à confirmer)", "Espace d'écoute", "Oui/Non (à confirmer)",
         "Oui/Non (à confirmer)"),
        ("Taux de plaintes : ≤ 5 % (source : BNG)", "Taux de plaintes", "≤ 5 % (source : BNG)",
         "≤ 5 % (source : BNG)"),
        ("Aantal vergaderingen ≥ 12 per jaar (gemiddelde)", "Aantal vergaderingen",
         "≥ 12 per jaar (gemiddelde)", "≥ 12/an (gemiddelde)"),
        # Oui alone
        ("Mise en place effective d'un espace d'écoute : Oui",
         "Mise en place effective d'un espace d'écoute", "Oui", "Oui/Non"),
        ("Opstart van een luisterpunt : ja", "Opstart van een luisterpunt", "ja", "Oui/Non"),
        # equivalents
        ("Nombre réunions de concertation : ≥ 12 par an, soit 1 par mois",
         "Nombre réunions de concertation", "≥ 12 par an, soit 1 par mois", "≥ 12/an"),
        ("Nombre réunions de concertation ≥ 12 par an, soit 1 par mois",
         "Nombre réunions de concertation", "≥ 12 par an, soit 1 par mois", "≥ 12/an"),
        ("Aantal overlegvergaderingen : 12 per jaar, d.w.z. 1 per maand",
         "Aantal overlegvergaderingen", "12 per jaar, d.w.z. 1 per maand", "≥ 12/an"),
        # durations and working days
        ("Présence des Gardiens de la Paix : ≥ 1h30 par jour", "Présence des Gardiens de la Paix",
         "≥ 1h30 par jour", "≥ 1,5 heure/jour"),
        ("Présence des Gardiens de la Paix ≥ 3 heures/jour ouvrable",
         "Présence des Gardiens de la Paix", "≥ 3 heures/jour ouvrable",
         "≥ 3 heures/jour ouvrable"),
        ("Aanwezigheid van de gemeenschapswachten 3 uur per werkdag",
         "Aanwezigheid van de gemeenschapswachten", "3 uur per werkdag",
         "≥ 3 heures/jour ouvrable"),
        ("Permanences : au minimum 2 par jour ouvrable", "Permanences",
         "au minimum 2 par jour ouvrable", "≥ 2/jour ouvrable"),
    ],
)  # fmt: skip
def test_the_new_forms_of_the_language_are_read_in_french_and_dutch(
    indicator: str, label: str, target_text: str, target: str
) -> None:
    read, found = read_one(indicator)
    assert (read.label, read.target_text, str(read.target)) == (label, target_text, target)
    assert read.target == parse_target(target_text)
    assert found == []


@pytest.mark.parametrize(
    "indicator",
    [
        # words alone are read only after a colon: labels say them too
        "Sentiment d'insécurité en baisse",
        "Maintien de l'ordre",
        "Espace d'écoute Oui",
        # a number with a note ends labels
        "Rapport d'activités 2023 (bilan)",
        "Nombre de jeunes 12 (moyenne)",
    ],
)
def test_without_a_colon_words_alone_or_a_number_with_a_note_are_no_target(
    indicator: str,
) -> None:
    read, found = read_one(indicator)
    assert (read.label, read.target_text) == (indicator, None)
    assert found == [("warning", 8, 7, f"indicator {indicator!r} has no target")]


@pytest.mark.parametrize(
    ("indicator", "label", "target"),
    [
        ("Nombre de projets - ≥ 3/an", "Nombre de projets", "≥ 3/an"),
        ("Nombre de projets – au moins 3 par an", "Nombre de projets", "≥ 3/an"),
        ("Nombre de projets -≤ 3/an", "Nombre de projets", "≤ 3/an"),
        ("Nombre de projets : - ≥ 3/an", "Nombre de projets", "≥ 3/an"),
        ("Nombre de projets - entre 2 et 4 par an", "Nombre de projets", "entre 2 et 4/an"),
        ("Projets : phase pilote ≥ 3/an", "Projets : phase pilote", "≥ 3/an"),
        ("Nombre de jeunes de moins de 25 ans ≥ 10/an", "Nombre de jeunes de moins de 25 ans",
         "≥ 10/an"),
        ("Nombre de jeunes de 12 à 18 ans ≥ 3/an", "Nombre de jeunes de 12 à 18 ans", "≥ 3/an"),
        ("Nombre de jeunes 12-18 ans ≥ 3/an", "Nombre de jeunes 12-18 ans", "≥ 3/an"),
        ("Rapport 2023 Oui/Non", "Rapport 2023", "Oui/Non"),
        ("Mise en place de 2023 Oui/Non", "Mise en place de 2023", "Oui/Non"),
        ("Nombre de projets : ≥ 3/an ;", "Nombre de projets", "≥ 3/an"),
    ],
)  # fmt: skip
def test_a_dash_before_a_comparator_separates_and_labels_keep_their_numbers(
    indicator: str, label: str, target: str
) -> None:
    read, found = read_one(indicator)
    assert (read.label, str(read.target)) == (label, target)
    assert found == []


@pytest.mark.parametrize(
    ("indicator", "label", "target_text", "caret"),
    [
        ("Nombre de projets : ≥ 3/an au total", "Nombre de projets", "≥ 3/an au total", "au"),
        ("Nombre de projets ≥ 3/an au total", "Nombre de projets", "≥ 3/an au total", "au"),
        ("Nombre de projets ≥ 3/an 2023", "Nombre de projets", "≥ 3/an 2023", "2023"),
        ("Visites au moins 3 par lundi", "Visites", "au moins 3 par lundi", "lundi"),
        ("Nombre de projets : (≥ 3/an)", "Nombre de projets", "(≥ 3/an)", "("),
        ("Nombre de projets (≥ 3/an)", "Nombre de projets", "(≥ 3/an)", ")"),
        ("Nombre de projets (≤ 3/an", "Nombre de projets", "(≤ 3/an", "("),
        ("Nombre ≥ 3/an -", "Nombre", "≥ 3/an -", "-"),
        ("Nombre ≥ 3/an..", "Nombre", "≥ 3/an..", ".."),
        ("Réduction des vols de 10 %", "Réduction des vols", "de 10 %", ""),
        ("Réduction des vols : de 10 %", "Réduction des vols", "de 10 %", ""),
        ("Taux de réussite de 80 %", "Taux de réussite", "de 80 %", ""),
        ("Taux de 80 % des jeunes", "Taux", "de 80 % des jeunes", ""),
        ("Nombre de vols en baisse de 10 %", "Nombre de vols", "en baisse de 10 %", "de"),
        ("Diminution des vols -10 -10", "Diminution des vols", "-10 -10", "-"),
        ("Taux ≥ 3/an +5", "Taux", "≥ 3/an +5", "+"),
        ("Taux : 80 % (moyenne", "Taux", "80 % (moyenne", "("),
        ("Réunions : ≥ 12 par an, soit 1 par jour", "Réunions", "≥ 12 par an, soit 1 par jour",
         "1 par jour"),
        ("Nombre entre 20 et 10 par an", "Nombre", "entre 20 et 10 par an", "20"),
    ],
)  # fmt: skip
def test_what_the_language_cannot_read_after_the_label_is_an_error_not_a_shorter_target(
    indicator: str, label: str, target_text: str, caret: str
) -> None:
    read, found = read_one(indicator)
    assert (read.label, read.target_text, read.target) == (label, target_text, None)
    # the caret is where reading stopped ("" for the end of the text)
    at = (indicator.rindex(caret) + (caret == "..")) if caret else len(indicator)
    ((severity, line, column, message),) = found
    assert (severity, line, column) == ("error", 8, AT + at + 1)
    assert message.startswith(f"the target {target_text!r} of indicator {label!r} does not parse: ")


@pytest.mark.parametrize(
    ("indicator", "target_text", "caret", "reason"),
    [
        ("Nombre ≥ 50^{1}/an", "≥ 50^{1}/an", "1}",
         "the superscript '^{1}' (a footnote mark?) is not part of a target"),
        ("Taux : ≥ 80 %^{1}", "≥ 80 %^{1}", "1}",
         "the superscript '^{1}' (a footnote mark?) is not part of a target"),
        ("Nombre ≥ 1 _____ 000/an", "≥ 1 _____ 000/an", "_",
         "a rule of underscores '_____' (a blank of the template?) is not part of a target"),
    ],
)  # fmt: skip
def test_debris_cleaned_inside_a_target_does_not_make_another_target(
    indicator: str, target_text: str, caret: str, reason: str
) -> None:
    # cleaned, "≥ 50^{1}/an" would read "≥ 501/an", and "≥ 1 _____ 000/an" "≥ 1 000/an"
    read, found = read_one(indicator)
    label = indicator[: indicator.index(":" if ":" in indicator else "≥")].rstrip()
    assert (read.label, read.target_text, read.target) == (label, target_text, None)
    assert found == [
        ("error", 8, AT + indicator.index(caret) + 1,
         f"the target {target_text!r} of indicator {label!r} does not parse: {reason}"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("indicator", "target"),
    [
        ("Nombre ≥ 3/an _____", "≥ 3/an"),
        ("Nombre _____ ≥ 3/an", "≥ 3/an"),
        ("Nombre [≥ 3/an](#)", "≥ 3/an"),
        ("Nombre^{1} : ≥ 3/an", "≥ 3/an"),
    ],
)
def test_debris_around_a_target_is_cleaned(indicator: str, target: str) -> None:
    read, found = read_one(indicator)
    assert (str(read.target), found) == (target, [])


@pytest.mark.parametrize(
    "indicator",
    [
        "Nombre de sessions de 2 heures organisées",
        "Rapport d'activités de 2023",
        "Nombre de tests Covid-19",
    ],
)
def test_a_label_with_numbers_but_no_target_is_only_a_warning(indicator: str) -> None:
    read, found = read_one(indicator)
    assert (read.label, read.target_text) == (indicator, None)
    assert found == [("warning", 8, 7, f"indicator {indicator!r} has no target")]


# Pieces of indicator texts: words, numbers, the symbols and words of targets, signs,
# dashes, brackets, colons.
_PIECES = st.sampled_from(
    [
        "Nombre", "de", "projets", "Taux", "(phase", "2", "pilotes)", ":", "-", "–", "+", "−",
        "10", "1 000", "2,5", "%", "/an", "par", "an", "≥", "≤", ">/=", "au moins", "moins de",
        "entre", "et", "à", "Oui/Non", "(moyenne)", "(", ")", ".", "au total", "2023", "12-18",
        "heures", "-10", "+5", "≥3/an", "Oui", "en baisse", "stabilisation", "(source : BNG)",
        "des dossiers", ", soit", "1h30", "par rapport à", "12 - 18", "diminution", "de 10 %",
    ]
)  # fmt: skip
_SEPARATOR = re.compile(r"[\s\-–—]*|\s*:\s*(?:[-–—]+\s*)?")


def _read_alone(text: str) -> tuple[str, Indicator, list[tuple[Severity, int, int, str]]]:
    """An indicator item of one line read on its own: its text as the reader sees it, the
    indicator, and the remarks."""
    item = Item(1, 1, [clean(text, 1)])
    remarks: list[tuple[Severity, int, int, str]] = []
    indicator = read_indicator(item, lambda *remark: remarks.append(remark))
    return trim_end(item.text), indicator, remarks


@given(st.lists(_PIECES, min_size=1, max_size=10), st.sampled_from([" ", ""]))
def test_label_separator_and_target_text_are_the_whole_item(pieces: list[str], glue: str) -> None:
    text, indicator, remarks = _read_alone(glue.join(pieces))
    label, target_text = indicator.label, indicator.target_text
    if target_text is None:
        # nothing was taken for a target: the label is the text, up to a final colon
        assert label in (text, text.removesuffix(":").rstrip())
        return
    assert text.startswith(label)
    assert text.endswith(target_text)
    separator = text[len(label) : len(text) - len(target_text)]
    assert _SEPARATOR.fullmatch(separator), (label, separator, target_text)
    assert label == label.rstrip()
    assert target_text == target_text.strip()
    # a dash before a number is a sign, never a separator
    assert not (set(separator) & set("-–—") and target_text[0].isdigit())
    if indicator.target is not None:
        assert indicator.target == parse_target(target_text)
        # one sign before a number makes a change
        if target_text[0] in "-+−":
            assert isinstance(indicator.target, Change)
        # without a colon, a target holds a number or the slash of Oui/Non
        if ":" not in separator:
            assert re.search(r"[\d/]", target_text)
        # a target read is no error; a warning may doubt it (no label, a label that
        # speaks of a decrease before a target without a comparator)
        assert all(
            severity is Severity.WARNING
            and (
                message == "indicator without a label"
                or "speaks of a decrease" in message
                or "though the label names none" in message
            )
            for severity, _, _, message in remarks
        ), remarks
    else:
        assert Severity.ERROR in {severity for severity, *_ in remarks}


_PREFIXES = ["", "- ", "-", "+ ", "+", "− ", "– ", "(", "de "]
# (not a whole target with its own comparator: without a colon, "… Oui/Non ≥ 2" is read
# as the longest end that reads, "≥ 2", the label holding the rest)
_SUFFIXES = ["", " (moyenne)", " (rapport annuel)", ")", " au total", " en moyenne", " -",
             " +5", ".", "..", " 2023", " en 2 sessions", " 2 fois"]  # fmt: skip


@given(
    _phrases(),
    written_targets(),
    st.sampled_from(_PREFIXES),
    st.sampled_from(_SUFFIXES),
    st.booleans(),
)
def test_a_decorated_target_is_read_as_written_or_is_an_error(
    label: str, written: tuple[Target, str], prefix: str, suffix: str, colon: bool
) -> None:
    target, text = written
    decorated = " ".join((prefix + text.strip() + suffix).split())
    assume(decorated.strip(". ") != text.strip(". "))  # a decoration that decorates
    line, indicator, remarks = _read_alone(f"{label}{' :' if colon else ''} {decorated}")
    errors = [r for r in remarks if r[0] is Severity.ERROR]
    if indicator.target is not None:
        assert errors == []
        assert indicator.target == parse_target(indicator.target_text or "")
        # without a colon, a number and what it counts may be words of the label (in
        # "Sessions de 2 heures en 2 fois", the target is "2 fois"), and so are words alone
        # ("Assurer en diminution en 2 sessions": "2 sessions")
        label_words = not colon and (
            (isinstance(target, Threshold) and target.per is None and text.strip()[:1].isdigit())
            or not re.search(r"[\d/]", text)
        )
        if prefix.strip() in ("-", "+", "−") and text.strip()[:1].isdigit():
            # one sign before a number makes a change, of the sign's direction
            assert isinstance(indicator.target, Change)
            assert indicator.target_text == decorated
            up = prefix.strip() == "+"
            assert indicator.target.direction is (Direction.INCREASE if up else Direction.DECREASE)
        # (a target of words alone is not read without a colon: what is read then is a
        # number of the label with the words after it, "Assurer 2023 de Oui": "2023 de oui")
        words_alone = not colon and not re.search(r"[\d/]", text)
        # (a decoration in brackets is a note: a target ending the label ("Assurer 50/an")
        # takes it as its own, "50/an (au moins the 2010 level)")
        noted = (
            not colon
            and prefix == "("
            and suffix.endswith(")")
            and (indicator.target_text or "").endswith(decorated)
        )
        if indicator.target_text != decorated and not (
            (label_words and suffix.endswith(indicator.target_text or "")) or words_alone or noted
        ):
            # what is left before the target is a dash that separates, or without a colon
            # a word of the label; never before a number
            assert indicator.target_text == " ".join(decorated[len(prefix) :].split())
            assert prefix.strip() in ("-", "–") or (prefix == "de " and not colon)
            assert not indicator.target_text[:1].isdigit()
    elif errors:
        assert len(errors) == 1
        # (a colon inside a bracket the label opens and the decoration closes is the
        # bracket's: "Assurer (STIB, 50/an : Oui/Non)")
        if colon and not (label.count("(") > label.count(")") and ")" in suffix):
            # all of it after the colon, but a dash that separates ("X : - Oui/Non (…)")
            assert indicator.target_text in (decorated, decorated[len(prefix) :])
            assert indicator.target_text == decorated or prefix.strip() in ("-", "–")
    else:
        # without a colon, no end of the text says it is a target: nothing is read
        assert not colon
        assert (indicator.label, indicator.target_text) == (line, None)
        assert remarks == [(Severity.WARNING, 1, 1, f"indicator {line!r} has no target")]


# ---------------------------------------------------------------- files


def test_read_plan_reads_a_latin1_file_and_says_so(tmp_path: Path) -> None:
    # (every encoding, on the example plan: tests/test_plan_encodings.py)
    path = tmp_path / "plan.txt"
    path.write_bytes("Secteur d'activité 1 : Sécurité".encode("latin-1"))
    plan = read_plan(path)
    assert plan.node("s1", Sector).title == "Sécurité"
    assert diagnostics(plan) == [("info", 1, 1, "read as Windows-1252 (not UTF-8)")]


def test_read_plan_rejects_a_file_that_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(b"Secteur d\x00activit\x01")
    with pytest.raises(
        PlanError,
        match=r"plan\.txt: not a text file \(line 1, column 10 holds the control code U\+0000\)",
    ):
        read_plan(path)


def test_read_plan_of_a_missing_file_raises_a_library_error_that_is_an_oserror(
    tmp_path: Path,
) -> None:
    import errno

    from cssindicators.errors import FileReadError

    with pytest.raises(FileReadError) as caught:
        read_plan(tmp_path / "absent.txt")
    assert isinstance(caught.value, OSError)
    assert caught.value.errno == errno.ENOENT


def test_source_is_kept_but_not_compared() -> None:
    a = parse_plan("Secteur d'activité 1 : P\n", source="a.txt")
    b = parse_plan("Secteur d'activité 1 : P\n")
    assert (a.source, b.source) == ("a.txt", None)
    assert a == b
    assert Plan.from_json(a.to_json()).source == "a.txt"


def test_diagnostics_are_sorted_by_place() -> None:
    plan = one_table("1. A\t- \t- X : beaucoup\n2. B\t\t- Y\n")
    places = [(d.line, d.column) for d in plan.diagnostics]
    assert places == sorted(places)
    assert all(isinstance(d, Diagnostic) for d in plan.diagnostics)


def test_reading_restores_the_garbage_collector_state() -> None:
    import gc

    from cssindicators._gc import collection_paused

    assert gc.isenabled()
    parse_plan("Secteur d'activité 1 : Police\n")
    assert gc.isenabled()
    gc.disable()
    try:
        parse_plan("Secteur d'activité 1 : Police\n")
        assert not gc.isenabled()
    finally:
        gc.enable()

    def fail_inside() -> None:
        with collection_paused():
            assert not gc.isenabled()
            raise RuntimeError

    with pytest.raises(RuntimeError):
        fail_inside()
    assert gc.isenabled()
