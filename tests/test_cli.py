"""The command line, run in-process and as the installed console script."""

from __future__ import annotations

import errno
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from cssindicators import cli as cli_module
from cssindicators.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, main
from cssindicators.measurements import Measurement, parse_value
from cssindicators.reading import read_plan
from cssindicators.reports import format_tree
from cssindicators.targets import parse_target

#: The ``cli`` fixture (tests/conftest.py): run the command line, get (code, out, err).
CliRun = Callable[..., tuple[int, str, str]]

_HEADER = (
    "Secteur d'activité 2 : Criminalité\n"
    "Objectif général 1 - Secteur d'activité 2 :\nLutte\n"
    "Objectif stratégique 1 - Domaine :\nPrévention\n"
    "Objectifs opérationnels\tRésultats attendus\tIndicateurs\n"
)


def test_target_shows_its_parts(cli: CliRun) -> None:
    code, out, err = cli("target", "entre 10 et 20 réunions par an")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "text       entre 10 et 20 réunions par an",
        "canonical  entre 10 et 20 réunions/an",
        "rule       range",
        "low        10",
        "high       20",
        "unit       réunions",
        "per        an",
    ]


def test_target_evaluates_a_measurement(cli: CliRun) -> None:
    code, out, _ = cli("target", "≥ 3 heures/jour", "--value", "1 100", "--period", "2023")
    assert code == 0
    assert "observed     3,01 heures/jour" in out
    assert out.rstrip().endswith("status       met")


def test_target_with_unit_and_decimal_comma(cli: CliRun) -> None:
    code, out, _ = cli("target", "≤ 2 heures", "--value", "150,5", "--unit", "min")
    assert code == 0
    assert "observed     2,51 heures" in out
    assert "status       partial" in out


def test_syntax_error_prints_the_caret_and_exits_2(cli: CliRun) -> None:
    code, out, err = cli("target", "≥ 3 heures/lundi")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "Invalid target '≥ 3 heures/lundi': expected a period (jour, semaine, mois, "
        "trimestre, semestre, an) after '/', found 'lundi'",
        "    ≥ 3 heures/lundi",
        "               ^",
    ]


def test_unusable_measurement_exits_1(cli: CliRun) -> None:
    code, _, err = cli("target", "≥ 12 par an", "--value", "-3", "--period", "2023")
    assert code == 1
    assert err == "error: a measured value cannot be negative, got -3\n"


def test_bad_period_and_lone_options_exit_2(cli: CliRun) -> None:
    code, _, err = cli("target", "≥ 12 par an", "--value", "3", "--period", "2023-13")
    assert code == 2
    assert "month must be in 1..12" in err
    for option in (["--period", "2023"], ["--unit", "h"], ["--decimal", ","]):
        code, _, err = cli("target", "≥ 12 par an", *option)
        assert (code, err) == (
            2,
            "error: --period, --unit, --decimal, --baseline and --baseline-period need --value\n",
        )


def test_installed_console_script() -> None:
    script = shutil.which("cssindicators", path=str(Path(sys.executable).parent))
    assert script is not None, "the cssindicators console script is not installed"
    done = subprocess.run(
        [script, "target", ">/=à 50/an."], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert ["canonical", "≥ 50/an"] in [line.split(maxsplit=1) for line in done.stdout.splitlines()]


def test_a_console_without_unicode_gets_replacement_characters() -> None:
    script = shutil.which("cssindicators", path=str(Path(sys.executable).parent))
    assert script is not None
    done = subprocess.run(
        [script, "target", "≥ 3 heures/jour"],
        capture_output=True,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "cp1252"},
    )
    assert done.returncode == 0, done.stderr
    assert [b"canonical", b"? 3 heures/jour"] in [
        line.split(maxsplit=1) for line in done.stdout.splitlines()
    ]


def _script() -> str:
    script = shutil.which("cssindicators", path=str(Path(sys.executable).parent))
    assert script is not None, "the cssindicators console script is not installed"
    return script


def test_target_reads_the_value_with_the_decimal_mark_given(cli: CliRun) -> None:
    target = parse_target("≥ 250/an")
    head = 2 + len(target.parts())  # text, canonical, then the target's parts

    def expected(decimal: str) -> list[str]:
        value = parse_value("1.250", decimal=decimal)
        evaluation = target.evaluate(Measurement(value=value, period="2023"))
        return [f"{name} {text}" for name, text in evaluation.parts().items()]

    outputs = {}
    for decimal in (None, ",", "."):
        option = [] if decimal is None else ["--decimal", decimal]
        code, out, err = cli("target", "≥ 250/an", "--value", "1.250", "--period", "2023", *option)
        assert code == 0
        # read as 1,25, the value is far below the target: a warning says so
        assert err == (
            ""
            if decimal != "."
            else "warning: the observed value 1,25 is 0,005× "
            "the target's 250: check the unit or the period\n"
        )
        outputs[decimal] = [" ".join(line.split(maxsplit=1)) for line in out.splitlines()[head:]]
    # Belgian by default: 1.250 is twelve hundred and fifty, met; with "." it is 1.25.
    assert outputs[None] == outputs[","] == expected(",")
    assert outputs["."] == expected(".")
    assert outputs[","][-1] == "status met"
    assert outputs["."][-1] != "status met"
    code, _, err = cli("target", "≥ 250/an", "--value", "1", "--decimal", ";")
    assert code == 2
    assert "argument --decimal: invalid choice: ';'" in err


@pytest.mark.parametrize(
    ("argv", "meant"),
    [
        (["SCORE"], "score"),
        (["Show"], "show"),
        (["shwo"], "show"),
        (["score", "--format", "MARKDOWN"], "markdown"),
        (["score", "--format", "Json"], "json"),
        (["score", "--format", "htm"], "html"),
    ],
)
def test_did_you_mean_ignores_case(cli: CliRun, argv: list[str], meant: str) -> None:
    # Names stay exact (one spelling in scripts and docs); a wrong case gets the right one.
    code, out, err = cli(*argv)
    assert (code, out) == (2, "")
    assert f"invalid choice: {argv[-1]!r}" in err
    assert err.endswith(f"; did you mean {meant!r}?\n")


def test_no_suggestion_for_a_choice_far_from_all(cli: CliRun) -> None:
    code, _, err = cli("frobnicate")
    assert code == 2
    assert "invalid choice: 'frobnicate'" in err
    assert "did you mean" not in err


@pytest.mark.parametrize("command", [[], ["target"], ["show"], ["check"], ["score"]])
def test_help_documents_the_exit_status(cli: CliRun, command: list[str]) -> None:
    code, out, _ = cli(*command, "--help")
    assert code == 0
    status = out.split("\nexit status:\n", 1)[1].splitlines()
    codes = [line.split()[0] for line in status if line.startswith("  ") and line[2] != " "]
    assert codes == [str(EXIT_OK), str(EXIT_FAILED), str(EXIT_USAGE)] == ["0", "1", "2"]
    assert "--strict" in out.split("\nexit status:\n", 1)[1]
    assert cli_module.__doc__ is not None
    for code_ in ("0", "1", "2"):
        assert f"\n- {code_}: " in cli_module.__doc__


#: Each command, with output to write (the bundled example where a file is needed).
COMMANDS = [
    ["show"],
    ["check"],
    ["score"],
    ["target", "≥ 3 heures/jour", "--value", "1 100", "--period", "2023"],
    ["--help"],
]


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda argv: " ".join(argv[:3]))
def test_a_pipe_closed_before_the_output_ends_quietly(argv: list[str]) -> None:
    # The reading end is closed before the command writes: every write meets EPIPE.
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [_script(), *argv], stdout=write_end, stderr=subprocess.PIPE, check=False
        )
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr.decode()) == (0, "")


def test_show_piped_to_head(tmp_path: Path) -> None:
    # `cssindicators show plan.txt | head -1` on a plan whose tree is larger than a
    # pipe's buffer: the command is blocked writing when the reader goes away.
    lines = [
        f"{n}. Se concerter\t- Réunions\t- Nombre de réunions : ≥ {n} par an" for n in range(1, 700)
    ]
    plan = tmp_path / "plan.txt"
    plan.write_text(_HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    with subprocess.Popen(
        [_script(), "show", str(plan)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()
        stderr = process.stderr.read()
        returncode = process.wait(timeout=60)
    assert first.decode("utf-8").rstrip("\n") == format_tree(read_plan(plan)).splitlines()[0]
    assert len(format_tree(read_plan(plan)).encode("utf-8")) > 2**17  # larger than the pipe
    assert (returncode, stderr.decode()) == (0, "")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize(
    "argv", [COMMANDS[2], COMMANDS[3], COMMANDS[4]], ids=lambda argv: " ".join(argv[:3])
)
def test_a_full_standard_output_is_an_error_without_traceback(argv: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [_script(), *argv], stdout=full, stderr=subprocess.PIPE, text=True, check=False
        )
    assert done.returncode == EXIT_FAILED
    assert done.stderr == "error: cannot write to standard output: No space left on device\n"


class _Broken(io.StringIO):
    def __init__(self, error: OSError) -> None:
        super().__init__()
        self.error = error

    def write(self, text: str) -> int:
        raise self.error


def test_write_errors_in_process(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A stream that is not a file (no descriptor to point at the null device) is fine too.
    monkeypatch.setattr(sys, "stdout", _Broken(BrokenPipeError(errno.EPIPE, "Broken pipe")))
    assert main(["show"]) == EXIT_OK
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(sys, "stdout", _Broken(OSError(errno.ENOSPC, "No space left on device")))
    assert main(["target", "≥ 3"]) == EXIT_FAILED
    assert capsys.readouterr().err == (
        "error: cannot write to standard output: No space left on device\n"
    )


def test_target_warns_about_a_doubtful_evaluation_and_strict_fails_on_it(
    cli: Callable[..., tuple[int, str, str]],
) -> None:
    code, _, err = cli("target", "≥ 50/an", "--value", "4", "--period", "2023-01-01")
    assert code == 0
    assert "warning: 2023-01-01 is one day" in err
    assert "warning: the observed value 1488 is 29,76× the target's 50" in err
    code, _, err = cli("target", "≥ 50/an", "--value", "4", "--period", "2023-01-01", "--strict")
    assert code == 1
    assert "3 warnings (--strict)" in err
    code, _, err = cli("target", "≥ 50/an", "--value", "48", "--period", "2023", "--strict")
    assert (code, err) == (0, "")
