"""The ``show`` and ``check`` commands on plans."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from cssindicators.cli import main
from cssindicators.errors import PlanError
from cssindicators.reading import read_plan
from cssindicators.reports import format_diagnostics, format_tree
from cssindicators.scoring import example_files

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "molenbeek-2023" / "plan.txt"
BROKEN = (
    "Secteur d'activité 2 : Criminalité\n"
    "Objectif général 1 - Secteur d'activité 2 :\n"
    "Lutte\n"
    "Objectif stratégique 1 - Domaine :\n"
    "Prévention\n"
    "Objectifs opérationnels\tRésultats attendus\tIndicateurs\n"
    "1. Tenir des réunions\t- Réunions\t- Nombre de réunions : beaucoup\n"
    "2. Écouter\t\t- Nombre de constats\n"
)

#: The ``cli`` fixture (tests/conftest.py): run the command line, get (code, out, err).
CliRun = Callable[..., tuple[int, str, str]]
COLUMN = BROKEN.splitlines()[6].index("beaucoup") + 1


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_show_prints_the_tree(cli: CliRun) -> None:
    code, out, err = cli("show", str(EXAMPLE))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Molenbeek-Saint-Jean, 2023"
    assert (
        lines[3] == "s1  Secteur d'activité 1 : Contribution au fonctionnement des zones de police"
    )
    assert (
        "          s2.og1.os1.gdp.oo1.i1  Indicateur : Nombre d'heures de présence des Gardiens "
        "de la Paix dans les quartiers identifiés à risques → ≥ 3 heures/jour"
    ) in lines
    assert sum(" Indicateur : " in line for line in lines) == 31
    assert "\x1b" not in out


def test_show_and_check_print_the_plan_reports(cli: CliRun) -> None:
    plan = read_plan(EXAMPLE)
    assert cli("show", str(EXAMPLE))[1] == format_tree(plan) + "\n"
    text = EXAMPLE.read_text(encoding="utf-8")
    expected = format_diagnostics(plan, source=str(EXAMPLE), text=text)
    assert cli("check", str(EXAMPLE))[1] == expected + "\n"


def test_check_of_the_example_passes(cli: CliRun) -> None:
    code, out, err = cli("check", str(EXAMPLE))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"{EXAMPLE}:31:1: info: separator line ignored: '--'",
        f"{EXAMPLE}:38:1: info: list number 3 ignored: the objective's own number is 1",
        f"{EXAMPLE}:46:1: info: list number 4 ignored: the objective's own number is 2",
        f"{EXAMPLE}:58:1: info: general objective without a number: its id uses its position",
        f"{EXAMPLE}:87:1: info: list number 2 ignored: the objective's own number is 3",
        f"{EXAMPLE}: 31 indicators, 0 errors, 0 warnings, 5 infos",
    ]


def test_check_fails_on_an_error(cli: CliRun, tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(BROKEN, encoding="utf-8")
    code, out, err = cli("check", str(path))
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        f"{path}:7:{COLUMN}: error: the target 'beaucoup' of indicator 'Nombre de réunions' does not "
        "parse: expected a comparator (≥, ≤, >, <, =, au moins, au plus…), a number (12, 2,5, "
        "1.500 or 1 500), a range (entre … et …), Oui/Non or a change (diminution de 10 %, en hausse, stabilisation…), found 'beaucoup'",
        "    1. Tenir des réunions - Réunions - Nombre de réunions : beaucoup",
        "    " + " " * (COLUMN - 1) + "^",
        f"{path}:8:13: warning: indicator 'Nombre de constats' has no target",
        "    2. Écouter  - Nombre de constats",
        "                ^",
        f"{path}: 2 indicators, 1 error, 1 warning, 0 infos",
    ]


def test_show_marks_unreadable_targets(cli: CliRun, tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(BROKEN, encoding="utf-8")
    code, out, _ = cli("show", str(path))
    assert code == 0
    assert out.splitlines()[-3:] == [
        "          s2.og1.os1.t1.oo1.i1  Indicateur : Nombre de réunions → unreadable target "
        "'beaucoup'",
        "        s2.og1.os1.t1.oo2  Objectif opérationnel 2 : Écouter",
        "          s2.og1.os1.t1.oo2.i1  Indicateur : Nombre de constats → no target",
    ]


@pytest.mark.parametrize("command", ["show", "check"])
def test_unreadable_files_exit_2(cli: CliRun, tmp_path: Path, command: str) -> None:
    code, out, err = cli(command, str(tmp_path / "absent.txt"))
    assert (code, out) == (2, "")
    assert err == f"error: cannot read {tmp_path / 'absent.txt'}: No such file or directory\n"
    docx = tmp_path / "plan.docx"  # a Word document, not its text export
    docx.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)))
    with pytest.raises(PlanError) as error:
        read_plan(docx)
    code, out, err = cli(command, str(docx))
    assert (code, out) == (2, "")
    assert err == f"error: {error.value}\n"
    assert "not a text file" in err


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-8-sig"])
def test_check_shows_the_lines_of_a_plan_in_any_encoding(
    cli: CliRun, tmp_path: Path, encoding: str
) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(BROKEN.encode(encoding))
    code, out, err = cli("check", str(path))
    assert (code, err) == (1, "")
    # The line under the caret as its author wrote it: accents and all, no stray bytes.
    assert "    1. Tenir des réunions - Réunions - Nombre de réunions : beaucoup\n" in out
    assert "\ufffd" not in out
    assert "\\x00" not in out
    expected = format_diagnostics(read_plan(path), source=str(path), text=BROKEN)
    assert out == expected + "\n"


def test_colour_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(BROKEN, encoding="utf-8")
    monkeypatch.delenv("NO_COLOR", raising=False)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    assert main(["check", str(path)]) == 1
    assert f"{path}:7:{COLUMN}: \x1b[1;31merror\x1b[0m: the target" in terminal.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    plain = Terminal()
    monkeypatch.setattr(sys, "stdout", plain)
    assert main(["show", str(path)]) == 0
    assert "\x1b" not in plain.getvalue()


@pytest.mark.parametrize("command", ["show", "check"])
def test_no_plan_means_the_bundled_example(
    cli: CliRun, command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # found with the package, not in the working directory
    bundled, _ = example_files()
    plan = read_plan(bundled)
    text = bundled.read_text(encoding="utf-8")
    report = (
        format_tree(plan)
        if command == "show"
        else format_diagnostics(plan, source=str(bundled), text=text)
    )
    assert cli(command) == (0, report + "\n", "") == cli(command, str(bundled))
    help_text = " ".join(cli(command, "--help")[1].split())
    assert (
        "PLAN the plan: its text export (plan.txt) or its Word document (plan.docx); default: the bundled example plan"
        in (help_text)
    )
