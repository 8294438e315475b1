"""A screen reader's view of a running Reader, through the AT-SPI bus.

Run by tests/test_accessibility.py with Debian's own python3 (python3-pyatspi
is a Debian package, not in the virtualenv), in the same D-Bus session as the
app:

    python3 probe.py dump PID          every object: role, name, states, text
    python3 probe.py focus PID N       press Tab N times; who has focus after each

Prints JSON. Exits 3 if the app does not appear on the bus within 30 s.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pyatspi

INTERACTIVE = {
    "push button",
    "toggle button",
    "check box",
    "radio button",
    "menu",
    "menu item",
    "check menu item",
    "radio menu item",
    "combo box",
    "entry",
    "text",
    "password text",
    "spin button",
    "slider",
    "tree",
    "tree table",
    "list",
    "table",
    "page tab",
    "tool bar",
    "menu bar",
    "scroll bar",
    "link",
}


def find_app(pid: int):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            if app is not None and app.get_process_id() == pid and app.childCount:
                return app
        time.sleep(0.1)  # the app registers itself on the bus; nothing to wait on but the bus
    sys.exit(3)


def describe(node, path: str) -> dict:
    states = node.getState()
    item = {
        "path": path,
        "role": node.getRoleName(),
        "name": node.name or "",
        "description": node.description or "",
        "showing": states.contains(pyatspi.STATE_SHOWING),
        "focusable": states.contains(pyatspi.STATE_FOCUSABLE),
        "focused": states.contains(pyatspi.STATE_FOCUSED),
    }
    try:
        text = node.queryText()
    except NotImplementedError:
        text = None
    if text is not None:
        item["text"] = text.getText(0, -1)
    return item


def walk(node, path: str, out: list[dict], depth: int = 0) -> None:
    if node is None or depth > 40:
        return
    out.append(describe(node, path))
    for index in range(node.childCount):
        child = node.getChildAtIndex(index)
        if child is not None:
            walk(child, f"{path}/{child.getRoleName()}[{index}]", out, depth + 1)


def focused(node, path: str = ""):
    if node is None:
        return None
    if node.getState().contains(pyatspi.STATE_FOCUSED):
        return describe(node, path)
    for index in range(node.childCount):
        found = focused(node.getChildAtIndex(index), f"{path}/{index}")
        if found is not None:
            return found
    return None


def main() -> None:
    command, pid = sys.argv[1], int(sys.argv[2])
    app = find_app(pid)
    if command == "dump":
        nodes: list[dict] = []
        walk(app, app.getRoleName(), nodes)
        print(json.dumps(nodes, ensure_ascii=False))
    elif command == "focus":
        windows = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--pid", str(pid)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        subprocess.run(["xdotool", "windowfocus", "--sync", windows[-1]], check=True)
        chain = [focused(app)]
        for _ in range(int(sys.argv[3])):
            subprocess.run(["xdotool", "key", "--clearmodifiers", "Tab"], check=True)
            before = time.monotonic()
            now = focused(app)
            # Focus moves asynchronously; wait until the bus reports a change.
            while now == chain[-1] and time.monotonic() - before < 2:
                time.sleep(0.05)
                now = focused(app)
            chain.append(now)
        print(json.dumps(chain, ensure_ascii=False))


if __name__ == "__main__":
    main()
