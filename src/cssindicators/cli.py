"""The ``cssindicators`` command line: argument handling only; the work is in the library.

Run ``cssindicators --help`` for the commands.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from cssindicators import __version__
from cssindicators.errors import (
    CssIndicatorsError,
    MeasurementError,
    PlanError,
    TargetSyntaxError,
)
from cssindicators.measurements import Measurement, MeasurementFileError, parse_value
from cssindicators.plan import Plan
from cssindicators.reading import read_plan
from cssindicators.targets import parse_target

__all__ = ["main"]

#: Exit codes: 0 success, 1 the inputs were read but something failed, 2 bad input.
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _table(rows: dict[str, str]) -> str:
    width = max(map(len, rows))
    return "\n".join(f"{name:<{width}}  {value}" for name, value in rows.items())


def _target(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.value is None and (args.period is not None or args.unit is not None):
        print("error: --period and --unit need --value", file=err)
        return EXIT_USAGE
    try:
        target = parse_target(args.text)
    except TargetSyntaxError as error:
        print(error, file=err)
        return EXIT_USAGE
    rows = {"text": args.text, "canonical": str(target), **target.parts()}
    if args.value is None:
        print(_table(rows), file=out)
        return EXIT_OK
    try:
        measurement = Measurement(value=parse_value(args.value), period=args.period, unit=args.unit)
        evaluation = target.evaluate(measurement)
    except MeasurementError as error:
        print(f"error: {error}", file=err)
        return EXIT_FAILED
    except CssIndicatorsError as error:
        print(f"error: {error}", file=err)
        return EXIT_USAGE
    print(_table(rows | evaluation.parts()), file=out)
    return EXIT_OK


def _colour(stream: TextIO) -> bool:
    """Colour only for a terminal, and not when ``NO_COLOR`` is set."""
    return stream.isatty() and "NO_COLOR" not in os.environ


def _read_plan(path: str, err: TextIO) -> Plan | None:
    try:
        return read_plan(path)
    except OSError as error:
        print(f"error: cannot read {path}: {error.strerror or error}", file=err)
    except PlanError as error:
        print(f"error: {error}", file=err)
    return None


def _show(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from cssindicators.reports import format_tree

    plan = _read_plan(args.plan, err)
    if plan is None:
        return EXIT_USAGE
    print(format_tree(plan, color=_colour(out)), file=out)
    return EXIT_OK


def _check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from cssindicators.reports import format_diagnostics

    plan = _read_plan(args.plan, err)
    if plan is None:
        return EXIT_USAGE
    try:
        with open(args.plan, encoding="utf-8-sig", errors="replace") as file:
            text: str | None = file.read()
    except OSError:  # read a moment ago: the carets are a nicety, not a need
        text = None
    print(format_diagnostics(plan, source=args.plan, color=_colour(out), text=text), file=out)
    return EXIT_FAILED if plan.errors else EXIT_OK


def _score(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from cssindicators.measurements import read_measurements
    from cssindicators.reports import render
    from cssindicators.scoring import example_files, score

    if args.plan is not None and args.measurements is None:
        print("error: give a plan and a measurement file, or neither (the example)", file=err)
        return EXIT_USAGE
    plan_path, data_path = (
        (args.plan, args.measurements) if args.plan is not None else map(str, example_files())
    )
    plan = _read_plan(plan_path, err)
    if plan is None:
        return EXIT_USAGE
    try:
        data = read_measurements(data_path)
    except OSError as error:
        print(f"error: cannot read {data_path}: {error.strerror or error}", file=err)
        return EXIT_USAGE
    except MeasurementFileError as error:
        print(f"error: {error}", file=err)
        return EXIT_USAGE
    for note in data.notes:
        print(f"note: {note}", file=err)
    card = score(plan, data)
    options = {"color": args.output is None and _colour(out)} if args.format == "text" else {}
    report = render(card, args.format, **options)
    if args.output is None:
        out.write(report)
        return EXIT_OK
    # A BOM lets spreadsheets open a CSV file's accents as UTF-8.
    encoding = "utf-8-sig" if args.format == "csv" else "utf-8"
    try:
        with open(args.output, "w", encoding=encoding, newline="") as file:
            file.write(report)
    except OSError as error:
        print(f"error: cannot write {args.output}: {error.strerror or error}", file=err)
        return EXIT_FAILED
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``cssindicators`` command."""
    from cssindicators.reports import FORMATS

    parser = argparse.ArgumentParser(
        prog="cssindicators",
        description="Read security-plan targets and plans, and score measurements against them.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    target = commands.add_parser(
        "target",
        help="show how a target text is read, and evaluate a measurement against it",
        description="Show how a target is read (its parts and canonical text) and, given "
        "a measurement, its evaluation.",
    )
    target.add_argument("text", metavar="TEXT", help="a target, e.g. '≥ 3 heures/jour'")
    target.add_argument("--value", metavar="V", help="a measured value: 1100, 2,5 or Oui")
    target.add_argument(
        "--period", metavar="P", help="the ISO 8601 period measured: 2023, 2023-Q2, 2023-03…"
    )
    target.add_argument("--unit", metavar="U", help="the unit of the value: heures, minutes, %%…")
    target.set_defaults(run=_target)

    show = commands.add_parser(
        "show",
        help="print a plan as a tree: ids, labels and parsed targets",
        description="Read a plan (the text export of the official template) and print its "
        "tree: every node with its id, every indicator with its parsed target.",
    )
    show.add_argument("plan", metavar="PLAN", help="the plan's text export, e.g. plan.txt")
    show.set_defaults(run=_show)

    check = commands.add_parser(
        "check",
        help="read a plan and report what could not be read; exit 1 on an error",
        description="Read a plan and print its diagnostics as file:line:col: severity: "
        "message, then a summary. Exits with 1 when there is an error.",
    )
    check.add_argument("plan", metavar="PLAN", help="the plan's text export, e.g. plan.txt")
    check.set_defaults(run=_check)

    scoring = commands.add_parser(
        "score",
        help="score a plan's indicators against measurements (no arguments: the example)",
        description="Score every indicator of a plan against a measurement file (CSV or "
        "JSON lines), roll the results up the plan, and list the invalid rows. With no "
        "arguments, score the example bundled with the package (illustrative data). "
        "Exits with 2 only when the plan or the measurement file cannot be read at all.",
    )
    scoring.add_argument("plan", metavar="PLAN", nargs="?", help="the plan's text export")
    scoring.add_argument(
        "measurements", metavar="MEASUREMENTS", nargs="?", help="the measurement file (CSV)"
    )
    scoring.add_argument(
        "--format", choices=list(FORMATS), default="text", help="the report format (default: text)"
    )
    scoring.add_argument("--output", metavar="FILE", help="write the report to FILE")
    scoring.set_defaults(run=_score)
    return parser


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
    args = build_parser().parse_args(argv)
    for stream in (sys.stdout, sys.stderr):
        # A console that cannot show "≥" or "●" (cp1252 on Windows) gets "?" instead
        # of a crash half-way through a report.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
    code: int = args.run(args, sys.stdout, sys.stderr)
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
