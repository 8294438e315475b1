"""Unexpected errors: a log entry with the traceback, one dialog, and the app goes on."""

from __future__ import annotations

import faulthandler
import logging
import os
import shlex
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reader import crash, resources
from reader.ui import messages

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def crash_log(user_folders):
    """``crash.install()`` as ``main()`` runs it, undone afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    hooks = sys.excepthook, threading.excepthook
    crash.install()
    path = crash.log_path()
    assert path == resources.user_log_dir() / "reader.log"
    yield path
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    sys.excepthook, threading.excepthook = hooks
    faulthandler.disable()
    for box in messages.open_dialogs():
        box.done(0)


def log_text(path: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


@pytest.mark.qt_no_exception_capture
@pytest.mark.parametrize("language", ["en", "ru"])
def test_an_error_in_a_slot_is_logged_shown_and_the_window_goes_on(
    open_window, qtbot, crash_log, language, monkeypatch
):
    window = open_window(language)
    messages.set_dialogs_enabled(True)
    document = window.document
    original = document.section

    def broken(lang: str, section_id: str):
        if section_id == "osce":
            raise RuntimeError("the OSCE page exploded")
        return original(lang, section_id)

    monkeypatch.setattr(document, "section", broken)
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_Down)  # to "osce", whose page now fails

    log = log_text(crash_log)
    assert "CRITICAL reader: Unexpected error:" in log
    assert "Traceback (most recent call last):" in log
    assert "RuntimeError: the OSCE page exploded" in log
    assert "in broken" in log  # the frame that raised

    boxes = [box for box in messages.open_dialogs() if box.objectName() == "crashDialog"]
    assert len(boxes) == 1
    box = boxes[0]
    assert box.isVisible()
    expected = {
        "en": "Something went wrong, but Reader is still running.",
        "ru": "Произошла ошибка, но Reader продолжает работу.",
    }[language]
    assert expected in box.text()
    assert "the OSCE page exploded" in box.text()
    assert str(crash_log) in box.text()
    assert "RuntimeError: the OSCE page exploded" in box.detailedText()
    box.done(0)

    # The window still works: the next section opens and shows its text.
    qtbot.keyClick(window.tree, Qt.Key.Key_Down)
    assert window.section_id == "nato"
    assert original(language, "nato").title in window.text.toPlainText()


@pytest.mark.qt_no_exception_capture
def test_a_repeating_error_is_logged_each_time_but_shown_once(qapp, crash_log):
    from PySide6.QtCore import QTimer

    messages.set_dialogs_enabled(True)

    def fail() -> None:
        raise ValueError("again and again")

    for _ in range(5):
        QTimer.singleShot(0, fail)
    for _ in range(5):
        qapp.processEvents()
    assert log_text(crash_log).count("ValueError: again and again") >= 5
    assert len([b for b in messages.open_dialogs() if b.objectName() == "crashDialog"]) == 1


def test_an_error_in_a_thread_is_logged(crash_log):
    def fail() -> None:
        raise KeyError("from a worker")

    worker = threading.Thread(target=fail, name="worker")
    worker.start()
    worker.join()
    log = log_text(crash_log)
    assert "Unexpected error in thread worker" in log and "KeyError: 'from a worker'" in log


def test_with_dialogs_off_an_error_is_only_logged(qapp, crash_log):
    messages.set_dialogs_enabled(False)
    try:
        crash.report_exception(OSError, OSError("disk gone"), None)
    finally:
        messages.set_dialogs_enabled(True)
    assert not messages.open_dialogs()
    assert "disk gone" in log_text(crash_log)


def test_no_console_streams_do_not_break_the_report(crash_log, monkeypatch):
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    messages.set_dialogs_enabled(False)
    try:
        try:
            raise LookupError("nobody is watching the console")
        except LookupError as error:
            crash.report_exception(type(error), error, error.__traceback__)
    finally:
        messages.set_dialogs_enabled(True)
    assert "LookupError: nobody is watching the console" in log_text(crash_log)


def test_the_log_is_rotated_and_bounded(crash_log):
    line = "x" * 1000
    for _ in range(6 * crash.MAX_LOG_BYTES // 1000):
        logging.getLogger("reader").info(line)
    files = sorted(crash_log.parent.glob("reader.log*"))
    assert len(files) == crash.LOG_BACKUPS + 1
    assert all(path.stat().st_size <= crash.MAX_LOG_BYTES + 2000 for path in files)
    assert sum(path.stat().st_size for path in files) <= (crash.LOG_BACKUPS + 1) * (
        crash.MAX_LOG_BYTES + 2000
    )


# -- the real program, in a subprocess -------------------------------------------------


def run_reader(code: str, tmp_path: Path, closed: bool = False) -> subprocess.CompletedProcess:
    env = os.environ | {
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    command = [sys.executable, "-c", code]
    if closed:  # as a windowed build starts: no stdout, no stderr at all
        quoted = shlex.join(command)
        return subprocess.run(
            ["bash", "-c", f"exec {quoted} >&- 2>&-"], env=env, timeout=120, cwd=tmp_path
        )
    return subprocess.run(command, env=env, timeout=120, capture_output=True, text=True)


def state_log(tmp_path: Path) -> str:
    return (tmp_path / "state" / "reader" / "reader.log").read_text(encoding="utf-8")


def test_self_test_with_closed_streams_logs_its_crash_drill(tmp_path):
    result = run_reader(
        "import sys; from reader.cli import main; sys.exit(main(['--self-test']))",
        tmp_path,
        closed=True,
    )
    assert result.returncode == 0
    log = state_log(tmp_path)
    assert "deliberate error raised by reader --self-test" in log
    assert "Traceback (most recent call last):" in log


def test_check_with_closed_streams_reports_without_a_traceback(tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    result = run_reader(
        f"import sys; from reader.cli import main; sys.exit(main(['check', {str(bad)!r}]))",
        tmp_path,
        closed=True,
    )
    assert result.returncode == 1
    assert "Traceback" not in state_log(tmp_path)


def test_faulthandler_writes_a_hard_crash_into_the_log(tmp_path):
    result = run_reader(
        "from reader import crash; crash.install(); import faulthandler; faulthandler._sigsegv()",
        tmp_path,
    )
    assert result.returncode != 0
    log = state_log(tmp_path)
    assert "Fatal Python error: Segmentation fault" in log
    assert 'File "<string>", line 1' in log


def test_after_the_log_rolls_over_a_hard_crash_still_lands_in_it(tmp_path):
    result = run_reader(
        "import faulthandler, logging, os\n"
        "from reader import crash\n"
        "opened, kept = crash._RotatingLog._open, []\n"
        "def elsewhere(self):  # the old log's descriptor number goes to another file\n"
        "    kept.append(open(os.devnull))\n"
        "    return opened(self)\n"
        "crash._RotatingLog._open = elsewhere\n"
        "crash.install()\n"
        "for _ in range(2 * crash.MAX_LOG_BYTES // 1000):\n"
        "    logging.getLogger('reader').info('x' * 1000)\n"
        "faulthandler._sigsegv()\n",
        tmp_path,
    )
    assert result.returncode != 0
    folder = tmp_path / "state" / "reader"
    assert (folder / "reader.log.2").exists()  # it did roll over, twice
    log = state_log(tmp_path)
    assert "Fatal Python error: Segmentation fault" in log
    assert log.count("x" * 1000) < crash.MAX_LOG_BYTES // 1000


def test_qt_warnings_go_to_the_log(tmp_path):
    result = run_reader(
        "from reader import crash; crash.install()\n"
        "from reader.ui.application import ReaderApplication\n"
        "from PySide6.QtGui import QFont\n"
        "app = ReaderApplication(['reader'])\n"
        "QFont().setPointSize(-4)\n",
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    log = state_log(tmp_path)
    assert "WARNING qt: QFont::setPointSize: Point size <= 0 (-4)" in log
    assert "QFont" not in result.stderr  # Qt's chatter stays out of the console


def test_an_error_before_the_window_opens_is_reported_and_ends_the_program(tmp_path):
    result = run_reader(
        "import sys\n"
        "import reader.ui.mainwindow as mainwindow\n"
        "def broken(*args, **kwargs):\n"
        "    raise MemoryError('no room for a window')\n"
        "mainwindow.MainWindow.__init__ = broken\n"
        "from reader.cli import main\n"
        "sys.exit(main(['--no-error-dialogs']))\n",
        tmp_path,
    )
    assert result.returncode == 1
    log = state_log(tmp_path)
    assert "MemoryError: no room for a window" in log
    assert "Reader could not start." in log


def test_every_error_dialog_goes_through_the_messages_module():
    """Only messages.py makes message boxes (the About box is not an error)."""
    offenders = []
    for path in (REPO / "src" / "reader").rglob("*.py"):
        if path.name == "messages.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            uses = "QMessageBox." in line or "QErrorMessage" in line
            if uses and "QMessageBox.about(" not in line:
                offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert not offenders
