"""The measurement template: the rows to fill in, as a workbook or CSV, and read back."""

from __future__ import annotations

import csv
import re
import sys
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cssindicators as ci
from cssindicators._terminal import visible
from cssindicators.measurements._rows import column
from cssindicators.plan import (
    GeneralObjective,
    Indicator,
    OperationalObjective,
    Sector,
    ServiceBlock,
    StrategicObjective,
)
from cssindicators.scoring import example_files
from cssindicators.strategies import plans
from cssindicators.targets import Change, UnitKind, YesNo
from cssindicators.writing import measurement_template

openpyxl: Any = pytest.importorskip("openpyxl")

PLAN = ci.read_plan(example_files()[0])
IDS = [indicator.id for indicator in PLAN.indicators()]
YES_NO = next(i.id for i in PLAN.indicators() if isinstance(i.target, YesNo))
COUNT = next(i.id for i in PLAN.indicators() if i.target is not None and i.target.unit is None)
CANONICAL = ("indicator", None, None, None, "unit", "period", "value", "note", "baseline")
SHEETS = {
    "fr": ["Mesures", "Plan", "Mode d'emploi"],
    "nl": ["Metingen", "Plan", "Handleiding"],
    "en": ["Measurements", "Plan", "How to fill this in"],
}


def _template(
    folder: Path, plan: ci.Plan = PLAN, name: str = "mesures.xlsx", **options: Any
) -> Path:
    path = folder / name
    measurement_template(plan, path, **options)
    return path


def _rows(path: Path) -> list[tuple[Any, ...]]:
    sheet = openpyxl.load_workbook(path).worksheets[0]
    return list(sheet.iter_rows(values_only=True))


def _row_of(sheet: Any, indicator: str) -> int:
    return int(next(row[0].row for row in sheet.iter_rows(min_row=2) if row[0].value == indicator))


def _validation(sheet: Any, coordinate: str) -> Any:
    found = [dv for dv in sheet.data_validations.dataValidation if coordinate in dv.sqref]
    assert len(found) <= 1
    return found[0] if found else None


def _plan(
    *indicators: Indicator, service: str | None = "SCAPI", year: int | None = 2023
) -> ci.Plan:
    return ci.Plan.assemble(
        year=year,
        sectors=[
            Sector(
                number=1,
                title="S",
                objectives=[
                    GeneralObjective(
                        number=1,
                        title="G",
                        objectives=[
                            StrategicObjective(
                                number=1,
                                title="O",
                                blocks=[
                                    ServiceBlock(
                                        service=service,
                                        objectives=[
                                            OperationalObjective(
                                                number=1, text="T", indicators=indicators
                                            )
                                        ],
                                    )
                                ],
                            )
                        ],
                    )
                ],
            )
        ],
    )


def _indicator(label: str, target: str | None = None, *, parsed: bool = True) -> Indicator:
    """An indicator; with ``parsed=False``, its target as written does not parse."""
    read = ci.parse_target(target) if target is not None and parsed else None
    return Indicator(label=label, target_text=target, target=read)


# ------------------------------------------------------------------------------ layout


@pytest.mark.parametrize("lang", ["fr", "nl", "en"])
def test_sheets_and_header_in_each_language(tmp_path: Path, lang: str) -> None:
    path = _template(tmp_path, lang=lang)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == SHEETS[lang]
    header = next(book.worksheets[0].iter_rows(max_row=1, values_only=True))
    assert len(header) == len(CANONICAL) == 9
    # The reader knows the columns it reads by these names; the others it ignores.
    for name, canonical in zip(header, CANONICAL, strict=True):
        assert column(name) == (canonical or name)
    help_lines = [row[0] for row in book.worksheets[2].iter_rows(values_only=True)]
    assert 6 <= len(help_lines) <= 12
    assert any("cssindicators score plan.txt mesures.xlsx" in line for line in help_lines)


def test_one_row_per_indicator_for_the_plans_year(tmp_path: Path) -> None:
    rows = _rows(_template(tmp_path))
    assert len(rows) == 1 + 31
    assert [row[0] for row in rows[1:]] == IDS
    assert {row[5] for row in rows[1:]} == {"2023"}
    assert {row[6:] for row in rows[1:]} == {(None, None, None)}
    first = PLAN.indicators()[0]
    assert rows[1][1:5] == ("GDP", first.label, "≥ 3 heures/jour", "heures")
    by_id = {row[0]: row for row in rows[1:]}
    assert by_id[YES_NO][3:5] == ("Oui/Non", None)
    assert by_id["s2.og1.os2.gdp-cell-incivilites.oo1.i1"][1:4:2] == (
        "GDP/CELL INCIVILITES",
        "≥ 50/an",
    )


@pytest.mark.parametrize(
    ("every", "periods"),
    [
        ("month", [f"2023-{m:02d}" for m in range(1, 13)]),
        ("quarter", ["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"]),
        ("semester", ["2023-H1", "2023-H2"]),
        ("year", ["2023"]),
    ],
)
def test_every_splits_the_year(tmp_path: Path, every: str, periods: list[str]) -> None:
    rows = _rows(_template(tmp_path, every=every))[1:]
    assert len(rows) == 31 * len(periods)
    assert [row[0] for row in rows] == [i for i in IDS for _ in periods]
    assert [row[5] for row in rows] == periods * 31


def test_the_period_given_is_cut_at_calendar_boundaries(tmp_path: Path) -> None:
    rows = _rows(_template(tmp_path, period="2023-02/2023-06", every="quarter"))[1:]
    assert [row[5] for row in rows[:2]] == ["2023-02-01/2023-03-31", "2023-Q2"]
    assert {row[5] for row in _rows(_template(tmp_path, period=2024))[1:]} == {"2024"}
    rows = _rows(_template(tmp_path, period="2022-07/2024-06", every="year"))[1:]
    assert [row[5] for row in rows[:3]] == ["2022-H2", "2023", "2024-H1"]


def test_layout_frozen_filtered_protected(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(_template(tmp_path)).worksheets[0]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:I32"
    protection = sheet.protection
    assert protection.sheet is True
    assert protection.password is None
    assert protection.autoFilter is False
    assert protection.sort is False
    for row in range(2, 33):
        locked = [sheet.cell(row=row, column=c).protection.locked for c in range(1, 10)]
        assert locked == [True] * 6 + [False] * 3
    assert all(cell.protection.locked for cell in sheet[1])
    assert sheet["C2"].alignment.wrap_text
    assert sheet["D2"].alignment.wrap_text
    assert sheet.column_dimensions["C"].width == 60


def test_plan_sheet_is_the_tree_in_order(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(_template(tmp_path, lang="en")).worksheets[1]
    rows = list(sheet.iter_rows(min_row=2))
    nodes = list(PLAN.walk())
    assert [row[0].value for row in rows] == [node.id for node in nodes]
    assert [row[2].alignment.indent for row in rows] == [
        2 * len(PLAN.parents(node.id)) for node in nodes
    ]
    first_indicator = next(row for row in rows if row[1].value == "Indicator")
    assert first_indicator[3].value == "≥ 3 heures/jour"
    assert {row[1].value for row in rows} >= {"Sector", "Expected result", "Service"}


# ------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("lang", "formula"), [("fr", '"Oui,Non"'), ("nl", '"Ja,Nee"'), ("en", '"Yes,No"')]
)
def test_yes_no_indicators_get_a_list(tmp_path: Path, lang: str, formula: str) -> None:
    sheet = openpyxl.load_workbook(_template(tmp_path, lang=lang, every="quarter")).worksheets[0]
    row = _row_of(sheet, YES_NO)
    for offset in range(4):
        validation = _validation(sheet, f"G{row + offset}")
        assert validation.type == "list"
        assert validation.formula1 == formula
        assert validation.showErrorMessage
        assert validation.showInputMessage
        assert validation.error
        assert validation.prompt
    assert _validation(sheet, f"F{row}") is None  # only the value column


def test_numbers_and_percentages_are_checked(tmp_path: Path) -> None:
    plan = _plan(
        _indicator("Taux", "≥ 80 %"),
        _indicator("Points", "hausse de 3 points"),
        _indicator("Durée", "≤ 30 minutes"),
        _indicator("Faits", "diminution de 10 %"),
        _indicator("Sans cible"),
        _indicator("Cible illisible", "beaucoup", parsed=False),
    )
    sheet = openpyxl.load_workbook(_template(tmp_path, plan, lang="nl")).worksheets[0]
    for row in (2, 3):  # a percentage, and a change in points of one
        validation = _validation(sheet, f"G{row}")
        assert (validation.type, validation.operator) == ("decimal", "between")
        assert (validation.formula1, validation.formula2) == ("0", "100")
        assert "0" in validation.prompt
        assert "100" in validation.error
    for row in (4, 5):  # a duration, and a relative change of counts
        validation = _validation(sheet, f"G{row}")
        assert (validation.type, validation.operator, validation.formula1) == (
            "decimal",
            "greaterThanOrEqual",
            "0",
        )
        assert validation.error == "De waarde moet een getal zijn, 0 of meer."
    assert _validation(sheet, "G6") is None
    assert _validation(sheet, "G7") is None
    assert [sheet.cell(row=r, column=4).value for r in (5, 6, 7)] == [
        "diminution de 10 %",
        "(geen doel)",
        "beaucoup",
    ]
    assert [sheet.cell(row=r, column=5).value for r in (2, 3, 4, 5)] == ["%", "%", "minutes", None]


def test_a_count_indicator_gets_numbers_of_zero_or_more(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(_template(tmp_path, every="month")).worksheets[0]
    row = _row_of(sheet, COUNT)
    validation = _validation(sheet, f"G{row + 11}")
    assert (validation.type, validation.operator, validation.formula1) == (
        "decimal",
        "greaterThanOrEqual",
        "0",
    )


# ---------------------------------------------------------------------------- hostile

HOSTILE = [
    '=HYPERLINK("http://evil.example","clic")',
    "=1+1",
    "#N/A",
    "+cmd|' /C calc'!A0",
    "@SUM(A1)",
    "Titre\x1b]0;pwned\x07 et\u202e fin\r\x00\x0b",
    "é" * 40_000,
]


def test_hostile_labels_stay_strings(tmp_path: Path) -> None:
    plan = _plan(*(_indicator(label, "≥ 1/an") for label in HOSTILE), service="=cmd()")
    book = openpyxl.load_workbook(_template(tmp_path, plan))
    sheet, tree = book.worksheets[0], book.worksheets[1]
    cells = [sheet.cell(row=row, column=3) for row in range(2, 2 + len(HOSTILE))]
    assert [cell.data_type for cell in cells] == ["s"] * len(HOSTILE)
    assert [cell.value for cell in cells[:-1]] == [visible(label) for label in HOSTILE[:-1]]
    assert cells[3].value.startswith("+cmd")
    assert cells[-1].value == "é" * 32_766 + "…"
    assert sheet["B2"].value == "=cmd()"
    assert sheet["B2"].data_type == "s"
    tree_labels = [row[2] for row in tree.iter_rows(min_row=2) if row[1].value == "Indicateur"]
    assert [cell.data_type for cell in tree_labels] == ["s"] * len(HOSTILE)
    assert tree_labels[0].value == visible(HOSTILE[0])


def test_hostile_labels_in_csv_cannot_run(tmp_path: Path) -> None:
    plan = _plan(*(_indicator(label, "≥ 1/an") for label in HOSTILE))
    path = _template(tmp_path, plan, "mesures.csv")
    with open(path, encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file, delimiter=";"))
    labels = [row[2] for row in rows[1:]]
    assert labels[:5] == ["'" + HOSTILE[0], "'=1+1", "#N/A", "'" + HOSTILE[3], "'@SUM(A1)"]
    assert labels[5] == visible(HOSTILE[5])
    assert len(rows) == 1 + len(HOSTILE)
    assert all(len(row) == 9 for row in rows)
    assert not any(cell[:1] in ("=", "+", "-", "@") for row in rows for cell in row)


# -------------------------------------------------------------------------------- CSV


def test_csv_has_the_same_columns_and_rows(tmp_path: Path) -> None:
    path = _template(tmp_path, name="mesures.csv", every="month")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfindicateur;service;libell\xc3\xa9;cible;")
    with open(path, encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file, delimiter=";"))
    workbook = _rows(_template(tmp_path, every="month"))
    assert len(rows) == len(workbook) == 1 + 31 * 12
    assert [tuple(row[:6]) for row in rows] == [
        tuple(cell or "" for cell in row[:6]) for row in workbook
    ]
    # Read back unfilled, every row is accounted for: a problem, as it has no value.
    read = ci.read_measurements(path)
    assert (len(read.rows), len(read.problems)) == (0, 31 * 12)
    assert {problem.reason for problem in read.problems} == {"no value"}


def _fill_csv(path: Path, value_of: Callable[[list[str]], tuple[str, str]]) -> None:
    with open(path, encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file, delimiter=";"))
    for row in rows[1:]:
        row[6], row[8] = value_of(row)
    with open(path, "w", encoding="utf-8-sig", newline="") as file:
        csv.writer(file, delimiter=";").writerows(rows)


def _example_value(row: list[str]) -> tuple[str, str]:
    if row[3] == "Oui/Non":
        return ("Oui" if len(row[0]) % 2 else "Non"), ""
    return "2,5" if row[4] == "heures" else "12", ""


def _outcome(scorecard: ci.Scorecard) -> tuple[object, ...]:
    results = tuple(
        (
            r.indicator.id,
            r.status,
            None if r.evaluation is None else (r.evaluation.observed, r.evaluation.achievement),
            r.warnings,
        )
        for r in scorecard.results
    )
    rollups = tuple(
        (r.id, r.met, r.partial, r.not_met, r.not_measured, r.invalid, r.met_share)
        for r in scorecard.rollups
    )
    # (a workbook's problems say where they are first: "Mesures!6:6: …")
    where = re.compile(r"^(?:[^\W\d]\w*|'(?:[^']|'')+')!\d+:\d+: ")
    return results, rollups, tuple(where.sub("", p.reason) for p in scorecard.problems)


def test_a_filled_csv_template_reads_back_and_scores(tmp_path: Path) -> None:
    path = _template(tmp_path, name="mesures.csv", every="quarter")
    _fill_csv(path, _example_value)
    read = ci.read_measurements(path)
    assert (len(read.rows), read.problems) == (31 * 4, ())
    values = {(row.measurement.indicator, str(row.measurement.period)): row for row in read.rows}
    assert values[(YES_NO, "2023-Q1")].measurement.value in ("Oui", "Non")
    first = values[(IDS[0], "2023-Q2")].measurement
    assert (first.value, first.unit) == (Decimal("2.5"), "heures")
    scorecard = ci.score(PLAN, path)
    assert scorecard.problems == ()
    assert all(r.status is not ci.Status.NOT_MEASURED for r in scorecard.results)
    evaluation = scorecard.result(COUNT).evaluation
    assert evaluation is not None
    assert evaluation.observed == 48  # 4 quarters of 12


def _plain_csv(path: Path, plan: ci.Plan, chosen: dict[tuple[str, str], tuple[str, str]]) -> None:
    """The values chosen for a template, written as a plain measurement file, each in its
    target's unit."""
    with open(path, "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, delimiter=";")
        writer.writerow(["indicator", "value", "period", "unit", "baseline"])
        for (indicator, period), (value, baseline) in chosen.items():
            target = plan.node(indicator, Indicator).target
            unit = target.unit.name if target is not None and target.unit is not None else ""
            writer.writerow([indicator, value, period, unit, baseline])


def _value(data: st.DataObject, indicator: Indicator) -> tuple[str, str]:
    target = indicator.target
    if isinstance(target, YesNo):
        return data.draw(st.sampled_from(["Oui", "Non", "oui", "NON"])), ""
    top = (
        100
        if target is not None and target.unit is not None and target.unit.kind is UnitKind.PERCENT
        else 5000
    )
    number = data.draw(st.decimals(min_value=0, max_value=top, places=1))
    text = str(number).replace(".", ",")
    baseline = str(data.draw(st.integers(1, 5000))) if isinstance(target, Change) else ""
    return text, baseline


@settings(max_examples=40)
@given(
    plan=plans(max_sectors=2).filter(lambda plan: plan.indicators()),
    every=st.sampled_from(["year", "quarter"]),
    data=st.data(),
)
def test_a_filled_template_scores_as_the_equivalent_csv(
    plan: ci.Plan, every: str, data: st.DataObject
) -> None:
    chosen: dict[tuple[str, str], tuple[str, str]] = {}

    def value_of(row: list[str]) -> tuple[str, str]:
        indicator = plan.node(row[0], Indicator)
        chosen[row[0], row[5]] = _value(data, indicator)
        return chosen[row[0], row[5]]

    with tempfile.TemporaryDirectory() as folder:
        template = _template(Path(folder), plan, "mesures.csv", period=2023, every=every)
        _fill_csv(template, value_of)
        _plain_csv(Path(folder, "plain.csv"), plan, chosen)
        filled = ci.score(plan, template, period=2023)
        plain = ci.score(plan, Path(folder, "plain.csv"), period=2023)
        assert len(filled.results) == len(plan.indicators())
        assert _outcome(filled) == _outcome(plain)
        assert ci.read_measurements(template).problems == ()
        # The workbook, filled with typed cells: numbers as numbers.
        book = _template(Path(folder), plan, "mesures.xlsx", period=2023, every=every)
        _fill_xlsx(book, lambda row: _typed(chosen[row[0].value, row[5].value]))
        _read_workbook(book)
        assert _outcome(ci.score(plan, book, period=2023)) == _outcome(plain)


# ------------------------------------------------------------------ workbook read back


def _typed(chosen: tuple[str, str]) -> tuple[object, object]:
    """A chosen value and baseline as a workbook's cells hold them: numbers as numbers."""

    def cell(text: str) -> object:
        if not text:
            return None
        if not text[0].isdigit():
            return text
        number = Decimal(text.replace(",", "."))
        return int(number) if number == number.to_integral_value() else float(number)

    return cell(chosen[0]), cell(chosen[1])


def _fill_xlsx(path: Path, value_of: Callable[[tuple[Any, ...]], tuple[object, object]]) -> None:
    book = openpyxl.load_workbook(path)
    for row in book.worksheets[0].iter_rows(min_row=2):
        row[6].value, row[8].value = value_of(row)
    book.save(path)


def _read_workbook(path: Path) -> ci.MeasurementFile:
    """The workbook read back; the test is skipped while the reader reads it as text."""
    try:
        return ci.read_measurements(path)
    except ci.MeasurementFileError as error:
        if r"found 'PK\x03\x04" in str(error):
            pytest.skip("read_measurements does not read workbooks yet")
        raise


def _example_cell(row: tuple[Any, ...]) -> tuple[object, object]:
    if row[3].value == "Oui/Non":
        return "Oui", None
    return (2.5 if row[4].value == "heures" else 12), None


def test_a_filled_workbook_reads_back_and_scores_as_the_csv(tmp_path: Path) -> None:
    path = _template(tmp_path, every="quarter")
    _fill_xlsx(path, _example_cell)
    read = _read_workbook(path)
    assert (len(read.rows), read.problems) == (31 * 4, ())
    values = {(row.measurement.indicator, str(row.measurement.period)): row for row in read.rows}
    assert values[(YES_NO, "2023-Q3")].measurement.value == "Oui"
    assert values[(IDS[0], "2023-Q2")].measurement.unit == "heures"
    csv_path = _template(tmp_path, name="mesures.csv", every="quarter")
    _fill_csv(csv_path, _example_value)
    assert _outcome(ci.score(PLAN, path)) != _outcome(ci.score(PLAN, csv_path))  # Non, 2,5
    _fill_csv(csv_path, lambda row: ("Oui", "") if row[3] == "Oui/Non" else _example_value(row))
    assert _outcome(ci.score(PLAN, path)) == _outcome(ci.score(PLAN, csv_path))


# ----------------------------------------------------------------------------- errors


def test_errors(tmp_path: Path) -> None:
    with pytest.raises(
        ci.ConfigurationError, match=r"lang must be one of 'fr', 'nl', 'en', got 'de'"
    ):
        measurement_template(PLAN, tmp_path / "m.xlsx", lang="de")
    with pytest.raises(ci.ConfigurationError, match=r"every must be one of .*got 'week'"):
        measurement_template(PLAN, tmp_path / "m.xlsx", every="week")
    with pytest.raises(ci.ConfigurationError, match=r"the plan names no year: .*period=2023"):
        measurement_template(_plan(_indicator("x"), year=None), tmp_path / "m.csv")
    with pytest.raises(ci.ConfigurationError, match=r"\.xlsx or \.csv, got '.*m\.ods'"):
        measurement_template(PLAN, tmp_path / "m.ods")
    with pytest.raises(ci.PeriodError):
        measurement_template(PLAN, tmp_path / "m.xlsx", period="2023-13")
    assert list(tmp_path.iterdir()) == []  # nothing written
    with pytest.raises(FileNotFoundError):
        measurement_template(PLAN, tmp_path / "missing" / "m.csv")
    # A plan without a year is fine with a period.
    path = _template(tmp_path, _plan(_indicator("x"), year=None), "m.csv", period="2023-Q1")
    assert path.read_text(encoding="utf-8-sig").splitlines()[1].split(";")[5] == "2023-Q1"


def test_without_openpyxl_a_library_error_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(ci.MissingDependencyError) as caught:
        measurement_template(PLAN, tmp_path / "m.xlsx")
    assert caught.value.extra == "excel"
    assert "cssindicators[excel]" in str(caught.value)
    measurement_template(PLAN, tmp_path / "m.csv")  # CSV needs nothing
    assert ci.measurement_template is measurement_template


def test_a_label_with_a_non_character_gives_a_workbook_that_opens(tmp_path: Path) -> None:
    from cssindicators.reading import parse_plan

    plan = parse_plan(
        "CONTRAT DE SECURITE ET DE SOCIETE PLAN DE PROJET 2023 DE LA VILLE/COMMUNE DE X\n"
        "Secteur d'activité 2 : C\nObjectif général 1 - Secteur d'activité 2 :\nL\n"
        "Objectif stratégique 1 - Domaine :\nP\nGDP\n"
        "Objectifs opérationnels\tRésultats attendus\tIndicateurs\n"
        "1. A\t- R\t- Nom\ufffebre : ≥ 3/an\n"
    )
    path = tmp_path / "m.xlsx"
    ci.measurement_template(plan, path)
    labels = [
        row[2]
        for row in openpyxl.load_workbook(path).worksheets[0].iter_rows(min_row=2, values_only=True)
    ]
    assert labels == ["Nom\\ufffebre"]
