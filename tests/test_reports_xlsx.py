"""Scorecards as workbooks: one sheet a level, the records' keys as headers, one row a
record, typed numbers, coloured statuses, and texts that stay texts whatever they hold."""

from __future__ import annotations

import io
import math
import re
import sys
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cssindicators as ci
from cssindicators._terminal import visible
from cssindicators.errors import MissingDependencyError
from cssindicators.plan import (
    GeneralObjective,
    Indicator,
    OperationalObjective,
    Plan,
    Sector,
    ServiceBlock,
    StrategicObjective,
)
from cssindicators.reading import parse_plan
from cssindicators.reports import to_xlsx
from cssindicators.reports._xlsx import _FILLS, CELL_LIMIT, _write, cell_text
from cssindicators.scoring import RECORD_FIELDS, Scorecard, example_files, score

openpyxl = pytest.importorskip("openpyxl")

SHEETS = ["Plan", "Secteurs", "Objectifs", "Indicateurs", "Problèmes"]
SHARES = {"achievement", "met_share", "mean_achievement", "coverage"}
#: Texts that a spreadsheet would run, or show as something else, were they not texts.
FORMULAS = [
    "=1+1",
    "+cmd",
    "@SUM(A1)",
    "-2+3",
    '=HYPERLINK("http://x","clic")',
    "=cmd|' /C calc'!A0",
    "#N/A",
    "＝1+1",
    "0042",
    "1e5",
    "TRUE",
]
#: Characters a workbook's XML cannot hold, or that act on a terminal or reorder text.
CONTROLS = ["\x00", "\x08", "\x0b", "\x0c", "\x1b[2J", "\x7f", "\x85", "\x9b2J", "\u202e"]
CONTROLS += ["\r", "\n", "\t", "\u2028", "\ufffe", "\uffff", "\ud800"]


def example_card() -> Scorecard:
    plan_file, data_file = example_files()
    return score(parse_plan(plan_file.read_text(encoding="utf-8")), data_file)


def workbook(card: Scorecard, tmp_path: Path) -> Any:
    path = tmp_path / "scorecard.xlsx"
    to_xlsx(card, path)
    return openpyxl.load_workbook(path)


def table(sheet: Any) -> list[tuple[Any, ...]]:
    return list(sheet.iter_rows(values_only=True))


def sheet_xml(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.startswith("xl/worksheets/")
        }


def formulas(data: bytes) -> list[str]:
    """The formula elements of a workbook's sheets."""
    return [f for xml in sheet_xml(data).values() for f in re.findall(r"<f[ >].*?</f>|<f/>", xml)]


def test_the_example_has_a_sheet_a_level_with_the_records_keys(tmp_path: Path) -> None:
    card = example_card()
    book = workbook(card, tmp_path)
    assert book.sheetnames == SHEETS
    assert table(book["Plan"])[0] == ("field", "value")
    for name, what in (("Secteurs", "nodes"), ("Objectifs", "nodes")):
        assert table(book[name])[0] == RECORD_FIELDS[what]
    assert table(book["Indicateurs"])[0] == RECORD_FIELDS["indicators"]
    assert table(book["Problèmes"])[0] == RECORD_FIELDS["problems"]


def test_one_row_a_record_in_document_order(tmp_path: Path) -> None:
    card = example_card()
    book = workbook(card, tmp_path)
    nodes = [r for r in card.records("nodes") if r["kind"] != "plan"]
    shown = {name: [row[0] for row in table(book[name])[1:]] for name in SHEETS}
    walked = [n.id for n in card.plan.walk() if n.kind not in ("indicator", "expected_result")]
    assert shown["Secteurs"] + shown["Objectifs"] != []
    assert sorted(shown["Secteurs"] + shown["Objectifs"]) == sorted(r["id"] for r in nodes)
    assert shown["Secteurs"] == [i for i in walked if card.plan.node(i).kind == "sector"]
    assert shown["Objectifs"] == [i for i in walked if card.plan.node(i).kind != "sector"]
    kinds = {row[1] for row in table(book["Objectifs"])[1:]}
    assert {"general_objective", "strategic_objective", "operational_objective"} <= kinds
    assert shown["Indicateurs"] == [r["id"] for r in card.records("indicators")]
    assert len(shown["Indicateurs"]) == 31
    assert len(shown["Problèmes"]) == len(card.problems) == 7


def test_every_field_of_every_record_is_in_its_cell(tmp_path: Path) -> None:
    card = example_card()
    book = workbook(card, tmp_path)
    rows = {row[0]: row for name in SHEETS[1:4] for row in table(book[name])[1:]}
    records = [*card.records("nodes")[1:], *card.records("indicators")]
    for record in records:
        row = rows[record["id"]]
        fields = RECORD_FIELDS["indicators" if "status" in record else "nodes"]
        for field, value in zip(fields, row, strict=True):
            expected = record[field]
            if expected == "" or (isinstance(expected, float) and math.isnan(expected)):
                expected = None  # an empty text or NaN: an empty cell
            if isinstance(expected, float):  # written with 16 significant digits
                expected = pytest.approx(expected, rel=1e-15)
            assert value == expected, (record["id"], field)
    problems = table(book["Problèmes"])[1:]
    for row, record in zip(problems, card.records("problems"), strict=True):
        assert row[:4] == (record["source"], record["line"], record["indicator"], record["reason"])
        assert all(f"{key}=" in row[4] for key, text in record["raw"].items() if text.strip())


def test_numbers_are_numbers_and_shares_percentages(tmp_path: Path) -> None:
    book = workbook(example_card(), tmp_path)
    sheet = book["Indicateurs"]
    header = [c.value for c in sheet[1]]
    numeric = {"observed", "expected", "achievement", "rows", "weight", "baseline_rows"}
    seen = 0
    for row in sheet.iter_rows(min_row=2):
        for name, c in zip(header, row, strict=True):
            if name in numeric and c.value is not None:
                assert c.data_type == "n", (name, c.value)
                assert isinstance(c.value, (int, float))
                assert (c.number_format == "0%") == (name in SHARES)
                seen += 1
            if name in ("id", "label", "status"):
                assert c.data_type == "s"
                assert isinstance(c.value, str)
    assert seen > 100
    nodes = book["Secteurs"]
    header = [c.value for c in nodes[1]]
    for row in nodes.iter_rows(min_row=2):
        for name, c in zip(header, row, strict=True):
            if name in SHARES and c.value is not None:
                assert c.number_format == "0%"
                assert 0 <= c.value <= 1


def test_the_plan_sheet_holds_the_title_period_sources_bands_and_roll_up(
    tmp_path: Path,
) -> None:
    plan_file, data_file = example_files()
    card = score(parse_plan(plan_file.read_text(encoding="utf-8")), data_file, period="2023")
    fields = dict(table(workbook(card, tmp_path)["Plan"])[1:])
    rollup = card.records("nodes")[0]
    assert fields["title"] == "Molenbeek-Saint-Jean, 2023"
    assert fields["plan.commune"] == "Molenbeek-Saint-Jean"
    assert fields["plan.year"] == 2023
    assert fields["period"] == "2023"
    assert fields["sources"] == str(data_file)
    assert fields["bands.partial"] == 0.5
    assert fields["bands.tolerance"] == 0.05
    assert fields["invalid_rows"] == len(card.problems) == 7
    for name in ("met", "partial", "not_met", "not_measured", "invalid", "total", "measured"):
        assert fields[name] == rollup[name]
    assert fields["met"] == 14
    assert fields["coverage"] == pytest.approx(rollup["coverage"])


def test_statuses_are_coloured_and_written(tmp_path: Path) -> None:
    card = example_card()
    sheet = workbook(card, tmp_path)["Indicateurs"]
    column = RECORD_FIELDS["indicators"].index("status") + 1
    colours: dict[str, set[str]] = {}
    for row in range(2, sheet.max_row + 1):
        c = sheet.cell(row=row, column=column)
        assert c.fill.fill_type == "solid"
        colours.setdefault(c.value, set()).add(c.fill.fgColor.rgb[-6:])
    assert set(colours) == {"met", "partial", "not met", "not measured", "invalid"}
    assert all(len(found) == 1 for found in colours.values())  # one colour a status
    assert len({next(iter(found)) for found in colours.values()}) == 5  # all different
    assert {s: next(iter(c)) for s, c in colours.items()} == _FILLS
    other = sheet.cell(row=2, column=column - 1)  # the target: not coloured
    assert other.fill.fill_type is None


def test_every_sheet_has_a_filter_a_frozen_header_and_widths(tmp_path: Path) -> None:
    book = workbook(example_card(), tmp_path)
    for sheet in book:
        assert sheet.auto_filter.ref == sheet.dimensions, sheet.title
        assert sheet.auto_filter.ref.startswith("A1:")
        assert sheet.freeze_panes == "A2"
        assert all(c.font.b for c in sheet[1])
        for column in range(1, sheet.max_column + 1):
            letter = openpyxl.utils.get_column_letter(column)
            assert 6 <= sheet.column_dimensions[letter].width <= 60
    assert book["Indicateurs"].column_dimensions["B"].width == 60  # the labels, capped
    assert book["Problèmes"].auto_filter.ref == "A1:E8"


def test_an_empty_scorecard_has_every_sheet_with_its_header(tmp_path: Path) -> None:
    book = workbook(score(parse_plan(""), []), tmp_path)
    assert book.sheetnames == SHEETS
    assert book["Indicateurs"].auto_filter.ref == "A1:S1"
    assert table(book["Problèmes"]) == [RECORD_FIELDS["problems"]]
    assert dict(table(book["Plan"])[1:])["total"] == 0


def hostile_plan(labels: list[str]) -> Plan:
    """A plan whose sectors, objectives and indicators are labelled ``labels``."""
    return Plan.assemble(
        commune=labels[0],
        year=2023,
        sectors=[
            Sector(
                number=number,
                title=label,
                objectives=[
                    GeneralObjective(
                        number=1,
                        title=label,
                        objectives=[
                            StrategicObjective(
                                number=1,
                                title=label,
                                blocks=[
                                    ServiceBlock(
                                        service="GDP",
                                        objectives=[
                                            OperationalObjective(
                                                number=1,
                                                text=label,
                                                indicators=[
                                                    Indicator(label=label, target_text=label)
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
            for number, label in enumerate(labels, start=1)
        ],
    )


def texts(data: bytes) -> list[Any]:
    book = openpyxl.load_workbook(io.BytesIO(data))  # data_only=False: formulas as formulas
    return [c for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]


def test_formula_like_labels_are_texts(tmp_path: Path) -> None:
    plan = parse_plan(
        "".join(
            f"Secteur d'activité {n} : {label}\n"
            f"Objectif général 1 - Secteur d'activité {n} :\n{label}\n"
            f"Objectif stratégique 1 - Domaine :\n{label}\nGDP\n"
            "Objectifs opérationnels\tRésultats attendus\tIndicateurs\n"
            f"1. {label}\t- {label}\t- {label} : ≥ 12 par an\n"
            for n, label in enumerate(FORMULAS, start=1)
        )
    )
    ids = [i.id for i in plan.indicators()]
    assert [i.label for i in plan.indicators()] == FORMULAS
    measurements = [
        ci.Measurement(value=label, period="2023", indicator=label) for label in FORMULAS
    ]
    measurements += [ci.Measurement(value=3, period="2023", indicator=i) for i in ids]
    card = score(plan, measurements)
    path = tmp_path / "hostile.xlsx"
    to_xlsx(card, path)
    data = path.read_bytes()
    assert formulas(data) == []
    assert "<f" not in "".join(sheet_xml(data).values())
    cells = texts(data)
    strings = [c for c in cells if isinstance(c.value, str)]
    assert all(c.data_type == "s" for c in strings)
    book = openpyxl.load_workbook(path)
    labels = [row[1] for row in table(book["Indicateurs"])[1:]]
    assert labels == FORMULAS  # as written, no quote added
    assert [row[2] for row in table(book["Problèmes"])[1:]] == FORMULAS
    sectors = book["Secteurs"]
    for row in range(2, sectors.max_row + 1):
        label = sectors.cell(row=row, column=3)
        starts = label.value[0] in "=+-@＝"
        assert label.quotePrefix == starts, label.value  # editing it keeps it a text


@pytest.mark.parametrize("control", CONTROLS)
def test_control_characters_are_shown_as_escapes(control: str) -> None:
    label = f"a{control}b"
    card = score(hostile_plan([label]), [ci.Measurement(value=label, indicator=label)])
    buffer = io.BytesIO()
    to_xlsx(card, buffer)
    shown = [c.value for c in texts(buffer.getvalue()) if isinstance(c.value, str)]
    escaped = cell_text(label)
    assert escaped != label
    assert escaped.startswith("a\\")
    assert escaped.endswith("b")
    assert shown.count(escaped) >= 6  # sector, objectives, indicator, target, commune
    assert not any(control in text for text in shown)


def test_huge_cells_are_cut_saying_so() -> None:
    label = "x" * 100_000
    card = score(hostile_plan([label]), [ci.Measurement(value=1, indicator="y" * 100_000)])
    buffer = io.BytesIO()
    to_xlsx(card, buffer)
    long = [c.value for c in texts(buffer.getvalue()) if len(str(c.value)) > 1000]
    assert len(long) >= 8  # the labels, the target, the unknown indicator, its raw values
    for text in long:
        assert len(text) == CELL_LIMIT
        cut = re.fullmatch(r"(?s)(.*)… \[cut: (\d+) of (\d+) characters\]", text)
        assert cut is not None
        assert len(cut[1]) + int(cut[2]) == int(cut[3])
    assert "x" * (CELL_LIMIT - 35) + "… [cut: 67268 of 100000 characters]" in long


def test_a_cut_escaped_text_counts_the_text_as_shown() -> None:
    text = cell_text("\x1b" * 10_000)  # 40 000 characters once escaped
    assert len(text) == CELL_LIMIT
    assert text.startswith("\\x1b\\x1b")
    marker = "… [cut: 7266 of 40000 characters]"
    kept = CELL_LIMIT - len(marker)
    assert text == ("\\x1b" * 10_000)[:kept] + marker
    assert 40_000 - kept == 7266


def test_an_infinite_achievement_is_the_text_inf(tmp_path: Path) -> None:
    plan = parse_plan(
        "Secteur d'activité 2 : Criminalité\n"
        "Objectif général 1 - Secteur d'activité 2 :\nLutte\n"
        "Objectif stratégique 1 - Domaine :\nPrévention\nGDP\n"
        "Objectifs opérationnels\tRésultats attendus\tIndicateurs\n"
        "1. Se concerter\t- Projets\t- Plaintes : ≥ 0 par an\n"
    )
    card = score(plan, [ci.Measurement(value=5, period="2023", indicator=plan.indicators()[0].id)])
    assert card.records("indicators")[0]["achievement"] == math.inf
    sheet = workbook(card, tmp_path)["Indicateurs"]
    achievement = sheet.cell(row=2, column=RECORD_FIELDS["indicators"].index("achievement") + 1)
    assert achievement.value == "inf"
    assert achievement.data_type == "s"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (math.nan, None),
        (math.inf, "inf"),
        (-math.inf, "-inf"),
        (Decimal("2.5"), 2.5),
        (-0.05, -0.05),
        (7, 7),
        (None, None),
        ("", None),
    ],
)
def test_a_value_is_written_as_csv_writes_it(value: object, shown: object) -> None:
    book = openpyxl.Workbook()
    _write(book.active, 1, 1, value)
    buffer = io.BytesIO()
    book.save(buffer)
    assert openpyxl.load_workbook(buffer).active["A1"].value == shown


def test_a_file_object_gets_the_same_workbook(tmp_path: Path) -> None:
    card = example_card()
    buffer = io.BytesIO()
    to_xlsx(card, buffer)
    from_file = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    from_path = workbook(card, tmp_path)
    for name in SHEETS:
        assert table(from_file[name]) == table(from_path[name])


def test_without_openpyxl_the_error_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingDependencyError, match=r'pip install "cssindicators\[excel\]"') as e:
        to_xlsx(score(parse_plan(""), []), tmp_path / "x.xlsx")
    assert e.value.extra == "excel"
    assert e.value.module == "openpyxl"
    assert not (tmp_path / "x.xlsx").exists()


@given(st.text(min_size=1, max_size=40))
def test_any_label_reads_back_as_the_text_shown(label: str) -> None:
    card = score(hostile_plan([label]), [])
    buffer = io.BytesIO()
    to_xlsx(card, buffer)
    data = buffer.getvalue()
    assert formulas(data) == []
    book = openpyxl.load_workbook(io.BytesIO(data))
    c = book["Secteurs"]["C2"]
    assert (
        c.value
        == cell_text(label)
        == visible(label).replace("\ufffe", "\\ufffe").replace("\uffff", "\\uffff")
    )
    assert c.data_type == "s"
