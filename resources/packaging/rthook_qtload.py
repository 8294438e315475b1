"""PyInstaller run-time hook: PySide6 is imported through reader.qtload.

Custom run-time hooks run before PyInstaller's own, and its PySide6 hook
imports QtCore; this one goes first so that the frozen start loads PySide's
signature support from the bundled bytecode (see reader.qtload).
"""

from contextlib import suppress


def _load_pyside() -> None:
    from reader import qtload

    qtload.defer_standard_modules()  # before reader.resources imports pathlib
    from reader import resources

    # Not yet inside Reader's crash handling: a PySide that cannot be imported
    # is reported when the window's start imports it again.
    with suppress(Exception):
        qtload.load_pyside(resources.pyside_code_cache())


_load_pyside()
del _load_pyside
