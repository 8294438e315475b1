"""Build hook: wheels carry the document, fonts, icon, compiled catalogs and search index.

The data lives at the top of the repository (resources/, translations/); a
wheel puts it in ``reader/data/``, where reader.resources looks first.
Editable installs read it from the repository instead.
"""

import shutil
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        data = Path(self.build_lib) / "reader" / "data"
        shutil.rmtree(data, ignore_errors=True)
        shutil.copytree(ROOT / "resources" / "content", data / "content")
        shutil.copytree(ROOT / "resources" / "fonts", data / "fonts")
        shutil.copytree(ROOT / "resources" / "licenses", data / "licenses")
        shutil.copy(ROOT / "LICENSE", data / "licenses")
        (data / "icons").mkdir(parents=True)
        for svg in sorted((ROOT / "resources" / "icons").glob("*.svg")):
            shutil.copy(svg, data / "icons")
        sys.path.insert(0, str(ROOT / "src"))  # reader.searchbuild, from this checkout
        from reader.searchbuild import write_prebuilt

        write_prebuilt(data / "search.sqlite3", ROOT / "resources" / "content")
        for po in sorted((ROOT / "translations").glob("*/LC_MESSAGES/reader.po")):
            target = data / "locale" / po.relative_to(ROOT / "translations").with_suffix(".mo")
            target.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as source, target.open("wb") as out:
                write_mo(out, read_po(source, locale=po.parent.parent.name))


setup(cmdclass={"build_py": BuildWithData})
