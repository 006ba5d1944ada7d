"""The baseline of a measurement: the indicator's value over the baseline period, read
from every kind of measurement input as value cells are."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cssindicators.errors import MeasurementError
from cssindicators.measurements import (
    COLUMNS,
    Measurement,
    MeasurementFile,
    Problem,
    Row,
    parse_measurements,
    read_measurements,
)
from cssindicators.measurements._records import read_columns, read_records

ID = "s2.og1.os1.gdp.oo2.i1"


def from_records(records: list[dict[str, object]]) -> MeasurementFile:
    rows, problems, notes = read_records(enumerate(records, 1), "<records>", None)
    return MeasurementFile("<records>", rows, problems, "memory", notes=notes)


def from_columns(columns: Any) -> MeasurementFile:
    rows, problems, notes = read_columns(columns, "<columns>", None)
    return MeasurementFile("<columns>", rows, problems, "memory", notes=notes)


def baselines(data: MeasurementFile) -> list[object]:
    return [row.measurement.baseline for row in data.rows]


def reasons(data: MeasurementFile) -> list[tuple[int, str]]:
    return [(p.line, p.reason) for p in data.problems]


# ---------------------------------------------------------------- the field


def test_a_baseline_is_the_last_field_so_positional_construction_is_unchanged() -> None:
    m = Measurement(7, "2023", "h", ID, "note", 9)
    assert (m.value, str(m.period), m.unit, m.indicator, m.note, m.baseline) == (
        7,
        "2023",
        "h",
        ID,
        "note",
        9,
    )
    assert Measurement(7).baseline is None


@pytest.mark.parametrize("number", [1500, 2.5, Decimal("2.5"), -3, 0])
def test_a_baseline_holds_a_number(number: Any) -> None:
    assert Measurement(value=1, baseline=number).baseline == number


def test_a_numpy_baseline_becomes_the_python_number_it_holds() -> None:
    np = pytest.importorskip("numpy")
    for given_, expected in [(np.int64(1500), 1500), (np.float64(2.5), 2.5)]:
        baseline = Measurement(value=1, baseline=given_).baseline
        assert baseline == expected
        assert type(baseline) is type(expected)


@pytest.mark.parametrize(
    ("baseline", "shown"),
    [(True, "True"), (False, "False"), ("1.500", "'1.500'"), ("Oui", "'Oui'"), ([3], "[3]")],
)
def test_a_baseline_that_is_not_a_number_is_refused(baseline: Any, shown: str) -> None:
    with pytest.raises(MeasurementError) as caught:
        Measurement(value=1, baseline=baseline)
    assert str(caught.value) == f"Measurement.baseline must be a number or None, got {shown}"


def test_a_numpy_boolean_baseline_is_refused() -> None:
    np = pytest.importorskip("numpy")
    with pytest.raises(MeasurementError, match=r"Measurement\.baseline must be a number"):
        Measurement(value=1, baseline=np.bool_(True))


# ---------------------------------------------------------------- header names


@pytest.mark.parametrize(
    "header",
    [
        "baseline",
        "Baseline",
        "valeur de base",
        "VALEUR DE BASE",
        "Valeur de référence",
        "valeur de reference",
        "Basiswaarde",
        "Referentiewaarde",
        "nulmeting",
        "Baseline value",
    ],
)
def test_every_name_of_the_baseline_column_is_read(header: str) -> None:
    data = parse_measurements(f"indicator;value;period;{header}\n{ID};3;2023;1.500\n")
    assert baselines(data) == [1500]
    assert COLUMNS["baseline"][0] == "baseline"


def test_two_columns_naming_the_baseline_are_refused() -> None:
    from cssindicators.measurements import MeasurementFileError

    with pytest.raises(MeasurementFileError, match="names the column 'baseline' twice"):
        parse_measurements(f"indicator;value;period;valeur de base;nulmeting\n{ID};3;2023;1;2\n")


# ---------------------------------------------------------------- CSV

FRENCH = (
    "indicateur;valeur;période;valeur de référence\n"
    f"{ID};1.350;2023;1.500\n"
    f"{ID};2,5;2024;3,75\n"
    f"{ID};4;2025;\n"
    f"{ID};4;2026;  \n"
)


def test_a_french_csv_reads_belgian_baselines() -> None:
    data = parse_measurements(FRENCH)
    assert baselines(data) == [1500, Decimal("3.75"), None, None]
    assert [row.measurement.value for row in data.rows] == [1350, Decimal("2.5"), 4, 4]
    assert data.problems == ()
    assert data.decimal == ","
    assert isinstance(data.rows[0].measurement.baseline, int)


def test_a_dutch_csv_reads_belgian_baselines() -> None:
    data = parse_measurements(
        f'indicator,waarde,periode,nulmeting\n{ID},12,2023,"1.250.000"\n{ID},12,2024,"0,5"\n'
    )
    assert data.delimiter == ","
    assert baselines(data) == [1250000, Decimal("0.5")]


def test_a_baseline_cell_that_is_not_a_number_is_a_problem_on_its_line() -> None:
    data = parse_measurements(
        "indicateur;valeur;période;valeur de référence\n"
        f"{ID};3;2023;1.500\n"
        f"{ID};3;2024;douze\n"
        f"{ID};3;2025;VRAI\n"
        f"{ID};3;2026;-\n",
        source="m.csv",
    )
    assert [row.line for row in data.rows] == [2]
    what = "the indicator's value over the baseline period, such as 1.500 or 2,5"
    assert reasons(data) == [
        (3, f"baseline: 'douze' is not a number ({what})"),
        (4, f"baseline: 'VRAI' is not a number ({what})"),
        (5, f"baseline: '-' is not a number ({what})"),
    ]
    assert str(data.problems[0]).startswith("m.csv:3: baseline: ")


def test_the_raw_cells_of_a_problem_keep_the_baseline_cell() -> None:
    data = parse_measurements(f"indicator;value;period;baseline\n{ID};douze;2023-13;1.500\n")
    (problem,) = data.problems
    assert ("baseline", "1.500") in problem.raw
    assert "baseline='1.500'" in problem.raw_text
    data = parse_measurements(f"indicator;value;period;basiswaarde\n{ID};3;2023;trois\n")
    assert data.problems[0].raw == (
        ("indicator", ID),
        ("value", "3"),
        ("period", "2023"),
        ("baseline", "trois"),
    )


def test_a_baseline_in_percent_goes_with_a_value_in_percent() -> None:
    data = parse_measurements(
        "indicator;value;period;unit;baseline\n"
        f"{ID};80 %;2023;;75 %\n"
        f"{ID};80;2024;%;75%\n"
        f"{ID};80;2025;h;75 %\n"
        f"{ID};80;2026;;75 %\n"
    )
    assert baselines(data) == [75, 75]
    assert reasons(data) == [
        (
            4,
            "baseline: '75 %' is a percentage, but the unit is 'h': a baseline is in the unit "
            "of the value",
        ),
        (
            5,
            "baseline: '75 %' is a percentage, but the value has no unit: a baseline is in the "
            "unit of the value",
        ),
    ]


def test_a_file_without_the_column_reads_as_before() -> None:
    text = f"indicator;value;period;note\n{ID};1.250;2023;n\n{ID};2,5;2024;\n"
    data = parse_measurements(text)
    assert baselines(data) == [None, None]
    assert [row.measurement.value for row in data.rows] == [1250, Decimal("2.5")]
    assert all("baseline" not in dict(row.raw) for row in data.rows)


def test_the_example_files_read_as_before(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_bytes(f"indicateur;valeur;période\r\n{ID};2,5;2023\r\n".encode("cp1252"))
    data = read_measurements(path)
    assert (data.encoding, baselines(data), data.problems) == ("cp1252", [None], ())


# ---------------------------------------------------------------- the decimal mark


def test_a_baseline_shows_the_decimal_mark_of_the_values() -> None:
    data = parse_measurements(f"indicator;value;period;baseline\n{ID};1.250;2023;3.75\n")
    assert data.decimal == "."
    assert [row.measurement.value for row in data.rows] == [Decimal("1.25")]
    assert baselines(data) == [Decimal("3.75")]
    (note,) = data.notes
    assert "as line 2's baseline '3.75' shows: '1.250' (line 2) is 1.25" in note


def test_a_value_settles_how_an_ambiguous_baseline_reads() -> None:
    data = parse_measurements(
        f"indicator;value;period;baseline\n{ID};3.75;2023;\n{ID};4;2024;1.250\n"
    )
    assert data.decimal == "."
    assert baselines(data) == [None, Decimal("1.25")]
    (note,) = data.notes
    assert "as line 2's value '3.75' shows: '1.250' (line 3, baseline) is 1.25" in note
    belgian = parse_measurements(
        f"indicator;value;period;baseline\n{ID};2,5;2023;\n{ID};4;2024;1.250\n"
    )
    assert (belgian.decimal, baselines(belgian)) == (",", [None, 1250])


def test_ambiguous_values_and_baselines_are_counted_together_in_the_note() -> None:
    data = parse_measurements(f"indicator;value;period;baseline\n{ID};1.250;2023;2.500\n")
    assert (data.decimal, baselines(data)) == (",", [2500])
    assert data.notes[0].startswith("<text>: 2 values read with decimal commas")


def test_an_ambiguous_baseline_in_a_file_written_both_ways_is_a_problem() -> None:
    data = parse_measurements(
        f"indicator;value;period;baseline\n{ID};2,5;2023;\n{ID};3.75;2024;\n{ID};4;2025;1.250\n"
    )
    assert data.decimal is None
    assert [row.line for row in data.rows] == [2, 3]
    ((line, reason),) = reasons(data)
    assert line == 4
    assert reason.startswith("baseline: ambiguous number '1.250': this file writes numbers both")
    assert "'2,5' (line 2) with decimal commas" in reason


def test_a_baseline_written_the_other_way_than_chosen_is_a_problem() -> None:
    data = parse_measurements(
        f"indicator;value;period;baseline\n{ID};3;2023;1.250.000\n{ID};3;2024;1.250\n",
        decimal=".",
    )
    assert baselines(data) == [Decimal("1.25")]
    assert reasons(data) == [
        (
            2,
            "baseline: '1.250.000' is written with decimal commas, dots grouping thousands, but "
            "the file is read with decimal points, commas grouping thousands (decimal='.'): "
            "write it that way, or read the file with decimal=','",
        )
    ]
    assert data.notes == ()


def test_a_problem_baseline_does_not_leave_its_row_ambiguous() -> None:
    # The ambiguous value of a row that is a problem anyway is not named in a note.
    data = parse_measurements(f"indicator;value;period;baseline\n{ID};1.250;2023;douze\n")
    assert data.rows == ()
    assert data.notes == ()
    assert reasons(data)[0][1].startswith("baseline: 'douze' is not a number")


# ---------------------------------------------------------------- JSON lines


def test_json_lines_read_baselines_as_numbers_and_texts() -> None:
    lines = [
        {"indicateur": ID, "valeur": 3, "période": "2023", "valeur de référence": 2.5},
        {"indicator": ID, "waarde": 3, "periode": "2024", "nulmeting": "1.500"},
        {"indicator": ID, "value": 3, "period": "2025", "baseline": "2,5"},
        {"indicator": ID, "value": 3, "period": "2026", "baseline": None},
        {"indicator": ID, "value": 3, "period": "2027", "baseline": ""},
        {"indicator": ID, "value": 3, "period": "2028"},
    ]
    data = parse_measurements("\n".join(json.dumps(line) for line in lines))
    assert data.format == "jsonl"
    assert baselines(data) == [Decimal("2.5"), 1500, Decimal("2.5"), None, None, None]


def test_a_json_baseline_that_is_not_a_number_is_a_problem_on_its_line() -> None:
    lines = [
        {"indicator": ID, "value": 3, "period": "2023", "baseline": 1},
        {"indicator": ID, "value": 3, "period": "2023", "baseline": True},
        {"indicator": ID, "value": 3, "period": "2023", "baseline": [1]},
        {"indicator": ID, "value": 3, "period": "2023", "baseline": "Non"},
    ]
    data = parse_measurements("\n".join(json.dumps(line) for line in lines), source="m.jsonl")
    assert baselines(data) == [1]
    what = "the indicator's value over the baseline period, such as 1.500 or 2,5"
    assert reasons(data) == [
        (2, f"baseline: must be a number ({what}), got True"),
        (3, f"baseline: must be a number ({what}), got [1]"),
        (4, f"baseline: 'Non' is not a number ({what})"),
    ]
    assert ("baseline", "true") in data.problems[0].raw


def test_json_baselines_settle_the_decimal_mark_with_the_values() -> None:
    lines = [
        {"indicator": ID, "value": "1.250", "period": "2023", "baseline": "3.75"},
    ]
    data = parse_measurements("\n".join(json.dumps(line) for line in lines))
    assert (data.decimal, data.rows[0].measurement.value) == (".", Decimal("1.25"))


# ---------------------------------------------------------------- records, columns, frames


def test_records_read_baselines() -> None:
    data = from_records(
        [
            {"Indicateur": ID, "Valeur": 3, "Période": "2023", "Valeur de référence": 2.5},
            {"indicator": ID, "value": 3, "referentiewaarde": "1.500"},
            {"indicator": ID, "value": 3, "baseline": float("nan")},
            {"indicator": ID, "value": 3},
            {"indicator": ID, "value": 3, "baseline": "beaucoup"},
            {"indicator": ID, "value": 3, "baseline": False},
        ]
    )
    assert baselines(data) == [2.5, 1500, None, None]
    assert [(line, reason.partition(" ")[0]) for line, reason in reasons(data)] == [
        (5, "baseline:"),
        (6, "baseline:"),
    ]
    assert ("baseline", "beaucoup") in data.problems[0].raw


def test_columns_read_baselines_and_settle_the_decimal_mark_with_the_values() -> None:
    data = from_columns(
        {"indicator": [ID, ID], "value": ["1.250", "3"], "nulmeting": [None, "3.75"]}
    )
    assert [row.measurement.value for row in data.rows] == [Decimal("1.25"), 3]
    assert baselines(data) == [None, Decimal("3.75")]
    (note,) = data.notes
    assert "as line 2's baseline '3.75' shows: '1.250' (line 1) is 1.25" in note


def test_a_data_frame_reads_baselines() -> None:
    pd = pytest.importorskip("pandas")
    np = pytest.importorskip("numpy")
    frame = pd.DataFrame(
        {
            "indicateur": [ID, ID, ID],
            "valeur": [3, 4, 5],
            "valeur de base": np.array([1500, np.nan, 2.5]),
        }
    )
    data = from_columns(frame)
    assert baselines(data) == [1500.0, None, 2.5]
    assert all(type(b) is float for b in baselines(data) if b is not None)
    texts = pd.DataFrame({"indicator": [ID, ID], "value": [3, 4], "basiswaarde": ["1.500", "x"]})
    data = from_columns(texts)
    assert baselines(data) == [1500]
    ((line, reason),) = reasons(data)
    assert line == 2
    assert reason.startswith("baseline: 'x' is not a number")


def test_in_memory_data_without_the_column_reads_as_before() -> None:
    data = from_records([{"indicator": ID, "value": "1.250"}])
    assert baselines(data) == [None]
    assert data.rows[0].raw == (("indicator", ID), ("value", "1.250"))


# ---------------------------------------------------------------- measurements in memory


def test_a_row_of_a_measurement_shows_its_baseline() -> None:
    m = Measurement(value=3, period="2023", indicator=ID, baseline=Decimal("2.5"))
    assert Row.of(m).raw[-1] == ("baseline", "2.5")
    data = MeasurementFile.from_measurements([m, Measurement(value=3, baseline=1)])
    assert baselines(data) == [Decimal("2.5")]
    assert data.problems[0].raw == (("value", "3"), ("baseline", "1"))
    assert Row.of(Measurement(value=3)).raw == (("value", "3"),)
    assert isinstance(data.problems[0], Problem)


# ---------------------------------------------------------------- a law

GROUPS = ("", ".", " ", "\u00a0")


@st.composite
def written_belgian(draw: st.DrawFn) -> tuple[str, Decimal]:
    """A number and its text the Belgian way: thousands grouped by a dot, a space kind
    or not at all, a decimal comma, an optional minus sign."""
    number = draw(
        st.decimals(min_value=-(10**12), max_value=10**12, places=draw(st.integers(0, 4)))
    )
    sign, digits = ("-", -number) if number < 0 else ("", number)
    whole, _, fraction = format(digits, "f").partition(".")
    group = draw(st.sampled_from(GROUPS))
    head = len(whole) % 3 or 3
    whole = group.join([whole[:head], *(whole[k : k + 3] for k in range(head, len(whole), 3))])
    return sign + whole + ("," + fraction if fraction else ""), number


@given(written_belgian(), st.sampled_from(["valeur de référence", "nulmeting", "baseline"]))
def test_a_baseline_written_the_belgian_way_reads_back_as_its_number(
    written: tuple[str, Decimal], header: str
) -> None:
    text, number = written
    data = parse_measurements(f'indicateur;valeur;période;{header}\n{ID};3;2023;"{text}"\n')
    assert data.problems == ()
    assert baselines(data) == [number]
    assert data.decimal == ","


def test_a_reference_code_column_is_not_a_baseline() -> None:
    data = parse_measurements(
        f"indicateur;valeur;période;référence;basis\n{ID};3;2023;DOS-2023-17;B12\n"
    )
    assert data.problems == ()
    assert data.rows[0].measurement.baseline is None
