"""What a frozen PySide6 bundle keeps: one set of rules for every spec.

``build.spec`` (Reader) and ``benchmarks/floor/floor.spec`` (the bare PySide6
window that ``make bench`` measures Reader against) both filter their
PyInstaller ``Analysis`` through ``trim``, so the floor is trimmed exactly as
the product is and a size ratio compares like with like. On Linux ``trim``
also swaps ICU's 32 MB data library for one with what Qt uses (icudata.py).

Plain Python: PyInstaller is imported only by ``without_orphans``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from pathlib import Path

__all__ = [
    "EXCLUDES",
    "HYPHENATION_DICTIONARIES",
    "LINUX_SYSTEM_LIBS",
    "OPTIMIZE",
    "QT_MODULES",
    "QT_PLUGIN_KEEP",
    "binary_wanted",
    "data_wanted",
    "plugin_wanted",
    "qt_library_wanted",
    "trim",
    "without_orphans",
]

# Python and PySide6 modules no spec of ours wants analysed at all.
# typing_extensions: Babel imports it only for type checkers, yet through it
# asyncio and multiprocessing enter the graph, and with them a runtime hook
# that imports multiprocessing at every start.
EXCLUDES = [
    "tkinter", "ssl", "_ssl", "unittest", "pydoc", "doctest", "pdb", "lib2to3", "setuptools", "pip",
    "typing_extensions",
    # Search dictionaries: used at build time only (reader.searchbuild).
    "pymorphy3", "pymorphy3_dicts_ru", "dawg_python", "lemminflect", "numpy",
    "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets",
    "PySide6.QtPdf", "PySide6.QtOpenGLWidgets", "PySide6.QtSql", "PySide6.QtTest",
    "PySide6.QtXml", "PySide6.QtDesigner", "PySide6.QtHelp", "PySide6.QtUiTools",
    "PySide6.QtConcurrent", "PySide6.QtSvgWidgets", "PySide6.QtOpenGL",
    "PySide6.QtMultimedia", "PySide6.QtMultimediaWidgets",
]  # fmt: skip
# QtDBus asks the Linux desktop to keep the screen on while a stand runs
# (reader.ui.inhibit); Windows and macOS use their own power APIs instead.
if sys.platform != "linux":
    EXCLUDES.append("PySide6.QtDBus")
# Only Windows uses ctypes (reader.ui.inhibit); PyInstaller's bootstrap imports
# a bundled ctypes at every start (~2 ms with libffi), so elsewhere it stays out.
if sys.platform != "win32":
    EXCLUDES.append("ctypes")

# Bytecode without docstrings and asserts (python -OO): smaller code objects
# that every start unpacks from the archive and unmarshals, ~4 ms less before
# the first frame. Nothing in the bundle reads __doc__ at run time.
OPTIMIZE = 2

# Qt modules the app imports; every other Qt library is dropped. Read Aloud's
# TextToSpeech links Multimedia, which links Network and Concurrent: libraries
# only (their Python modules stay excluded), loaded on first use of speech.
QT_MODULES = {"Core", "Gui", "Widgets", "PrintSupport", "Svg", "DBus", "XcbQpa", "WaylandClient",
              "WlShellIntegration",
              "TextToSpeech", "Multimedia", "Network", "Concurrent"}  # fmt: skip
QT_PLUGIN_KEEP = {
    "platforms": {"qxcb", "qwayland", "qoffscreen", "qwindows", "qcocoa", "qminimal"},
    "imageformats": {"qsvg"},
    "iconengines": {"qsvgicon"},
    "platformthemes": {"qxdgdesktopportal"},
    "styles": {"qmodernwindowsstyle", "qwindowsvistastyle", "qmacstyle"},
    "wayland-shell-integration": {"xdg-shell"},
    "wayland-decoration-client": {"bradient"},
    "printsupport": {"cupsprintersupport"},
    # Each platform's voices, and the mock engine the self-test speaks through.
    "texttospeech": {"qtexttospeech_speechd", "qtexttospeech_winrt", "qtexttospeech_sapi",
                     "qtexttospeech_darwin", "qtexttospeech_mock"},
    # WinRT voices play through QtMultimedia: its native Windows backend, not FFmpeg.
    "multimedia": {"windowsmediaplugin"},
}  # fmt: skip
# On Linux these come from the system (the .deb's Depends, computed from the
# bundle by resources/packaging/linux/build_deb.py): every desktop has them,
# and a bundled fontconfig that disagrees with the system's config misrenders.
LINUX_SYSTEM_LIBS = re.compile(
    r"^lib(X11|X11-xcb|Xau|Xdmcp|xcb.*|xkbcommon.*|fontconfig|freetype|glib-2\.0|gthread-2\.0"
    r"|dbus-1|systemd|gcrypt|gpg-error|zstd|pcre2-8|lz4|lzma|bz2|brotli.*|png16|expat|bsd|md"
    r"|cap|ffi|z|stdc\+\+|gcc_s"
    # CUPS (the print dialog's printer list) and what it links to: encryption,
    # Kerberos, Avahi. Every desktop with a printer has them; bundled, they would
    # be a second TLS stack under licences of their own.
    r"|cups|avahi-.*|gnutls|nettle|hogweed|gmp|gssapi_krb5|krb5|krb5support|k5crypto|com_err"
    r"|keyutils|p11-kit|tasn1|idn2|unistring"
    # Read Aloud: PulseAudio's client (QtMultimedia's sound) and speech-dispatcher's,
    # and the sound-file codecs PulseAudio's client links to (libpulse0 depends on them).
    r"|pulse[\w.-]*|speechd|sndfile|FLAC|mp3lame|mpg123|ogg|opus|vorbis|vorbisenc|asyncns)\.so"
)

FFMPEG = re.compile(r"^(lib)?(avcodec|avformat|avutil|avdevice|avfilter|swresample|swscale)\b")

Entry = tuple[str, str, str]  # PyInstaller's TOC entry: (destination, source, kind)


def qt_library_wanted(name: str) -> bool:
    match = re.search(r"(?:lib)?Qt6([A-Za-z]+)", Path(name).name)
    return match is None or match.group(1) in QT_MODULES


def plugin_wanted(dest: str) -> bool:
    parts = Path(dest).parts
    if "plugins" not in parts:
        return True
    index = parts.index("plugins")
    if len(parts) < index + 3:
        return True
    kind, stem = parts[index + 1], Path(parts[-1]).stem.removeprefix("lib")
    return stem in QT_PLUGIN_KEEP.get(kind, set())


def binary_wanted(dest: str) -> bool:
    name = Path(dest).name
    # No network, so no OpenSSL; no East Asian legacy codecs (content is UTF-8).
    if name.startswith(
        ("libssl", "libcrypto", "_ssl.", "_hashlib.", "_codecs_", "_multibytecodec.")
    ):
        return False
    if FFMPEG.match(name):  # QtMultimedia's FFmpeg backend is not kept: nor is FFmpeg
        return False
    if sys.platform.startswith("linux") and LINUX_SYSTEM_LIBS.match(name):
        return False
    return plugin_wanted(dest) and qt_library_wanted(name)


# Pyphen ships 80 hyphenation dictionaries (6 MB); reader.hyphenation uses these.
HYPHENATION_DICTIONARIES = {"hyph_en_US.dic", "hyph_ru_RU.dic"}


def data_wanted(dest: str, languages: Iterable[str]) -> bool:
    """Qt translations, Babel locale data and hyphenation only for ``languages``."""
    path = Path(dest)
    languages = set(languages)
    if path.parts[0] == "pyphen" and "dictionaries" in path.parts:
        return path.name in HYPHENATION_DICTIONARIES
    if path.suffix == ".qm":
        return path.stem in {f"qtbase_{lang}" for lang in languages if lang != "en"}
    if "locale-data" in path.parts and path.parts[0] == "babel":
        return path.stem in {"root", *languages}
    if "plugins" in path.parts:
        return plugin_wanted(dest)
    if ".so" in path.name or path.suffix in (".dll", ".dylib"):
        return binary_wanted(dest)  # symlinks to libraries land in datas
    return "PySide6/Qt/qml" not in dest and "PySide6/Qt/resources/qtwebengine" not in dest


def without_orphans(binaries: list[Entry]) -> list[Entry]:
    """Drop system libraries that only the filtered-out plugins needed.

    PyInstaller collects dependencies before we filter, so libgtk's or
    libcups's friends would stay behind; keep only what the kept files link to.
    """
    from PyInstaller.depend.bindepend import get_imports

    top_level = {
        Path(dest).name: (dest, src, kind)
        for dest, src, kind in binaries
        if "/" not in dest.replace("\\", "/")
    }
    roots = [
        src
        for dest, src, _kind in binaries
        if Path(dest).name not in top_level or Path(dest).name.startswith("libpython")
    ]
    needed: set[str] = set()
    queue = roots
    while queue:
        for name, _path in get_imports(queue.pop()):
            base = Path(name).name
            if base in top_level and base not in needed:
                needed.add(base)
                queue.append(top_level[base][1])
    return [
        entry
        for entry in binaries
        if Path(entry[0]).name not in top_level
        or Path(entry[0]).name in needed
        or Path(entry[0]).name.startswith("libpython")  # loaded by the bootloader
    ]


def trim(analysis, languages: Iterable[str], workdir: str | Path | None = None) -> None:
    """Filter an ``Analysis``'s binaries and datas in place.

    With ``workdir`` (the spec's ``workpath``), on Linux, ICU's data library
    is replaced by a smaller one made there (see icudata.py).
    """
    languages = list(languages)
    analysis.binaries = [entry for entry in analysis.binaries if binary_wanted(entry[0])]
    if sys.platform.startswith("linux"):
        analysis.binaries = without_orphans(analysis.binaries)
        if workdir is not None:
            analysis.binaries = [
                _smaller_icu(entry, Path(workdir), languages) for entry in analysis.binaries
            ]
    analysis.datas = [entry for entry in analysis.datas if data_wanted(entry[0], languages)]


def _smaller_icu(entry: Entry, workdir: Path, languages: list[str]) -> Entry:
    dest, source, kind = entry
    if not Path(dest).name.startswith("libicudata.so"):
        return entry
    from icudata import smaller_icu_library

    smaller = smaller_icu_library(Path(source), workdir / "icudata" / Path(dest).name, languages)
    return (dest, str(smaller), kind) if smaller else entry
