"""Measurement files: CSV as spreadsheets export it, JSON lines, and per-row problems."""

from __future__ import annotations

import contextlib
import csv
import datetime
import functools
import io
import json
import math
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import cssindicators as ci
from cssindicators import _grammar, _numbers
from cssindicators.measurements import (
    Measurement,
    MeasurementFile,
    MeasurementFileError,
    Problem,
    Row,
    parse_measurements,
    parse_value,
    read_measurements,
)
from cssindicators.measurements._decoding import decode

ID = "s2.og1.os1.gdp.oo2.i1"
DECIMALS = (",", ".")


def read_text(text: str, **kwargs: Any) -> MeasurementFile:
    return MeasurementFile.from_text(text, source="m.csv", **kwargs)


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


#: Lines of files, good and bad: CSV rows, JSON lines, comments, stray quotes.
_PIECES_OF_FILES = [
    f"{ID};2,5;2023;",
    f"{ID};1.100;2024;x",
    f"{ID};Oui;;",
    f'{ID};1;2023;"two',
    'lines"',
    "# comment",
    "",
    f"{ID};-3;2023-13;",
    json.dumps({"indicator": ID, "value": 2.5, "period": "2023"}),
    "[1]",
    "indicator,value,period",
]

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
        # Belgian: a dot before exactly three digits groups thousands, a comma is decimal
        ("1.250", 1250),
        ("12.000", 12000),
        ("1.250.000", 1250000),
        ("1,250", Decimal("1.250")),
        ("1 500,5", Decimal("1500.5")),
        ("1\u202f500", 1500),
        # a dot before another number of digits, or after a lone 0, is a decimal point
        ("3.75", Decimal("3.75")),
        ("0.250", Decimal("0.250")),
        ("1.2500", Decimal("1.2500")),
        ("1234.567", Decimal("1234.567")),
        ("1,250,000", 1250000),
        ("-1.250", -1250),
        ("1.250.5", "1.250.5"),
        ("1 500.250", Decimal("1500.250")),  # only a decimal point can be read there
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


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.250", Decimal("1.250")),
        ("1,250", 1250),
        ("-1,250", -1250),
        ("1,250,000", 1250000),
        ("1,234.5", Decimal("1234.5")),
        ("3.75", Decimal("3.75")),
        ("2,5", Decimal("2.5")),  # a comma before other than three digits groups nothing
        ("1 500.5", Decimal("1500.5")),
        ("0,250", Decimal("0.250")),
        ("12", 12),
        # only the Belgian way writes these: not numbers with decimal points
        ("1.250.000", "1.250.000"),
        ("1.234,5", "1.234,5"),
        ("VRAI", True),
    ],
)
def test_parse_value_with_decimal_points(text: str, value: object) -> None:
    parsed = parse_value(text, decimal=".")
    assert parsed == value
    assert type(parsed) is type(value)


def test_with_decimal_commas_what_only_decimal_points_write_is_a_text() -> None:
    assert parse_value("1,250,000", decimal=",") == "1,250,000"
    assert parse_value("1,234.5", decimal=",") == "1,234.5"
    assert parse_value("1,250,000") == 1250000  # without a choice, it reads one way only


@pytest.mark.parametrize("decimal", [";", "", " ", "dot", "comma", 0, True, b","])
def test_a_bad_decimal_is_a_configuration_error_naming_the_choices(
    decimal: object, tmp_path: Path
) -> None:
    path = write(tmp_path, "m.csv", f"indicator;value;period\n{ID};1;2023\n".encode())
    calls: list[Callable[[], object]] = [
        lambda: parse_value("1", decimal=decimal),  # type: ignore[arg-type]
        lambda: parse_measurements(path.read_text(), decimal=decimal),  # type: ignore[arg-type]
        lambda: read_measurements(path, decimal=decimal),  # type: ignore[arg-type]
        lambda: MeasurementFile.read(path, decimal=decimal),  # type: ignore[arg-type]
        lambda: MeasurementFile.from_text(path.read_text(), decimal=decimal),  # type: ignore[arg-type]
    ]
    for call in calls:
        with pytest.raises(ci.ConfigurationError) as caught:
            call()
        message = str(caught.value)
        assert message.startswith("decimal must be ',' (a decimal comma")
        assert "'.' (a decimal point" in message
        assert "or None (settled from a file's values)" in message
        assert message.endswith(f", got {decimal!r}")


# ---------------------------------------------------------------- the Measurement model


@pytest.mark.parametrize(
    "value", [True, False, "Oui", " non ", "", 0, -3, 2.5, math.nan, Decimal("2.50"), None, 10**30]
)
def test_a_measurement_holds_numbers_answers_texts_and_none(value: object) -> None:
    held = Measurement(value=value).value  # type: ignore[arg-type]
    assert type(held) is type(value)
    assert held is value or held == value


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("value", [1]),
        ("value", b"12"),
        ("value", {"n": 1}),
        ("value", 1 + 2j),
        ("value", datetime.date(2023, 1, 1)),
        ("period", 20.5),
        ("period", b"2023"),
        ("unit", 60),
        ("indicator", ("s1",)),
        ("note", b"x"),
    ],
)
def test_a_field_of_the_wrong_type_is_a_measurement_error(field: str, value: object) -> None:
    fields: dict[str, Any] = {"value": 1, field: value}
    with pytest.raises(ci.MeasurementError) as caught:
        Measurement(**fields)
    message = str(caught.value)
    assert message.startswith(f"Measurement.{field} must be ")
    assert message.endswith(f", got {value!r}")
    with pytest.raises(ci.MeasurementError):  # evolve checks too
        attrs.evolve(Measurement(value=1), **{field: value})  # type: ignore[arg-type]


def test_a_bad_period_text_is_still_a_period_error() -> None:
    with pytest.raises(ci.PeriodError, match="Invalid period '2023-13'"):
        Measurement(value=1, period="2023-13")


_ANY = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.decimals(),
    st.text(max_size=5),
    st.binary(max_size=3),
    st.complex_numbers(),
    st.lists(st.integers(), max_size=2),
    st.dates(),
    st.fractions(),
)


@given(value=_ANY, unit=_ANY, note=_ANY)
def test_a_measurement_takes_exactly_the_types_it_can_hold(
    value: object, unit: object, note: object
) -> None:
    holdable = value is None or isinstance(value, (bool, int, float, Decimal, str))
    holdable = holdable and all(v is None or isinstance(v, str) for v in (unit, note))
    try:
        m = Measurement(value=value, unit=unit, note=note)  # type: ignore[arg-type]
    except ci.MeasurementError:
        assert not holdable
    else:
        assert holdable
        assert m.value is value  # held as given
        assert (m.unit, m.note) == (unit, note)


def test_numpy_scalars_become_the_python_values_they_hold() -> None:
    np = pytest.importorskip("numpy")
    assert type(Measurement(value=np.float64(2.5)).value) is float  # a plain float
    assert type(Measurement(value=np.str_("Oui")).value) is str
    assert type(Measurement(value=np.int64(3)).value) is int
    assert Measurement(value=np.bool_(True)).value is True
    assert Measurement(value=np.float32(0.5)).value == 0.5
    with pytest.raises(ci.MeasurementError, match=r"^Measurement\.value must be"):
        Measurement(value=np.datetime64("2023-01-01"))
    target = ci.parse_target("≥ 2 par an")
    assert target.evaluate(Measurement(value=np.int64(3), period="2023")).met
    assert ci.parse_target("Oui/Non").evaluate(Measurement(value=np.bool_(False))).met is False


# ---------------------------------------------------------------- one NUMBER pattern


@functools.cache
def grammar_number() -> str:
    """The regular expression Lark compiles for the grammar's NUMBER terminal."""
    import lark

    parser = lark.Lark(_grammar.grammar_text(), **_grammar.LARK_OPTIONS)
    pattern: str = parser.get_terminal("NUMBER").pattern.to_regexp()
    return pattern


#: The texts the grammar reads as a NUMBER (built on first use: Lark computes the grammar).
_GRAMMAR_NUMBERS = st.deferred(lambda: st.from_regex(grammar_number(), fullmatch=True))
_NUMBERISH = st.text(alphabet="0123456789 ,.\u00a0\u202f-a", max_size=12)


@given(text=st.one_of(_GRAMMAR_NUMBERS, _NUMBERISH))
def test_the_number_pattern_is_the_grammars(text: str) -> None:
    ours = _numbers.number_pattern(_grammar.grammar_text())
    assert bool(re.fullmatch(ours, text)) == bool(re.fullmatch(grammar_number(), text))


@given(text=_GRAMMAR_NUMBERS)
def test_a_cell_reads_every_number_of_the_grammar_as_a_target_does(text: str) -> None:
    target = ci.parse_target(f"≥ {text}")
    assert isinstance(target, ci.Threshold)
    for value in (parse_value(text), parse_value(text, decimal=",")):
        assert not isinstance(value, (bool, str))
        assert Decimal(value) == target.amount
    data = read_text(f"indicator;value;period\n{ID};{text};2023\n", decimal=",")
    assert data.rows[0].measurement.value == target.amount


@given(text=_NUMBERISH)
def test_a_cell_is_a_number_exactly_when_the_grammar_reads_one(text: str) -> None:
    unsigned = text.strip().removeprefix("-").lstrip()
    value = parse_value(text)
    if isinstance(value, str):
        assert not re.fullmatch(grammar_number(), unsigned)
        assert not re.fullmatch(grammar_number(), unsigned.translate(str.maketrans(".,", ",.")))
    else:
        assert re.fullmatch(grammar_number(), unsigned) or re.fullmatch(
            grammar_number(), unsigned.translate(str.maketrans(".,", ",."))
        )


@pytest.fixture
def grammar(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Replace the grammar's NUMBER terminal: ``grammar("/[0-9]+/")``."""

    def replace(terminal: str) -> None:
        text = re.sub(r"^NUMBER:.*$", f"NUMBER: {terminal}", _grammar.grammar_text(), flags=re.M)
        assert text != _grammar.grammar_text()
        monkeypatch.setattr(_grammar, "grammar_text", lambda: text)
        _numbers._belgian.cache_clear()
        _numbers._read_cached.cache_clear()

    yield replace
    _numbers._belgian.cache_clear()  # read again from the grammar once restored
    _numbers._read_cached.cache_clear()


def test_a_change_to_the_grammars_number_changes_what_cells_read(
    grammar: Callable[[str], None],
) -> None:
    assert (parse_value("2,5"), parse_value("1 100")) == (Decimal("2.5"), 1100)
    grammar("/[0-9]+/")  # no decimals, no grouping
    assert (parse_value("2,5"), parse_value("1 100"), parse_value("12")) == ("2,5", "1 100", 12)
    # both conventions are the grammar's: no number has a separator now
    assert (parse_value("1.234,5"), parse_value("1,234.5", decimal=".")) == ("1.234,5", "1,234.5")
    data = MeasurementFile.from_text(f"indicator;value;period\n{ID};2,5;2023\n")
    assert data.rows[0].measurement.value == "2,5"  # a text now, for a target to reject


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


# ---------------------------------------------------------------- a file's decimal mark

_DEFAULT_NOTE = (
    "m.csv: {count} read with decimal commas, dots grouping thousands (the Belgian way), "
    "as no value of the file shows its decimal mark (such as 2,5 or 3.75): {first!r} "
    "(line {line}) is {value}; {doubt}, read the file with decimal='.' (--decimal . on the "
    "command line)"
)


def test_a_dot_before_three_digits_groups_thousands_in_a_file_without_decimal_commas() -> None:
    data = read_text(f"indicator;value;period\n{ID};1.250;2023\n{ID};12;2024\n")
    assert [r.measurement.value for r in data.rows] == [1250, 12]
    assert (data.decimal, data.problems) == (",", ())
    assert data.notes == (
        _DEFAULT_NOTE.format(
            count="1 value", first="1.250", line=2, value="1250", doubt="if it is a decimal"
        ),
    )


def test_the_note_counts_the_values_read_by_the_convention_and_names_the_first() -> None:
    lines = [f"{ID};7;2023", f"{ID};1,500;2023", f"{ID};-2.000;2023", f"{ID};12.500 %;2023"]
    data = read_text("indicator;value;period\n" + "\n".join(lines) + "\n")
    assert [r.measurement.value for r in data.rows] == [7, Decimal("1.5"), -2000, 12500]
    assert data.rows[3].measurement.unit == "%"
    assert data.notes == (
        _DEFAULT_NOTE.format(
            count="3 values",
            first="1,500",
            line=3,
            value="1,5",
            doubt="if they are meant the other way",
        ),
    )


@pytest.mark.parametrize(
    ("shown", "decimal", "value"),
    [
        ("2,5", ",", 1250),
        ("1.234,5", ",", 1250),
        ("1.250.000", ",", 1250),
        ("1 500,5", ",", 1250),
        ("3.75", ".", Decimal("1.25")),
        ("0.250", ".", Decimal("1.25")),
        ("1234.5", ".", Decimal("1.25")),
        ("1,234.5", ".", Decimal("1.25")),
        ("1,250,000", ".", Decimal("1.25")),
    ],
)
def test_values_that_show_a_convention_settle_the_file(
    shown: str, decimal: str, value: object
) -> None:
    data = read_text(f"indicator;value;period\n{ID};1.250;2023\n{ID};{shown};2024\n")
    assert data.rows[0].measurement.value == value
    assert data.decimal == decimal
    (note,) = data.notes
    other = "." if decimal == "," else ","
    assert note.startswith(f"m.csv: 1 value read with {_numbers.convention(decimal)}")
    assert f"as line 3's value {shown!r} shows: '1.250' (line 2) is " in note
    assert note.endswith(
        f"read the file with decimal={other!r} (--decimal {other} on the command line)"
    )


def test_a_file_settled_with_decimal_points_says_how_to_read_thousands() -> None:
    data = read_text(f"indicator;value;period\n{ID};3.75;2023\n{ID};12,500;2024\n")
    assert data.rows[1].measurement.value == 12500  # a comma groups thousands there
    assert data.notes == (
        "m.csv: 1 value read with decimal points, commas grouping thousands, as line 2's "
        "value '3.75' shows: '12,500' (line 3) is 12500; if it is a decimal, read the "
        "file with decimal=',' (--decimal , on the command line)",
    )


def test_values_that_show_nothing_need_no_note() -> None:
    data = read_text(f"indicator;value;period\n{ID};1 250;2023\n{ID};2,5;2023\n{ID};Oui;2023\n")
    assert (data.notes, data.decimal) == ((), ",")
    assert read_text(f"indicator;value;period\n{ID};3.75;2023\n").decimal == "."


@pytest.mark.parametrize(
    ("value", "comma", "point", "means"),
    [
        ("1.100", "2,5", "3.75", "1100 or 1,1"),
        ("12,500", "1.250.000", "2.5", "12,5 or 12500"),
        ("-1.100", "1.234,5", "1,000,000", "-1100 or -1,1"),
    ],
)
def test_a_file_that_writes_numbers_both_ways_reports_those_that_read_either_way(
    value: str, comma: str, point: str, means: str
) -> None:
    text = f"indicator;value;period\n{ID};{comma};2023\n{ID};{value};2024\n{ID};{point};2025\n"
    data = read_text(text)
    assert [r.line for r in data.rows] == [2, 4]  # what reads one way only is read
    (problem,) = data.problems
    assert problem.line == 3
    assert problem.reason == (
        f"ambiguous number {value!r}: this file writes numbers both ways, {comma!r} (line 2) "
        f"with decimal commas, dots grouping thousands and {point!r} (line 4) with decimal "
        f"points, commas grouping thousands, so {value!r} may mean {means}; write it so that "
        "it reads one way, or read the file with decimal=',' or decimal='.'"
    )
    assert (data.notes, data.decimal) == ((), None)
    for decimal in DECIMALS:  # the caller's choice settles it: the value is read so
        chosen = {r.line: r.measurement.value for r in read_text(text, decimal=decimal).rows}
        assert chosen[3] == parse_value(value, decimal=decimal)
        assert not isinstance(chosen[3], str)


@pytest.mark.parametrize("decimal", [",", "."])
def test_a_chosen_decimal_reads_ambiguous_values_without_a_note(decimal: str) -> None:
    data = read_text(f"indicator;value;period\n{ID};1.250;2023\n{ID};1,250;2024\n", decimal=decimal)
    expected = [1250, Decimal("1.25")] if decimal == "," else [Decimal("1.25"), 1250]
    assert [r.measurement.value for r in data.rows] == expected
    assert (data.notes, data.problems, data.decimal) == ((), (), decimal)


@pytest.mark.parametrize(
    ("decimal", "value"),
    [(".", "1.250.000"), (".", "1.234,5"), (",", "1,250,000"), (",", "1,234.5")],
)
def test_a_value_that_only_the_other_convention_writes_is_a_problem(
    decimal: str, value: str
) -> None:
    data = read_text(f"indicator;value;period\n{ID};{value};2023\n{ID};3;2024\n", decimal=decimal)
    assert [r.line for r in data.rows] == [3]
    (problem,) = data.problems
    other = "." if decimal == "," else ","
    assert problem.reason == (
        f"the value {value!r} is written with {_numbers.convention(other)}, but the file is "
        f"read with {_numbers.convention(decimal)} (decimal={decimal!r}): write it that way, "
        f"or read the file with decimal={other!r}"
    )


def test_values_that_read_the_same_either_way_are_read_whatever_the_choice() -> None:
    text = f"indicator;value;period\n{ID};2,5;2023\n{ID};3.75;2023\n{ID};1 500;2023\n"
    for decimal in (None, ",", "."):
        data = read_text(text, decimal=decimal)
        assert [r.measurement.value for r in data.rows] == [Decimal("2.5"), Decimal("3.75"), 1500]
        assert data.problems == ()


def test_a_row_that_is_a_problem_anyway_is_not_counted_in_the_note() -> None:
    data = read_text(f"indicator;value;period\n{ID};1.250;2023-13\n{ID};2.500;2023\n")
    assert [p.line for p in data.problems] == [2]
    (note,) = data.notes
    assert note.startswith("m.csv: 1 value read")
    assert "'2.500' (line 3) is 2500" in note


def test_json_lines_settle_their_texts_and_keep_their_numbers() -> None:
    lines = [
        json.dumps({"indicator": ID, "value": "1.250", "period": "2023"}),
        json.dumps({"indicator": ID, "value": 3.75, "period": "2023"}),  # a JSON number
        json.dumps({"indicator": ID, "value": "2,5", "period": "2023"}),
    ]
    data = read_text("\n".join(lines) + "\n")
    assert [r.measurement.value for r in data.rows] == [1250, Decimal("3.75"), Decimal("2.5")]
    assert data.decimal == ","
    assert "as line 3's value '2,5' shows: '1.250' (line 1) is 1250" in data.notes[0]


def test_a_file_read_from_disk_keeps_its_decoding_notes_before_its_number_notes(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        "m.csv",
        f"indicator;valeur;période\n{ID};1.250;2023\n{ID};é;2023\n".encode("cp1252"),
    )
    data = read_measurements(path)
    assert [note.partition(": ")[2][:25] for note in data.notes] == [
        "not UTF-8 text: lines 1, ",
        "1 value read with decimal",
    ]
    assert MeasurementFile.read(path, decimal=".").rows[0].measurement.value == Decimal("1.25")


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
    assert decode("période\n".encode("cp1252"), "m.csv") == (
        "période\n",
        "cp1252",
        ("m.csv: not UTF-8 text: line 1 read as Windows-1252",),
    )
    text, _, notes = decode(b"a\x81b\n", "m.csv")
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


def test_missing_file_raises_a_library_error_that_is_an_oserror(tmp_path: Path) -> None:
    import errno

    with pytest.raises(ci.FileReadError) as caught:
        read_measurements(tmp_path / "absent.csv")
    assert isinstance(caught.value, OSError)
    assert caught.value.errno == errno.ENOENT


def test_read_takes_a_path_or_its_text(tmp_path: Path) -> None:
    path = write(tmp_path, "m.csv", f"indicator;value;period\n{ID};1;2023\n".encode())
    data = MeasurementFile.read(str(path))
    assert (data.source, [r.measurement.value for r in data.rows]) == (str(path), [1])
    assert MeasurementFile.read(path).source == str(path)


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


@given(
    lines=st.lists(st.sampled_from([*_PIECES_OF_FILES]), max_size=8),
    name=st.sampled_from(["m.csv", "m.jsonl", "m.txt"]),
)
def test_parse_measurements_reads_text_as_read_measurements_reads_its_file(
    lines: list[str], name: str
) -> None:
    import tempfile

    text = "\n".join(["indicator;value;period;note", *lines]) + "\n"
    format = "jsonl" if name.endswith(".jsonl") else None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, name)
        path.write_bytes(text.encode())
        try:
            from_file = read_measurements(path)
        except MeasurementFileError as error:
            with pytest.raises(MeasurementFileError) as caught:
                parse_measurements(text, source=str(path), format=format)
            assert str(caught.value) == str(error)
            return
    from_text = parse_measurements(text, source=str(path), format=format)
    assert from_text == from_file
    assert {r.source for r in from_text.rows} <= {str(path)}


def test_parse_measurements_names_its_source_and_may_be_told_the_format() -> None:
    text = f"indicator;value;period\n{ID};2,5;2023\n"
    data = parse_measurements(text)
    assert (data.source, data.format, data.delimiter) == ("<text>", "csv", ";")
    assert [p.where for p in parse_measurements(text + ";x;2023\n", source="a.csv").problems] == [
        "a.csv:3"
    ]
    jsonl = parse_measurements(text, format="jsonl")  # every line then is a problem
    assert (jsonl.format, jsonl.rows, [p.line for p in jsonl.problems]) == ("jsonl", (), [1, 2])
    line = json.dumps({"indicator": ID, "value": 1, "period": "2023"})
    with pytest.raises(MeasurementFileError, match="the header must name the columns"):
        parse_measurements(line, format="csv")
    with pytest.raises(ci.ConfigurationError) as caught:
        parse_measurements(text, format="xlsx")
    assert str(caught.value) == (
        "the format of a measurement text must be 'csv', 'jsonl' or None, got 'xlsx'"
    )


def test_raw_items_show_every_cell_quoted_or_leave_blank_ones_out() -> None:
    raw = (("indicator", ID), ("value", ""), ("unit", " "), ("note", "l'été\n2"))
    problem = Problem("m.csv", 2, "no value", raw)
    row = Row(Measurement(value=1), raw=raw)
    shown = (f"indicator={ID!r}", "value=''", "unit=' '", 'note="l\'été\\n2"')
    for item in (problem, row):
        assert item.raw_items() == shown
        assert item.raw_items(skip_blank=True) == (shown[0], shown[3])
        assert item.raw_text == "; ".join(shown)


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
