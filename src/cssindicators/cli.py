"""The ``cssindicators`` command line: argument handling only; the work is in the library.

Run ``cssindicators --help`` for the commands. ``show``, ``check`` and ``score`` with no
file read the example bundled with the package. The exit status (also in ``--help``):

- 0: done; also when the reader of the output closes it early (``cssindicators show |
  head``), which ends quietly;
- 1: the inputs were read but something failed: ``check`` found an error in the plan,
  a measurement cannot be evaluated (``target``), the report cannot be written (to the
  ``--output`` file or to a full standard output), or ``score --strict`` met a warning;
- 2: bad input or usage: an unknown command, option or choice, a plan or measurement
  file that cannot be read at all, a target or period that does not parse; also any
  other error of the library that a command does not report itself, printed as one
  line ``cssindicators: error: …`` (1 when it is a measurement's ``MeasurementError``).

Texts that come from a file or the command line (labels, ids, targets, notes, warnings,
messages, file names) show their control characters as escapes (``\x1b``, ``\n``,
``\u202e``) in every output: they never act on the terminal nor start a line of their
own. Only the command's own colours reach a terminal, and only a terminal.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import sys
import textwrap
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from cssindicators import __version__
from cssindicators._suggest import did_you_mean
from cssindicators._terminal import visible
from cssindicators.errors import (
    ConfigurationError,
    CssIndicatorsError,
    MeasurementError,
    PeriodError,
    PlanError,
    TargetSyntaxError,
)
from cssindicators.measurements import Measurement, MeasurementFileError, parse_value
from cssindicators.plan import Plan
from cssindicators.reading import read_plan
from cssindicators.targets import parse_target

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

__all__ = ["main"]

#: Exit codes: 0 success, 1 the inputs were read but something failed, 2 bad input.
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

_EXIT_STATUS = """\
exit status:
  0  done (also when the reader of the output closes it early: ... | head)
  1  the inputs were read but something failed: check found an error in the plan, a \
measurement cannot be evaluated, the report cannot be written, or score --strict met a \
warning
  2  bad input or usage: an unknown command, option or choice, a file that cannot be \
read at all, a target or period that does not parse, or another library error \
(cssindicators: error: ...; 1 for a measurement's)"""

#: How the report formats are named in messages.
_FORMAT_NAMES = {
    "markdown": "Markdown", "html": "HTML", "csv": "CSV", "json": "JSON", "xlsx": "Excel",
}  # fmt: skip
#: Formats written as files only (binary): they need --output.
_FILE_FORMATS = ("xlsx",)

_DECIMAL_HELP = (
    "the decimal mark of {what}: ',' (Belgian: 1.500 is fifteen hundred, 2,5 two "
    "and a half) or '.' (1.500 is one and a half, 1,500 fifteen hundred); {default}"
)


def _table(rows: dict[str, str]) -> str:
    width = max(map(len, rows))
    return "\n".join(f"{name:<{width}}  {visible(value)}" for name, value in rows.items())


def _error(err: TextIO, message: object) -> None:
    """Print ``error: message`` on one line, its control characters made visible."""
    print(f"error: {visible(message)}", file=err)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _target(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    given = (args.period, args.unit, args.decimal, args.baseline, args.baseline_period)
    if args.value is None and given != (None,) * len(given):
        print(
            "error: --period, --unit, --decimal, --baseline and --baseline-period need --value",
            file=err,
        )
        return EXIT_USAGE
    if args.baseline is None and args.baseline_period is not None:
        print("error: --baseline-period needs --baseline", file=err)
        return EXIT_USAGE
    try:
        target = parse_target(args.text)
    except TargetSyntaxError as error:
        print(visible(error, lines=True), file=err)
        return EXIT_USAGE
    rows = {"text": args.text, "canonical": str(target), **target.parts()}
    if args.value is None:
        print(_table(rows), file=out)
        return EXIT_OK
    try:
        value = parse_value(args.value, decimal=args.decimal)
        measurement = Measurement(value=value, period=args.period, unit=args.unit)
        baseline = None
        if args.baseline is not None:
            baseline = Measurement(
                value=parse_value(args.baseline, decimal=args.decimal),
                period=args.baseline_period,
                unit=args.unit,
            )
        evaluation = target.evaluate(measurement, baseline=baseline)
    except MeasurementError as error:
        _error(err, error)
        return EXIT_FAILED
    except CssIndicatorsError as error:
        _error(err, error)
        return EXIT_USAGE
    print(_table(rows | evaluation.parts()), file=out)
    from cssindicators.scoring import warnings_of  # scoring loads only when it is needed

    doubts = warnings_of(target, [measurement])
    for warning in doubts:
        print(f"warning: {visible(warning)}", file=err)
    if args.strict and doubts:
        print(f"error: {_plural(len(doubts), 'warning')} (--strict)", file=err)
        return EXIT_FAILED
    return EXIT_OK


def _colour(stream: TextIO) -> bool:
    """Colour only for a terminal, and not when ``NO_COLOR`` is set."""
    return stream.isatty() and "NO_COLOR" not in os.environ


def _example(err: TextIO) -> tuple[str, str] | None:
    """The paths of the bundled example's plan and measurement file."""
    from cssindicators.scoring import example_files

    try:
        plan, data = example_files()
    except CssIndicatorsError as error:  # an installation without its data files
        _error(err, error)
        return None
    return str(plan), str(data)


def _read_plan(path: str, err: TextIO) -> Plan | None:
    try:
        return read_plan(path)
    except OSError as error:
        _error(err, f"cannot read {path}: {error.strerror or error}")
    except PlanError as error:
        _error(err, error)
    return None


def _plan_path(args: argparse.Namespace, err: TextIO) -> str | None:
    """The ``PLAN`` argument, or the bundled example's plan when it is left out."""
    if args.plan is not None:
        return str(args.plan)
    example = _example(err)
    return None if example is None else example[0]


def _given_plan(args: argparse.Namespace, err: TextIO) -> Plan | None:
    """The plan the ``PLAN`` argument names (the example without one), read; ``None``
    when it cannot be (the error is said)."""
    path = _plan_path(args, err)
    return None if path is None else _read_plan(path, err)


def _written(err: TextIO, path: str, write: Callable[[], object]) -> bool:
    """Whether ``write()`` wrote the file ``path``; when it cannot, the error is said."""
    try:
        write()
    except OSError as error:
        _error(err, f"cannot write {path}: {error.strerror or error}")
        return False
    return True


def _show(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from cssindicators.reports import format_tree

    plan = _given_plan(args, err)
    if plan is None:
        return EXIT_USAGE
    print(format_tree(plan, color=_colour(out)), file=out)
    return EXIT_OK


def _check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from cssindicators.reading._files import read_text
    from cssindicators.reports import format_diagnostics

    path = _plan_path(args, err)
    plan = None if path is None else _read_plan(path, err)
    if path is None or plan is None:
        return EXIT_USAGE
    try:  # decoded as the plan was (UTF-16, Windows-1252…), for the lines under carets
        text: str | None = read_text(path)[0]
    except (OSError, PlanError):  # read a moment ago: the carets are a nicety, not a need
        text = None
    print(format_diagnostics(plan, source=path, color=_colour(out), text=text), file=out)
    return EXIT_FAILED if plan.errors else EXIT_OK


def _score(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from cssindicators.measurements import read_measurements
    from cssindicators.periods import parse_period
    from cssindicators.reports import render
    from cssindicators.scoring import score

    if args.plan is not None and args.measurements is None:
        print("error: give a plan and a measurement file, or neither (the example)", file=err)
        return EXIT_USAGE
    if args.format in _FILE_FORMATS and args.output is None:
        print(f"error: --format {args.format} is written to a file: give --output FILE", file=err)
        return EXIT_USAGE
    try:
        period = None if args.period is None else parse_period(args.period)
    except PeriodError as error:
        _error(err, error)
        return EXIT_USAGE
    paths = (args.plan, args.measurements) if args.plan is not None else _example(err)
    if paths is None:
        return EXIT_USAGE
    plan_path, data_path = paths
    plan = _read_plan(plan_path, err)
    if plan is None:
        return EXIT_USAGE
    try:
        data = read_measurements(data_path, decimal=args.decimal, sheet=args.sheet)
        baselines = None
        if args.baselines is not None:
            data_path = args.baselines
            baselines = read_measurements(args.baselines, decimal=args.decimal)
    except OSError as error:
        _error(err, f"cannot read {data_path}: {error.strerror or error}")
        return EXIT_USAGE
    except MeasurementFileError as error:
        _error(err, error)
        return EXIT_USAGE
    for note in (*data.notes, *(baselines.notes if baselines is not None else ())):
        print(f"note: {visible(note)}", file=err)
    card = score(plan, data, period=period, baselines=baselines)
    if args.format == "xlsx":
        from cssindicators.reports import to_xlsx

        if not _written(err, args.output, lambda: to_xlsx(card, args.output)):
            return EXIT_FAILED
        print(f"wrote the Excel report to {visible(args.output)}", file=err)
        return _strict(args, card, err)
    options = {"color": args.output is None and _colour(out)} if args.format == "text" else {}
    report = render(card, args.format, **options)
    if args.output is None:
        if args.format not in ("text", "markdown") and out.isatty():
            # Data for tools, shown to a person: its control characters made visible too.
            report = visible(report.replace("\r\n", "\n"), lines=True)
        out.write(report)
    else:
        # A BOM lets spreadsheets open a CSV file's accents as UTF-8.
        encoding = "utf-8-sig" if args.format == "csv" else "utf-8"
        if not _written(err, args.output, lambda: _write_text(args.output, report, encoding)):
            return EXIT_FAILED
        name = _FORMAT_NAMES.get(args.format, args.format)
        print(f"wrote the {name} report to {visible(args.output)}", file=err)
    return _strict(args, card, err)


def _write_text(path: str, text: str, encoding: str) -> None:
    with open(path, "w", encoding=encoding, newline="") as file:
        file.write(text)


def _strict(args: argparse.Namespace, card: Any, err: TextIO) -> int:
    """With ``--strict``, exit 1 when the report has a warning."""
    warnings = card.warnings()
    if args.strict and warnings:
        print(f"error: {_plural(len(warnings), 'warning')} in the report (--strict)", file=err)
        return EXIT_FAILED
    return EXIT_OK


def _export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from cssindicators.writing import write_plan_docx

    plan = _given_plan(args, err)
    if plan is None:
        return EXIT_USAGE
    if not str(args.output).lower().endswith(".docx"):
        print("error: --output names the Word document to write: a .docx file", file=err)
        return EXIT_USAGE
    if not _written(err, args.output, lambda: write_plan_docx(plan, args.output)):
        return EXIT_FAILED
    print(f"wrote the plan as a Word document to {visible(args.output)}", file=err)
    return EXIT_OK


def _template(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from cssindicators.writing import measurement_template

    plan = _given_plan(args, err)
    if plan is None:
        return EXIT_USAGE
    options = {"period": args.period, "every": args.every, "lang": args.lang}
    try:
        if not _written(
            err, args.output, lambda: measurement_template(plan, args.output, **options)
        ):
            return EXIT_FAILED
    except (ConfigurationError, PeriodError) as error:
        _error(err, error)
        return EXIT_USAGE
    print(f"wrote the workbook to fill in to {visible(args.output)}", file=err)
    return EXIT_OK


class _Formatter(argparse.HelpFormatter):
    """Wraps each line of a description or epilog as its own paragraph; an indented
    line (``  1  done``) wraps under its text, not under its marker."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        lines = []
        for line in text.splitlines():
            marker = re.match(r"\s+\S+\s+", line)
            hang = " " * (marker.end() if marker else 0)
            lines.append(
                textwrap.fill(line, width, initial_indent=indent, subsequent_indent=indent + hang)
            )
        return "\n".join(lines)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose "invalid choice" errors suggest the closest choice."""

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        try:
            super()._check_value(action, value)
        except argparse.ArgumentError as error:
            hint = did_you_mean(str(value), map(str, action.choices or ()))
            if not hint:
                raise
            raise argparse.ArgumentError(action, error.message + hint) from None

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        # argparse ignores write errors; on standard output (--help, --version) they
        # are the command's own: a closed pipe ends quietly, a full disk is reported.
        if file is None or file is not sys.stdout:
            super()._print_message(message, file)
        elif message:
            file.write(message)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``cssindicators`` command."""
    from cssindicators.reports import FORMATS

    parser = _Parser(
        prog="cssindicators",
        description="Read security-plan targets and plans, and score measurements against them.",
        epilog=_EXIT_STATUS,
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    common: dict[str, Any] = {"epilog": _EXIT_STATUS, "formatter_class": _Formatter}

    target = commands.add_parser(
        "target",
        help="show how a target text is read, and evaluate a measurement against it",
        description="Show how a target is read (its parts and canonical text) and, given "
        "a measurement, its evaluation.",
        **common,
    )
    target.add_argument("text", metavar="TEXT", help="a target, e.g. '≥ 3 heures/jour'")
    target.add_argument("--value", metavar="V", help="a measured value: 1100, 1.500, 2,5 or Oui")
    target.add_argument(
        "--period", metavar="P", help="the period measured: 2023, 2023-Q2, T2 2023, 03/2023…"
    )
    target.add_argument("--unit", metavar="U", help="the unit of the value: heures, minutes, %%…")
    target.add_argument(
        "--baseline",
        metavar="V",
        help="for a change target (diminution de 10 %%…): the value it is compared with, "
        "in the unit of --value",
    )
    target.add_argument(
        "--baseline-period",
        metavar="P",
        help="the period of --baseline (default: the target's baseline years, else the "
        "length of --period)",
    )
    target.add_argument(
        "--decimal",
        choices=[",", "."],
        metavar="MARK",
        help=_DECIMAL_HELP.format(what="--value", default="default: ','"),
    )
    target.add_argument(
        "--strict",
        action="store_true",
        help="exit with status 1 when the evaluation has a warning (a single day against "
        "a rate per year, an implausible value…)",
    )
    target.set_defaults(run=_target)

    show = commands.add_parser(
        "show",
        help="print a plan as a tree: ids, labels and parsed targets",
        description="Read a plan (the text export of the official template) and print its "
        "tree: every node with its id, every indicator with its parsed target. With no "
        "PLAN, show the example plan bundled with the package.",
        **common,
    )
    show.add_argument(
        "plan",
        metavar="PLAN",
        nargs="?",
        help="the plan: its text export (plan.txt) or its Word document (plan.docx); default: the bundled example plan",
    )
    show.set_defaults(run=_show)

    check = commands.add_parser(
        "check",
        help="read a plan and report what could not be read; exit 1 on an error",
        description="Read a plan and print its diagnostics as file:line:col: severity: "
        "message, then a summary. Exits with 1 when there is an error. With no PLAN, "
        "check the example plan bundled with the package.",
        **common,
    )
    check.add_argument(
        "plan",
        metavar="PLAN",
        nargs="?",
        help="the plan: its text export (plan.txt) or its Word document (plan.docx); default: the bundled example plan",
    )
    check.set_defaults(run=_check)

    scoring = commands.add_parser(
        "score",
        help="score a plan's indicators against measurements (no arguments: the example)",
        description="Score every indicator of a plan against a measurement file (CSV or "
        "JSON lines) for a reporting period, roll the results up the plan, and list the "
        "invalid rows and the warnings. With no arguments, score the example bundled with "
        "the package (illustrative data). Exits with 2 only when the plan or the "
        "measurement file cannot be read at all, or the period does not parse.",
        **common,
    )
    scoring.add_argument(
        "plan", metavar="PLAN", nargs="?", help="the plan: its text export or .docx"
    )
    scoring.add_argument(
        "measurements", metavar="MEASUREMENTS", nargs="?", help="the measurement file (CSV)"
    )
    scoring.add_argument(
        "--format",
        choices=[*FORMATS, *_FILE_FORMATS],
        default="text",
        help="the report format (default: text); xlsx needs --output",
    )
    scoring.add_argument(
        "--output", metavar="FILE", help="write the report to FILE (and say so on stderr)"
    )
    scoring.add_argument(
        "--period",
        metavar="P",
        help="the reporting period: 2023, 2023-H1, S1 2023, T1 2023, 01/2023… (default: "
        "the plan's year); rows outside it are reported, not scored",
    )
    scoring.add_argument(
        "--sheet",
        metavar="NAME",
        help="the sheet of an .xlsx measurement workbook to read (default: the first that "
        "holds a measurement header)",
    )
    scoring.add_argument(
        "--baselines",
        metavar="FILE",
        help="a measurement file of baselines for the change targets (diminution de 10 %% "
        "par rapport à 2022…); a row without a period is for the target's baseline period",
    )
    scoring.add_argument(
        "--decimal",
        choices=[",", "."],
        metavar="MARK",
        help=_DECIMAL_HELP.format(
            what="the measurement file",
            default="default: settled by the file's unambiguous values, else ','",
        ),
    )
    scoring.add_argument(
        "--strict",
        action="store_true",
        help="exit with 1 when an indicator's result carries a warning (a one-day row "
        "scored against a longer target, a rate extrapolated from little data, an "
        "implausible achievement); the report lists the warnings either way",
    )
    scoring.set_defaults(run=_score)

    template = commands.add_parser(
        "template",
        help="write the workbook to fill in: one row per indicator and period",
        description="Write a measurement workbook (.xlsx, or .csv) to fill in for a plan: "
        "one row per indicator and period, the value column to fill, a drop-down for "
        "yes/no indicators, the plan's tree and how to fill it in. With no PLAN, the "
        "example plan.",
        **common,
    )
    template.add_argument(
        "plan",
        metavar="PLAN",
        nargs="?",
        help="the plan's text export (default: the bundled example plan)",
    )
    template.add_argument(
        "--output", metavar="FILE", required=True, help="the workbook to write: .xlsx or .csv"
    )
    template.add_argument(
        "--period", metavar="P", help="the period to measure (default: the plan's year)"
    )
    template.add_argument(
        "--every",
        choices=["year", "semester", "quarter", "month"],
        default="year",
        help="one row per indicator and … (default: year)",
    )
    template.add_argument(
        "--lang", choices=["fr", "nl", "en"], default="fr", help="the language (default: fr)"
    )
    template.set_defaults(run=_template)

    export = commands.add_parser(
        "export",
        help="write a plan as a Word document in the template's layout",
        description="Write a plan (its text export, or a Word document) as a Word document "
        "in the official template's layout, to start next year's plan from this one. With "
        "no PLAN, the example plan.",
        **common,
    )
    export.add_argument(
        "plan", metavar="PLAN", nargs="?", help="the plan (default: the bundled example plan)"
    )
    export.add_argument("--output", metavar="FILE", required=True, help="the .docx to write")
    export.set_defaults(run=_export)
    return parser


def _discard_stdout() -> None:
    """Point standard output at the null device, so that the interpreter's last flush at
    exit finds nowhere to fail (no "Exception ignored" message)."""
    try:
        fd = sys.stdout.fileno()
    except (OSError, ValueError):  # not a file (a test's capture): nothing to redirect
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


def _run(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    for stream in (sys.stdout, sys.stderr):
        # A console that cannot show "≥" or "●" (cp1252 on Windows) gets "?" instead
        # of a crash half-way through a report.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
    code: int = args.run(args, sys.stdout, sys.stderr)
    return code


#: The longest message the command prints for a library error it did not expect.
_MESSAGE_WIDTH = 300


def _report(error: CssIndicatorsError) -> int:
    """Print a library error as one line on standard error; return its exit status.
    Any other exception is a bug, and goes on with its traceback."""
    lines = str(error).strip().splitlines() or [type(error).__name__]
    message = lines[0]
    if len(message) > _MESSAGE_WIDTH:
        message = f"{message[: _MESSAGE_WIDTH - 1]}… ({len(message)} characters)"
    with contextlib.suppress(OSError):  # standard error may be closed or full
        print(f"cssindicators: error: {visible(message)}", file=sys.stderr)
    return EXIT_FAILED if isinstance(error, MeasurementError) else EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code.

    >>> main(["target", ">/=à 50/an.", "--value", "60", "--period", "2023"])
    text         >/=à 50/an.
    canonical    ≥ 50/an
    rule         threshold
    comparator   ≥ (at least)
    amount       50
    unit         -
    per          an
    measurement  60 over 2023
    observed     60/an
    expected     50/an
    achievement  120 %
    status       met
    0
    """
    try:
        try:
            return _run(argv)
        except CssIndicatorsError as error:  # one a command did not report itself
            return _report(error)
        finally:  # here, not at exit, where a failure could no longer be reported
            sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (``| head``): it has read all it wanted.
        _discard_stdout()
        return EXIT_OK
    except OSError as error:
        # The commands report their own files' errors: this one is standard output's.
        _discard_stdout()
        with contextlib.suppress(OSError):  # standard error may be full too
            print(
                f"error: cannot write to standard output: {error.strerror or error}",
                file=sys.stderr,
            )
        return EXIT_FAILED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
