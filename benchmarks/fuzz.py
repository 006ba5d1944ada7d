"""Fuzz every public entry point of cssindicators and its command line for N minutes.

    python benchmarks/fuzz.py --minutes 1 [--seed 0]

Throws generated and mutated target texts, plans and measurement files (CSV and JSON
lines) at ``parse_target``, ``parse_unit``, ``parse_period``, ``Measurement``,
``Target.evaluate``, ``parse_plan``/``read_plan``, ``parse_measurements``/
``read_measurements``, ``score``, ``evaluate_many``/``score_frame`` (with pandas), every
report format and plan renderer, and ``cssindicators.cli.main``. Checks:

* only library errors: nothing but a :class:`cssindicators.CssIndicatorsError` escapes
  (the CLI: an exit status, never a traceback; no terminal escape from a file reaches
  a stream that is not a terminal);
* linear time: a hostile run (digits, spaces, ``[``, ``^{``…) of n and 2n characters;
  flagged when the 2n run costs more than 3× the n run and more than a floor of
  20 ms, measured twice to rule out noise;
* every plan line and measurement row is accounted for (in the plan or a diagnostic; a
  row or a problem);
* round trip: ``parse_target(str(t)) == t`` for every text that parses.

Prints the inputs tried per entry point and the findings (deduplicated by entry point,
exception type and place), each with the input's ``repr`` (cut to 300 characters) and
the seed; exits with 1 when anything was found.

Why Hypothesis and not atheris: atheris (a coverage-guided fuzzer; on PyPI) is a
compiled extension built against libFuzzer, not installed here, and mostly finds
crashes in byte-level parsers. Our inputs are structured (a target language, a plan
template, CSV): Hypothesis generates them from the project's own grammar-aware
strategies (:mod:`cssindicators.strategies`, ``_plan_strategies``), then mutates them;
it is pure Python, already a test dependency, and runs the same on every CI platform.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import csv
import functools
import io
import json
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

import cssindicators as ci
from cssindicators import strategies as cs

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "molenbeek-2023"
PLAN_TEXT = (EXAMPLE / "plan.txt").read_text(encoding="utf-8")
DATA_TEXT = (EXAMPLE / "measurements.csv").read_text(encoding="utf-8")
CUT = 300
#: Sizes of the hostile runs timed against each other, and the floor below which a
#: ratio is noise.
RUN, FLOOR, RATIO = 4000, 0.02, 3.0

_ODD_CHARS = (
    "\x00\x07\x08\x0b\x0c\x1b\x7f\x85\u2028\u2029\u200b\ufeff\u00a0\u202f＝﹦＋－＠０１２９，．／"
)
_HOSTILE_RUNS = ("1", " ", "\t", "[", "^{", "(", "_", "-", "/", "a", "é", ";", ",", "\u00a0")
_VALUES: tuple[Any, ...] = (
    0,
    -1,
    10**400,
    -(10**400),
    10**5000 - 1,
    Decimal("sNaN"),
    Decimal("NaN"),
    Decimal("1e999999"),
    Decimal("-0"),
    float("inf"),
    float("nan"),
    1e308,
    5e-324,
    True,
    "Oui",
    "non",
    "1" * 400,
    "2,5",
    "-\u00a01.100",
    "",
)
_VALUE_TEXTS = tuple("9" * 5000 if isinstance(v, int) and v > 10**4000 else str(v) for v in _VALUES)
_PERIODS = ("2023", "2023-W52", "9999-W52", "0001-01", "9999-12-31", "2023-13", "2023-Q5", "")


@dataclass
class Finding:
    entry: str
    kind: str
    where: str
    text: str
    seed: int
    full: str = ""  # the whole input, written by --save

    def show(self) -> str:
        return (
            f"{self.entry}: {self.kind} at {self.where} (seed {self.seed})\n    input: {self.text}"
        )


@dataclass
class Fuzzer:
    """Runs the checks and keeps the counts and findings."""

    seed: int
    tried: collections.Counter[str] = field(default_factory=collections.Counter)
    findings: dict[tuple[str, str, str], Finding] = field(default_factory=dict)
    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="ci-fuzz-")))

    def find(self, entry: str, kind: str, where: str, given_input: object) -> None:
        key = (entry, kind, where)
        if key not in self.findings:
            shown = repr(given_input)
            self.findings[key] = Finding(entry, kind, where, shown[:CUT], self.seed, shown)

    def call(self, entry: str, given_input: object, function: Callable[[], Any]) -> Any:
        """``function()``, or None when it raises; anything but a library error is found."""
        self.tried[entry] += 1
        try:
            return function()
        except ci.CssIndicatorsError:
            return None
        except Exception as error:
            self.find(entry, type(error).__name__, _place(error), given_input)
            return None

    def linear(self, entry: str, make: Callable[[int], object], run: Callable[[Any], Any]) -> None:
        """Time ``run`` on ``make(n)`` and ``make(2n)``; found if clearly more than linear."""
        self.tried[entry + " (timed)"] += 1
        for _attempt in range(2):
            small, large = make(RUN), make(2 * RUN)
            times = []
            for given_input in (small, large):
                start = time.perf_counter()
                with contextlib.suppress(Exception):
                    run(given_input)
                times.append(time.perf_counter() - start)
            if times[1] <= FLOOR or times[1] <= RATIO * max(times[0], FLOOR / RATIO):
                return
        kind = f"nonlinear time ({times[0]:.3f} s for n, {times[1]:.3f} s for 2n, n={RUN})"
        self.find(entry, "nonlinear time", kind, large)

    def law(self, entry: str, holds: bool, what: str, given_input: object) -> None:
        if not holds:
            self.find(entry, "law broken", what, given_input)


def _place(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "cssindicators" in f.filename] or frames
    if not ours:
        return "?"
    last = ours[-1]
    name = last.filename.split("cssindicators", 1)[-1].lstrip("/\\") or last.filename
    return f"{name}:{last.lineno} in {last.name}"


# ---------------------------------------------------------------- mutations


@st.composite
def mutated(draw: st.DrawFn, base: str, *, most: int = 4) -> str:
    """``base`` with up to ``most`` mutations: characters inserted, deleted, duplicated;
    runs of digits or spaces; control and full-width characters."""
    text = base
    for _ in range(draw(st.integers(0, most))):
        where = draw(st.integers(0, len(text)))
        kind = draw(
            st.sampled_from(["insert", "odd", "delete", "duplicate", "run", "fullwidth", "cut"])
        )
        if kind == "insert":
            text = text[:where] + draw(st.text(max_size=3)) + text[where:]
        elif kind == "odd":
            text = text[:where] + draw(st.sampled_from(_ODD_CHARS)) + text[where:]
        elif kind == "delete":
            text = text[:where] + text[where + draw(st.integers(1, 8)) :]
        elif kind == "duplicate":
            end = min(len(text), where + draw(st.integers(1, 20)))
            text = text[:end] + text[where:end] + text[end:]
        elif kind == "run":
            run = draw(st.sampled_from(_HOSTILE_RUNS)) * draw(st.integers(1, 400))
            text = text[:where] + run + text[where:]
        elif kind == "fullwidth":
            text = text.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})
        else:
            text = text[:where]
    return text


def _insert_run(base: str, run: str, where: float) -> Callable[[int], str]:
    def make(n: int) -> str:
        at = int(len(base) * where)
        return base[:at] + run * (n // len(run)) + base[at:]

    return make


# ---------------------------------------------------------------- targets


def fuzz_target(fuzz: Fuzzer, data: st.DataObject) -> None:
    base = data.draw(cs.target_texts() | st.text(max_size=30), label="base")
    text = data.draw(mutated(base), label="text")
    target = fuzz.call("parse_target", text, lambda: ci.parse_target(text))
    fuzz.call("parse_unit", text, lambda: ci.parse_unit(text))
    fuzz.call("parse_period", text, lambda: ci.parse_period(text))
    if target is not None:
        printed = fuzz.call("str(target)", text, lambda: str(target))
        if printed is not None:
            again = fuzz.call("parse_target", printed, lambda: ci.parse_target(printed))
            fuzz.law("round trip", again == target, "parse_target(str(t)) != t", text)
        value = data.draw(st.sampled_from(_VALUES) | st.integers() | st.floats(), label="value")
        period = data.draw(st.sampled_from(_PERIODS) | st.text(max_size=12), label="period")
        case = (text, value, period)

        def evaluate() -> Any:
            return target.evaluate(ci.Measurement(value=value, period=period or None))

        fuzz.call("Measurement+evaluate", case, evaluate)
        if data.draw(st.booleans()):
            import numpy as np

            scalar = data.draw(
                st.sampled_from([np.int64(7), np.float32(2.5), np.bool_(True), np.float64(1)])
            )
            fuzz.call(
                "evaluate numpy",
                (text, scalar),
                lambda: target.evaluate(ci.Measurement(value=scalar, period="2023")),
            )
        if data.draw(st.integers(0, 9)) == 0:
            from cssindicators.bulk import evaluate_many

            fuzz.call(
                "evaluate_many",
                case,
                lambda: evaluate_many(target, [value, 1, "2,5"], [period or "2023", "2023", "x"]),
            )
    if data.draw(st.integers(0, 19)) == 0:
        run = data.draw(st.sampled_from(_HOSTILE_RUNS))
        where = data.draw(st.floats(0, 1))
        fuzz.linear("parse_target", _insert_run(base or "≥ 3 /", run, where), _parse_quietly)


def _parse_quietly(text: str) -> None:
    with contextlib.suppress(ci.CssIndicatorsError):
        ci.parse_target(text)


# ---------------------------------------------------------------- plans


def _lines_accounted(text: str) -> list[int]:
    """The non-blank lines of ``text`` neither owned by a node of its plan nor named by a
    diagnostic."""
    from cssindicators.reading._template import read_template

    reading = read_template(text)
    owners = reading.owners()
    named = {d.line for d in reading.plan.diagnostics}
    lines = text.removeprefix("\ufeff").split("\n")
    return [
        n for n, raw in enumerate(lines, 1) if raw.strip() and n not in named and n not in owners
    ]


@st.composite
def plan_texts(draw: st.DrawFn) -> str:
    from cssindicators.reading import render_template

    base = PLAN_TEXT if draw(st.booleans()) else render_template(draw(cs.plans(max_sectors=2)))
    lines = base.split("\n")
    for _ in range(draw(st.integers(0, 4))):
        k = draw(st.integers(0, max(0, len(lines) - 1)))
        action = draw(st.sampled_from(["mutate", "delete", "duplicate", "swap", "target"]))
        if not lines:
            break
        if action == "mutate":
            lines[k] = draw(mutated(lines[k], most=3))
        elif action == "delete":
            del lines[k]
        elif action == "duplicate":
            lines.insert(k, lines[k])
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[k], lines[j] = lines[j], lines[k]
        else:
            lines[k] += "\t- " + draw(mutated(draw(cs.target_texts())))
    return "\n".join(lines)


def _renders(fuzz: Fuzzer, plan: Any, text: str) -> None:
    from cssindicators import reports

    fuzz.call("format_tree", text, lambda: reports.format_tree(plan))
    fuzz.call("format_tree color", text, lambda: reports.format_tree(plan, color=True))
    fuzz.call(
        "format_diagnostics",
        text,
        lambda: reports.format_diagnostics(plan, source="p.txt", text=text),
    )
    fuzz.call("plan_to_html", text, lambda: reports.plan_to_html(plan, page=True))
    fuzz.call("Plan.to_json", text, lambda: ci.Plan.from_json(plan.to_json()))


def _read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _report(fuzz: Fuzzer, card: Any, given_input: object) -> None:
    from cssindicators import reports

    for name in reports.FORMATS:
        out = fuzz.call(
            f"render {name}", given_input, functools.partial(reports.render, card, name)
        )
        if name == "csv" and out is not None:
            rows = fuzz.call("csv of report", given_input, functools.partial(_read_csv, out))
            fuzz.law(
                "render csv", rows is not None, "the CSV report does not read back", given_input
            )
    fuzz.call("render text color", given_input, lambda: reports.render(card, "text", color=True))


def fuzz_plan(fuzz: Fuzzer, data: st.DataObject) -> None:
    text = data.draw(plan_texts(), label="plan")
    plan = fuzz.call("parse_plan", text, lambda: ci.parse_plan(text))
    lost = fuzz.call("parse_plan", text, lambda: _lines_accounted(text))
    fuzz.law("parse_plan", not lost, f"lines neither read nor diagnosed: {lost}", text)
    if plan is None:
        return
    _renders(fuzz, plan, text)
    card = fuzz.call("score", text, lambda: ci.score(plan, ci.parse_measurements(DATA_TEXT)))
    if card is not None:
        _report(fuzz, card, text)
    if data.draw(st.integers(0, 4)) == 0:
        path = fuzz.folder / "plan.txt"
        encoding = data.draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
        raw = text.encode(encoding, errors="replace")
        path.write_bytes(raw)
        fuzz.call("read_plan", (encoding, text), lambda: ci.read_plan(path))
        fuzz_cli(fuzz, data, plan_path=path)
    if data.draw(st.integers(0, 14)) == 0:
        lines = PLAN_TEXT.split("\n")
        k = data.draw(st.integers(0, len(lines) - 1))
        run = data.draw(st.sampled_from(["[", "^{", "(", " ", "1", "_", "≥ 1", "\t"]))
        cell = data.draw(st.booleans())

        def make(n: int) -> str:
            copy = list(lines)
            body = run * (n // len(run))
            copy[k] = copy[k] + ("\t- Cellule : " + body + " /" if cell else body)
            return "\n".join(copy)

        fuzz.linear("parse_plan", make, ci.parse_plan)


# ---------------------------------------------------------------- measurement files


def _jsonl(text: str) -> str:
    rows = list(csv.reader(io.StringIO(text.split("\n", 1)[1]), delimiter=";"))
    header, *body = rows
    return "\n".join(json.dumps(dict(zip(header, row, strict=False))) for row in body) + "\n"


DATA_JSONL = _jsonl(DATA_TEXT)


def _rows_accounted(data: Any, text: str) -> list[int]:
    """Lines read twice (by two rows or problems): each line is in one item at most."""
    seen: collections.Counter[int] = collections.Counter()
    for item in [*data.rows, *data.problems]:
        span = 1 + sum(str(value).count("\n") for _, value in getattr(item, "raw", ()) or ())
        seen.update(range(item.line, item.line + span))
    return sorted(n for n, count in seen.items() if count > 1)


def _missing_rows(data: Any, text: str) -> list[int]:
    """Data lines (not blank, not comments, no quote to span lines) in no row or problem."""
    if (
        '"' in text
        or "\r" in text
        or any(c in text for c in "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
    ):
        return []
    covered = {item.line for item in [*data.rows, *data.problems]}
    lines = text.removeprefix("\ufeff").split("\n")
    header = next(  # the library finds the header by its column names
        (
            n
            for n, raw in enumerate(lines, 1)
            if raw.strip() and not raw.lstrip().startswith(("#", "sep=")) and n not in covered
        ),
        None,
    )
    if header is None or data.format != "csv":
        return []
    return [
        n
        for n, raw in enumerate(lines, 1)
        if n > header
        # blank: nothing but separators and white space (a no-break space is white space)
        and raw.replace(";", "").replace(",", "").strip()
        and not raw.lstrip(" ").startswith("#")  # a comment's "#" comes before any tab
        and n not in covered
    ]


def fuzz_measurements(fuzz: Fuzzer, data: st.DataObject) -> None:
    base = data.draw(st.sampled_from([DATA_TEXT, DATA_JSONL]), label="base")
    lines = base.split("\n")
    for _ in range(data.draw(st.integers(0, 5))):
        k = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["mutate", "delete", "duplicate", "value", "period"]))
        if action == "mutate":
            lines[k] = data.draw(mutated(lines[k], most=3))
        elif action == "delete":
            del lines[k]
        elif action == "duplicate":
            lines.insert(k, lines[k])
        else:
            cells = lines[k].split(";")
            if len(cells) > 2:
                index = 1 if action == "value" else 2
                cells[index] = data.draw(st.sampled_from([*_VALUE_TEXTS, *_PERIODS]))
                lines[k] = ";".join(cells)
        if not lines:
            lines = [""]
    text = "\n".join(lines)
    decimal = data.draw(st.sampled_from([None, ",", "."]))
    parsed = fuzz.call(
        "parse_measurements", text, lambda: ci.parse_measurements(text, decimal=decimal)
    )
    if parsed is None:
        return
    twice = _rows_accounted(parsed, text)
    fuzz.law("parse_measurements", not twice, f"lines read twice: {twice}", text)
    missing = _missing_rows(parsed, text)
    fuzz.law("parse_measurements", not missing, f"data lines in no row or problem: {missing}", text)
    plan = _example_plan()
    card = fuzz.call("score", text, lambda: ci.score(plan, parsed))
    if card is not None and data.draw(st.booleans()):
        _report(fuzz, card, text)
    if data.draw(st.integers(0, 4)) == 0:
        fuzz_frame(fuzz, parsed, text)
    if data.draw(st.integers(0, 4)) == 0:
        path = fuzz.folder / data.draw(st.sampled_from(["m.csv", "m.jsonl", "m.txt"]))
        encoding = data.draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
        path.write_bytes(text.encode(encoding, errors="replace"))
        fuzz.call("read_measurements", text, lambda: ci.read_measurements(path))
        fuzz_cli(fuzz, data, data_path=path)
    if data.draw(st.integers(0, 14)) == 0:
        run = data.draw(st.sampled_from(_HOSTILE_RUNS))
        k = data.draw(st.integers(1, len(DATA_TEXT.split("\n")) - 2))

        def make(n: int) -> str:
            rows = DATA_TEXT.split("\n")
            rows[k] = rows[k].replace(";", ";" + run * (n // len(run)), 1)
            return "\n".join(rows)

        def read_and_score(text: Any) -> Any:
            return ci.score(plan, ci.parse_measurements(text))

        fuzz.linear("parse_measurements", make, read_and_score)


def fuzz_frame(fuzz: Fuzzer, parsed: Any, text: str) -> None:
    try:
        import pandas as pd
    except ImportError:
        return
    from cssindicators.bulk import score_frame

    frame = pd.DataFrame(
        {
            "indicator": [r.measurement.indicator for r in parsed.rows] + ["x"],
            "value": [r.measurement.value for r in parsed.rows] + ["2,5"],
            "period": [str(r.measurement.period) for r in parsed.rows] + ["2023"],
        }
    )
    fuzz.call("score_frame", text, lambda: score_frame(_example_plan(), frame))


_PLAN: list[Any] = []


def _example_plan() -> Any:
    if not _PLAN:
        _PLAN.append(ci.parse_plan(PLAN_TEXT))
    return _PLAN[0]


# ---------------------------------------------------------------- command line


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """``cli.main(argv)`` with its output in strings: (exit status, stdout, stderr)."""
    from cssindicators import cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(argv)
        except SystemExit as stop:  # argparse: usage errors
            code = stop.code if isinstance(stop.code, int) else 2
    return code, out.getvalue(), err.getvalue()


def fuzz_cli(
    fuzz: Fuzzer, data: st.DataObject, plan_path: Path | None = None, data_path: Path | None = None
) -> None:
    plan = str(plan_path or EXAMPLE / "plan.txt")
    measurements = str(data_path or EXAMPLE / "measurements.csv")
    form = data.draw(st.sampled_from(["text", "markdown", "html", "csv", "json"]))
    commands = [["show", plan], ["check", plan], ["score", plan, measurements, "--format", form]]
    target = data.draw(mutated(data.draw(cs.target_texts()), most=2))
    value = data.draw(st.sampled_from(_VALUE_TEXTS))
    period = data.draw(st.sampled_from([p for p in _PERIODS if p]))
    commands.append(["target", target, "--value", value, "--period", period])
    for argv in commands:
        result = fuzz.call(f"cli {argv[0]}", argv, functools.partial(run_cli, argv))
        if result is None:
            continue
        code, out, err = result
        fuzz.law(f"cli {argv[0]}", code in (0, 1, 2), f"exit status {code}", argv)
        fuzz.law(f"cli {argv[0]}", "Traceback" not in err, "a traceback on stderr", argv)
        escapes = "\x1b" in out + err or "\x9b" in out + err
        fuzz.law(f"cli {argv[0]}", not escapes, "a terminal escape written to a non-terminal", argv)


# ---------------------------------------------------------------- the loop


def _cli_only(fuzz: Fuzzer, data: st.DataObject) -> None:
    fuzz_cli(fuzz, data)


KINDS: dict[str, Callable[[Fuzzer, st.DataObject], None]] = {
    "target": fuzz_target,
    "plan": fuzz_plan,
    "measurements": fuzz_measurements,
    "cli": _cli_only,
}


def fuzz_for(seconds: float, master_seed: int, *, examples: int = 25) -> Fuzzer:
    """Run batches of Hypothesis examples until ``seconds`` have passed (at least one)."""
    fuzz = Fuzzer(seed=master_seed)
    try:
        _batches(fuzz, seconds, master_seed, examples)
    finally:
        shutil.rmtree(fuzz.folder, ignore_errors=True)
    return fuzz


def _one_kind(fuzz: Fuzzer, kind: str, examples: int) -> Callable[[], None]:
    """A Hypothesis test that feeds ``examples`` inputs of one kind to the library."""

    @seed(fuzz.seed)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def one(data: st.DataObject) -> None:
        try:
            KINDS[kind](fuzz, data)
        except Exception as error:  # a bug of the fuzzer: say so, go on
            fuzz.find(f"fuzzer ({kind})", type(error).__name__, _place(error), str(error))

    return one


def _batches(fuzz: Fuzzer, seconds: float, master_seed: int, examples: int) -> None:
    """Batches of ``examples`` inputs each, every kind of input in turn: each kind is
    tried in every batch, whatever the seed."""
    deadline = time.monotonic() + seconds
    batch = 0
    kinds = sorted(KINDS)
    per_kind = max(1, examples // len(kinds))
    while True:
        fuzz.seed = master_seed * 1_000_003 + batch
        for kind in kinds:
            _one_kind(fuzz, kind, per_kind)()
        batch += 1
        if time.monotonic() >= deadline:
            return


def report(fuzz: Fuzzer) -> Iterator[str]:
    yield "inputs tried per entry point:"
    for entry, count in sorted(fuzz.tried.items()):
        yield f"  {entry:<28} {count}"
    yield f"findings: {len(fuzz.findings)}"
    for finding in fuzz.findings.values():
        yield "- " + finding.show()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=1.0, help="how long to run")
    parser.add_argument("--seed", type=int, default=0, help="the seed of the first batch")
    parser.add_argument(
        "--save", metavar="FILE", help="write each finding's whole input (its repr) to FILE"
    )
    args = parser.parse_args(argv)
    print(f"python {sys.version.split()[0]}, cssindicators {ci.__version__}, seed {args.seed}")
    start = time.monotonic()
    fuzz = fuzz_for(args.minutes * 60, args.seed)
    print(f"ran {time.monotonic() - start:.0f} s, {sum(fuzz.tried.values())} calls")
    for line in report(fuzz):
        print(line)
    if args.save and fuzz.findings:
        with open(args.save, "w", encoding="utf-8") as file:
            for finding in fuzz.findings.values():
                file.write(f"{finding.entry}: {finding.kind} at {finding.where}\n{finding.full}\n")
    return 1 if fuzz.findings else 0


if __name__ == "__main__":
    sys.exit(main())
