"""Measurement files: CSV as spreadsheets export it, JSON lines, and per-row problems."""

from __future__ import annotations

import contextlib
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
        ("VRAI", True),
        ("faux", False),
        ("ONWAAR", False),
        ("1" * 5000, Decimal("1" * 5000)),
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


def test_an_unclosed_quote_does_not_swallow_the_rest_of_the_file() -> None:
    lines = [f"{ID};{k};2023;" for k in range(1, 24)]
    lines[3] = f"{ID};4;2023;\"congés d'été"
    data = read_text("indicator;value;period;note\n" + "\n".join(lines) + "\n")
    assert [r.line for r in data.rows] == [k for k in range(2, 25) if k != 5]
    (problem,) = data.problems
    assert problem.line == 5
    assert problem.reason.startswith("a quote opens a cell and is never closed")
    assert problem.indicator == ID


def test_a_multi_line_cell_with_a_stray_quote_is_not_one_record() -> None:
    text = (
        f'indicator;value;period;note\n{ID};1;2023-01;"oops\n{ID};2;2023-02;"x"y\n{ID};3;2023-03;\n'
    )
    data = read_text(text)
    assert [r.line for r in data.rows] == [3, 4]
    assert [p.line for p in data.problems] == [2]


def test_comments_are_lines_starting_with_a_hash_not_quoted_cells() -> None:
    text = f'note;indicator;value;period\n"#1 priorité";{ID};5;2023\n  # a comment;{ID};6;2023\n'
    data = read_text(text)
    assert [(r.line, r.measurement.note) for r in data.rows] == [(2, "#1 priorité")]
    assert data.problems == ()


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])  # raw in JSON strings
def test_only_line_feeds_end_lines(separator: str) -> None:
    note = f"a{separator}b"
    jsonl = json.dumps(
        {"indicator": ID, "value": 1, "period": "2023", "note": note}, ensure_ascii=False
    )
    data = read_text(f"{jsonl}\n{jsonl}\n")
    assert [(r.line, r.measurement.note) for r in data.rows] == [(1, note), (2, note)]
    csv_data = read_text(f"indicator;value;period;note\n{ID};1;2023;{note}\n{ID};x;2023-13;\n")
    assert [(r.line, r.measurement.note) for r in csv_data.rows] == [(2, note)]
    assert [p.line for p in csv_data.problems] == [3]


@pytest.mark.parametrize(
    ("value", "mark", "means"),
    [
        ("1.100", "2,5", "1100 or 1,1"),
        ("12,500", "2.5", "12500 or 12.5"),
        ("-1.100", "1.234,5", "-1100 or -1,1"),
    ],
)
def test_a_number_that_reads_either_way_is_ambiguous(value: str, mark: str, means: str) -> None:
    data = read_text(f"indicator;value;period\n{ID};{mark};2023\n{ID};{value};2024\n")
    assert [r.line for r in data.rows] == [2]
    (problem,) = data.problems
    assert problem.line == 3
    assert problem.reason == (
        f"ambiguous number {value!r}: this file writes decimal "
        f"{'commas' if ',' in mark[-2:] else 'points'} (line 2: {mark!r}), so {value!r} may "
        f"mean {means}; write it as one of these"
    )


def test_a_number_with_three_decimals_is_read_when_nothing_contradicts_it() -> None:
    data = read_text(f"indicator;value;period\n{ID};1.100;2023\n{ID};2;2024\n{ID};1.25;2025\n")
    assert [r.measurement.value for r in data.rows] == [Decimal("1.100"), 2, Decimal("1.25")]


@pytest.mark.parametrize(("value", "unit"), [("75%", None), ("75 %", None), ("75 %", "%")])
def test_a_percent_sign_is_the_unit_percent(value: str, unit: str | None) -> None:
    data = read_text(f"indicator;value;period;unit\n{ID};{value};2023;{unit or ''}\n")
    (row,) = data.rows
    assert (row.measurement.value, row.measurement.unit) == (75, "%")
    assert dict(row.raw)["value"] == value


def test_a_percent_sign_against_another_unit_is_a_problem() -> None:
    data = read_text(f"indicator;value;period;unit\n{ID};75 %;2023;heures\n")
    assert [p.reason for p in data.problems] == [
        "the value '75 %' is a percentage, but the unit says 'heures'"
    ]


def test_lines_above_the_header_are_problems_not_errors() -> None:
    data = read_text(
        f"Rapport 2023\n\n# comment\nCommune;Molenbeek\nindicator;value;period\n{ID};1;2023\n"
    )
    assert [r.line for r in data.rows] == [6]
    assert [(p.line, p.raw) for p in data.problems] == [
        (1, (("line", "Rapport 2023"),)),
        (4, (("line", "Commune;Molenbeek"),)),
    ]
    assert data.problems[0].reason.startswith("not the header")


def test_a_cell_too_large_for_the_csv_reader_is_a_problem() -> None:
    huge = "a" * 200_000
    data = read_text(
        f'indicator;value;period;note\n{ID};1;2023;"{huge}"\n{ID};2;2023;{huge}\n{ID};3;2023;\n'
    )
    assert [r.line for r in data.rows] == [4]
    assert [p.line for p in data.problems] == [2, 3]
    assert {p.reason for p in data.problems} == {
        "a cell is longer than 131072 characters, the longest read"
    }


def test_deeply_nested_json_is_a_problem() -> None:
    data = read_text(
        "[" * 100_000 + "\n" + json.dumps({"indicator": ID, "value": 1, "period": "2023"}) + "\n"
    )
    assert [r.line for r in data.rows] == [2]
    assert [(p.line, p.reason) for p in data.problems] == [(1, "invalid JSON: nested too deeply")]


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


def test_one_windows_1252_line_does_not_garble_the_utf8_ones(tmp_path: Path) -> None:
    head = f"indicateur;valeur;période;remarque\n{ID};1;2023;réunions été\n".encode()
    path = write(tmp_path, "m.csv", head + f"{ID};2;2024;congés\n".encode("cp1252"))
    data = read_measurements(path)
    assert [r.measurement.note for r in data.rows] == ["réunions été", "congés"]
    assert data.encoding == "utf-8+cp1252"
    assert data.notes == (
        f"{path}: not UTF-8 text: line 3 read as Windows-1252, the others as UTF-8",
    )


def test_a_windows_1252_file_says_so() -> None:
    from cssindicators.measurements import _decode

    assert _decode("période\n".encode("cp1252"), "m.csv") == (
        "période\n",
        "cp1252",
        ("m.csv: not UTF-8 text: line 1 read as Windows-1252",),
    )
    text, _, notes = _decode(b"a\x81b\n", "m.csv")
    assert text == "a\ufffdb\n"
    assert (
        notes[1] == "m.csv: line 1 also neither UTF-8 nor Windows-1252: bytes replaced by '\ufffd'"
    )


def test_truncated_utf16_is_a_measurement_file_error(tmp_path: Path) -> None:
    path = write(tmp_path, "m.csv", "indicator;value;period\n".encode("utf-16") + b"x")
    with pytest.raises(MeasurementFileError, match="not UTF-16 text"):
        read_measurements(path)


@given(data=st.binary(max_size=200), name=st.sampled_from(["m.csv", "m.jsonl"]))
def test_any_bytes_read_or_raise_measurement_file_error(data: bytes, name: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, name)
        path.write_bytes(b"indicator;value;period\n" + data)
        with contextlib.suppress(MeasurementFileError):
            read_measurements(path)


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


_PIECES = [*'ab1#"; ,\t', "\u2028", "\x0c", "\x85", "é", ID, "2023", "2,5", "1.100"]
_LINE = st.lists(st.sampled_from(_PIECES), max_size=10).map("".join)


@given(lines=st.lists(_LINE, max_size=15), delimiter=st.sampled_from([";", ","]))
def test_every_line_of_any_text_is_in_a_row_or_a_problem(lines: list[str], delimiter: str) -> None:
    header = delimiter.join(["indicator", "value", "period", "note"])
    data = read_text("\r\n".join([header, *lines]) + "\r\n")
    covered: set[int] = set()
    items: list[Row | Problem] = [*data.rows, *data.problems]
    for item in items:
        span = 1 + sum(text.count("\n") for _, text in item.raw)
        assert not covered & set(range(item.line, item.line + span)), "a line read twice"
        if span > 1:  # a record over several lines is well-formed CSV: its quotes close
            record = "\n".join(lines[item.line - 2 : item.line - 2 + span]) + "\n"
            reader = csv.reader(io.StringIO(record), delimiter=delimiter, strict=True)
            assert len(list(reader)) == 1
        covered |= set(range(item.line, item.line + span))
    for number, line in enumerate(lines, 2):
        empty = not line.replace(delimiter, "").replace('"', "").strip()  # an empty row
        if not empty and not line.lstrip().startswith("#"):
            assert number in covered, (number, line)
