"""Build the .deb from the PyInstaller onedir (``make deb``).

    python resources/packaging/linux/build_deb.py DIST_DIR ICONS_DIR OUT_DIR

The app goes to /opt/reader, a launcher to /usr/bin/reader, with a desktop
entry, hicolor icons and AppStream metainfo. The names shown to people come
from the document's manifest. ``Depends`` is computed: every system library
that the bundle's binaries link to and that the bundle does not carry.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from debdocs import write_docs  # noqa: E402

from reader import __version__  # noqa: E402

PACKAGE = "reader"
APP_ID = "io.github.bilingualreader.reader"
INSTALL_DIR = Path("opt") / PACKAGE
SHARED_LIBRARY = re.compile(r"\.so(\.\d+)*$")
# Loaded at run time (dlopen), so no ELF file names them.
ALWAYS_DEPENDS = ["libgl1", "libegl1", "libxcb-cursor0", "fontconfig"]
# Read Aloud's voices: the speech service and its English and Russian (and more) voices.
RECOMMENDS = ["speech-dispatcher", "speech-dispatcher-espeak-ng"]


def manifest() -> dict:
    return tomllib.loads((ROOT / "resources/content/manifest.toml").read_text("utf-8"))


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == b"\x7fELF"
    except OSError:
        return False


def is_program(path: Path) -> bool:
    """Executable files keep their x bit; shared libraries and data do not (Debian policy)."""
    return os.access(path, os.X_OK) and not SHARED_LIBRARY.search(path.name)


def drop_build_machine_paths(bundle: Path) -> None:
    """Remove library search paths that point at the build machine (a pyenv Python's
    RUNPATH): the installed app must find its libraries in the bundle only."""
    for path in bundle.rglob("*"):
        if path.is_symlink() or not path.is_file() or not is_elf(path):
            continue
        dynamic = subprocess.run(
            ["readelf", "-d", str(path)], capture_output=True, text=True, check=True
        ).stdout
        found = re.findall(r"\((?:RUNPATH|RPATH)\)\s+Library r(?:un)?path: \[(.*)\]", dynamic)
        if not any(part and not part.startswith("$ORIGIN") for p in found for part in p.split(":")):
            continue
        if shutil.which("patchelf") is None:
            raise SystemExit(f"build_deb: {path} searches {found}; apt-get install patchelf")
        subprocess.run(["patchelf", "--remove-rpath", str(path)], check=True)


def md5sums(stage: Path) -> str:
    """DEBIAN/md5sums: what debsums checks an installed package against."""
    import hashlib

    lines = []
    for path in sorted(stage.rglob("*")):
        if path.is_file() and not path.is_symlink() and "DEBIAN" not in path.parts:
            digest = hashlib.md5(path.read_bytes()).hexdigest()
            lines.append(f"{digest}  {path.relative_to(stage).as_posix()}")
    return "\n".join(lines) + "\n"


def system_libraries(bundle: Path) -> set[str]:
    """Paths of the libraries outside the bundle that its binaries need."""
    found: set[str] = set()
    missing: set[str] = set()
    env = dict(os.environ, LD_LIBRARY_PATH=str(bundle / "_internal"))
    for path in bundle.rglob("*"):
        if path.is_symlink() or not path.is_file() or not is_elf(path):
            continue
        output = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env).stdout
        for line in output.splitlines():
            match = re.match(r"\s*(\S+) => (\S+)", line)
            if not match:
                continue
            name, target = match.groups()
            if target == "not":
                missing.add(name)
            elif not Path(target).resolve().is_relative_to(bundle.resolve()):
                found.add(target)
    if missing:
        raise SystemExit(f"build_deb: libraries not found on this machine: {sorted(missing)}")
    return found


def owning_packages(paths: set[str]) -> set[str]:
    packages: set[str] = set()
    for path in sorted(paths):
        candidates = {path, str(Path(path).resolve())}
        candidates |= {c.replace("/usr/lib/", "/lib/", 1) for c in list(candidates)}
        candidates |= {
            c.replace("/lib/", "/usr/lib/", 1) for c in list(candidates) if c.startswith("/lib/")
        }
        for candidate in candidates:
            result = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
            if result.returncode == 0:
                packages.add(result.stdout.split(":")[0].strip())
                break
        else:
            raise SystemExit(f"build_deb: no Debian package owns {path}")
    return packages


def desktop_entry(titles: dict[str, str]) -> str:
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        f"Name={titles['en']}",
        *(f"Name[{lang}]={title}" for lang, title in titles.items() if lang != "en"),
        "GenericName=Document Reader",
        "GenericName[ru]=Просмотр документа",
        "Comment=Read the document offline, in English and Russian",
        "Comment[ru]=Чтение документа без сети на английском и русском языках",
        f"Icon={APP_ID}",
        f"Exec=/usr/bin/{PACKAGE}",
        "Terminal=false",
        "Categories=Office;Viewer;",
        "Keywords=reader;document;bilingual;Russian;English;",
        "Keywords[ru]=чтение;документ;двуязычный;русский;английский;",
        "StartupNotify=true",
        f"StartupWMClass={PACKAGE}",
    ]
    return "\n".join(lines) + "\n"


def stand_entry(titles: dict[str, str]) -> str:
    """The second entry: the reader as a stand for visitors (``--kiosk``, docs/events.md)."""
    suffix = {"en": "stand", "ru": "стенд"}
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        f"Name={titles['en']} ({suffix['en']})",
        *(
            f"Name[{lang}]={title} ({suffix.get(lang, suffix['en'])})"
            for lang, title in titles.items()
            if lang != "en"
        ),
        "GenericName=Reading Stand",
        "GenericName[ru]=Информационный стенд",
        "Comment=Full screen for visitors: choose a language, read, back to the start when idle",
        "Comment[ru]=Полноэкранный режим для посетителей: выбор языка, чтение, "
        "возврат к началу при бездействии",
        f"Icon={APP_ID}",
        f"Exec=/usr/bin/{PACKAGE} --kiosk",
        "Terminal=false",
        "Categories=Office;Viewer;",
        "Keywords=stand;kiosk;exhibition;visitors;",
        "Keywords[ru]=стенд;киоск;выставка;посетители;",
        "StartupNotify=true",
        f"StartupWMClass={PACKAGE}",
    ]
    return "\n".join(lines) + "\n"


def metainfo(titles: dict[str, str], edition: str) -> str:
    names = "\n".join(
        f'  <name xml:lang="{lang}">{escape(title)}</name>'
        for lang, title in titles.items()
        if lang != "en"
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<component type="desktop-application">
  <id>{APP_ID}</id>
  <metadata_license>CC0-1.0</metadata_license>
  <project_license>MIT</project_license>
  <name>{escape(titles["en"])}</name>
{names}
  <summary>Read the document offline, in English and Russian</summary>
  <summary xml:lang="ru">Чтение документа без сети на английском и русском языках</summary>
  <description>
    <p>An offline reader for a bundled bilingual document: a section tree, a
    comfortable text pane and a language switch that keeps your place.</p>
    <p xml:lang="ru">Программа для чтения встроенного двуязычного документа без
    подключения к сети: дерево разделов, удобная для чтения страница и
    переключение языка с сохранением места в тексте.</p>
  </description>
  <launchable type="desktop-id">{APP_ID}.desktop</launchable>
  <developer id="io.github.bilingualreader">
    <name>Reader developers</name>
  </developer>
  <content_rating type="oars-1.1"/>
  <provides>
    <binary>{PACKAGE}</binary>
  </provides>
  <releases>
    <release version="{__version__}" date="{edition}"/>
  </releases>
</component>
"""


def build(dist: Path, icons: Path, out: Path) -> Path:
    data = manifest()
    titles = data["document"]["title"]
    edition = data["document"]["edition"].isoformat()
    bundle = dist / PACKAGE
    if not (bundle / PACKAGE).is_file():
        raise SystemExit(f"build_deb: {bundle / PACKAGE} missing; run `make dist` first")

    stage = out / "deb-root"
    shutil.rmtree(stage, ignore_errors=True)
    shutil.copytree(bundle, stage / INSTALL_DIR, symlinks=True)
    drop_build_machine_paths(stage / INSTALL_DIR)

    launcher = stage / "usr/bin" / PACKAGE
    launcher.parent.mkdir(parents=True)
    launcher.write_text(f'#!/bin/sh\nexec /{INSTALL_DIR}/{PACKAGE} "$@"\n', encoding="utf-8")
    launcher.chmod(0o755)

    share = stage / "usr/share"
    (share / "applications").mkdir(parents=True)
    (share / "applications" / f"{APP_ID}.desktop").write_text(desktop_entry(titles), "utf-8")
    (share / "applications" / f"{APP_ID}.stand.desktop").write_text(stand_entry(titles), "utf-8")
    (share / "metainfo").mkdir(parents=True)
    (share / "metainfo" / f"{APP_ID}.metainfo.xml").write_text(metainfo(titles, edition), "utf-8")
    for size_dir in sorted((icons / "hicolor").iterdir()):
        target = share / "icons/hicolor" / size_dir.name / "apps"
        target.mkdir(parents=True)
        shutil.copy(size_dir / "apps/reader.png", target / f"{APP_ID}.png")
    scalable = share / "icons/hicolor/scalable/apps"
    scalable.mkdir(parents=True)
    shutil.copy(ROOT / "resources/icons/reader.svg", scalable / f"{APP_ID}.svg")
    # Man page, changelog, machine-readable copyright, lintian overrides (debdocs.py).
    write_docs(stage, PACKAGE, INSTALL_DIR, data["document"]["edition"], titles["en"])

    depends = sorted(owning_packages(system_libraries(stage / INSTALL_DIR)) | set(ALWAYS_DEPENDS))
    architecture = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    size_kb = sum(f.lstat().st_size for f in stage.rglob("*") if not f.is_dir()) // 1024
    control = stage / "DEBIAN" / "control"
    control.parent.mkdir()
    control.write_text(
        f"""Package: {PACKAGE}
Version: {__version__}
Architecture: {architecture}
Maintainer: Reader developers <reader@example.org>
Installed-Size: {size_kb}
Depends: {", ".join(depends)}
Recommends: {", ".join(RECOMMENDS)}
Section: text
Priority: optional
Description: {titles["en"]} (offline bilingual reader)
 Reads the bundled document offline in English and Russian, with a section
 tree, a language switch that keeps your place, and a standalone runtime that
 needs no Python on the machine.
""",
        encoding="utf-8",
    )
    for path in stage.rglob("*"):
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() or is_program(path) else 0o644)
    (stage / "DEBIAN" / "md5sums").write_text(md5sums(stage), encoding="utf-8")
    (stage / "DEBIAN" / "md5sums").chmod(0o644)
    target = out / f"{PACKAGE}_{__version__}_{architecture}.deb"
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(stage), str(target)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return target


if __name__ == "__main__":
    dist, icons, out = (Path(arg) for arg in sys.argv[1:4])
    print(build(dist, icons, out))
