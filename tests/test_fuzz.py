"""The fuzzing entry point (``benchmarks/fuzz.py``) runs: a few examples of each kind.

It asserts nothing of the library's speed; it keeps the fuzzer from rotting: every
kind of input is generated, every entry point is called, and the fuzzer's own code
raises nothing (a bug of the fuzzer is reported as a finding named ``fuzzer (...)``).
"""

from __future__ import annotations

import runpy
import shutil
from pathlib import Path
from typing import Any

FUZZ: dict[str, Any] = runpy.run_path(
    str(Path(__file__).resolve().parents[1] / "benchmarks" / "fuzz.py"), run_name="fuzz"
)


def test_the_fuzzer_calls_every_entry_point_and_has_no_bug_of_its_own() -> None:
    fuzz = FUZZ["fuzz_for"](0, 0, examples=40)
    for entry in ("parse_target", "parse_plan", "parse_measurements", "score", "render csv"):
        assert fuzz.tried[entry] > 0, entry
    assert not [f for f in fuzz.findings.values() if f.entry.startswith("fuzzer")]


def test_the_cli_runner_returns_the_exit_status_and_the_output() -> None:
    code, out, err = FUZZ["run_cli"](["target", "≥ 3 heures/jour"])
    assert (code, err) == (0, "")
    assert "canonical" in out
    code, _, err = FUZZ["run_cli"](["no-such-command"])
    assert code == 2
    assert "invalid choice" in err


def test_a_finding_is_kept_once_with_its_input() -> None:
    fuzz = FUZZ["Fuzzer"](seed=7)
    shutil.rmtree(fuzz.folder)
    for _ in range(2):
        fuzz.call("entry", "x" * 1000, lambda: 1 // 0)
    (finding,) = fuzz.findings.values()
    assert finding.kind == "ZeroDivisionError"
    assert len(finding.text) == 300
    assert finding.seed == 7
    assert fuzz.tried["entry"] == 2
