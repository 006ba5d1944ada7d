"""Reading measurements from workbooks (.xlsx): sheets, typed cells, problems naming cells."""

from __future__ import annotations

import datetime
import io
import sys
import zipfile
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cssindicators as ci
from cssindicators import strategies
from cssindicators.errors import MeasurementFileError, MissingDependencyError
from cssindicators.measurements import read_measurements
from cssindicators.periods import Period

openpyxl = pytest.importorskip("openpyxl")
pytest.importorskip("python_calamine")

ID = "s2.og1.os1.gdp.oo2.i1"


def write(
    path: Path,
    sheets: Mapping[str, Sequence[Sequence[object]]],
    formats: dict[str, str] | None = None,
    merge: str | None = None,
) -> Path:
    """A workbook with the given sheets (rows from row 1), number formats by cell."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for ref, code in (formats or {}).items():
            if ref.startswith(name + "!"):
                sheet[ref.partition("!")[2]].number_format = code
        if merge and merge.startswith(name + "!"):
            sheet.merge_cells(merge.partition("!")[2])
    book.save(path)
    return path


def patch(path: Path, old: bytes, new: bytes) -> Path:
    """Replace bytes in the first sheet's XML (openpyxl cannot write cached values)."""
    with zipfile.ZipFile(path) as source:
        items = [(item, source.read(item.filename)) for item in source.infolist()]
    with zipfile.ZipFile(path, "w") as out:
        for item, data in items:
            if item.filename == "xl/worksheets/sheet1.xml":
                # (openpyxl writes an empty value "<v />", or "<v></v>" with lxml)
                data = data.replace(b"<v/>", b"<v />").replace(b"<v></v>", b"<v />")
                assert old in data
                data = data.replace(old, new)
            out.writestr(item, data)
    return path


def test_french_header_below_titles_typed_cells(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["Mesures du plan 2023"],
        [],
        ["indicateur", "valeur", "période", "unité", "remarque"],
        [ID, 12, "2023", "heures", "réunions"],
        [ID, 2.5, "2023-Q1"],
        [ID, "1.500", "2023-Q2"],
        [ID, "2,5", "2023-Q3"],
        [],
        [ID, True, datetime.date(2023, 3, 15)],
        [ID, 3, datetime.date(2023, 3, 1)],
        [ID, 4, datetime.datetime(2023, 5, 20, 0, 0)],
        [ID, 5, datetime.date(2023, 1, 1)],
    ]
    path = write(
        tmp_path / "mesures.xlsx",
        {"Mesures": rows},
        {
            "Mesures!C9": "dd/mm/yyyy",
            "Mesures!C10": "mmm-yy",
            "Mesures!C11": "d mmmm yyyy",
            "Mesures!C12": "yyyy",
        },
    )
    data = read_measurements(path)
    assert (data.format, data.sheet, data.decimal) == ("xlsx", "Mesures", ",")
    got = [(row.line, row.measurement.value, str(row.measurement.period)) for row in data.rows]
    assert got == [
        (4, 12, "2023"),
        (5, Decimal("2.5"), "2023-Q1"),
        (6, 1500, "2023-Q2"),
        (7, Decimal("2.5"), "2023-Q3"),
        (9, True, "2023-03-15"),
        (10, 3, "2023-03"),
        (11, 4, "2023-05-20"),
        (12, 5, "2023"),
    ]
    assert type(data.rows[0].measurement.value) is int
    assert data.rows[0].measurement.unit == "heures"
    assert data.rows[0].measurement.note == "réunions"
    assert [(p.line, p.reason.partition(":")[0]) for p in data.problems] == [(1, "Mesures!1")]
    assert data.problems[0].raw == (("row", "Mesures du plan 2023"),)


def test_dutch_header_and_a_number_cell_is_never_ambiguous(tmp_path: Path) -> None:
    path = write(
        tmp_path / "m.xlsx",
        {"Blad1": [["indicator", "waarde", "periode", "nulmeting"], [ID, 1.25, "2023", 1500]]},
    )
    data = read_measurements(path, decimal=".")
    assert data.rows[0].measurement.value == Decimal("1.25")
    assert data.rows[0].measurement.baseline == 1500
    assert data.notes == ()


def test_problems_name_the_cell(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["indicator", "value", "period"],
        [ID, 3, "2023-13"],
        [ID, "", "2023"],
        ["", 3, "2023"],
        [ID, datetime.date(2023, 1, 1), "2023"],
        [ID, 1, "2023", "oops"],
    ]
    data = read_measurements(write(tmp_path / "m.xlsx", {"Mes mesures": rows}))
    assert [(p.line, p.reason.split(": ")[0]) for p in data.problems] == [
        (2, "'Mes mesures'!C2"),
        (3, "'Mes mesures'!B3"),
        (4, "'Mes mesures'!A4"),
        (5, "'Mes mesures'!B5"),
        (6, "'Mes mesures'!D6"),
    ]
    assert data.problems[0].reason.endswith("month must be in 1..12")
    assert data.problems[0].source == str(tmp_path / "m.xlsx")
    assert data.problems[0].raw == (("indicator", ID), ("value", "3"), ("period", "2023-13"))
    assert data.rows == ()


def test_empty_rows_skipped_merged_cells_filled_down(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["indicator", "value", "period"],
        [ID, 1, "2023-Q1"],
        [None, 2, "2023-Q2"],
        [],
        [],
        ["x", 7, "2023"],
        [None, None, "2024"],
    ]
    path = write(tmp_path / "m.xlsx", {"M": rows}, merge="M!A2:A3")
    data = read_measurements(path)
    assert [(row.line, row.indicator, row.measurement.value) for row in data.rows] == [
        (2, ID, 1),
        (3, ID, 2),
        (6, "x", 7),
    ]
    assert [str(p) for p in data.problems] == [f"{path}:7: M!A7: no indicator id"]
    merged_value = write(
        tmp_path / "v.xlsx",
        {"M": [["indicator", "value", "period"], [ID, 1, "2023-Q1"], [ID, None, "2023-Q2"]]},
        merge="M!B2:B3",
    )
    data = read_measurements(merged_value)
    assert [row.line for row in data.rows] == [2]
    assert data.problems[0].line == 3
    assert "merged with M!B2" in data.problems[0].reason


def test_formulas_with_and_without_cached_values(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["indicator", "value", "period"],
        [ID, "=1+1", "2023"],
        [ID, "=2+2", "2024"],
        [ID, "=1/0", "2025"],
        [None, None, None, None, "=A1"],
    ]
    path = write(tmp_path / "m.xlsx", {"M": rows})
    patch(path, b"<f>1+1</f><v />", b"<f>1+1</f><v>2</v>")
    patch(path, b'<c r="B4"><f>1/0</f><v />', b'<c r="B4" t="e"><f>1/0</f><v>#DIV/0!</v>')
    data = read_measurements(path)
    assert [(row.line, row.measurement.value) for row in data.rows] == [(2, 2)]
    reasons = [(p.line, p.reason) for p in data.problems]
    assert reasons[0][0] == 3
    assert reasons[0][1].startswith("M!B3: a formula saved without its value")
    assert reasons[1] == (
        4,
        "M!B4: the cell holds the error #DIV/0! (its formula could not be computed)",
    )
    assert reasons[2][0] == 5
    assert reasons[2][1].startswith("M!E5: a cell right of the table")


def test_the_sheet_with_the_header_or_the_one_named(tmp_path: Path) -> None:
    sheets: dict[str, list[list[object]]] = {
        "Aide": [["Comment remplir"], ["indicator ici"]],
        "Mesures": [["indicator", "value", "period"], [ID, 1, "2023"]],
        "Autres": [["indicateur", "valeur", "période"], [ID, 2, "2024"]],
    }
    path = write(tmp_path / "m.xlsx", sheets)
    data = read_measurements(path)
    assert data.sheet == "Mesures"
    assert data.rows[0].measurement.value == 1
    assert "read the sheet 'Mesures'" in data.notes[0]
    other = read_measurements(path, sheet="Autres")
    assert other.sheet == "Autres"
    assert other.rows[0].measurement.value == 2
    assert other.notes == ()
    with pytest.raises(
        MeasurementFileError, match="no sheet named 'Nope'; its sheets: 'Aide', 'Mesures', 'Autres'"
    ):
        read_measurements(path, sheet="Nope")
    with pytest.raises(MeasurementFileError, match="the sheet 'Aide' has no header"):
        read_measurements(path, sheet="Aide")


def test_no_sheet_with_a_header(tmp_path: Path) -> None:
    path = write(tmp_path / "m.xlsx", {"A": [["id", "valeur"]], "B": []})
    with pytest.raises(
        MeasurementFileError, match=r"no sheet has a header .* its sheets: 'A', 'B'"
    ):
        read_measurements(path)


def test_sheet_for_a_text_file_is_a_configuration_error(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("indicator;value;period\nx;1;2023\n", encoding="utf-8")
    with pytest.raises(ci.ConfigurationError, match="not one"):
        read_measurements(path, sheet="Mesures")


def test_hostile_cells_are_data(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["indicator", "value", "period", "note"],
        [ID, 1, "2023", "ctl"],
        [ID, 2, "2023", "a\tb\nc"],
        [ID, 3, "2023", "huge"],
    ]
    path = patch(write(tmp_path / "m.xlsx", {"M": rows}), b"<t>ctl</t>", b"<t>a_x0007_b&#x1f;c</t>")
    patch(path, b"<t>huge</t>", b"<t>" + b"x" * 200_000 + b"</t>")  # more than Excel writes
    data = read_measurements(path)
    notes = {row.line: row.measurement.note for row in data.rows}
    assert notes[2] is not None
    assert notes[2].startswith("a")
    assert notes[2].endswith("c")
    assert notes[3] == "a\tb\nc"
    assert [(p.line, p.reason) for p in data.problems] == [
        (4, "M!D4: a cell is longer than 131072 characters, the longest read")
    ]
    assert all(len(text) <= 200 for _, text in data.problems[0].raw)


def test_a_formula_text_written_as_a_string_is_a_string(tmp_path: Path) -> None:
    path = write(
        tmp_path / "m.xlsx", {"M": [["indicator", "value", "period", "note"], [ID, 1, "2023", "x"]]}
    )
    patch(path, b"<t>x</t>", b"<t>=HYPERLINK(&quot;http://e&quot;)</t>")
    assert read_measurements(path).rows[0].measurement.note == '=HYPERLINK("http://e")'


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"PK\x03\x04 truncated", "damaged or truncated"),
        (b"indicator;value;period\n", "an .xlsx or .ods file is a zip archive"),
        (None, "without the parts of an .xlsx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "Excel 97-2003"),
    ],
)
def test_not_a_workbook(tmp_path: Path, content: bytes | None, message: str) -> None:
    if content is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("word/document.xml", "<w/>")
        content = buffer.getvalue()
    path = tmp_path / "m.xlsx"
    path.write_bytes(content)
    with pytest.raises(MeasurementFileError, match=message):
        read_measurements(path)


def test_a_truncated_workbook(tmp_path: Path) -> None:
    path = write(tmp_path / "m.xlsx", {"M": [["indicator", "value", "period"], [ID, 1, "2023"]]})
    path.write_bytes(path.read_bytes()[:-200])
    with pytest.raises(MeasurementFileError, match=r"m\.xlsx: not a workbook"):
        read_measurements(path)


def test_a_zip_by_its_bytes_whatever_its_name(tmp_path: Path) -> None:
    path = write(tmp_path / "m.xlsx", {"M": [["indicator", "value", "period"], [ID, 1, "2023"]]})
    renamed = tmp_path / "export.csv"
    renamed.write_bytes(path.read_bytes())
    assert read_measurements(renamed).format == "xlsx"


def test_thousands_of_empty_columns_and_a_far_value(tmp_path: Path) -> None:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("M")
    sheet.append(["indicator", "value", "period"] + [""] * 16_000)
    for _ in range(50):
        sheet.append([ID, 1, "2023"] + [None] * 5_000 + [""])
    book.save(tmp_path / "wide.xlsx")
    assert len(read_measurements(tmp_path / "wide.xlsx").rows) == 50
    path = write(
        tmp_path / "far.xlsx", {"M": [["indicator", "value", "period"]] + [[ID, 1, "2023"]] * 2000}
    )
    patch(
        path,
        b'<c r="C1" t="inlineStr"><is><t>period</t></is></c>',
        b'<c r="C1" t="inlineStr"><is><t>period</t></is></c><c r="XFD1" t="inlineStr"><is><t>z</t></is></c>',
    )
    with pytest.raises(MeasurementFileError, match="spans 16384 columns and 2001 rows"):
        read_measurements(path)


def test_a_missing_extra_names_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "m.xlsx", {"M": [["indicator", "value", "period"]]})
    monkeypatch.setitem(sys.modules, "python_calamine", None)  # import fails
    with pytest.raises(MissingDependencyError, match=r"cssindicators\[excel\]") as error:
        read_measurements(path)
    assert error.value.extra == "excel"


def _csv_text(m: ci.Measurement) -> str:
    value = m.value
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    return str(value)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(strategies.measurements(indicator=ID), min_size=1, max_size=8))
def test_a_workbook_reads_as_the_same_csv(
    tmp_path: Path, measurements: list[ci.Measurement]
) -> None:
    header = ["indicateur", "valeur", "période", "unité"]
    csv_lines = [";".join(header)] + [
        ";".join([ID, _csv_text(m), str(m.period), m.unit or ""]) for m in measurements
    ]
    csv_path = tmp_path / "m.csv"
    csv_path.write_text("\n".join(csv_lines) + "\n", encoding="utf-8")
    rows = [header] + [
        [ID, float(m.value) if isinstance(m.value, Decimal) else m.value, str(m.period), m.unit]
        for m in measurements
    ]
    xlsx = read_measurements(write(tmp_path / "m.xlsx", {"Mesures": rows}))
    csv = read_measurements(csv_path)
    assert xlsx.problems == ()
    assert csv.problems == ()
    assert xlsx.measurements() == csv.measurements() == tuple(measurements)
    assert [row.line for row in xlsx.rows] == [row.line for row in csv.rows]
    assert all(isinstance(m.period, Period) for m in xlsx.measurements())


def test_a_cell_shown_as_a_percentage_reads_as_what_it_shows(tmp_path: Path) -> None:
    # Excel stores "85 %" typed in a cell as 0.85, formatted 0%
    path = write(
        tmp_path / "m.xlsx",
        {"Mesures": [["indicateur", "valeur", "période"], [ID, 0.85, "2023"], [ID, 0.125, "2024"],
                     [ID, 0.5, "2025"]]},
        {"Mesures!B2": "0%", "Mesures!B3": "0.0%"},
    )  # fmt: skip
    rows = read_measurements(path).rows
    assert [(r.measurement.value, r.measurement.unit) for r in rows] == [
        (85, "%"),
        (Decimal("12.5"), "%"),
        (Decimal("0.5"), None),
    ]


def test_a_percentage_cell_is_a_typed_number_whatever_the_decimal_mark(tmp_path: Path) -> None:
    path = write(
        tmp_path / "m.xlsx",
        {"Mesures": [["indicateur", "valeur", "période"], [ID, 0.12345, "2023"], [ID, "2.5", "2024"],
                     [ID, "0.75", "2025"]]},
        {"Mesures!B2": "0.000%"},
    )  # fmt: skip
    for decimal in (None, ".", ","):
        first = read_measurements(path, decimal=decimal).rows[0].measurement
        assert (first.value, first.unit) == (Decimal("12.345"), "%")


def test_a_hidden_sheet_is_not_chosen(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    old = book.active
    old.title = "Ancien"
    old.append(["indicateur", "valeur", "période"])
    old.append([ID, 3, "2023"])
    old.sheet_state = "hidden"
    new = book.create_sheet("Mesures")
    new.append(["indicateur", "valeur", "période"])
    new.append([ID, 12, "2023"])
    path = tmp_path / "m.xlsx"
    book.save(path)
    data = read_measurements(path)
    assert data.rows[0].measurement.value == 12
    assert read_measurements(path, sheet="Ancien").rows[0].measurement.value == 3


def test_an_ods_with_percentage_cells_is_refused_rather_than_read_as_fractions(
    tmp_path: Path,
) -> None:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Mesures">'
        '<table:table-row><table:table-cell office:value-type="string"><text:p>indicateur'
        '</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>'
        'valeur</text:p></table:table-cell><table:table-cell office:value-type="string">'
        "<text:p>période</text:p></table:table-cell></table:table-row><table:table-row>"
        f'<table:table-cell office:value-type="string"><text:p>{ID}</text:p></table:table-cell>'
        '<table:table-cell office:value-type="percentage" office:value="0.07"><text:p>7%'
        '</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>'
        "2023</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet>"
        "</office:body></office:document-content>"
    )
    path = tmp_path / "m.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
            '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
            'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
            'spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" '
            'manifest:media-type="text/xml"/></manifest:manifest>',
        )
    with pytest.raises(MeasurementFileError, match="typed as percentages"):
        read_measurements(path)


def test_problems_found_when_scoring_name_the_sheet_and_the_row(tmp_path: Path) -> None:
    from cssindicators.scoring import example_files

    path = write(
        tmp_path / "m.xlsx",
        {"Données 2023": [["indicateur", "valeur", "période"], [ID, 3, "2023"], [ID, 4, "2023"]]},
    )
    plan = ci.read_plan(example_files()[0])
    reasons = [p.reason for p in ci.score(plan, read_measurements(path)).problems]
    overlap = (
        "its period 2023 overlaps the period of another row of this indicator: the same "
        "days would be counted twice"
    )
    assert reasons == [f"'Données 2023'!2:2: {overlap}", f"'Données 2023'!3:3: {overlap}"]
