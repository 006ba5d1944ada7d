"""The ``cssindicators score`` command: the bundled example by default, every format."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from cssindicators.cli import main
from cssindicators.errors import PeriodError
from cssindicators.measurements import read_measurements
from cssindicators.periods import parse_period
from cssindicators.reading import read_plan
from cssindicators.reports import render
from cssindicators.scoring import Scorecard, example_files, score


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


#: The ``cli`` fixture (tests/conftest.py): run the command line, get (code, out, err).
CliRun = Callable[..., tuple[int, str, str]]

#: How the messages name each report format.
FORMAT_NAMES = {
    "text": "text",
    "markdown": "Markdown",
    "html": "HTML",
    "csv": "CSV",
    "json": "JSON",
}


def example() -> Scorecard:
    plan, data = example_files()
    return score(read_plan(plan), data)


def test_no_arguments_score_the_bundled_example_from_any_directory(
    tmp_path: Path, cli: CliRun, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("score")
    assert (code, err) == (0, "")
    assert out.startswith("Scorecard: Molenbeek-Saint-Jean, 2023 · reporting period 2023\n")
    assert out == render(example(), "text")  # not a terminal: no colour


def test_text_has_colour_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    assert main(["score"]) == 0
    assert terminal.getvalue() == render(example(), "text", color=True)
    monkeypatch.setenv("NO_COLOR", "1")
    plain = Terminal()
    monkeypatch.setattr(sys, "stdout", plain)
    assert main(["score"]) == 0
    assert plain.getvalue() == render(example(), "text")


@pytest.mark.parametrize("name", ["text", "markdown", "html", "csv", "json"])
def test_every_format_to_a_file(
    name: str,
    tmp_path: Path,
    cli: CliRun,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    plan, data = example_files()
    output = tmp_path / f"report.{name}"
    code, out, err = cli("score", str(plan), str(data), "--format", name, "--output", str(output))
    assert (code, out, err) == (0, "", f"wrote the {FORMAT_NAMES[name]} report to {output}\n")
    written = output.read_bytes()
    # A BOM for spreadsheets in CSV only; line ends as the report writes them.
    assert written.startswith(b"\xef\xbb\xbf") == (name == "csv")
    assert written.decode("utf-8-sig") == render(example(), name)
    if name == "text":  # a file never gets colours, even when run from a terminal
        monkeypatch.delenv("NO_COLOR", raising=False)
        monkeypatch.setattr(sys, "stdout", Terminal())
        assert main(["score", "--output", str(output)]) == 0
        assert capsys.readouterr().err == f"wrote the text report to {output}\n"
        assert output.read_text(encoding="utf-8") == render(example(), "text")


def test_inputs_that_cannot_be_read(tmp_path: Path, cli: CliRun) -> None:
    plan, data = example_files()
    bad = tmp_path / "bad.csv"
    bad.write_text("a;b\n1;2\n", encoding="utf-8")
    for args, message in [
        ([str(plan)], "give a plan and a measurement file, or neither"),
        ([str(plan), str(tmp_path / "absent.csv")], "cannot read"),
        ([str(plan), str(bad)], "the header must name the columns"),
        ([str(tmp_path / "absent.txt"), str(data)], "cannot read"),
    ]:
        code, out, err = cli("score", *args)
        assert (code, out) == (2, "")
        assert message in err


def test_invalid_rows_do_not_make_the_command_fail(tmp_path: Path, cli: CliRun) -> None:
    plan, _ = example_files()
    data = tmp_path / "m.csv"
    data.write_text("indicator;value;period\nnowhere;x;2023-13\n", encoding="utf-8")
    code, out, _ = cli("score", str(plan), str(data))
    assert code == 0
    problems = out.split("\nInvalid rows (1)\n", 1)[1].splitlines()
    assert problems[0] == f"  {data}:2: Invalid period '2023-13': month must be in 1..12"
    assert problems[1:] == ["    indicator='nowhere'; value='x'; period='2023-13'"]


def test_an_output_that_cannot_be_written(tmp_path: Path, cli: CliRun) -> None:
    code, _, err = cli("score", "--output", str(tmp_path / "no" / "such" / "dir.txt"))
    assert code == 1
    assert "cannot write" in err


def test_installed_console_script_scores_the_example(tmp_path: Path) -> None:
    script = shutil.which("cssindicators", path=str(Path(sys.executable).parent))
    assert script is not None, "the cssindicators console script is not installed"
    done = subprocess.run(
        [script, "score", "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "error"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["plan"]["commune"] == "Molenbeek-Saint-Jean"


def _measured(out: str) -> str:
    return next(line for line in out.splitlines() if " measured (" in line).split(" · ")[1]


def test_a_stray_quote_costs_one_row_not_the_rest_of_the_file(tmp_path: Path, cli: CliRun) -> None:
    plan, data = example_files()
    lines = data.read_text(encoding="utf-8").split("\n")
    _, out, _ = cli("score")
    # The note of the first data row (hours of presence, twelve monthly rows).
    lines[2] = lines[2].replace("illustratif", "\"congés d'été")
    broken = tmp_path / "m.csv"
    broken.write_text("\n".join(lines), encoding="utf-8")
    code, broken_out, err = cli("score", str(plan), str(broken))
    assert (code, err) == (0, "")
    assert _measured(broken_out) == _measured(out) == "23 measured (74 %)"
    assert "a quote opens a cell and is never closed" in broken_out


@pytest.mark.parametrize(
    "content",
    [
        b"indicator;value;period;note\nx;1;2023;" + b"a" * 200_000 + b"\n",
        b'indicator;value;period;note\nx;1;2023;"' + b"a" * 200_000 + b'"\n',
        b"[" * 100_000 + b"\n",
        b"indicateur;valeur;p\xc3\xa9riode;note\nx;1;2023;\xe9t\xe9\n",  # UTF-8, one cp1252 line
    ],
)
def test_odd_files_make_problems_not_tracebacks(
    tmp_path: Path, cli: CliRun, content: bytes
) -> None:
    plan, _ = example_files()
    data = tmp_path / "m.csv"
    data.write_bytes(content)
    code, out, err = cli("score", str(plan), str(data))
    notes = [f"note: {data}: not UTF-8 text: line 2 read as Windows-1252, the others as UTF-8"]
    assert (code, err.splitlines()) == (0, notes if b"\xe9t\xe9" in content else [])
    assert "Invalid rows (1)" in out


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("2023-H1", "2023-H1"),
        ("S1 2023", "2023-H1"),
        ("T1 2023", "2023-Q1"),
        ("2023", "2023"),
        ("année 2023", "2023"),
    ],
)
def test_the_reporting_period_in_any_accepted_form(cli: CliRun, written: str, meant: str) -> None:
    plan, data = example_files()
    code, out, err = cli("score", "--period", written, "--format", "json")
    assert (code, err) == (0, "")
    assert out == render(score(read_plan(plan), data, period=meant), "json")
    # The default is the plan's year: another period gives another scorecard.
    assert (out == cli("score", "--format", "json")[1]) == (meant == "2023")


@pytest.mark.parametrize("period", ["2023-13", "03/15/2023", "l'an passé"])
def test_a_bad_period_exits_2_with_its_message(cli: CliRun, period: str) -> None:
    with pytest.raises(PeriodError) as error:
        parse_period(period)
    code, out, err = cli("score", "--period", period)
    assert (code, out, err) == (2, "", f"error: {error.value}\n")
    assert repr(period) in str(error.value)  # the message shows the text it could not read


def _file(tmp_path: Path, *rows: str) -> Path:
    data = tmp_path / "m.csv"
    data.write_text("indicator;value;period\n" + "".join(f"{row}\n" for row in rows), "utf-8")
    return data


INDICATOR = "s2.og1.os1.gdp.oo4.i1"


def test_the_decimal_mark_of_the_measurement_file(tmp_path: Path, cli: CliRun) -> None:
    plan, _ = example_files()
    # ≥ 250/an; alone in its file, 1.250 is ambiguous: Belgian unless told otherwise.
    data = _file(tmp_path, f"{INDICATOR};1.250;2023")
    outputs = {}
    for decimal in (None, ",", "."):
        option = [] if decimal is None else ["--decimal", decimal]
        code, out, err = cli("score", str(plan), str(data), "--format", "json", *option)
        read = read_measurements(data, decimal=decimal)
        assert code == 0
        assert err.splitlines() == [f"note: {note}" for note in read.notes]
        assert out == render(score(read_plan(plan), read), "json")
        outputs[decimal] = out
    observed = {
        decimal: [r["observed"] for r in json.loads(out)["indicators"] if r["id"] == INDICATOR]
        for decimal, out in outputs.items()
    }
    assert observed == {None: [1250], ",": [1250], ".": [1.25]}
    assert "decimal" in cli("score", str(plan), str(data))[2]  # the note says how to choose


def test_strict_fails_on_a_warning_that_the_report_shows(tmp_path: Path, cli: CliRun) -> None:
    plan, _ = example_files()
    # One day of data for a yearly target: extrapolating it would be a silent guess.
    data = _file(tmp_path, "s2.og1.os1.gdp.oo2.i1;12;2023-01-01")
    warnings = score(read_plan(plan), read_measurements(data)).warnings()
    assert warnings
    code, out, err = cli("score", str(plan), str(data))
    assert (code, err) == (0, "")
    for _, message in warnings:
        assert message in out  # reported whether strict or not
    count = f"{len(warnings)} warning{'s' * (len(warnings) > 1)}"
    assert cli("score", str(plan), str(data), "--strict") == (
        1,
        out,
        f"error: {count} in the report (--strict)\n",
    )
    output = tmp_path / "card.md"
    code, out, err = cli(
        "score", str(plan), str(data), "--strict", "--format", "markdown", "--output", str(output)
    )
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"wrote the Markdown report to {output}",
        f"error: {count} in the report (--strict)",
    ]
    assert all(message in output.read_text("utf-8") for _, message in warnings)


def test_strict_passes_without_warnings(tmp_path: Path, cli: CliRun) -> None:
    plan, _ = example_files()
    data = _file(tmp_path, "s2.og1.os1.gdp.oo2.i1;12;2023")
    assert score(read_plan(plan), read_measurements(data)).warnings() == ()
    code, out, err = cli("score", str(plan), str(data), "--strict")
    assert (code, err) == (0, "")
    assert "s2.og1.os1.gdp.oo2.i1" in out
