"""What Reader ships and under which licences, read from components.toml.

The packages carry the licence texts of everything they bundle (the LGPL asks
it of Qt and PySide6, the BSD licences of Babel and snowballstemmer, and so
on); Help › About shows them, build_deb.py writes the Debian copyright file
from the same list. Qt-free, so the packaging scripts and the tests use it
without a display.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from reader import resources

__all__ = ["Component", "components", "licence_text"]


@dataclass(frozen=True)
class Component:
    name: str
    part: str  # code, content, library, runtime, fonts
    license: str  # an SPDX expression where there is one
    copyright: str
    file: str
    source: str
    files: tuple[str, ...] = ()  # where it lies in the onedir, as debian/copyright globs
    also: tuple[str, ...] = ()

    def path(self) -> Path:
        return resources.licence_file(self.file)

    def paths(self) -> list[Path]:
        return [self.path(), *(resources.licence_file(name) for name in self.also)]


def components(folder: Path | None = None) -> list[Component]:
    """Every component in the order of components.toml."""
    path = (folder or resources.licenses_dir()) / "components.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [
        Component(
            name=item["name"],
            part=item["part"],
            license=item["license"],
            copyright=item["copyright"],
            file=item["file"],
            source=item["source"],
            files=tuple(item.get("files", ())),
            also=tuple(item.get("also", ())),
        )
        for item in data["component"]
    ]


def licence_text(component: Component) -> str:
    """The full text (and the texts it refers to, such as the GPL under the LGPL)."""
    parts = []
    for path in component.paths():
        try:
            parts.append(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            parts.append(f"[{path.name}: {error}]")
    return "\n\n".join(parts)
