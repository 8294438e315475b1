"""The frozen app and the .deb, checked the way they ship (``make test``).

These run when READER_PACKAGING=1 (set by ``make test`` after ``make deb``);
a plain ``pytest`` run skips them, CI never does.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from reader import __version__
from xserver import xvfb

REPO = Path(__file__).resolve().parents[1]
BUNDLE = REPO / "dist" / "reader"
PACKAGING = os.environ.get("READER_PACKAGING") == "1"
needs_build = pytest.mark.skipif(not PACKAGING, reason="set READER_PACKAGING=1 (make test)")

UNWANTED = re.compile(
    r"Qt6(Qml|Quick|Pdf|WebEngine|OpenGL|Sql|Test|Designer|Help|MultimediaWidgets|MultimediaQuick"
    r"|VirtualKeyboard|FFmpegStub)|Qt(Network|Qml|Quick|Pdf|WebEngine|Multimedia)[A-Za-z]*\.abi3"
    r"|libssl|libcrypto|_ssl\.|libqgtk3|libqjpeg|libqgif|libqtiff|libqwebp"
    r"|libav(codec|format|util)|libsw(scale|resample)|ffmpegmediaplugin|libpulse"
    r"|pymorphy3|lemminflect|numpy|dawg"
)
# Read Aloud: QtTextToSpeech and what it links, with the engine plugins (the rest of Addons is not).
SPEECH = (
    "PySide6/QtTextToSpeech.abi3.so",
    "PySide6/Qt/lib/libQt6TextToSpeech.so.6",
    "PySide6/Qt/lib/libQt6Multimedia.so.6",
    "PySide6/Qt/plugins/texttospeech/libqtexttospeech_speechd.so",
    "PySide6/Qt/plugins/texttospeech/libqtexttospeech_mock.so",
)


def deb_file() -> Path:
    found = sorted((REPO / "dist").glob(f"reader_{__version__}_*.deb"))
    assert found, "no .deb in dist/: run `make deb`"
    return found[-1]


def headless_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    return env


@needs_build
def test_frozen_self_test_passes_offscreen(tmp_path):
    env = headless_env() | {"HOME": str(tmp_path)}
    result = subprocess.run(
        [str(BUNDLE / "reader"), "--self-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test passed" in result.stdout
    assert "FAIL" not in result.stdout


@needs_build
def test_frozen_app_runs_without_stdout_or_stderr(tmp_path):
    """A windowed build has no console: closed streams must not break it."""
    env = headless_env() | {"HOME": str(tmp_path)}
    command = f'exec "{BUNDLE / "reader"}" --self-test >&- 2>&-'
    result = subprocess.run(["bash", "-c", command], env=env, timeout=120)
    assert result.returncode == 0


@needs_build
def test_frozen_app_logs_an_error_in_a_slot_with_no_console_from_a_read_only_folder(tmp_path):
    """The self-test's crash drill raises inside a slot; the log must hold its traceback.

    Run from a read-only copy of the bundle with stdout and stderr closed, as a
    windowed build starts; the copy must be unchanged afterwards.
    """
    copy = tmp_path / "reader"
    shutil.copytree(BUNDLE, copy, symlinks=True)
    for path in [copy, *copy.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.stat().st_mode & ~0o222)
    before = sorted(p.as_posix() for p in copy.rglob("*"))
    state = tmp_path / "state"
    env = headless_env() | {"HOME": str(tmp_path / "home"), "XDG_STATE_HOME": str(state)}
    result = subprocess.run(
        ["bash", "-c", f'exec "{copy / "reader"}" --self-test >&- 2>&-'], env=env, timeout=120
    )
    assert result.returncode == 0
    log = (state / "reader" / "reader.log").read_text(encoding="utf-8")
    assert "deliberate error raised by reader --self-test" in log
    assert "Traceback (most recent call last):" in log
    assert sorted(p.as_posix() for p in copy.rglob("*")) == before
    for path in [copy, *copy.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.stat().st_mode | 0o200)


@needs_build
def test_bundle_carries_only_what_the_app_uses():
    files = [p.relative_to(BUNDLE).as_posix() for p in BUNDLE.rglob("*")]
    assert not [f for f in files if UNWANTED.search(f)]
    translations = [f for f in files if f.endswith(".qm")]
    assert [Path(f).name for f in translations] == ["qtbase_ru.qm"]
    babel = {Path(f).stem for f in files if "babel/locale-data/" in f}
    assert babel == {"en", "ru", "root"}
    hyphenation = {Path(f).name for f in files if "pyphen/dictionaries/" in f}
    assert hyphenation == {"hyph_en_US.dic", "hyph_ru_RU.dic"}
    for name in (
        "content/manifest.toml",
        "fonts/LICENSE.txt",
        "locale/ru/LC_MESSAGES/reader.mo",
        "search.sqlite3",
        "hyphenation.marshal",
    ):
        assert any(f.endswith(f"reader/data/{name}") for f in files), name
    manifest = r"reader/data/manifests/[0-9a-f]{8}-[0-9a-f]+\.marshal$"
    assert [f for f in files if re.search(manifest, f)]
    for name in SPEECH:
        assert f"_internal/{name}" in files, name


@needs_build
def test_the_frozen_start_loads_pysides_support_compiled_by_the_build(tmp_path):
    """reader.qtload: the run-time hook finds the bytecode the spec made for it."""
    trace = tmp_path / "trace"
    assert shutil.which("strace"), "strace is needed (apt-get install strace)"
    subprocess.run(
        [
            "strace",
            "-f",
            "-e",
            "trace=openat",
            "-o",
            str(trace),
            str(BUNDLE / "reader"),
            "--version",
        ],
        capture_output=True,
        check=True,
        timeout=60,
        env=headless_env() | {"HOME": str(tmp_path)},
    )
    opened = [line for line in trace.read_text().splitlines() if "/pyside-code-" in line]
    assert opened, "the frozen start never looked for PySide's bytecode"
    assert all("ENOENT" not in line for line in opened), opened


@needs_build
def test_the_first_search_of_a_fresh_installation_builds_nothing(tmp_path):
    env = headless_env() | {"HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    result = subprocess.run(
        [str(BUNDLE / "reader"), "search", "ассамблея", "--lang", "ru"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("united-nations\t")  # «Ассамблеи» in the text
    assert not (tmp_path / "cache").exists()


@needs_build
def test_deb_metadata_validates(tmp_path):
    subprocess.run(["dpkg-deb", "-x", str(deb_file()), str(tmp_path)], check=True)
    applications = tmp_path / "usr/share/applications"
    desktop = applications / "io.github.bilingualreader.reader.desktop"
    stand = applications / "io.github.bilingualreader.reader.stand.desktop"
    for entry in (desktop, stand):
        checked = subprocess.run(
            ["desktop-file-validate", str(entry)], capture_output=True, text=True
        )
        assert checked.returncode == 0 and "error" not in checked.stdout.lower(), checked.stdout
    text = desktop.read_text(encoding="utf-8")
    assert "Name=Foreign Multilateral Co-operation" in text
    assert "Name[ru]=Многостороннее сотрудничество" in text
    stand_text = stand.read_text(encoding="utf-8")
    assert "Name=Foreign Multilateral Co-operation (stand)" in stand_text
    assert "Name[ru]=Многостороннее сотрудничество (стенд)" in stand_text
    assert "Exec=/usr/bin/reader --kiosk" in stand_text
    metainfo = next((tmp_path / "usr/share/metainfo").glob("*.xml"))
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(metainfo)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "usr/share/icons/hicolor/256x256/apps").is_dir()
    assert (tmp_path / "opt/reader/reader").is_file()
    fields = subprocess.run(
        ["dpkg-deb", "-f", str(deb_file()), "Depends"], capture_output=True, text=True
    ).stdout
    for package in ("libxcb-cursor0", "libegl1", "libfontconfig1", "libspeechd2", "libpulse0"):
        assert package in fields
    recommends = subprocess.run(
        ["dpkg-deb", "-f", str(deb_file()), "Recommends"], capture_output=True, text=True
    ).stdout
    assert recommends.split() == ["speech-dispatcher,", "speech-dispatcher-espeak-ng"]


@needs_build
@pytest.mark.skipif(os.geteuid() != 0, reason="installing a .deb needs root (CI is root)")
def test_deb_installs_runs_and_removes_cleanly(tmp_path):
    deb = deb_file()
    env = headless_env() | {"HOME": str(tmp_path), "DEBIAN_FRONTEND": "noninteractive"}
    # Without the recommended speech service: it would stay behind after the removal
    # and change what later sessions on this machine do (the Recommends are checked above).
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", str(deb)],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
        timeout=600,
    )
    try:
        installed = sorted(p.as_posix() for p in Path("/opt/reader").rglob("*"))
        result = subprocess.run(
            ["/usr/bin/reader", "--self-test"], capture_output=True, text=True, env=env, timeout=120
        )
        assert result.returncode == 0, result.stdout + result.stderr

        desktop = Path("/usr/share/applications/io.github.bilingualreader.reader.desktop")
        exec_line = next(
            line for line in desktop.read_text().splitlines() if line.startswith("Exec=")
        )
        title = run_under_xvfb(exec_line.removeprefix("Exec=").split(), env)
        assert title == "Foreign Multilateral Co-operation"
        assert sorted(p.as_posix() for p in Path("/opt/reader").rglob("*")) == installed, (
            "the app wrote into its install folder"
        )
    finally:
        subprocess.run(
            ["apt-get", "remove", "-y", "-qq", "reader"],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
            timeout=600,
        )
    assert not Path("/opt/reader").exists()
    assert shutil.which("reader", path="/usr/bin") is None


def run_under_xvfb(command: list[str], env: dict[str, str]) -> str:
    """Start ``command`` on a fresh Xvfb, wait for its window, return the title."""
    with xvfb() as display:
        app_env = env | {"DISPLAY": display}
        app = subprocess.Popen(
            [*command, "--no-error-dialogs"],
            env=app_env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            # xdotool --sync waits until the window is mapped.
            found = subprocess.run(
                ["xdotool", "search", "--sync", "--onlyvisible", "--class", "reader"],
                capture_output=True,
                text=True,
                env=app_env,
                timeout=30,
            )
            assert app.poll() is None, f"the app exited with {app.returncode}"
            windows = found.stdout.split()
            name = subprocess.run(
                ["xdotool", "getwindowname", windows[-1]],
                capture_output=True,
                text=True,
                env=app_env,
                check=True,
            )
            return name.stdout.strip()
        finally:
            app.terminate()
            app.wait(timeout=10)


def test_github_workflow_is_valid_yaml():
    workflow = yaml.safe_load((REPO / ".github/workflows/build.yml").read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    assert set(jobs) >= {"linux", "windows", "macos"}
    for job in jobs.values():
        commands = " ".join(step.get("run", "") for step in job["steps"])
        assert "--self-test" in commands


def test_installer_recipes_exist_beside_the_spec():
    iss = (REPO / "resources/packaging/windows/reader.iss").read_text(encoding="utf-8")
    assert "PrivilegesRequired=lowest" in iss
    assert 'Name: "russian"' in iss and 'Name: "english"' in iss
    assert "desktopicon" in iss
    assert 'Parameters: "--kiosk"' in iss and "{cm:StandTitle}" in iss
    dmg = REPO / "resources/packaging/macos/make_dmg.sh"
    assert "hdiutil create" in dmg.read_text(encoding="utf-8")


# -- licences and Debian's documentation -----------------------------------------


@needs_build
def test_the_onedir_carries_every_licence_text():
    from reader import licences

    data = BUNDLE / "_internal" / "reader" / "data"
    for component in licences.components():
        for name in [component.file, *component.also]:
            shipped = data / "licenses" / name
            assert shipped.is_file(), f"{component.name}: {shipped} missing"
            assert shipped.read_bytes() == licences.resources.licence_file(name).read_bytes()


def deb_member(member: str) -> bytes:
    data = subprocess.run(
        ["dpkg-deb", "--fsys-tarfile", str(deb_file())], capture_output=True, check=True
    ).stdout
    import io
    import tarfile

    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        handle = archive.extractfile(f"./{member}")
        assert handle is not None, member
        return handle.read()


@needs_build
def test_deb_has_copyright_changelog_and_man_page():
    import gzip

    from reader import licences

    copyright_text = deb_member("usr/share/doc/reader/copyright").decode("utf-8")
    assert copyright_text.startswith(
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
    )
    stanzas = copyright_text.split("\n\n")[1:]
    assert len(stanzas) == len(licences.components())
    for stanza, component in zip(stanzas, licences.components(), strict=True):
        fields = dict(line.split(": ", 1) for line in stanza.splitlines()[:3])
        assert set(fields) == {"Files", "Copyright", "License"}, stanza[:200]
        assert component.name in stanza
    assert "/usr/share/common-licenses/LGPL-3" in copyright_text
    changelog = gzip.decompress(deb_member("usr/share/doc/reader/changelog.gz")).decode()
    assert changelog.startswith(f"reader ({__version__}) ")
    man = gzip.decompress(deb_member("usr/share/man/man1/reader.1.gz")).decode()
    for command in ("check", "export", "search"):
        assert f".SS {command}\n" in man
    assert "\\-\\-self\\-test" in man


@needs_build
def test_deb_libraries_are_not_executable():
    listing = subprocess.run(
        ["dpkg-deb", "-c", str(deb_file())], capture_output=True, text=True, check=True
    ).stdout
    executable = [
        line.split()[-1]
        for line in listing.splitlines()
        if line.startswith("-") and "x" in line.split()[0] and re.search(r"\.so(\.\d+)*$", line)
    ]
    assert executable == []
    programs = [line.split()[-1] for line in listing.splitlines() if line.startswith("-rwx")]
    assert sorted(programs) == ["./opt/reader/reader", "./usr/bin/reader"]


@needs_build
def test_lintian_finds_no_errors_or_warnings():
    """Only what an app bundled in /opt must have, overridden with its reason."""
    assert shutil.which("lintian"), "apt-get install lintian"
    result = subprocess.run(
        ["lintian", "--display-info", str(deb_file())],
        capture_output=True,
        text=True,
        timeout=900,
    )
    problems = [line for line in result.stdout.splitlines() if line.startswith(("E:", "W:"))]
    assert problems == [], result.stdout[-3000:]
    assert "dir-or-file-in-opt" not in result.stdout  # overridden, so not reported
