"""Shared test settings: Hypothesis profiles and paths to the bundled example.

The ``dev`` profile (default) keeps local runs quick; ``ci`` (chosen when the ``CI``
environment variable is set, as ``.ci/run`` does) is thorough. ``HYPOTHESIS_PROFILE``
overrides both.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile(
    "ci",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_PLAN = ROOT / "examples" / "molenbeek-2023" / "plan.txt"


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run the command line in-process: ``cli("score", ...)`` gives (code, out, err)."""
    from cssindicators.cli import main

    def run(*argv: str) -> tuple[int, str, str]:
        try:
            code = main(list(argv))
        except SystemExit as exit:  # argparse's errors and --help
            code = exit.code if isinstance(exit.code, int) else 2
        out, err = capsys.readouterr()
        return code, out, err

    return run
