"""Reader as a screen reader meets it: through the AT-SPI bus, in both languages.

The real app runs on a private Xvfb and D-Bus session with Qt's accessibility
bridge on (QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1); tests/a11y/probe.py, run by
Debian's python3 with python3-pyatspi (as Orca would), reads every object the
app exposes and follows the focus as Tab is pressed. .ci/run installs
at-spi2-core, python3-pyatspi, dbus and xvfb. The names checked are printed
and written to build/accessibility/names-<language>.txt.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from reader import resources
from reader.content import load_document
from xserver import xvfb

REPO = Path(__file__).resolve().parents[1]
PROBE = Path(__file__).with_name("a11y") / "probe.py"
SYSTEM_PYTHON = "/usr/bin/python3"
PO = REPO / "translations" / "ru" / "LC_MESSAGES" / "reader.po"
# What a person operates, and so what must say what it is. Scroll bars, fillers,
# separators, the splitter's handles and decorative labels are layout, not
# controls; the text pane (exposed as a label) is checked on its own below.
CONTROLS = {
    "push button",
    "toggle button",
    "check box",
    "radio button",
    "menu item",
    "check menu item",
    "radio menu item",
    "combo box",
    "text",
    "entry",
    "spin button",
    "slider",
    "tree",
    "tree table",
    "table cell",
    "list",
    "list item",
    "page tab",
    "tool bar",
}
TAB_PRESSES = 7


def _session_bus() -> tuple[subprocess.Popen[str], str]:
    assert shutil.which("dbus-daemon"), "apt-get install dbus"
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert bus.stdout is not None
    address = bus.stdout.readline().strip()  # printed once the bus listens
    assert address, "dbus-daemon did not start"
    return bus, address


def _probe(*args: str, env: dict[str, str]) -> list:
    result = subprocess.run(
        [SYSTEM_PYTHON, str(PROBE), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, f"probe {args}: {result.returncode}\n{result.stderr}"
    return json.loads(result.stdout)


@pytest.fixture(scope="module", params=["en", "ru"])
def seen(request, tmp_path_factory) -> dict:
    """What the bus shows of a freshly started Reader in one language."""
    check = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True)
    assert check.returncode == 0, "apt-get install python3-pyatspi at-spi2-core"
    language = request.param
    home = tmp_path_factory.mktemp(f"a11y-{language}")
    with xvfb("1366x768x24") as display:
        bus, address = _session_bus()
        env = {k: v for k, v in os.environ.items() if k != "WAYLAND_DISPLAY"} | {
            "DISPLAY": display,
            "DBUS_SESSION_BUS_ADDRESS": address,
            "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
            "QT_QPA_PLATFORM": "xcb",
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_STATE_HOME": str(home / "state"),
            "XDG_CACHE_HOME": str(home / "cache"),
        }
        app = subprocess.Popen(
            [sys.executable, "-m", "reader", "--lang", language, "--no-error-dialogs"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            subprocess.run(
                ["xdotool", "search", "--sync", "--onlyvisible", "--pid", str(app.pid)],
                env=env,
                capture_output=True,
                timeout=60,
                check=True,
            )
            nodes = _probe("dump", str(app.pid), env=env)
            focus = _probe("focus", str(app.pid), str(TAB_PRESSES), env=env)
        finally:
            app.terminate()
            app.wait(timeout=10)
            bus.terminate()
            bus.wait(timeout=10)
    return {"language": language, "nodes": nodes, "focus": focus}


def translations() -> dict[str, str]:
    """English interface strings (without & marks) and their Russian translations."""
    with PO.open("rb") as handle:
        catalog = read_po(handle)
    return {
        message.id.replace("&", ""): message.string.replace("&", "")
        for message in catalog
        if message.id and isinstance(message.id, str) and message.string
    }


def test_every_control_menu_item_and_toolbar_button_has_a_name(seen):
    controls = [node for node in seen["nodes"] if node["role"] in CONTROLS]
    unnamed = [f"{node['role']} at {node['path']}" for node in controls if not node["name"]]
    checked = sorted({f"{node['role']}: {node['name']}" for node in controls if node["name"]})
    report = REPO / "build" / "accessibility" / f"names-{seen['language']}.txt"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text("\n".join(checked) + "\n", encoding="utf-8")
    print(f"\n{len(checked)} names checked ({seen['language']}):\n  " + "\n  ".join(checked))
    assert unnamed == []
    roles = {node["role"] for node in controls}
    assert {"menu item", "push button", "check box", "tree", "text", "table cell"} <= roles
    menu_items = [node for node in controls if node["role"] == "menu item"]
    assert len(menu_items) >= 40  # every menu's items, even while the menus are closed


def test_names_are_in_the_reading_language(seen):
    english = translations()
    names = {node["name"] for node in seen["nodes"] if node["role"] in CONTROLS}
    if seen["language"] == "ru":
        wrong = {name for name in names if name in english and english[name] != name}
    else:
        russian = {text for source, text in english.items() if text != source}
        wrong = names & russian - {"Русский"}  # the language menu names each in its own
    assert wrong == set()


def test_the_text_pane_exposes_the_section_text(seen):
    language = seen["language"]
    document = load_document(resources.content_dir())
    first = document.manifest.ids()[0]
    name = {"en": "Text", "ru": "Текст"}[language]
    (pane,) = [node for node in seen["nodes"] if node["name"] == name and node["focusable"]]
    # Soft hyphens are Unicode's "default ignorable" characters: speech skips them.
    spoken = pane["text"].replace("\xad", "").replace("\u2011", "-")
    text = " ".join(spoken.split())
    for block in document.section(language, first).blocks:
        assert " ".join(block.plain().split()) in text
    assert document.section(language, first).title in text


def test_tab_moves_through_filter_tree_and_text_in_order(seen):
    names = {
        "en": ("Filter sections", "Sections", "Text"),
        "ru": ("Фильтр разделов", "Разделы", "Текст"),
    }[seen["language"]]
    chain = [node["name"] if node else None for node in seen["focus"]]
    print(f"\nfocus after each Tab ({seen['language']}): {chain}")
    assert None not in chain, "focus went nowhere a screen reader can see"
    assert set(chain) == set(names), chain  # the toolbar keeps out of the Tab chain
    start = chain.index(names[0])
    cycle = chain[start : start + 3]
    assert cycle == list(names), chain  # left to right, then round again
    assert len(set(chain[start : start + 6])) == 3 and chain[start + 3] == names[0]
