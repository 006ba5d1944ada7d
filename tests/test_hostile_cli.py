"""The command line and the text reports against hostile files: text from a file never
acts on the terminal, CSV cells stay inert and readable, and every failure is a one-line
message with a documented exit status."""

from __future__ import annotations

import contextlib
import csv
import errno
import io
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cssindicators as ci
from cssindicators import _color
from cssindicators import reports as reports_module
from cssindicators._terminal import visible
from cssindicators.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, main
from cssindicators.errors import MeasurementError, PlanError
from cssindicators.plan import (
    GeneralObjective,
    Indicator,
    OperationalObjective,
    Plan,
    Sector,
    ServiceBlock,
    StrategicObjective,
)
from cssindicators.reading import parse_plan, read_plan
from cssindicators.reports import format_diagnostics, format_tree, to_csv, to_markdown, to_text
from cssindicators.reports._tabular import CELL_LIMIT, cell
from cssindicators.scoring import score

STATUSES = {EXIT_OK, EXIT_FAILED, EXIT_USAGE}

#: Bidirectional controls: marks, embeddings, overrides, isolates.
BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

#: What a file may hold to act on a terminal: a window title, a screen clear, a colour,
#: 8-bit (C1) sequences, a carriage return, bidirectional overrides and isolates.
ATTACKS = [
    "\x1b]0;pwned\x07",
    "\x1b[2J",
    "\x1b[31m",
    "\x1bc",
    "\x9b2J",
    "\x9d0;title\x9c",
    "\x85",
    "\x7f",
    "\r",
    "\x0b",
    "\x0c",
    "\x00",
    "\x08",
    "\u202e",
    "\u202d",
    "\u2066",
    "\u2069",
    "\u200f",
    "\u2028",
    "\u2029",
]

_HEADER = (
    "Secteur d'activité 2 : {sector}\n"
    "Objectif général 1 - Secteur d'activité 2 :\n{general}\n"
    "Objectif stratégique 1 - Domaine :\n{strategic}\nGDP\n"
    "Objectifs opérationnels\tRésultats attendus\tIndicateurs\n"
    "1. {operational}\t- {result}\t- {indicator} : {target}\n"
)


def acting(text: str) -> set[str]:
    """The characters of ``text`` that would act on a terminal: control characters (but
    line breaks and tabs), bidirectional controls, separators, lone surrogates."""
    return {
        c
        for c in text
        if (unicodedata.category(c) == "Cc" and c not in "\n\t")
        or c in BIDI
        or unicodedata.category(c) in ("Zl", "Zp", "Cs")
    }


def _without_colours(text: str) -> str:
    codes = sorted(
        (value for name, value in vars(_color).items() if name.isupper() and "\x1b" in value),
        key=len,
        reverse=True,
    )
    for code in codes:
        text = text.replace(code, "")
    return text


def _run(*argv: str, tty: bool = False) -> tuple[int, str, str]:
    """Run the command line in-process, standard output a terminal when ``tty``."""
    out = _Terminal() if tty else io.StringIO()
    err = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else EXIT_USAGE
    return code, out.getvalue(), err.getvalue()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@contextlib.contextmanager
def _files(plan: str, measurements: str | None = None) -> Iterator[tuple[str, str]]:
    with tempfile.TemporaryDirectory() as folder:
        plan_path = Path(folder, "plan.txt")
        plan_path.write_text(plan, encoding="utf-8")
        data_path = Path(folder, "m.csv")
        data_path.write_text(
            measurements or "indicator,value,period\ns2.og1.os1.gdp.oo1.i1,5,2023\n",
            encoding="utf-8",
        )
        yield str(plan_path), str(data_path)


def _hostile_plan() -> str:
    return _HEADER.format(
        sector="Crim\x9b2Jinalité\x9d0;pwned\x9c \u202eevil\x7f",
        general="Lutte\u2066isolée\u2069",
        strategic="Prévention\x85",
        operational="Se\u202d concerter",
        result="Projets\u2028x",
        indicator="Réu\x9b31mnions",
        target="≥ 12 par \x9ban",
    )


# ---------------------------------------------------------------- terminal injection


@pytest.mark.parametrize("tty", [False, True], ids=["pipe", "terminal"])
@pytest.mark.parametrize(
    "command",
    [["show"], ["check"], ["score"], ["score", "--format", "markdown"]],
    ids=lambda c: " ".join(c),
)
def test_text_from_a_plan_never_acts_on_the_terminal(command: list[str], tty: bool) -> None:
    measurements = "indicator,value,period\nx\x1b[2J,1\x1b]0;t\x07,2023\n\u202eabc,2,2023\n"
    with _files(_hostile_plan(), measurements) as (plan, data):
        files = [plan, data] if command[0] == "score" else [plan]
        code, out, err = _run(command[0], *files, *command[1:], tty=tty)
    assert code in STATUSES
    # Only the command's own colours, and only on a terminal.
    shown = _without_colours(out) if tty else out
    assert acting(shown) == set() == acting(err), (out, err)
    assert ("\x1b" in out) == (tty and command[1:] != ["--format", "markdown"])
    assert "\\x9b" in out  # made visible, not removed


@pytest.mark.parametrize("format", ["csv", "json", "html"])
def test_data_formats_shown_on_a_terminal_are_made_visible_too(format: str) -> None:
    measurements = "indicator,value,period\nx\x1b[2J,1\x1b]0;t\x07,2023\n\u202eabc,2,2023\n"
    with _files(_hostile_plan(), measurements) as (plan, data):
        code, shown, _ = _run("score", plan, data, "--format", format, tty=True)
        piped = _run("score", plan, data, "--format", format)[1]
    assert code == EXIT_OK
    assert acting(shown) == set()
    assert shown == visible(piped.replace("\r\n", "\n"), lines=True)
    if format == "csv":  # piped, the data stays as it is, for the tools that read it
        assert "x\x1b[2J" in piped


def test_the_visible_escapes_name_the_characters() -> None:
    with _files(_hostile_plan()) as (plan, _):
        code, out, _ = _run("show", plan)
    assert code == EXIT_OK
    assert "Crim\\x9b2Jinalité\\x9d0;pwned\\x9c \\u202eevil\\x7f" in out
    assert "Lutte\\u2066isolée\\u2069" in out
    assert "unreadable target '≥ 12 par \\x9ban'" in out


def test_a_line_break_in_a_label_starts_no_line() -> None:
    plan = Plan.assemble(
        commune="Ixelles\n\x1b[2Jfake",
        year=2023,
        allocation="allocation\r\nfake",
        sectors=[
            Sector(
                number=1,
                title="Titre\nfake line",
                note="note\nfake",
                objectives=[
                    GeneralObjective(
                        number=1,
                        title="Lutte\u2029fake",
                        objectives=[
                            StrategicObjective(
                                number=1,
                                title="x",
                                blocks=[
                                    ServiceBlock(
                                        service="GDP\x85fake",
                                        objectives=[
                                            OperationalObjective(
                                                number=1,
                                                text="Écouter\nfake",
                                                indicators=[
                                                    Indicator(
                                                        label="Réunions\nfake",
                                                        target_text="≥ 3\nfake",
                                                    )
                                                ],
                                            )
                                        ],
                                    )
                                ],
                            )
                        ],
                    )
                ],
            )
        ],
    )
    tree = format_tree(plan)
    assert len(tree.split("\n")) == 2 + len(list(plan.walk()))  # title, allocation, nodes
    assert acting(tree) == set()
    assert "Titre\\nfake line" in tree
    card = score(plan, [ci.Measurement(value="1\n2", indicator="s9\x1b[2J\nfake")])
    for report in (to_text(card), to_markdown(card)):
        assert acting(report) == set()
        assert not any(line.startswith("fake") for line in report.splitlines())


def test_diagnostics_show_their_messages_and_files_on_one_line() -> None:
    plan = parse_plan(_HEADER.format(
        sector="a", general="b", strategic="c", operational="d", result="e",
        indicator="f\u202e", target="≥ 12 par \x9b\x85an",
    ))  # fmt: skip
    shown = format_diagnostics(plan, source="plan\n\x1b[2J.txt", text=None)
    assert acting(shown) == set()
    assert len(shown.split("\n")) == len(plan.diagnostics) + 1
    assert all(line.startswith("plan\\n\\x1b[2J.txt:") for line in shown.split("\n"))


def test_the_cli_messages_show_file_names_and_notes_visibly(tmp_path: Path) -> None:
    name = tmp_path / "absent\x1b]0;t\x07\n.txt"
    code, out, err = _run("show", str(name))
    assert (code, out) == (EXIT_USAGE, "")
    assert err.count("\n") == 1
    assert acting(err) == set()
    assert "absent\\x1b]0;t\\x07\\n.txt" in err


# ---------------------------------------------------------------- CSV cells


@pytest.mark.parametrize("mark", ["=", "+", "-", "@", "\t", "\r", "＝", "﹦", "＋", "－", "＠"])
def test_formula_marks_full_width_or_not_are_neutralised(mark: str) -> None:
    assert cell(f"{mark}cmd|' /C calc'!A0") == f"'{mark}cmd|' /C calc'!A0"
    plan = Plan.assemble(sectors=[Sector(number=2, title=f"{mark}1+1")])
    card = score(plan, [ci.Measurement(value=1, indicator=f"{mark}A1")])
    rows = list(csv.reader(io.StringIO(to_csv(card))))
    assert rows[2][3] == f"'{mark}1+1"
    assert f"'{mark}A1" in rows[-1]


@pytest.mark.parametrize("length", [CELL_LIMIT - 1, CELL_LIMIT, CELL_LIMIT + 1, 400_000])
def test_no_csv_cell_exceeds_what_csv_reads_and_a_cut_says_so(length: int) -> None:
    label = "=" + "x" * (length - 1)
    plan = Plan.assemble(sectors=[Sector(number=1, title=label)])
    card = score(plan, [ci.Measurement(value=1, indicator="y" * length)])
    rows = list(csv.reader(io.StringIO(to_csv(card))))  # the default field size limit
    assert csv.field_size_limit() == CELL_LIMIT
    cells = [c for row in rows for c in row if len(c) > CELL_LIMIT // 2]
    assert cells  # the label, the unknown indicator, its reason, its raw values
    for shown in cells:
        assert len(shown) <= CELL_LIMIT
    sector = rows[2][3]
    if length + 1 <= CELL_LIMIT:  # with the quote before the formula mark
        assert sector == "'" + label
    else:
        kept = sector.rsplit("… [cut: ", 1)[0]
        assert sector.endswith(f"… [cut: {length + 1 - len(kept)} of {length} characters]")
        assert ("'" + label).startswith(kept)


# ---------------------------------------------------------------- errors of the CLI


def _script() -> str:
    script = shutil.which("cssindicators", path=str(Path(sys.executable).parent))
    assert script is not None, "the cssindicators console script is not installed"
    return script


def _one_line_error(stderr: str) -> None:
    assert stderr.count("\n") == 1, stderr
    assert "Traceback" not in stderr
    assert stderr.startswith(("error: ", "cssindicators: error: ")), stderr


_HUGE = "9" * 400


@pytest.mark.parametrize(
    ("argv", "status"),
    [
        (["target", "≥ 3", "--value", _HUGE], EXIT_FAILED),
        (["target", "≥ 3/an", "--value", "3", "--period", "9999-W52"], EXIT_USAGE),
        (["score", "--period", "9999-W52"], EXIT_USAGE),
    ],
    ids=["huge value", "period 9999-W52", "score period 9999-W52"],
)
def test_hostile_arguments_are_one_line_errors(argv: list[str], status: int) -> None:
    done = subprocess.run([_script(), *argv], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (status, "")
    _one_line_error(done.stderr)
    code, out, err = _run(*argv)
    assert (code, out, err) == (status, "", done.stderr)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_score_to_a_full_disk() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [_script(), "score"], stdout=full, stderr=subprocess.PIPE, text=True, check=False
        )
    assert done.returncode == EXIT_FAILED
    _one_line_error(done.stderr)


class _Broken(io.StringIO):
    def __init__(self, error: OSError) -> None:
        super().__init__()
        self.error = error

    def write(self, text: str) -> int:
        raise self.error


@pytest.mark.parametrize(
    ("error", "status"),
    [(OSError(errno.ENOSPC, "No space left on device"), EXIT_FAILED),
     (BrokenPipeError(errno.EPIPE, "Broken pipe"), EXIT_OK)],
    ids=["full", "closed"],
)  # fmt: skip
def test_write_errors_in_process(
    error: OSError, status: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdout", _Broken(error))
    assert main(["score"]) == status
    err = capsys.readouterr().err
    if status == EXIT_OK:
        assert err == ""
    else:
        _one_line_error(err)


def test_show_piped_to_head_closes_quietly(tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text(_HEADER.format(
        sector="Criminalité", general="Lutte", strategic="x", operational="y", result="z",
        indicator="Réunions", target="≥ 12 par an",
    ) * 3000, encoding="utf-8")  # fmt: skip
    with subprocess.Popen(
        [_script(), "show", str(plan)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.readline()
        process.stdout.close()  # as head does after its line
        stderr = process.stderr.read()
        returncode = process.wait(timeout=120)
    assert (returncode, stderr.decode()) == (EXIT_OK, "")


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (PlanError("first line \x1b[2J" + "x" * 2000 + "\nsecond line"), EXIT_USAGE),
        (MeasurementError("a measurement\x9b2J\u202e cannot be read\nsecond"), EXIT_FAILED),
        (PlanError(""), EXIT_USAGE),
    ],
    ids=["plan error", "measurement error", "empty message"],
)
def test_a_library_error_no_command_expected_is_one_line(
    error: Exception,
    status: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fail(*args: object, **kwargs: object) -> str:
        raise error

    monkeypatch.setattr(reports_module, "format_tree", fail)
    code, out, err = _run("show")
    assert (code, out) == (status, "")
    assert err.startswith("cssindicators: error: "), err
    assert err.count("\n") == 1, err
    assert acting(err) == set()
    assert len(err) < 400
    assert "second" not in err


def test_an_exception_that_is_not_the_librarys_is_a_bug_not_a_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fail(*args: object, **kwargs: object) -> str:
        raise RuntimeError("a bug")

    monkeypatch.setattr(reports_module, "format_tree", fail)
    with pytest.raises(RuntimeError, match="a bug"):
        main(["show"])


# ---------------------------------------------------------------- the law


#: Control codes a text file cannot hold (the plan is refused, on one line).
_NOT_TEXT = [a for a in ATTACKS if any(c < "\x09" or "\x0e" <= c < "\x20" for c in a)]
_PLAIN = st.sampled_from(["a", "é", " ", "≥", "12", "|", "*", "<b>", "\\", "\t", "\n", ":"])
#: Plans: mostly what a text file may hold (C1 controls, bidirectional controls, carriage
#: returns, separators), now and then a code that makes it no text file.
_PLAN_TEXT = st.lists(
    st.one_of(
        st.sampled_from([a for a in ATTACKS if a not in _NOT_TEXT] * 10 + _NOT_TEXT),
        _PLAIN,
        st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")),
    ),
    max_size=8,
).map("".join)
#: Measurement cells: anything, escape sequences included.
_CELL = st.lists(
    st.one_of(st.sampled_from(ATTACKS), _PLAIN, st.characters(codec="utf-8")), max_size=8
).map("".join)


@given(
    texts=st.fixed_dictionaries(
        dict.fromkeys(
            ("sector", "general", "strategic", "operational", "result", "indicator", "target"),
            _PLAN_TEXT,
        )
    ),
    cells=st.lists(_CELL, min_size=3, max_size=3),
)
def test_no_output_acts_on_a_terminal(texts: dict[str, str], cells: list[str]) -> None:
    plan = _HEADER.format(**texts)
    row = ",".join('"' + c.replace('"', '""') + '"' for c in cells)
    measurements = f"indicator,value,period\ns2.og1.os1.gdp.oo1.i1,5,2023\n{row}\n"
    with _files(plan, measurements) as (plan_path, data_path):
        runs = [
            ("show", plan_path),
            ("check", plan_path),
            ("score", plan_path, data_path),
            ("score", plan_path, data_path, "--format", "markdown"),
        ]
        shown = {}
        for argv in runs:
            code, out, err = _run(*argv)
            assert code in STATUSES, argv
            assert acting(out) == set() == acting(err), (argv, out, err)
            shown[argv[0]] = (code, out)
        code, out = shown["show"]
        if code != EXIT_OK:  # a file that is not text (a C0 control): said, on one line
            return
        parsed = read_plan(plan_path)
    # One line a node: no text of the file starts a line of its own.
    extra = [part for part in (parsed.allocation, parsed.legal_basis) if part]
    assert out.count("\n") == 1 + len(extra) + len(list(parsed.walk()))
