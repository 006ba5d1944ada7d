"""The package's data files: the target grammar (``grammar/``) and the bundled examples
(``examples/``).

Both folders sit at the top level of the project, where integrators find them; the wheel
carries them inside the package (``cssindicators/grammar/``, ``cssindicators/examples/``).
The functions here look in the installed package first and, in a source checkout (the
package in ``src/``, installed editable or not installed at all), in the top-level
folders next to ``src/``. They never look relative to the working directory.
"""

from __future__ import annotations

import os
import pkgutil
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from pathlib import Path

#: The data folders: ``grammar`` and ``examples``.
Folder = Literal["grammar", "examples"]
FOLDERS: tuple[Folder, ...] = ("grammar", "examples")

_PACKAGE = __name__.rpartition(".")[0]
_HERE = os.path.dirname(os.path.abspath(__file__))


def _checkout(folder: Folder, names: tuple[str, ...]) -> str | None:
    """The path of ``folder/names`` at the top level of a source checkout, if this is one."""
    source = os.path.dirname(_HERE)
    if os.path.basename(source) != "src":
        return None
    return os.path.join(os.path.dirname(source), folder, *names)


def _check(folder: str, names: tuple[str, ...]) -> None:
    if folder not in FOLDERS or not names:
        raise ValueError(f"expected a folder of {FOLDERS} and a name, got {folder!r}, {names!r}")


def read_data(folder: Folder, *names: str) -> bytes | None:
    """The bytes of the data file ``folder/names…``, or ``None`` if there is none.

    Read through the package's loader (:func:`pkgutil.get_data`, which works for a
    zipped installation too, and costs nothing at start-up that Lark does not already
    import), else from the source checkout.

    >>> read_data("grammar", "targets.lark").startswith(b"// The cssindicators target language")
    True
    >>> read_data("examples", "no-such-example", "plan.txt") is None
    True
    """
    _check(folder, names)
    try:
        data = pkgutil.get_data(_PACKAGE, "/".join((folder, *names)))
    except OSError:
        data = None
    if data is not None:
        return data
    source = _checkout(folder, names)
    if source is None:
        return None
    try:
        with open(source, "rb") as file:
            return file.read()
    except OSError:
        return None


def data_path(folder: Folder, *names: str) -> Path | None:
    """The path of the data file or folder ``folder/names…``, or ``None`` if there is none.

    A path exists where the package is unpacked on disk (a wheel installed by pip, or a
    source checkout); for a zipped installation, use :func:`read_data`.

    >>> data_path("examples", "molenbeek-2023").joinpath("plan.txt").is_file()
    True
    >>> data_path("grammar", "no-such-file.lark") is None
    True
    """
    from importlib import resources
    from pathlib import Path

    _check(folder, names)
    packaged = resources.files(_PACKAGE).joinpath(folder)
    for name in names:
        packaged = packaged.joinpath(name)
    if isinstance(packaged, Path) and packaged.exists():
        return packaged
    source = _checkout(folder, names)
    if source is not None and os.path.exists(source):
        return Path(source)
    return None
