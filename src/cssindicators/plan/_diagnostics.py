r"""The reader's remarks about a document: :class:`Severity` and :class:`Diagnostic`."""

from __future__ import annotations

import enum

import attrs

from cssindicators._color import BOLD_RED, BOLD_YELLOW, CYAN, paint
from cssindicators._terminal import visible
from cssindicators.plan._fields import is_line_number, is_text, is_text_or_none, reject

__all__ = ["Diagnostic", "Severity"]


class Severity(enum.Enum):
    """How serious a :class:`Diagnostic` is.

    ``ERROR``: something of the document could not be read into the plan (a target that
    does not parse, a table outside any objective). ``WARNING``: the document departs from
    the template, and the reader made a choice (a heading without title, text it does
    not understand). ``INFO``: debris the reader skipped or a number it did not use.

    >>> Severity("error") is Severity.ERROR
    True
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


_COLOURS = {Severity.ERROR: BOLD_RED, Severity.WARNING: BOLD_YELLOW, Severity.INFO: CYAN}


def _severity(instance: object, attribute: attrs.Attribute[Severity], value: object) -> None:
    if not isinstance(value, Severity):
        reject(instance, attribute.name, "a Severity", value)


@attrs.frozen
class Diagnostic:
    r"""A remark of the reader about one place of the document: 1-based line and column.

    ``place`` names that place in a document that has no lines of its own: a Word
    document's ``"paragraph 12"`` or ``"table 4, row 3, column 3"`` (``line`` and
    ``column`` are then those of the text the reader made of it); it is printed instead
    of the line and column.

    >>> d = Diagnostic(Severity.WARNING, 54, 1, "sector 2 has no title")
    >>> print(d.format("plan.txt"))
    plan.txt:54:1: warning: sector 2 has no title
    >>> str(d)
    '54:1: warning: sector 2 has no title'
    >>> Diagnostic(Severity.INFO, 0, 1, "debris")
    Traceback (most recent call last):
      ...
    cssindicators.errors.PlanError: Diagnostic.line must be a whole number (1 or more), got 0
    >>> print(Diagnostic(Severity.ERROR, 40, 12, "the target 'x' does not parse",
    ...     place="table 4, row 3, column 3").format("plan.docx"))
    plan.docx: table 4, row 3, column 3: error: the target 'x' does not parse
    """

    severity: Severity = attrs.field(validator=_severity)
    line: int = attrs.field(validator=is_line_number)
    column: int = attrs.field(validator=is_line_number)
    message: str = attrs.field(validator=is_text)
    place: str | None = attrs.field(default=None, kw_only=True, validator=is_text_or_none)

    def format(self, source: str | None = None, *, color: bool = False) -> str:
        """``source:line:column: severity: message``, as compilers print them.

        ``source`` defaults to ``<text>``; ``color`` adds ANSI colours (for terminals).
        The source and the message show their control characters as escapes (they may
        quote the document): the line is one line, and only the colours act.

        >>> print(Diagnostic(Severity.ERROR, 3, 7, "bad").format(color=True))
        <text>:3:7: \x1b[1;31merror\x1b[0m: bad
        >>> print(Diagnostic(Severity.ERROR, 3, 7, "bad \\x1b[2J\\nfake").format("p\\x9b.txt"))
        p\\x9b.txt:3:7: error: bad \\x1b[2J\\nfake
        """
        severity = paint(self.severity.value, _COLOURS[self.severity], color=color)
        where = visible(source or "<text>")
        return f"{where}{self._where()}: {severity}: {visible(self.message)}"

    def _where(self) -> str:
        if self.place is not None:
            return f": {visible(self.place)}"
        return f":{self.line}:{self.column}"

    def __str__(self) -> str:
        where = f"{self.line}:{self.column}" if self.place is None else self.place
        return f"{where}: {self.severity.value}: {self.message}"
