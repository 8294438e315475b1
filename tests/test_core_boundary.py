"""The core stays free of Qt, and the modules import one another in one direction.

The Qt-free modules (content, markdown, render, search, check, …) are what the
command line, the packaging scripts and the tests use without a display; each
is imported here in a fresh interpreter where PySide6 cannot be imported at all.
The import graph of the whole package (every import made at run time, also
those inside functions; not those for type hints only) must have no cycle: a
cycle is two modules that cannot be understood, tested or moved apart.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "reader"
CORE = [
    "check",
    "cli",
    "cliparse",
    "content",
    "crash",
    "export",
    "history",
    "i18n",
    "licences",
    "manifestcache",
    "markdown",
    "parallel",
    "printhtml",
    "render",
    "resources",
    "search",
    "sectionfilter",
    "textsize",
    "themes",
]
NO_QT = """
import sys
class NoQt:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6"):
            raise ImportError(f"{name} is blocked: this module must not need Qt")
sys.meta_path.insert(0, NoQt())
import importlib
importlib.import_module(sys.argv[1])
loaded = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6")))
assert not loaded, loaded
"""


@pytest.mark.parametrize("module", CORE)
def test_core_module_imports_without_qt(module):
    result = subprocess.run(
        [sys.executable, "-c", NO_QT, f"reader.{module}"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-2000:]


def test_the_blocker_would_catch_qt():
    result = subprocess.run(
        [sys.executable, "-c", NO_QT, "reader.pdf"], capture_output=True, text=True
    )
    assert result.returncode != 0 and "PySide6" in result.stderr


def _run_time_nodes(tree: ast.AST):
    """Every node, except under ``if TYPE_CHECKING:`` (imports for type hints only)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"):
            yield from (n for child in node.orelse for n in [child, *_run_time_nodes(child)])
            continue
        yield node
        yield from _run_time_nodes(node)


def imports_of(path: Path) -> set[str]:
    """reader.* modules that ``path`` imports when it runs, anywhere in it."""
    found: set[str] = set()
    for node in _run_time_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("reader.")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "reader":
                found |= {f"reader.{alias.name}" for alias in node.names}
            elif node.module.startswith("reader."):
                found.add(node.module)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = {
        "reader." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts): path
        for path in PACKAGE.rglob("*.py")
        if path.name != "__init__.py"
    }
    return {name: imports_of(path) & set(modules) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every module that can reach itself, with one path that shows how."""
    found = []
    for start in sorted(graph):
        stack, seen = [(start, [start])], set()
        while stack:
            module, path = stack.pop()
            for target in sorted(graph[module]):
                if target == start:
                    found.append([*path, start])
                    stack.clear()
                    break
                if target not in seen:
                    seen.add(target)
                    stack.append((target, [*path, target]))
    return found


def test_no_import_cycles():
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b", "a"], ["b", "a", "b"]]
