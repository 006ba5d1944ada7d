r"""Readers of plan documents: the official CSS template, its text export or its Word document.

:func:`read_plan` reads a file, :func:`parse_plan` a text; both return a
:class:`~cssindicators.plan.Plan` whose ``diagnostics`` name every oddity of the
document (see ``docs/plan-format.md``). :func:`render_template` writes a plan back in
the template's text form, which reads back to an equal plan.

>>> plan = parse_plan(
...     "CONTRAT DE SECURITE ET DE SOCIETE PLAN DE PROJET 2023 "
...     "DE LA VILLE/COMMUNE DE Molenbeek-Saint-Jean\n"
...     "Secteur d'activité 3 : Lutte contre le terrorisme et l'extrémisme\n"
...     "Objectif général 1 - Secteur d'activité 3:\n"
...     "Lutte contre le terrorisme\n"
...     "1. _____ Objectif stratégique 1 - Domaine\n"
...     "Mettre en œuvre le travail socio-préventif\n"
...     "[POLE RADICALISME](#)\n"
...     "Objectifs opérationnels\tRésultats attendus\tIndicateurs\n"
...     "1. Offrir un espace d'écoute\t- Mise en place\t- Espace d'écoute : Oui/Non\n"
...     "2. Assurer le suivi\t- Prise en charge\t- Nombre de prises en charge >/= 10/an\n"
... )
>>> plan.commune, plan.year, plan.diagnostics
('Molenbeek-Saint-Jean', 2023, ())
>>> [(i.id, i.label, str(i.target)) for i in plan.indicators()]
[('s3.og1.os1.pole-radicalisme.oo1.i1', "Espace d'écoute", 'Oui/Non'),
 ('s3.og1.os1.pole-radicalisme.oo2.i1', 'Nombre de prises en charge', '≥ 10/an')]
>>> parse_plan(render_template(plan)) == plan
True
"""

from __future__ import annotations

import contextlib
import os

from cssindicators._gc import collection_paused
from cssindicators.errors import PlanError
from cssindicators.plan import Plan
from cssindicators.reading._docx import WORD_SUFFIXES, is_word_archive, word_text
from cssindicators.reading._files import decode_plan, read_bytes
from cssindicators.reading._render import render_template
from cssindicators.reading._template import read_template

__all__ = ["parse_plan", "read_plan", "render_template"]


def parse_plan(text: str, *, source: str | None = None) -> Plan:
    r"""Read the text export of a template plan.

    Never raises for the content of the text: what cannot be read is named in the
    plan's ``diagnostics``. ``source`` (a file name) is kept as ``plan.source``.

    >>> plan = parse_plan("Secteur d'activité 2:\nObjectif général - Secteur d'activité 2 :\n")
    >>> for d in plan.diagnostics:
    ...     print(d)
    1:1: warning: sector 2 has no title
    2:1: info: general objective without a number: its id uses its position
    2:1: warning: general objective has no title
    >>> [n.id for n in plan.walk()]
    ['s2', 's2.og1']
    """
    with collection_paused():
        return read_template(text, source=source, trace=False).plan


def read_plan(path: str | os.PathLike[str]) -> Plan:
    r"""Read a template plan from its text export or its Word document.

    A ``.docx`` (or any zip archive holding ``word/document.xml``) is read as the
    template's Word document, with the optional extra ``cssindicators[word]``: its
    paragraphs and tables read as their text export would (see ``docs/plan-format.md``),
    and each diagnostic's ``place`` names the paragraph or table cell it is about
    (``table 4, row 3, column 3``).

    UTF-8 is read as it is; a file saved as UTF-8 with a byte-order mark, UTF-16 with
    its byte-order mark or Windows-1252 (Latin-1 text reads the same) is read too, with
    an info diagnostic naming the encoding. :class:`~cssindicators.errors.PlanError` if
    the file is neither text nor a Word document (an ``.xlsx``, a PDF, UTF-16 without
    byte-order mark); :class:`~cssindicators.errors.FileReadError` (an ``OSError``) if it cannot be read.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "plan.txt")
    ...     _ = path.write_bytes("Secteur d'activité 1 : Sécurité\n".encode("cp1252"))
    ...     plan = read_plan(path)
    >>> plan.sectors[0].title, plan.source.endswith("plan.txt")
    ('Sécurité', True)
    >>> print(*plan.diagnostics)
    1:1: info: read as Windows-1252 (not UTF-8)
    """
    source = os.fspath(path)
    data = read_bytes(source)
    word = None
    if source.lower().endswith(WORD_SUFFIXES):
        word = word_text(data, source)
    elif is_word_archive(data):
        # named as text, made by Word: read if Word can read it, else not text at all
        with contextlib.suppress(PlanError):
            word = word_text(data, source)
    if word is not None:
        with collection_paused():
            plan = read_template(word.text, source=source, notes=word.notes, trace=False).plan
        return word.placed(plan)
    text, notes = decode_plan(data, source)
    with collection_paused():
        return read_template(text, source=source, notes=notes, trace=False).plan
