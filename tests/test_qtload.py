"""PySide imported through reader.qtload: its support from the build's bytecode, nothing lost."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pyrun import python_says
from reader.qtload import DEFERRED

# What a fresh process reports after importing PySide, with or without qtload:
# which of shiboken's embedded modules it compiled from source, whether the .pyi
# generator and argparse were loaded, whether imports still pass PySide's
# __feature__ hook, and PySide's own message for a call with wrong arguments.
PROBE = """
import builtins, sys
compiled = []
real_compile = builtins.compile
def watching(source, filename, *args, **kwargs):
    compiled.append(str(filename))
    return real_compile(source, filename, *args, **kwargs)
builtins.compile = watching
CACHE = {cache!r}
if CACHE is not None:
    from pathlib import Path
    from reader import qtload
    qtload.load_pyside(Path(CACHE) if CACHE else None)
import PySide6
builtins.compile = real_compile
embedded = sorted(f for f in compiled if f.startswith(("shibokensupport/", "signature_")))
print("compiled:", " ".join(embedded))
print("generator loaded:", "argparse" in sys.modules)
print("feature hook:", builtins.__import__ is getattr(builtins, "__feature_import__", None))
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
parser = vars(sys.modules["shibokensupport.signature.parser"])
print("parser ran:", "pyside_type_init" in parser)
try:
    QImage(QSize(2, 2), "no such format")
except TypeError as error:
    print("message:", repr(str(error)))
print("parser ran after:", "pyside_type_init" in parser)
from PySide6.support.signature.lib import pyi_generator
print("generator works:", callable(pyi_generator.generate_pyi), "argparse" in sys.modules)
"""


def probe(cache: Path | str | None) -> dict[str, str]:
    said = python_says(PROBE.format(cache=None if cache is None else str(cache)))
    return dict(line.split(": ", 1) for line in said.splitlines())


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pyside-code")
    written = subprocess.run(
        [sys.executable, "-m", "reader.qtload", str(folder)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return Path(written)


@pytest.fixture(scope="module")
def plain() -> dict[str, str]:
    return probe(None)


def compiled(seen: dict[str, str]) -> set[str]:
    return set(seen["compiled"].split())


def test_pyside_alone_compiles_and_runs_all_its_support_at_every_start(plain):
    """What qtload is for: without it, every start compiles and runs over a dozen modules."""
    assert len(compiled(plain)) >= 10
    assert DEFERRED.issubset(compiled(plain))
    assert plain["parser ran"] == "True"
    assert plain["generator loaded"] == "True"
    assert plain["feature hook"] == "True"


def test_with_the_cache_nothing_is_compiled_and_nothing_is_lost(cache, plain):
    seen = probe(cache)
    assert compiled(seen) == set()
    assert seen["parser ran"] == "False"  # signatures are read only when needed
    assert seen["generator loaded"] == "False"
    assert seen["feature hook"] == "False"
    assert seen["message"] == plain["message"]  # PySide's signatures, as before
    assert "QImage" in seen["message"]
    assert seen["parser ran after"] == "True"
    assert seen["generator works"] == "True True"  # loaded when first read


def test_a_cache_for_other_sources_is_not_used(cache, plain, tmp_path):
    stored = marshal.loads(cache.read_bytes())
    stored["code"] = {
        (name, crc ^ 1, size): code for (name, crc, size), code in stored["code"].items()
    }
    other = tmp_path / cache.name
    other.write_bytes(marshal.dumps(stored))
    seen = probe(other)
    assert compiled(seen) == compiled(plain) - DEFERRED  # those when first used
    assert seen["message"] == plain["message"]
    assert seen["generator works"] == "True True"


@pytest.mark.parametrize("content", [b"", b"not marshal data", marshal.dumps({"magic": b"x"})])
def test_a_missing_or_damaged_cache_leaves_pyside_to_compile_itself(content, plain, tmp_path):
    damaged = tmp_path / "pyside-code.marshal"
    damaged.write_bytes(content)
    for cache in (damaged, tmp_path / "absent.marshal", ""):
        seen = probe(cache)
        assert compiled(seen) == compiled(plain) - DEFERRED
        assert seen["message"] == plain["message"]


def test_the_cache_is_named_for_the_python_that_reads_it():
    from reader.qtload import cache_name

    name = python_says("from reader.qtload import cache_name; print(cache_name())")
    assert name == cache_name()
    assert sys.implementation.cache_tag in name
    optimized = subprocess.run(
        [sys.executable, "-O", "-c", "from reader.qtload import cache_name; print(cache_name())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert optimized != name  # -O bytecode is not the same


def test_the_window_start_loads_pyside_through_qtload():
    code = textwrap.dedent(
        """
        import builtins, sys, types
        gui = types.ModuleType("reader.gui")  # the window itself is not needed here
        gui.run_gui = lambda args: 0
        sys.modules["reader.gui"] = gui
        from reader import cli
        cli.main([])
        print("PySide6" in sys.modules, builtins.__import__ is builtins.__feature_import__)
        """
    )
    assert python_says(code) == "True False"


def test_the_standard_modules_pyside_preloads_run_only_when_first_read():
    code = textwrap.dedent(
        """
        import sys
        from reader import qtload
        qtload.defer_standard_modules()
        from pathlib import Path  # urllib.parse imports ipaddress
        qtload.load_pyside(None)
        defines = {"shutil": "copyfile", "tempfile": "gettempdir", "bz2": "compress",
                   "lzma": "compress", "inspect": "signature", "ipaddress": "ip_address",
                   "traceback": "format_exc"}  # a name each one's code makes
        waiting = [name for name, made in defines.items() if made not in vars(sys.modules[name])]
        import shutil, tempfile, bz2, lzma, inspect, textwrap, traceback, urllib.parse
        from shutil import copyfile
        print(sorted(waiting), shutil.which("sh") is not None, callable(copyfile),
              tempfile.gettempdir() != "", bz2.decompress(bz2.compress(b"x")) == b"x",
              lzma.decompress(lzma.compress(b"x")) == b"x", "no_such" in dir(shutil),
              str(inspect.signature(textwrap.dedent)), "def dedent" in inspect.getsource(textwrap))
        try:
            1 / 0
        except ZeroDivisionError:
            print("ZeroDivisionError" in traceback.format_exc(),
                  urllib.parse.urlsplit("http://[::1]:8/").hostname)  # ipaddress checks it
        """
    )
    said = python_says(code)
    assert said == (
        "['bz2', 'inspect', 'ipaddress', 'lzma', 'shutil', 'tempfile', 'traceback']"
        " True True True True True False (text) True\nTrue ::1"
    )


def test_a_name_set_on_a_waiting_module_wins_over_its_own_as_pyinstallers_hook_expects():
    """PyInstaller's run-time hook wraps inspect.getsourcefile before anything else runs."""
    code = textwrap.dedent(
        """
        import sys
        from reader import qtload
        qtload.load_pyside(None)
        import inspect, tempfile, textwrap
        own = inspect.getsourcefile  # what the hook does
        calls = []
        def wrapper(thing):
            calls.append(thing)
            return own(thing)
        inspect.getsourcefile = wrapper
        tempfile.tempdir = "/set/early"
        waiting = "signature" not in vars(inspect)
        found = inspect.getsourcefile(textwrap.dedent)  # the wrapper, then inspect's own
        print(waiting, found == textwrap.__file__, len(calls), inspect.getsourcefile is wrapper,
              tempfile.gettempdir())
        """
    )
    assert python_says(code) == "True True 1 True /set/early"


def test_a_waiting_module_whose_first_run_fails_runs_again_at_its_next_use(tmp_path):
    """As a failed import would: traceback's first run may come in the middle of an error."""
    (tmp_path / "flaky.py").write_text(
        "import builtins\n"
        "builtins.runs = getattr(builtins, 'runs', 0) + 1\n"
        "if builtins.runs == 1:\n"
        "    raise MemoryError('first run')\n"
        "def made(): return 'made'\n",
        encoding="utf-8",
    )
    code = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(tmp_path)!r})
        from reader import qtload
        qtload._import_lazily("flaky")
        import flaky
        flaky.tempdir = "set early"
        try:
            flaky.made
        except MemoryError as error:
            print("failed:", error)
        print(flaky.made(), flaky.tempdir)
        """
    )
    assert python_says(code) == "failed: first run\nmade set early"


def test_the_window_reaches_its_first_frame_without_what_only_later_use_needs(tmp_path):
    """What the start leaves for later stays left: a regression here costs every start."""
    code = textwrap.dedent(
        """
        import sys
        from reader import qtload

        qtload.defer_standard_modules()  # as the frozen app's run-time hook does, first
        from reader import resources

        qtload.load_pyside(resources.pyside_code_cache())
        from reader.ui import firstpaint

        def report(probe, original=firstpaint.FirstPaintProbe._report):
            from PySide6 import QtWidgets
            deferred = sorted(name.rsplit("/", 1)[-1] for name in qtload._deferred)
            print("deferred:", " ".join(deferred))
            print("argparse:", "argparse" in sys.modules)
            later = {"datetime", "dataclasses", "locale", "ast", "dis", "linecache", "tokenize",
                     "signal", "reader.ui.shutdown"}
            later = sorted(later & set(sys.modules))
            ran = [name for name in (*qtload.WAITING_STDLIB, *qtload.LAZY_STDLIB)
                   if qtload._RAN in vars(sys.modules[name])]
            print("standard modules run:", " ".join(ran) or "none")
            print("later modules:", " ".join(later) or "none")
            print("scroller:", "QScroller" in vars(QtWidgets))
            original(probe)

        firstpaint.FirstPaintProbe._report = report
        from reader import cli
        sys.exit(cli.main([]))
        """
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "READER_FIRST_PAINT_FILE": str(tmp_path / "painted"),
        "READER_EXIT_AFTER_PAINT": "1",
    }
    said = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert said.returncode == 0, said.stderr
    seen = dict(line.split(": ", 1) for line in said.stdout.splitlines())
    assert set(seen["deferred"].split()) == {name.rsplit("/", 1)[-1] for name in DEFERRED}
    assert seen["argparse"] == "False"
    # The edition's date, dataclasses, the C locale, what only inspect uses, and the
    # handling of SIGTERM (set up once there is a place to keep).
    assert seen["later modules"] == "none"
    assert seen["standard modules run"] == "none"
    assert seen["scroller"] == "False"  # touch builds it once the page is shown
