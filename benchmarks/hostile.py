"""Benchmarks of hostile input: every reader is linear in its input, and a plan's reading
memory stays under 10× its file.

    python benchmarks/hostile.py            # print the ratios, PASS or FAIL each
    python benchmarks/hostile.py --check    # the same; exit with 1 when a goal fails

For each hostile input (a long digit run before a syntax error, a long run of spaces, a
plan line of ``[`` or ``^{``, an unreadable target cell, a measurement file cell…), the
time at 10 000 and 20 000 characters is compared with each other (goal: at most 2× for
twice the size) and with a normal input of the same size read by the same function in
the same process (goal: at most 2×; the normal input is the example's own text repeated
to that size). Each figure is the median of a few rounds. The memory goal: the peak
traced by ``tracemalloc`` while reading a multi-megabyte plan, against the file's size.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import cssindicators as ci

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "molenbeek-2023"
PLAN = (EXAMPLE / "plan.txt").read_text(encoding="utf-8")
DATA = (EXAMPLE / "measurements.csv").read_text(encoding="utf-8")
SIZES = (10_000, 20_000)


def median_time(function: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        gc.collect()
        start = time.perf_counter()
        with contextlib.suppress(ci.CssIndicatorsError):
            function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _sized(text: str, n: int) -> str:
    return (text * (n // max(1, len(text)) + 1))[:n]


def _normal_target(n: int) -> str:
    # A long but readable target: a counted noun of n characters.
    return "≥ 3 " + _sized("réunions de concertation ", n - 8).rstrip() + "/an"


def _plan_line(line: str) -> str:
    return PLAN + "\n" + line + "\n"


CASES: list[
    tuple[str, Callable[[int], object], Callable[[int], object], Callable[[object], object]]
] = [
    (
        "parse_target: digit run before an error",
        lambda n: "≥ " + "1" * n + " /",
        _normal_target,
        lambda t: ci.parse_target(str(t)),
    ),
    (
        "parse_target: run of spaces after '>'",
        lambda n: ">" + " " * n + "x",
        _normal_target,
        lambda t: ci.parse_target(str(t)),
    ),
    (
        "parse_target: run of words before an error",
        lambda n: "≥ 3 " + "a " * (n // 2) + "/ /",
        # the same words read without error: the cost of failing, not of the words
        lambda n: "≥ 3 " + "a " * (n // 2) + "/an",
        lambda t: ci.parse_target(str(t)),
    ),
    (
        "parse_plan: a line of '['",
        lambda n: _plan_line("[" * n),
        lambda n: _plan_line(_sized("Présence effective des Gardiens de la Paix ", n)),
        lambda t: ci.parse_plan(str(t)),
    ),
    (
        "parse_plan: a line of '^{'",
        lambda n: _plan_line("^{" * (n // 2)),
        lambda n: _plan_line(_sized("Présence effective des Gardiens de la Paix ", n)),
        lambda t: ci.parse_plan(str(t)),
    ),
    (
        "parse_plan: an unreadable target cell",
        lambda n: _plan_line("1. Agir\t- Résultat\t- Réunions : ≥ " + "1" * n + " /"),
        lambda n: _plan_line(
            "1. Agir\t- Résultat\t- Réunions : ≥ 3 " + _sized("réunions ", n) + "/an"
        ),
        lambda t: ci.parse_plan(str(t)),
    ),
    (
        "parse_plan: a line of spaces and underscores",
        lambda n: _plan_line(" " * n + "x"),
        lambda n: _plan_line(_sized("Présence effective des Gardiens de la Paix ", n)),
        lambda t: ci.parse_plan(str(t)),
    ),
    (
        "parse_measurements: a value cell of digits",
        lambda n: DATA + "s2.og1.os1.gdp.oo1.i1;" + "1" * n + ";2023-01;heures;\n",
        lambda n: DATA + "s2.og1.os1.gdp.oo1.i1;96,5;2023-01;heures;" + "x" * n + "\n",
        lambda t: ci.parse_measurements(str(t)),
    ),
    (
        "parse_measurements: a cell of '; ; ;'",
        lambda n: DATA + "s2.og1.os1.gdp.oo1.i1;96;2023-01;" + "; " * (n // 2) + "x\n",
        lambda n: DATA + "s2.og1.os1.gdp.oo1.i1;96,5;2023-01;heures;" + "x" * n + "\n",
        lambda t: ci.parse_measurements(str(t)),
    ),
    (
        "parse_measurements: a header of empty columns",
        lambda n: DATA.replace("indicator;", "indicator" + ";" * n, 1),
        lambda n: DATA.replace("note", "note " + "x" * n, 1),
        lambda t: ci.parse_measurements(str(t)),
    ),
]


def bench_time(rounds: int) -> list[tuple[str, str, bool]]:
    rows = []
    for name, hostile, normal, run in CASES:
        small_in, large_in = hostile(SIZES[0]), hostile(SIZES[1])
        normal_in = normal(SIZES[1])
        median_time(functools.partial(run, small_in), 1)  # warm-up: the parser is built once
        small = median_time(functools.partial(run, small_in), rounds)
        large = median_time(functools.partial(run, large_in), rounds)
        base = median_time(functools.partial(run, normal_in), rounds)
        growth, against = large / small, large / base
        met = growth <= 2.0 and against <= 2.0
        figure = (
            f"{small * 1e3:8.1f} ms → {large * 1e3:8.1f} ms ({growth:4.2f}× for 2× size); "
            f"normal {base * 1e3:7.1f} ms ({against:5.2f}×)"
        )
        rows.append((name, figure, met))
        print(f"{'PASS' if met else 'FAIL'}  {name:<46} {figure}", flush=True)
    return rows


def bench_memory(megabytes: float) -> tuple[str, str, bool]:
    repeat = int(megabytes * 2**20 / len(PLAN.encode("utf-8"))) + 1
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.txt"
        path.write_text(PLAN * repeat, encoding="utf-8")
        size = path.stat().st_size
        gc.collect()
        tracemalloc.start()
        ci.read_plan(path)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    ratio = peak / size
    figure = f"peak {peak / 2**20:.0f} MiB for a {size / 2**20:.1f} MiB file ({ratio:.1f}×)"
    met = ratio < 10
    print(f"{'PASS' if met else 'FAIL'}  {'read_plan: memory, goal < 10× the file':<46} {figure}")
    return ("memory", figure, met)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit with 1 when a goal fails")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per figure (median)")
    parser.add_argument("--megabytes", type=float, default=8, help="size of the memory plan")
    args = parser.parse_args(argv)
    print(f"python {sys.version.split()[0]}, cssindicators {ci.__version__}")
    rows = bench_time(args.rounds)
    rows.append(bench_memory(args.megabytes))
    failed = [name for name, _, met in rows if not met]
    print(f"{len(rows) - len(failed)} of {len(rows)} goals met")
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
