"""Import PySide6 without the start-up work it does for features Reader does not use.

Every PySide6 program pays for three things at its first ``import PySide6``,
measured on the frozen build (see docs/performance.md, "Where start-up goes"):

- **Its signature support is compiled from source at every start.** Shiboken
  carries the ``shibokensupport`` modules as source in a zip inside its
  library and runs ``compile()`` on each of them: about 17 ms, every time. The
  build compiles them once (``write_code_cache``) and the window's start
  loads that bytecode instead, for exactly the source it was made from.
- **It runs the modules that make signatures** (the parser of Qt's signature
  strings with its regular expressions, the text of an error for a call with
  wrong arguments, the ``.pyi`` stub generator with ``argparse``): about 15
  ms, for what a start never uses. Here each runs when something first reads
  from it (``DEFERRED``); until then it is a module whose ``__getattr__``
  runs its code.
- **It routes every later ``import`` through its ``__feature__`` hook**, a
  Python call per import statement, and for every new module it reads the
  module's source looking for the word "PySide6". Reader uses no
  ``__feature__`` (``snake_case``, ``true_property``): the hook is taken off
  again, and ``from __feature__ import ...`` is not available in Reader.

And ``shiboken6`` imports a few standard modules "for the signature
extension" that a start never reads (``LAZY_STDLIB``: tempfile, the bz2,
lzma and shutil that zipfile imports, and inspect, which only the
``__feature__`` hook uses): their code runs when something first reads from
them. Others come on the way to the window from elsewhere and wait the same
way (``WAITING_STDLIB``: ipaddress, traceback), if ``defer_standard_modules``
runs before anything imports them.

Each of these falls back to PySide's own way when it does not apply: a
PySide whose sources differ from the cache's compiles them itself, a cache
made by another Python is not looked at, and a PySide without the hook keeps
what it has. Qt-free: this runs before any Qt module is loaded.
"""

from __future__ import annotations

import builtins
import marshal
import sys
import zlib
from _thread import RLock
from types import CodeType, ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pathlib imports urllib.parse, and that ipaddress (WAITING_STDLIB)
    from pathlib import Path

__all__ = ["cache_name", "defer_standard_modules", "load_pyside", "write_code_cache"]

# Shiboken's embedded modules are compiled under names like these.
_EMBEDDED = ("shibokensupport/", "signature_bootstrap.py")
# What only signatures use: the text of an error for a call with wrong
# arguments, ``__signature__``, the .pyi generator. Loaded when first read.
# Not ``mapping`` (shiboken's C code reads its dictionary directly) nor
# ``feature`` (the import hook calls it while PySide is still starting).
DEFERRED = frozenset(
    f"shibokensupport/signature/{name}.py"
    for name in ("parser", "layout", "errorhandler", "lib/enum_sig", "lib/tool",
                 "lib/pyi_generator")
)  # fmt: skip
_DEFERRED_SOURCE = """\
def __getattr__(name):
    from reader.qtload import _finish_deferred
    return _finish_deferred(globals(), name)
"""
# shiboken6/__init__.py imports these for its signature support; nothing at
# start reads them (zipfile's bz2, lzma and shutil serve other archives), and
# ``inspect`` only for the ``__feature__`` hook (see ``_Inspect``).
LAZY_STDLIB = ("tempfile", "bz2", "lzma", "shutil", "inspect")
# Imported on the way to the window, never read by it: ipaddress (by
# urllib.parse, for pathlib) and traceback, with linecache and tokenize (by
# logging, shiboken and the crash handler: read when something goes wrong).
# Not textwrap, though shiboken imports it too: QtCore's start uses it.
WAITING_STDLIB = ("ipaddress", "traceback")
_Key = tuple[str, int, int]
_RAN = "__reader_qtload_ran__"
_SET_EARLY = "__reader_qtload_set_early__"  # names given a value before the module ran
_first_use = RLock()
_pyside_starting = False

_deferred: dict[str, str | bytes | CodeType] = {}  # filename: what to run on first use


def cache_name(optimize: int | None = None) -> str:
    """The cache's file name: bytecode is only valid for one Python and one -O level.

    ``optimize``: the level of the Python that will read it (this one's by default).
    """
    level = sys.flags.optimize if optimize is None else optimize
    return f"pyside-code-{sys.implementation.cache_tag}-O{level}.marshal"


def _embedded(filename: object, mode: object) -> bool:
    """Whether a ``compile()`` is shiboken compiling one of its embedded modules."""
    return isinstance(filename, str) and filename.startswith(_EMBEDDED) and mode == "exec"


def _key(source: str | bytes, filename: str) -> _Key:
    data = source.encode("utf-8") if isinstance(source, str) else source
    return filename, zlib.crc32(data), len(data)


def _read_cache(path: Path | None) -> dict[_Key, CodeType]:
    if path is None:
        return {}
    try:
        with path.open("rb") as stream:
            found = marshal.load(stream)
    except (OSError, EOFError, ValueError, TypeError):
        return {}  # none, or damaged: PySide compiles its modules itself
    if not isinstance(found, dict) or found.get("magic") != _magic():
        return {}
    code = found.get("code")
    return code if isinstance(code, dict) else {}


def _magic() -> bytes:
    from importlib.util import MAGIC_NUMBER

    return MAGIC_NUMBER


def load_pyside(cache: Path | None) -> None:
    """Import PySide6 as described above, with the bytecode in ``cache`` if it fits."""
    if "PySide6" in sys.modules:
        return
    known = _read_cache(cache)
    compile_ = builtins.compile
    stand_in = compile_(_DEFERRED_SOURCE, "<reader.qtload: loaded on first use>", "exec")

    def cached_compile(source: Any, filename: Any, mode: Any, *args: Any, **kwargs: Any) -> Any:
        if not (_embedded(filename, mode) and isinstance(source, str | bytes)) or args or kwargs:
            return compile_(source, filename, mode, *args, **kwargs)
        code = known.get(_key(source, filename))
        if filename in DEFERRED:
            _deferred[filename] = code or source
            return stand_in
        return code or compile_(source, filename, mode)

    global _pyside_starting
    for name in LAZY_STDLIB:
        _import_lazily(name)
    builtins.compile = cached_compile
    _pyside_starting = True
    try:
        import PySide6  # noqa: F401 (shiboken's signature support starts here)
    finally:
        builtins.compile = compile_
        _pyside_starting = False
    original = getattr(builtins, "__orig_import__", None)
    if original is not None and builtins.__import__ is getattr(
        builtins, "__feature_import__", None
    ):
        builtins.__import__ = original


class _RunsOnFirstUse(ModuleType):
    """A module whose code runs when something first reads a name it has not got.

    Not importlib's LazyLoader: in Python 3.11 an ``import`` of a module that
    is already loaded reads its ``__spec__``, and that runs a LazyLoader's
    module at once.
    """

    def __getattr__(self, name: str) -> Any:
        namespace = self.__dict__
        if name == "__path__":  # only a package has one, and the importer gave it already
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")
        with _first_use:
            early = namespace.get(_SET_EARLY, {})
            if _RAN not in namespace and name in early:
                return early[name]
            if _RAN not in namespace:
                namespace[_RAN] = True  # a read from inside its own run finds what is made
                early = namespace.pop(_SET_EARLY, {})
                try:
                    self.__spec__.loader.exec_module(self)  # type: ignore[union-attr]
                except BaseException:  # run again at the next use, as a failed import would
                    del namespace[_RAN]
                    namespace[_SET_EARLY] = early
                    raise
                namespace[_SET_EARLY] = {key: namespace.get(key) for key in early}
                namespace.update(early)  # what others set wins over the module's own
        try:
            return namespace[name]
        except KeyError:
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}") from None

    def __setattr__(self, name: str, value: Any) -> None:
        namespace = self.__dict__
        with _first_use:
            if _RAN in namespace or name.startswith("__"):
                super().__setattr__(name, value)
            else:  # kept until the module has run, then set over its own
                namespace.setdefault(_SET_EARLY, {})[name] = value


class _Inspect(_RunsOnFirstUse):
    """``inspect``, run on first use: with ``ast`` and ``dis`` it takes 3–4 ms.

    Two readers come before any real use, and neither needs it to run:

    - PySide's ``__feature__`` hook asks ``getsource`` of each module
      imported while PySide starts, to see whether it names PySide (the
      hook is taken off then, see ``load_pyside``): it is told there is no
      source, and notes the module as not using PySide.
    - PyInstaller's run-time hook reads ``getsourcefile`` and sets its own
      wrapper around it: it is given one that runs the module and calls the
      real one, and its wrapper is put in place when the module runs.
    """

    def __getattr__(self, name: str) -> Any:
        namespace = self.__dict__
        if _RAN not in namespace and name not in namespace.get(_SET_EARLY, {}):
            if name == "getsource" and _pyside_starting:
                return _no_source
            if name == "getsourcefile":
                return _inspects_own_getsourcefile
        return super().__getattr__(name)


def _no_source(module: object) -> str:
    raise OSError("not read while PySide starts (reader.qtload)")


def _inspects_own_getsourcefile(thing: object) -> str | None:
    """``inspect.getsourcefile`` as the module defines it, whatever was set over it since."""
    module = sys.modules["inspect"]
    module.ismodule  # noqa: B018 (runs the module if it has not run)
    own = vars(module)[_SET_EARLY].get("getsourcefile") or module.getsourcefile
    return own(thing)


def defer_standard_modules() -> None:
    """Have the standard modules a start imports but never reads run when first read.

    ``WAITING_STDLIB`` and ``LAZY_STDLIB``. First thing, before anything
    imports them: the frozen app's run-time hook and ``python -m reader``
    call it before they import anything else of Reader's.
    """
    for name in (*WAITING_STDLIB, *LAZY_STDLIB):
        _import_lazily(name)


def _import_lazily(name: str) -> None:
    """Import ``name`` so that its code runs when something first reads from it."""
    if name in sys.modules:
        return
    from importlib.util import find_spec, module_from_spec

    spec = find_spec(name)
    if spec is None or spec.loader is None:
        return
    module = module_from_spec(spec)
    module.__class__ = _Inspect if name == "inspect" else _RunsOnFirstUse
    sys.modules[name] = module


def _finish_deferred(namespace: dict[str, Any], name: str) -> Any:
    """Run a deferred module's real code in its namespace, then answer ``name`` from it.

    Under the same lock as the standard modules: a second thread asking
    meanwhile waits for the module, then finds the name.
    """
    filename = namespace.get("__file__", "")
    with _first_use:
        what = _deferred.pop(filename, None)
        if what is not None:
            namespace.pop("__getattr__", None)
            code = what if isinstance(what, CodeType) else compile(what, filename, "exec")
            exec(code, namespace)  # PySide's own module, as its importer would run it
    try:
        return namespace[name]
    except KeyError:
        raise AttributeError(
            f"module {namespace.get('__name__')!r} has no attribute {name!r}"
        ) from None


def _record() -> dict[str, str | bytes]:
    """In a fresh interpreter: the embedded sources PySide compiles as it is imported."""
    compile_ = builtins.compile
    seen: dict[str, str | bytes] = {}

    def recording(source: Any, filename: Any, mode: Any, *args: Any, **kwargs: Any) -> Any:
        if _embedded(filename, mode):
            seen[filename] = source
        return compile_(source, filename, mode, *args, **kwargs)

    builtins.compile = recording
    try:
        import PySide6  # noqa: F401
    finally:
        builtins.compile = compile_
    return seen


def write_code_cache(folder: Path, optimize: int) -> Path:
    """Compile PySide's embedded modules once, for a start at ``-O`` level ``optimize``.

    Run in the Python that will run Reader (the build's); PySide must not be
    imported yet in this process.
    """
    import subprocess

    if "PySide6" in sys.modules:  # its modules were compiled already: ask a fresh process
        result = subprocess.run(
            [sys.executable, "-m", "reader.qtload", str(folder), str(optimize)],
            check=True,
            capture_output=True,
            text=True,
        )
        from pathlib import Path

        return Path(result.stdout.strip())
    sources = _record()
    code = {
        _key(source, filename): compile(source, filename, "exec", optimize=optimize)
        for filename, source in sources.items()
    }
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / cache_name(optimize)
    temporary = target.with_suffix(".tmp")
    temporary.write_bytes(marshal.dumps({"magic": _magic(), "code": code}))
    temporary.replace(target)
    return target


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) not in (1, 2):
        print("usage: python -m reader.qtload FOLDER [OPTIMIZE]", file=sys.stderr)
        return 2
    optimize = int(args[1]) if len(args) == 2 else sys.flags.optimize
    from pathlib import Path

    print(write_code_cache(Path(args[0]), optimize))
    return 0


if __name__ == "__main__":
    sys.exit(main())
