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
from cssindicators.scoring import example_files


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


#: The ``cli`` fixture (tests/conftest.py): run the command line, get (code, out, err).
CliRun = Callable[..., tuple[int, str, str]]


def test_no_arguments_score_the_bundled_example_from_any_directory(
    tmp_path: Path, cli: CliRun, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("score")
    assert (code, err) == (0, "")
    assert out.startswith("Scorecard: Molenbeek-Saint-Jean, 2023\n")
    assert "Invalid rows (7)" in out
    assert "\x1b[" not in out  # not a terminal


def test_text_has_colour_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    assert main(["score"]) == 0
    assert "\x1b[32m" in terminal.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    plain = Terminal()
    monkeypatch.setattr(sys, "stdout", plain)
    main(["score"])
    assert "\x1b[" not in plain.getvalue()


@pytest.mark.parametrize("name", ["text", "markdown", "html", "csv", "json"])
def test_every_format_to_a_file(name: str, tmp_path: Path, cli: CliRun) -> None:

    plan, data = example_files()
    output = tmp_path / f"report.{name}"
    code, out, err = cli("score", str(plan), str(data), "--format", name, "--output", str(output))
    assert (code, out, err) == (0, "", "")
    text = output.read_text(encoding="utf-8-sig")
    assert "une cinquantaine" in text  # an invalid row's raw value
    assert "\x1b[" not in text
    if name == "csv":
        assert output.read_bytes().startswith(b"\xef\xbb\xbf")
    if name == "json":
        assert len(json.loads(text)["problems"]) == 7


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
    assert "Invalid rows (1)" in out


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
