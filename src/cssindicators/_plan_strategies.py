"""Hypothesis strategies for plans, public as :func:`cssindicators.strategies.plans`.

The plans drawn are *valid*: written with
:func:`~cssindicators.reading.render_template` they read back to an equal plan with no
diagnostic. Their texts are French phrases drawn from a vocabulary of real plans
(accents, apostrophes, guillemets, slashes, parentheses, digits) and their targets are
written by the strategy the caller gives (the public one gives
:func:`cssindicators.strategies.written_targets`: the way people write them).
Sector, objective and row numbers repeat on purpose, to exercise the id scheme. A table
without service label that follows a table starts its numbering again: were it to go on
("3." after "2."), the reader would take its header for a header repeated at a page break.
"""

from __future__ import annotations

from typing import TypeVar

import attrs
from hypothesis import strategies as st

from cssindicators.plan import (
    ExpectedResult,
    GeneralObjective,
    Indicator,
    OperationalObjective,
    Plan,
    Sector,
    ServiceBlock,
    StrategicObjective,
)
from cssindicators.targets import Target

__all__ = ["plans"]

_T = TypeVar("_T")

# The first word of every text: none of them starts a heading, a note or an item.
_FIRST_WORDS = (
    "Assurer",
    "Développer",
    "Mise",
    "Nombre",
    "Présence",
    "Réunions",
    "Suivi",
    "Prévention",
    "Lutte",
    "Existence",
    "Contribution",
    "Versement",
    "Élaborer",
    "Offrir",
    "Taux",
    "Etre",
)
_WORDS = (
    "de",
    "la",
    "des",
    "et/ou",
    "l'écoute",
    "d'actions",
    "quartiers",
    "Gardiens",
    "Paix",
    "socio-préventif",
    "«",
    "suspectées",
    "»",
    "(STIB,",
    "De",
    "Lijn,",
    "...)",
    "2023",
    "1er",
    "œuvre",
    "extra-locaux",
    "victimes.",
    "à",
    "en",
    "place",
    "CSIL",
    "Région",
    "Bruxelles-Capitale",
    "…",
    "n°3",
    "50/an",
    "≥",
    "colloques,",
    "d’études",
    "Police",
    "zonale)",
    "SPF",
    "Intérieur",
)
_SERVICES = (
    "GDP",
    "GDP/CELL INCIVILITES",
    "SCAPI",
    "MEDLOC-SCAV-HOTEL SOCIAL",
    "POLE RADICALISME",
    "Service Prévention",
    "T2",
)
_COMMUNES = ("Molenbeek-Saint-Jean", "Anderlecht", "Saint-Josse-ten-Noode", "La Louvière")
_ALLOCATIONS = ("ALLOCATION « GENERALE » CONTRAT DE SECURITE ET DE SOCIETE (art.2)",)
_LEGAL_BASES = (
    "AR du 1er octobre 2023 relatif à l'octroi d'une allocation destinée à la mise en "
    "œuvre d'une politique locale de sécurité et de prévention pour l'année 2023",
)
_NOTES = ("Question traitée au niveau de la Zone de Police", "Voir annexe 2")


def _phrases(max_words: int = 6) -> st.SearchStrategy[str]:
    return st.builds(
        lambda first, rest: " ".join([first, *rest]),
        st.sampled_from(_FIRST_WORDS),
        st.lists(st.sampled_from(_WORDS), max_size=max_words),
    )


def _normal(text: str) -> str:
    """A target text as the reader keeps it: outer spaces dropped, inner ones single."""
    return " ".join(text.split())


def _indicator(pair: tuple[Target, str], label: str) -> Indicator:
    target, text = pair
    return Indicator(label=label, target_text=_normal(text), target=target)


def _separate(blocks: tuple[ServiceBlock, ...]) -> tuple[ServiceBlock, ...]:
    """The blocks, an unlabeled one that would continue the table before it renumbered."""
    kept = list(blocks)
    for k in range(1, len(kept)):
        before, block = kept[k - 1].objectives, kept[k]
        if block.service is None and before and block.objectives:
            first, last = block.objectives[0].number, before[-1].number
            if first is None or last is None or first > last:
                renumbered = attrs.evolve(block.objectives[0], number=1)
                kept[k] = attrs.evolve(block, objectives=(renumbered, *block.objectives[1:]))
    return tuple(kept)


def _plan(
    header: tuple[str, int] | None,
    allocation: str | None,
    legal_basis: str | None,
    sectors: list[Sector],
) -> Plan:
    commune, year = header or (None, None)
    return Plan.assemble(
        commune=commune,
        year=year,
        allocation=allocation,
        legal_basis=legal_basis,
        sectors=sectors,
    )


def plans(
    written: st.SearchStrategy[tuple[Target, str]],
    *,
    max_sectors: int = 3,
    max_children: int = 2,
    max_items: int = 2,
) -> st.SearchStrategy[Plan]:
    """Valid plans whose indicators have targets and texts drawn from ``written``; see
    :func:`cssindicators.strategies.plans` for the other arguments."""

    def tuples_of(strategy: st.SearchStrategy[_T], most: int) -> st.SearchStrategy[tuple[_T, ...]]:
        return st.lists(strategy, max_size=most).map(tuple)

    numbers = st.integers(1, 4)
    notes = st.none() | st.sampled_from(_NOTES)
    operational = st.builds(
        OperationalObjective,
        number=st.integers(1, 9),
        text=st.just("") | _phrases(),
        results=tuples_of(st.builds(ExpectedResult, text=_phrases()), max_items),
        indicators=tuples_of(st.builds(_indicator, written, _phrases()), max_items),
    )
    blocks = st.builds(
        ServiceBlock,
        service=st.none() | st.sampled_from(_SERVICES),
        objectives=tuples_of(operational, max_children),
    )
    strategic = st.builds(
        StrategicObjective,
        number=numbers,
        title=_phrases(),
        note=notes,
        blocks=tuples_of(blocks, 2).map(_separate),
    )
    general = st.builds(
        GeneralObjective,
        number=numbers,
        title=_phrases(),
        note=notes,
        objectives=tuples_of(strategic, max_children),
    )
    sectors = st.builds(
        Sector,
        number=st.integers(1, 3),
        title=_phrases(),
        note=notes,
        objectives=tuples_of(general, max_children),
    )
    return st.builds(
        _plan,
        st.none() | st.tuples(st.sampled_from(_COMMUNES), st.integers(2015, 2030)),
        st.none() | st.sampled_from(_ALLOCATIONS),
        st.none() | st.sampled_from(_LEGAL_BASES),
        st.lists(sectors, min_size=1, max_size=max(1, max_sectors)),
    )
