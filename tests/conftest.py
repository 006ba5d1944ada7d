"""Shared test settings: Hypothesis profiles and paths to the bundled example.

The ``dev`` profile (default) keeps local runs quick; ``ci`` (chosen when the ``CI``
environment variable is set, as ``.ci/run`` does) is thorough. ``HYPOTHESIS_PROFILE``
overrides both.
"""

from __future__ import annotations

import os
from pathlib import Path

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
