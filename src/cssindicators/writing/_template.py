"""The measurement template of a plan: rows to fill in, as an Excel workbook or CSV.

The rows are built once (:func:`_rows`), in plan order, then written by
:func:`_write_csv` or :func:`_write_xlsx`. Every text that comes from the plan is made
safe first (:func:`_safe`): control characters written as their escapes (a workbook
refuses them), cut at the 32 767 characters a cell holds; in a workbook every text is a
text cell, never a formula, and in CSV a text that a spreadsheet would run as a formula
(``=``, ``+``, ``-``, ``@`` first) starts with an apostrophe.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import attrs

from cssindicators._optional import require
from cssindicators._terminal import xml_text
from cssindicators.errors import ConfigurationError
from cssindicators.periods import Period, as_period
from cssindicators.plan import Indicator, Plan, ServiceBlock
from cssindicators.targets import Target, UnitKind, YesNo

__all__ = ["EVERY", "LANGUAGES", "measurement_template"]

#: How ``every=`` splits the period: the months of each calendar part.
EVERY: Mapping[str, int] = {"year": 12, "semester": 6, "quarter": 3, "month": 1}
#: The most characters a cell of a workbook holds.
_CELL_LIMIT = 32_767
#: What a spreadsheet opening a CSV file reads as the start of a formula.
_FORMULA_START = ("=", "+", "-", "@")


@attrs.frozen
class _Language:
    """The words of a template in one language."""

    sheet: str
    plan_sheet: str
    help_sheet: str
    #: indicator, service, label, target, unit, period, value, note, baseline.
    headers: tuple[str, ...]
    #: id, kind, heading, target (the plan sheet).
    plan_headers: tuple[str, ...]
    kinds: Mapping[str, str]
    no_target: str
    yes_no: tuple[str, str]
    #: (prompt title, prompt, error title, error) by what a value is expected to be.
    messages: Mapping[str, tuple[str, str, str, str]]
    #: The lines of the help sheet; ``{command}`` is the scoring command.
    help: tuple[str, ...]


_FR = _Language(
    sheet="Mesures",
    plan_sheet="Plan",
    help_sheet="Mode d'emploi",
    headers=(
        "indicateur",
        "service",
        "libellé",
        "cible",
        "unité",
        "période",
        "valeur",
        "remarque",
        "valeur de référence",
    ),
    plan_headers=("id", "niveau", "intitulé", "cible"),
    kinds={
        "sector": "Secteur",
        "general_objective": "Objectif général",
        "strategic_objective": "Objectif stratégique",
        "service_block": "Service",
        "operational_objective": "Objectif opérationnel",
        "expected_result": "Résultat attendu",
        "indicator": "Indicateur",
    },
    no_target="(pas de cible)",
    yes_no=("Oui", "Non"),
    messages={
        "yes_no": (
            "Oui ou Non",
            "Choisissez Oui ou Non dans la liste.",
            "Valeur refusée",
            "Répondez Oui ou Non.",
        ),
        "number": (
            "Un nombre",
            "Un nombre, 0 ou plus, dans l'unité de la colonne unité.",
            "Valeur refusée",
            "La valeur doit être un nombre, 0 ou plus.",
        ),
        "percent": (
            "Un pourcentage",
            "Un pourcentage entre 0 et 100 : écrivez 85 pour 85 %.",
            "Valeur refusée",
            "La valeur doit être un nombre entre 0 et 100.",
        ),
    },
    help=(
        "Comment remplir ce classeur",
        "1. Remplissez seulement la colonne « valeur » (et « remarque » si besoin).",
        "2. Une ligne par indicateur et par période : n'ajoutez ni ne supprimez de ligne.",
        "3. Ne modifiez pas les identifiants (colonne « indicateur ») ni les périodes.",
        "4. Les nombres s'écrivent comme d'habitude (2,5 ou 1250), sans texte autour.",
        "5. Pourcentages : écrivez 85 pour 85 %. Indicateurs Oui/Non : choisissez Oui ou Non.",
        "6. Les valeurs sont dans l'unité de la colonne « unité » (heures, minutes, %…).",
        "7. Objectif de changement : la valeur de la période de référence va dans "
        "« valeur de référence ».",
        "8. Une ligne laissée vide est signalée « no value » au calcul.",
        "9. Enregistrez au format .xlsx, puis : {command}",
        "La feuille est protégée sans mot de passe contre les modifications accidentelles "
        "(Révision › Ôter la protection).",
    ),
)
_NL = _Language(
    sheet="Metingen",
    plan_sheet="Plan",
    help_sheet="Handleiding",
    headers=(
        "indicator",
        "dienst",
        "omschrijving",
        "doel",
        "eenheid",
        "periode",
        "waarde",
        "opmerking",
        "referentiewaarde",
    ),
    plan_headers=("id", "niveau", "omschrijving", "doel"),
    kinds={
        "sector": "Sector",
        "general_objective": "Algemene doelstelling",
        "strategic_objective": "Strategische doelstelling",
        "service_block": "Dienst",
        "operational_objective": "Operationele doelstelling",
        "expected_result": "Verwacht resultaat",
        "indicator": "Indicator",
    },
    no_target="(geen doel)",
    yes_no=("Ja", "Nee"),
    messages={
        "yes_no": (
            "Ja of Nee",
            "Kies Ja of Nee in de lijst.",
            "Waarde geweigerd",
            "Antwoord Ja of Nee.",
        ),
        "number": (
            "Een getal",
            "Een getal, 0 of meer, in de eenheid van de kolom eenheid.",
            "Waarde geweigerd",
            "De waarde moet een getal zijn, 0 of meer.",
        ),
        "percent": (
            "Een percentage",
            "Een percentage tussen 0 en 100: schrijf 85 voor 85 %.",
            "Waarde geweigerd",
            "De waarde moet een getal tussen 0 en 100 zijn.",
        ),
    },
    help=(
        "Hoe vult u deze werkmap in",
        "1. Vul alleen de kolom ‘waarde’ in (en ‘opmerking’ als dat nodig is).",
        "2. Eén rij per indicator en per periode: voeg geen rijen toe en verwijder er geen.",
        "3. Wijzig de identificaties (kolom ‘indicator’) en de periodes niet.",
        "4. Getallen schrijft u zoals gewoonlijk (2,5 of 1250), zonder tekst erbij.",
        "5. Percentages: schrijf 85 voor 85 %. Ja/Nee-indicatoren: kies Ja of Nee.",
        "6. De waarden staan in de eenheid van de kolom ‘eenheid’ (uren, minuten, %…).",
        "7. Doel van een verandering: de waarde van de referentieperiode komt in "
        "‘referentiewaarde’.",
        "8. Een lege rij wordt bij de berekening gemeld als ‘no value’.",
        "9. Sla op als .xlsx, dan: {command}",
        "Het blad is zonder wachtwoord beveiligd tegen vergissingen "
        "(Controleren › Beveiliging blad opheffen).",
    ),
)
_EN = _Language(
    sheet="Measurements",
    plan_sheet="Plan",
    help_sheet="How to fill this in",
    headers=(
        "indicator",
        "service",
        "label",
        "target",
        "unit",
        "period",
        "value",
        "note",
        "baseline",
    ),
    plan_headers=("id", "level", "title", "target"),
    kinds={
        "sector": "Sector",
        "general_objective": "General objective",
        "strategic_objective": "Strategic objective",
        "service_block": "Service",
        "operational_objective": "Operational objective",
        "expected_result": "Expected result",
        "indicator": "Indicator",
    },
    no_target="(no target)",
    yes_no=("Yes", "No"),
    messages={
        "yes_no": (
            "Yes or No",
            "Choose Yes or No from the list.",
            "Value refused",
            "Answer Yes or No.",
        ),
        "number": (
            "A number",
            "A number, 0 or more, in the unit of the unit column.",
            "Value refused",
            "The value must be a number, 0 or more.",
        ),
        "percent": (
            "A percentage",
            "A percentage between 0 and 100: write 85 for 85 %.",
            "Value refused",
            "The value must be a number between 0 and 100.",
        ),
    },
    help=(
        "How to fill in this workbook",
        "1. Fill in the 'value' column only (and 'note' if need be).",
        "2. One row per indicator and period: do not add or delete rows.",
        "3. Do not change the ids ('indicator' column) or the periods.",
        "4. Write numbers as you usually do (2,5 or 1250), with no text around them.",
        "5. Percentages: write 85 for 85 %. Yes/No indicators: choose Yes or No.",
        "6. Values are in the unit of the 'unit' column (hours, minutes, %…).",
        "7. Change targets: the value of the baseline period goes in 'baseline'.",
        "8. A row left empty is reported as 'no value' when scoring.",
        "9. Save as .xlsx, then: {command}",
        "The sheet is protected against accidental edits, without a password "
        "(Review › Unprotect Sheet).",
    ),
)
#: The languages of a template, by code.
LANGUAGES: Mapping[str, _Language] = {"fr": _FR, "nl": _NL, "en": _EN}

#: The columns of the measurement sheet, by position; the last three are filled in.
_ID, _SERVICE, _LABEL, _TARGET, _UNIT, _PERIOD, _VALUE, _NOTE, _BASELINE = range(9)
_TO_FILL = (_VALUE, _NOTE, _BASELINE)
#: Column widths of the measurement sheet (the id column fits its ids).
_WIDTHS = (0, 22, 60, 28, 10, 12, 14, 30, 18)


@attrs.frozen
class _Row:
    """One row to fill in: its cells, and what its value is expected to be."""

    cells: tuple[str, ...]
    expects: str | None


def _safe(text: object) -> str:
    """A text from the plan as a cell holds it: control characters as their escapes,
    at most the characters a cell holds."""
    shown = xml_text(text)
    if len(shown) > _CELL_LIMIT:
        return shown[: _CELL_LIMIT - 1] + "…"
    return shown


def _expects(target: Target | None) -> str | None:
    """What a value of ``target`` is: ``"yes_no"``, ``"percent"``, ``"number"`` (a
    count or a duration), or ``None`` when the indicator has no target."""
    if target is None:
        return None
    if isinstance(target, YesNo):
        return "yes_no"
    if target.unit is not None and target.unit.kind is UnitKind.PERCENT:
        return "percent"
    return "number"


def _service(plan: Plan, indicator: Indicator) -> str:
    for parent in reversed(plan.parents(indicator.id)):
        if isinstance(parent, ServiceBlock):
            return parent.service or ""
    return ""


def _target_text(indicator: Indicator, words: _Language) -> str:
    if indicator.target is not None:
        return str(indicator.target)
    return indicator.target_text if indicator.target_text is not None else words.no_target


def _split(period: Period, every: str) -> tuple[Period, ...]:
    """``period`` cut at each calendar boundary of ``every``: the whole parts it covers,
    and the pieces at its ends when it starts or ends inside one."""
    months = EVERY[every]
    pieces: list[Period] = []
    start = period.start
    while True:
        last_month = ((start.month - 1) // months + 1) * months
        if last_month == 12:  # not the day before 1 January: there is no year 10000
            part_end = date(start.year, 12, 31)
        else:
            part_end = date(start.year, last_month + 1, 1) - timedelta(1)
        end = min(part_end, period.end)
        pieces.append(Period(start, end))
        if end == period.end:
            return tuple(pieces)
        start = end + timedelta(1)


def _periods(plan: Plan, period: Period | str | int | None, every: str) -> tuple[Period, ...]:
    if not isinstance(every, str) or every not in EVERY:
        choices = ", ".join(repr(name) for name in EVERY)
        raise ConfigurationError(f"every must be one of {choices}, got {every!r}")
    if period is None:
        if plan.year is None:
            raise ConfigurationError(
                "the plan names no year: give the period to fill in "
                "(period=2023; --period 2023 on the command line)"
            )
        period = plan.year
    return _split(as_period(period), every)


def _language(lang: str) -> _Language:
    words = LANGUAGES.get(lang) if isinstance(lang, str) else None
    if words is None:
        choices = ", ".join(repr(code) for code in LANGUAGES)
        raise ConfigurationError(f"lang must be one of {choices}, got {lang!r}")
    return words


def _rows(plan: Plan, periods: Sequence[Period], words: _Language) -> list[_Row]:
    rows: list[_Row] = []
    for indicator in plan.indicators():
        target = indicator.target
        unit = target.unit.name if target is not None and target.unit is not None else ""
        fixed = (
            indicator.id,
            _service(plan, indicator),
            indicator.label,
            _target_text(indicator, words),
            unit,
        )
        cells = tuple(_safe(text) for text in fixed)
        expects = _expects(target)
        rows.extend(_Row((*cells, str(p), "", "", ""), expects) for p in periods)
    return rows


def measurement_template(
    plan: Plan,
    path: str | os.PathLike[str],
    *,
    period: Period | str | int | None = None,
    every: str = "year",
    lang: str = "fr",
) -> None:
    r"""Write the measurement file to fill in for ``plan``: an Excel workbook, or CSV
    when ``path`` ends in ``.csv``.

    One row per indicator (indicators without a target too) and period, in plan order:
    the indicator's id, its service, label, target (in canonical form, or as written
    when it does not parse) and unit, the period, and the columns to fill in, empty:
    the value, a note and a baseline (the value over the baseline period, for change
    targets). The header names are those
    :func:`~cssindicators.measurements.read_measurements` reads; the service, label and
    target columns are ignored when reading back.

    ``period`` (a :class:`~cssindicators.periods.Period`, its text or a year; by
    default the plan's year) is cut by ``every`` (``"year"``, ``"semester"``,
    ``"quarter"`` or ``"month"``) at each calendar boundary: ``2023`` by quarter is
    ``2023-Q1`` to ``2023-Q4``; a period starting or ending inside a part keeps that
    piece (``2023-02/2023-06`` by quarter is ``2023-02-01/2023-03-31`` and
    ``2023-Q2``). ``lang`` (``"fr"``, ``"nl"`` or ``"en"``) names the sheets, the
    headers, the Oui/Non (Ja/Nee, Yes/No) list and the help.

    The workbook (``.xlsx``; needs ``cssindicators[excel]``, else
    :class:`~cssindicators.errors.MissingDependencyError`) has three sheets:

    * the rows (``Mesures``, ``Metingen``, ``Measurements``), with a frozen header and
      filters; the sheet is protected without a password, so that only the value,
      note and baseline cells can be changed (filters still work); the
      value cells check what the target expects: Oui or Non from a list for a yes/no
      target, a number between 0 and 100 for a percentage, a number of 0 or more
      otherwise;
    * the plan's tree (``Plan``): every node's id, level, heading and target,
      indented by depth;
    * a short help (``Mode d'emploi``, ``Handleiding``, ``How to fill this in``).

    The CSV file holds the rows only, separated by ``;``, in UTF-8 with a byte-order
    mark (what Excel opens as UTF-8).

    Raises :class:`~cssindicators.errors.ConfigurationError` for a path that is not
    ``.xlsx`` or ``.csv``, an unknown ``lang`` or ``every``, or a plan without a year
    and no ``period``; :class:`~cssindicators.errors.PeriodError` for a bad
    ``period``; :class:`OSError` when the file cannot be written.

    >>> import tempfile, pathlib
    >>> from cssindicators.plan import Indicator, OperationalObjective, Plan, Sector
    >>> from cssindicators.plan import GeneralObjective, ServiceBlock, StrategicObjective
    >>> from cssindicators.targets import parse_target
    >>> plan = Plan.assemble(year=2023, sectors=[Sector(number=1, title="S", objectives=[
    ...     GeneralObjective(number=1, title="G", objectives=[
    ...         StrategicObjective(number=1, title="O", blocks=[
    ...             ServiceBlock(service="SCAPI", objectives=[
    ...                 OperationalObjective(number=1, text="Écouter", indicators=[
    ...                     Indicator(label="=Espace d'écoute", target_text="Oui/Non",
    ...                               target=parse_target("Oui/Non")),
    ...                     Indicator(label="Suivis"),
    ...                 ])])])])])])
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "metingen.csv")
    ...     measurement_template(plan, path, every="semester", lang="nl")
    ...     print(path.read_text(encoding="utf-8-sig"), end="")
    indicator;dienst;omschrijving;doel;eenheid;periode;waarde;opmerking;referentiewaarde
    s1.og1.os1.scapi.oo1.i1;SCAPI;'=Espace d'écoute;Oui/Non;;2023-H1;;;
    s1.og1.os1.scapi.oo1.i1;SCAPI;'=Espace d'écoute;Oui/Non;;2023-H2;;;
    s1.og1.os1.scapi.oo1.i2;SCAPI;Suivis;(geen doel);;2023-H1;;;
    s1.og1.os1.scapi.oo1.i2;SCAPI;Suivis;(geen doel);;2023-H2;;;
    >>> measurement_template(Plan(), "mesures.xlsx")
    Traceback (most recent call last):
      ...
    cssindicators.errors.ConfigurationError: the plan names no year: give the period to fill in (period=2023; --period 2023 on the command line)
    """
    destination = os.fspath(path)
    suffix = Path(destination).suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ConfigurationError(
            f"a measurement template is written as .xlsx or .csv, got {destination!r}"
        )
    words = _language(lang)
    rows = _rows(plan, _periods(plan, period, every), words)
    if suffix == ".csv":
        _write_csv(destination, words, rows)
    else:
        _write_xlsx(destination, plan, words, rows)


def _csv_cell(text: str) -> str:
    """A cell as CSV holds it: a text that a spreadsheet would run as a formula starts
    with an apostrophe (the reader ignores the columns where that can happen)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _write_csv(destination: str, words: _Language, rows: Sequence[_Row]) -> None:
    with open(destination, "w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file, delimiter=";", lineterminator="\r\n")
        writer.writerow(words.headers)
        writer.writerows([_csv_cell(text) for text in row.cells] for row in rows)


def _text_cell(sheet: Any, row: int, column: int, text: str) -> Any:
    """Write ``text`` in a cell as a text: never a formula (``=…``) or an error code
    (``#N/A``), which is how openpyxl would read some texts."""
    cell = sheet.cell(row=row, column=column)
    cell.value = text
    cell.data_type = "s"
    return cell


def _runs(numbers: Sequence[int]) -> list[tuple[int, int]]:
    """Consecutive numbers as ``(first, last)`` runs: ``[2, 3, 4, 7]`` → ``[(2, 4), (7, 7)]``."""
    runs: list[tuple[int, int]] = []
    for number in numbers:
        if runs and runs[-1][1] == number - 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return runs


def _validations(openpyxl: Any, words: _Language) -> dict[str, Any]:
    """One data validation by what a value is expected to be, with its messages."""
    validation = openpyxl.worksheet.datavalidation.DataValidation
    rules = {
        "yes_no": {"type": "list", "formula1": '"' + ",".join(words.yes_no) + '"'},
        "number": {"type": "decimal", "operator": "greaterThanOrEqual", "formula1": "0"},
        "percent": {"type": "decimal", "operator": "between", "formula1": "0", "formula2": "100"},
    }
    made = {}
    for expects, rule in rules.items():
        prompt_title, prompt, error_title, error = words.messages[expects]
        made[expects] = validation(
            **rule,
            allow_blank=True,
            showInputMessage=True,
            showErrorMessage=True,
            promptTitle=prompt_title,
            prompt=prompt,
            errorTitle=error_title,
            error=error,
            errorStyle="stop",
        )
    return made


def _write_xlsx(destination: str, plan: Plan, words: _Language, rows: Sequence[_Row]) -> None:
    openpyxl = require("openpyxl", "excel")
    styles, get_column_letter = openpyxl.styles, openpyxl.utils.get_column_letter
    Alignment, Font, PatternFill = styles.Alignment, styles.Font, styles.PatternFill

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = words.sheet
    bold, header_fill = Font(bold=True), PatternFill("solid", fgColor="D9D9D9")
    to_fill = PatternFill("solid", fgColor="FFF2CC")
    top, wrapped = Alignment(vertical="top"), Alignment(vertical="top", wrap_text=True)
    unlocked = styles.Protection(locked=False)
    for column, header in enumerate(words.headers, start=1):
        cell = _text_cell(sheet, 1, column, header)
        cell.font, cell.fill = bold, header_fill
    expected: dict[str, list[int]] = {}
    for number, row in enumerate(rows, start=2):
        for column, text in enumerate(row.cells):
            if column in _TO_FILL:
                cell = sheet.cell(row=number, column=column + 1)
                cell.protection = unlocked
                if column == _VALUE:
                    cell.fill = to_fill
            else:
                cell = _text_cell(sheet, number, column + 1, text)
            cell.alignment = wrapped if column in (_LABEL, _TARGET) else top
        if row.expects is not None:
            expected.setdefault(row.expects, []).append(number)
    value_column = get_column_letter(_VALUE + 1)
    for expects, validation in _validations(openpyxl, words).items():
        if expects in expected:
            for first, last in _runs(expected[expects]):
                validation.add(f"{value_column}{first}:{value_column}{last}")
            sheet.add_data_validation(validation)
    id_width = max([len(words.headers[_ID]), *(len(row.cells[_ID]) for row in rows)]) + 2
    for column, width in enumerate(_WIDTHS):
        letter = get_column_letter(column + 1)
        sheet.column_dimensions[letter].width = width or min(id_width, 48)
    last = get_column_letter(len(words.headers))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{last}{len(rows) + 1}"
    protection = sheet.protection
    protection.sheet = True
    # Allowed on the protected sheet: filtering, sorting (which Excel still refuses for
    # rows holding locked cells), resizing columns and rows.
    protection.autoFilter = protection.sort = False
    protection.formatColumns = protection.formatRows = False

    tree = book.create_sheet(words.plan_sheet)
    for column, header in enumerate(words.plan_headers, start=1):
        cell = _text_cell(tree, 1, column, header)
        cell.font, cell.fill = bold, header_fill
    for number, node in enumerate(plan.walk(), start=2):
        depth = len(plan.parents(node.id))
        target = _target_text(node, words) if isinstance(node, Indicator) else ""
        cells = (node.id, words.kinds.get(node.kind, node.kind), node.heading, target)
        for column, text in enumerate(cells, start=1):
            cell = _text_cell(tree, number, column, _safe(text))
            cell.alignment = top
        tree.cell(row=number, column=3).alignment = Alignment(
            vertical="top", wrap_text=True, indent=min(2 * depth, 15)
        )
    for column, width in enumerate((min(id_width, 48), 24, 80, 28), start=1):
        tree.column_dimensions[get_column_letter(column)].width = width
    tree.freeze_panes = "A2"

    help_sheet = book.create_sheet(words.help_sheet)
    plan_name = Path(plan.source).name if plan.source else "plan.txt"
    command = f"cssindicators score {plan_name} {Path(destination).name}"
    for number, line in enumerate(words.help, start=1):
        cell = _text_cell(help_sheet, number, 1, _safe(line.format(command=command)))
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    help_sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
    help_sheet.column_dimensions["A"].width = 100
    book.active = 0
    book.save(destination)
