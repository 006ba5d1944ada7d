"""The command line, run in-process and as the installed console script."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

#: The ``cli`` fixture (tests/conftest.py): run the command line, get (code, out, err).
CliRun = Callable[..., tuple[int, str, str]]


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
    code, _, err = cli("target", "≥ 12 par an", "--period", "2023")
    assert (code, err) == (2, "error: --period and --unit need --value\n")


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
