"""Measurement files: CSV as spreadsheets export it, JSON lines, and per-row problems."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cssindicators as ci
from cssindicators.measurements import (
    MeasurementFile,
    MeasurementFileError,
    Problem,
    Row,
    parse_value,
    read_measurements,
)

ID = "s2.og1.os1.gdp.oo2.i1"


def read_text(text: str, **kwargs: str) -> MeasurementFile:
    return MeasurementFile.from_text(text, source="m.csv", **kwargs)


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------- values


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", 12),
        ("2,5", Decimal("2.5")),
        ("2.5", Decimal("2.5")),
        ("1 100", 1100),
        ("1\u00a0100,5", Decimal("1100.5")),
        ("1.234,5", Decimal("1234.5")),
        ("1,234.5", Decimal("1234.5")),
        ("1.234.567,25", Decimal("1234567.25")),
        ("-3", -3),
        (" Oui ", "Oui"),
        ("une cinquantaine", "une cinquantaine"),
        ("", ""),
    ],
)
def test_parse_value(text: str, value: object) -> None:
    parsed = parse_value(text)
    assert parsed == value
    assert type(parsed) is type(value)


# ---------------------------------------------------------------- CSV


def test_semicolons_decimal_commas_and_yes_no() -> None:
    data = read_text(f"indicator;value;period\n{ID};2,5;2023-Q1\n{ID};Oui;2023\n")
    assert data.delimiter == ";"
    assert [r.measurement.value for r in data.rows] == [Decimal("2.5"), "Oui"]
    assert data.problems == ()


def test_commas_with_quoted_decimal_commas() -> None:
    data = read_text(f'indicator,value,period,note\n{ID},"2,5",2023,"a, b"\n')
    assert data.delimiter == ","
    (row,) = data.rows
    assert (row.measurement.value, row.measurement.note) == (Decimal("2.5"), "a, b")


def test_tabs() -> None:
    assert read_text(f"indicator\tvalue\tperiod\n{ID}\t3\t2023\n").delimiter == "\t"


def test_excel_sep_line_names_the_delimiter() -> None:
    data = read_text(f"sep=,\nindicator,value,period\n{ID},3,2023\n")
    assert (data.delimiter, data.rows[0].line) == (",", 3)


def test_header_names_in_french_and_dutch_any_case() -> None:
    data = read_text(f"Indicateur;Valeur;Période;Unité;Remarque\n{ID};90;2023;minutes;ok\n")
    m = data.rows[0].measurement
    assert (m.indicator, m.value, m.unit, m.note) == (ID, 90, "minutes", "ok")
    dutch = read_text(f"indicator;waarde;periode;eenheid;opmerking\n{ID};1;2023;;\n")
    assert dutch.rows[0].measurement.value == 1


def test_blank_lines_empty_rows_and_comments_are_skipped_but_counted() -> None:
    text = f"# illustrative\n\nindicator;value;period\n\n;;\n{ID};1;2023\n# note\n{ID};2;2024\n"
    data = read_text(text)
    assert [r.line for r in data.rows] == [6, 8]
    assert data.problems == ()


def test_line_numbers_follow_multi_line_cells() -> None:
    data = read_text(f'indicator,value,period,note\n{ID},1,2023,"two\nlines"\n{ID},x,2023-13,\n')
    assert data.rows[0].line == 2
    assert data.problems[0].line == 4


def test_missing_trailing_cells_are_empty_and_extra_empty_cells_ignored() -> None:
    data = read_text(f"indicator;value;period;unit;note\n{ID};1;2023\n{ID};2;2023;;;;\n")
    assert [r.measurement.value for r in data.rows] == [1, 2]


def test_extra_columns_are_kept_in_the_raw_values() -> None:
    data = read_text(f"commune;indicator;value;period\nIxelles;{ID};1;2023\n")
    assert dict(data.rows[0].raw)["commune"] == "Ixelles"


def test_bad_rows_become_problems_with_place_raw_values_and_reason() -> None:
    text = (
        "indicator;value;period\n"
        f"{ID};;2023\n"
        f";3;2023\n"
        f"{ID};3;2023-13\n"
        f"{ID};3;2023;x;y\n"
        f"{ID};3;2023\n"
    )
    data = read_text(text)
    assert [(p.line, p.reason) for p in data.problems] == [
        (2, "no value"),
        (3, "no indicator id"),
        (4, "Invalid period '2023-13': month must be in 1..12"),
        (5, "5 cells, but the header names 3 columns"),
    ]
    assert [r.line for r in data.rows] == [6]
    first = data.problems[0]
    assert (first.source, first.indicator, first.where) == ("m.csv", ID, "m.csv:2")
    assert first.raw == (("indicator", ID), ("value", ""), ("period", "2023"))
    assert data.problems[1].indicator is None
    assert dict(data.problems[3].raw)["extra 1"] == "x"


def test_an_empty_period_is_allowed() -> None:
    (row,) = read_text(f"indicator;value;period\n{ID};Oui;\n").rows
    assert row.measurement.period is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "m.csv: no header: the file is empty"),
        ("# only a comment\n", "m.csv: no header: the file is empty"),
        (
            "indicator;value\nx;1\n",
            "m.csv:1: the header must name the columns indicator, value and period "
            "(separated by ';', ',' or a tab), found 'indicator;value'",
        ),
        (
            "indicator;value;period;value\n",
            "m.csv:1: the header names the column 'value' twice",
        ),
    ],
)
def test_files_that_cannot_be_read_at_all(text: str, message: str) -> None:
    with pytest.raises(MeasurementFileError) as caught:
        read_text(text)
    assert str(caught.value) == message
    assert isinstance(caught.value, ci.CssIndicatorsError)


# ---------------------------------------------------------------- files and encodings


@pytest.mark.parametrize(
    ("encoding", "prefix", "found"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", b"\xef\xbb\xbf", "utf-8"),
        ("cp1252", b"", "cp1252"),
        ("utf-16", b"", "utf-16"),
    ],
)
def test_encodings(tmp_path: Path, encoding: str, prefix: bytes, found: str) -> None:
    text = f"indicateur;valeur;période;remarque\r\n{ID};2,5;2023;réunions été\r\n"
    path = write(tmp_path, "m.csv", prefix + text.encode(encoding))
    data = read_measurements(path)
    assert data.encoding == found
    assert data.source == str(path)
    (row,) = data.rows
    assert (row.measurement.value, row.measurement.note) == (Decimal("2.5"), "réunions été")


def test_missing_file_raises_oserror(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_measurements(tmp_path / "absent.csv")


def test_read_is_the_same_as_read_measurements(tmp_path: Path) -> None:
    path = write(tmp_path, "m.csv", f"indicator;value;period\n{ID};1;2023\n".encode())
    assert MeasurementFile.read(path) == read_measurements(str(path))


# ---------------------------------------------------------------- JSON lines


def test_json_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"indicator": ID, "value": 2.5, "period": "2023-Q1", "note": "x"}),
        "",
        json.dumps({"indicateur": ID, "valeur": True, "période": None}),
        "{not json",
        "[1, 2]",
        json.dumps({"indicator": ID, "value": [1], "period": "2023"}),
        json.dumps({"indicator": 7, "value": 1, "period": "2023"}),
        json.dumps({"indicator": ID, "value": "1 100", "period": "2023"}),
    ]
    path = write(tmp_path, "m.jsonl", "\n".join(lines).encode())
    data = read_measurements(path)
    assert data.format == "jsonl"
    assert [(r.line, r.measurement.value) for r in data.rows] == [
        (1, Decimal("2.5")),
        (3, True),
        (8, 1100),
    ]
    assert [(p.line, p.reason) for p in data.problems] == [
        (4, "invalid JSON: Expecting property name enclosed in double quotes (column 2)"),
        (5, "expected a JSON object, got [1, 2]"),
        (6, "value must be a number, true/false or a text, got [1]"),
        (7, "indicator must be a text, got 7"),
    ]
    assert data.problems[0].raw == (("line", "{not json"),)
    assert dict(data.problems[2].raw)["value"] == "[1]"


def test_json_lines_are_sniffed_from_content() -> None:
    data = read_text(json.dumps({"indicator": ID, "value": 1, "period": "2023"}) + "\n")
    assert data.format == "jsonl"


# ---------------------------------------------------------------- in memory


def test_from_measurements_numbers_rows_and_rejects_missing_ids() -> None:
    row = Row(ci.Measurement(value=3, indicator=ID), "other.csv", 40)
    data = MeasurementFile.from_measurements(
        [ci.Measurement(value=1, indicator=ID), ci.Measurement(value=2), row]
    )
    assert [(r.source, r.line) for r in data.rows] == [("<measurements>", 1), ("other.csv", 40)]
    assert data.problems == (
        Problem("<measurements>", 2, "no indicator id", raw=(("value", "2"),)),
    )


# ---------------------------------------------------------------- every line accounted for

_CELL = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=12
)
_ROW = st.tuples(
    st.one_of(st.just(ID), _CELL),
    st.one_of(st.integers(-5, 10**6).map(str), st.sampled_from(["2,5", "Oui", "", "Non"]), _CELL),
    st.one_of(st.sampled_from(["2023", "2023-Q2", "2023-13", "", "2023-01/2023-06"]), _CELL),
)


@given(rows=st.lists(_ROW, max_size=15), delimiter=st.sampled_from([";", ",", "\t"]))
def test_every_data_line_is_a_row_or_a_problem(
    rows: list[tuple[str, str, str]], delimiter: str
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(["indicator", "value", "period"])
    kept = []
    for written in rows:
        cells = [c.replace("\r", " ").replace("\n", " ") for c in written]
        first = cells[0].lstrip().lstrip('"')
        if not any(c.strip() for c in cells) or first.startswith("#"):
            continue  # blank and comment lines are not data
        writer.writerow(cells)
        kept.append(cells)
    data = read_text(buffer.getvalue())
    lines = sorted([r.line for r in data.rows] + [p.line for p in data.problems])
    assert lines == list(range(2, 2 + len(kept)))
    for row in data.rows:
        indicator, value, period = kept[row.line - 2]
        assert row.measurement.indicator == indicator.strip()
        assert row.measurement.value == parse_value(value)
        expected = ci.parse_period(period.strip()) if period.strip() else None
        assert row.measurement.period == expected
    for problem in data.problems:
        assert [text for _, text in problem.raw] == kept[problem.line - 2]
