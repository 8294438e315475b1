"""Offline and read-only: a whole session opens no network socket and writes nothing
into the install or content folder, whatever the content asks for.

The session (tests/drive_session.py) runs as a subprocess under ``strace -f``;
the trace is read for AF_INET/AF_INET6 sockets and for writes, and the session's
own audit hook reports Python-level sockets too. strace is required (.ci/run
installs it).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import reader
from conftest import seen
from reader import resources
from reader.content import load_document

REPO = Path(__file__).resolve().parents[1]
DRIVER = Path(__file__).with_name("drive_session.py")
STRACE = shutil.which("strace")
CHANGES = ("mkdir", "mkdirat", "rename", "renameat", "renameat2", "unlink", "unlinkat", "truncate")
OPENS = ("open", "openat", "creat")
TRACED = ",".join(("network", "execve", *OPENS, *CHANGES))
NETWORK_SOCKET = re.compile(r"\bsocket\(AF_INET6?,")
NETWORK_CONNECT = re.compile(r"\b(connect|sendto|bind)\(\d+, \{sa_family=AF_INET6?,")
LOOPBACK = re.compile(r'inet_addr\("127\.|inet_pton\(AF_INET6, "::1"')
# Read Aloud starts the system's speech service when it is not running. While
# it looks for its voice modules, speech-dispatcher knocks on 127.0.0.1:59125
# (a local MaryTTS server): this machine only, nothing leaves it. That, and no
# more, is let through; any other address, or any socket of Reader's own, fails.
SPEECH_SERVICE = re.compile(r'execve\("[^"]*/speech-dispatcher"')
WRITE_FLAGS = re.compile(r"O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|O_APPEND")
PATH_ARGUMENT = re.compile(r'"((?:[^"\\]|\\.)*)"')

HOSTILE = """
![remote picture](https://example.com/track.png) ![cdn](//example.com/x.png)
![local file](file:///etc/hostname) ![inline](data:image/png;base64,iVBORw0KGgo=)
![outside](../../outside.png) [web site](https://example.org/page)
[mail](mailto:someone@example.org) [js](javascript:void) [file](file:///etc/passwd)
<img src="http://example.com/x.png"> <script src="http://example.com/x.js"></script>
<link rel="stylesheet" href="https://example.com/x.css">
"""


def install_folders() -> list[Path]:
    """Where the program and its data live: nothing may be written there."""
    folders = {Path(reader.__file__).resolve().parent}
    for where in (resources.fonts_dir, resources.icons_dir, resources.locale_dir):
        folders.add(where().resolve())
    folders.add(resources.content_dir().resolve())
    return sorted(folders)


def make_read_only(root: Path) -> None:
    for path in [root, *root.rglob("*")]:
        mode = path.stat().st_mode
        path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def make_writable(root: Path) -> None:
    for path in [root, *root.rglob("*")]:
        path.chmod(path.stat().st_mode | stat.S_IWUSR)


def traced_run(command: list[str], trace: Path, env: dict[str, str], cwd: Path):
    assert STRACE, "strace is needed to watch the session (apt-get install strace)"
    command = [STRACE, "-f", "-qq", "-e", f"trace={TRACED}", "-o", str(trace), *command]
    return subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, timeout=300)


def network_sockets(trace: Path) -> list[str]:
    lines = trace.read_text().splitlines()
    speech = {line.split()[0] for line in lines if SPEECH_SERVICE.search(line)}
    local_only = {
        pid
        for pid in speech
        if all(
            LOOPBACK.search(line)
            for line in lines
            if line.split()[0] == pid and NETWORK_CONNECT.search(line)
        )
    }
    return [
        line
        for line in lines
        if (NETWORK_SOCKET.search(line) or NETWORK_CONNECT.search(line))
        and line.split()[0] not in local_only
    ]


def writes_under(trace: Path, folders: list[Path], cwd: Path) -> list[str]:
    """Trace lines that create, change or remove anything below ``folders``."""
    found = []
    for line in trace.read_text().splitlines():
        call = line.split(None, 1)[-1]
        name = call.split("(", 1)[0]
        opens_for_writing = name == "creat" or (name in OPENS and WRITE_FLAGS.search(call))
        if not opens_for_writing and name not in CHANGES:
            continue
        for raw in PATH_ARGUMENT.findall(call):
            path = Path(raw) if raw.startswith("/") else cwd / raw
            if any(path == folder or path.is_relative_to(folder) for folder in folders):
                found.append(line)
    return found


@pytest.fixture
def hostile_content(content_copy: Path):
    from badinputs import PNG

    (content_copy.parent / "outside.png").write_bytes(PNG)  # real, so only containment stops it
    for language in ("en", "ru"):
        path = content_copy / language / "osce.md"
        path.write_text(path.read_text(encoding="utf-8") + HOSTILE, encoding="utf-8")
    make_read_only(content_copy)
    yield content_copy
    make_writable(content_copy)


def session_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    return env | {
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "home" / "config"),
        "XDG_STATE_HOME": str(tmp_path / "home" / "state"),
        "XDG_CACHE_HOME": str(tmp_path / "home" / "cache"),
        "PYTHONDONTWRITEBYTECODE": "1",  # the interpreter's cache, not the app's doing
    }


def test_a_whole_session_is_offline_and_writes_only_to_user_folders(hostile_content, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    trace = tmp_path / "trace.txt"
    result = traced_run(
        [sys.executable, str(DRIVER), str(hostile_content), str(out)],
        trace,
        session_env(tmp_path),
        out,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))

    # The session really happened: every section, both languages, links, search, PDF.
    ids = load_document(hostile_content).manifest.ids()
    pages = summary["pages"]
    assert sorted(pages) == sorted(f"{lang}/{sid}" for lang in ("en", "ru") for sid in ids)
    assert all(text.strip() for text in pages.values())
    for language in ("en", "ru"):
        osce = seen(pages[f"{language}/osce"])
        for alt in ("[remote picture]", "[cdn]", "[local file]", "[inline]", "[outside]"):
            assert alt in osce  # the placeholder, not the picture
        assert '<script src="http://example.com/x.js"></script>' in osce  # text, not markup
    assert "https://example.org/page" in summary["links"]
    assert "mailto:someone@example.org" in summary["links"]
    assert not [link for link in summary["links"] if link.startswith(("javascript", "file"))]
    assert summary["opened_urls"] == []  # asked, the answer was no: nothing opened
    assert summary["side_by_side"] == [True] * len(ids)
    assert set(summary["search"]) == {"OSCE", "ООН", "security", "безопасности"}
    assert all(count > 0 for count in summary["search"].values()), summary["search"]
    assert len(summary["export"]) == 2, summary["export"]  # a PDF in each language
    assert all(size > 1000 for size in summary["export"]), summary["export"]
    # Read Aloud was asked for in both languages, of the system's own engine.
    assert sorted(summary["read_aloud"]) == ["en", "ru"]
    assert all(run["engine"] not in (None, "mock") for run in summary["read_aloud"].values())

    assert summary["network_attempts"] == []
    assert trace.stat().st_size > 0
    assert network_sockets(trace) == []
    folders = [*install_folders(), hostile_content.resolve()]
    assert writes_under(trace, folders, out) == []


def test_the_trace_reading_catches_what_it_looks_for(tmp_path):
    """The checks above can fail: a socket and a write are both seen."""
    target = tmp_path / "folder"
    target.mkdir()
    trace = tmp_path / "trace.txt"
    code = (
        "import socket, sys; socket.socket(socket.AF_INET6).close(); "
        "open(sys.argv[1] + '/note.txt', 'w').close()"
    )
    result = traced_run(
        [sys.executable, "-c", code, str(target)], trace, session_env(tmp_path), tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert network_sockets(trace)
    assert writes_under(trace, [target], tmp_path)


def test_only_the_speech_services_look_at_this_machine_is_let_through(tmp_path):
    trace = tmp_path / "trace.txt"
    service = '7 execve("/usr/bin/speech-dispatcher", ["speech-dispatcher", "--spawn"], 0x1) = 0'
    socket = "{pid} socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 10"
    local = (
        "{pid} connect(10, {{sa_family=AF_INET, sin_port=htons(59125), "
        'sin_addr=inet_addr("127.0.0.1")}}, 16) = -1'
    )
    remote = local.replace("127.0.0.1", "93.184.216.34")
    trace.write_text("\n".join([service, socket.format(pid=7), local.format(pid=7)]))
    assert network_sockets(trace) == []
    trace.write_text("\n".join([service, socket.format(pid=7), remote.format(pid=7)]))
    assert network_sockets(trace)  # the service reaching out is caught
    trace.write_text("\n".join([service, socket.format(pid=8), local.format(pid=8)]))
    assert network_sockets(trace)  # so is anyone else, even to this machine


def test_the_content_folder_is_left_as_it_was(hostile_content, tmp_path):
    """Read-only content still opens; afterwards not a byte or a name has changed."""
    before = {p: p.read_bytes() for p in hostile_content.rglob("*") if p.is_file()}
    out = tmp_path / "out"
    out.mkdir()
    result = subprocess.run(
        [sys.executable, str(DRIVER), str(hostile_content), str(out)],
        env=session_env(tmp_path),
        cwd=out,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    after = {p: p.read_bytes() for p in hostile_content.rglob("*") if p.is_file()}
    assert after == before


@pytest.mark.parametrize("answer", [True, False], ids=["yes", "no"])
def test_a_web_link_opens_in_the_browser_only_after_showing_the_address(
    open_window, monkeypatch, answer
):
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    from reader.ui import messages

    asked: list[str] = []
    opened: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda title, text: asked.append(text) or answer)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    window = open_window("en", section="osce")
    window.text.anchorClicked.emit(QUrl("https://example.org/page?q=1"))
    assert len(asked) == 1 and "https://example.org/page?q=1" in asked[0]
    assert opened == (["https://example.org/page?q=1"] if answer else [])
    assert window.section_id == "osce"


@pytest.mark.parametrize(
    "address", ["javascript:alert(1)", "data:text/html,hi", "file:///etc/passwd", "ftp://host/x"]
)
def test_other_links_are_refused_without_asking(open_window, monkeypatch, caplog, address):
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    from reader.ui import messages

    asked: list[str] = []
    opened: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda title, text: asked.append(text) or True)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    window = open_window("en", section="osce")
    window.text.anchorClicked.emit(QUrl(address))
    assert asked == [] and opened == []
    assert "does not open links of this kind" in caplog.text


def test_the_text_pane_loads_only_files_inside_the_content_folder(
    open_window, content_copy, tmp_path
):
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QColor, QImage, QTextDocument

    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    inside = content_copy / "en" / "dot.png"
    outside = tmp_path / "outside.png"
    assert image.save(str(inside)) and image.save(str(outside))
    (content_copy / "en" / "sneaky.png").symlink_to(outside)
    window = open_window("en", content=content_copy)
    kind = int(QTextDocument.ResourceType.ImageResource.value)
    assert window.text.loadResource(kind, QUrl.fromLocalFile(str(inside))) is not None
    for url in (
        QUrl.fromLocalFile(str(content_copy / "en" / ".." / ".." / "outside.png")),
        QUrl.fromLocalFile(str(content_copy / "en" / "sneaky.png")),
        QUrl.fromLocalFile(str(outside)),
        QUrl("https://example.com/dot.png"),
        QUrl("data:image/png;base64,iVBORw0KGgo="),
    ):
        assert window.text.loadResource(kind, url) is None, url.toString()
