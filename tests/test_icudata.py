"""The smaller ICU data library of the Linux bundle (resources/packaging/icudata.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "resources" / "packaging"))

import icudata  # noqa: E402

QT_LIB = Path(__import__("PySide6").__file__).parent / "Qt" / "lib"
ICU = sorted(QT_LIB.glob("libicudata.so.*"))
needs_icu = pytest.mark.skipif(
    not ICU or not (shutil.which("objcopy") and shutil.which("ld")),
    reason="this PySide6 does not bundle ICU, or binutils is missing",
)


@pytest.mark.parametrize(
    ("name", "size", "kept"),
    [
        ("icudt73l/coll/ru.res", 500, True),
        ("icudt73l/coll/root.res", 300_000, True),
        ("icudt73l/coll/ucadata.icu", 570_000, True),
        ("icudt73l/coll/de.res", 500, False),
        ("icudt73l/coll/res_index.res", 1500, True),
        ("icudt73l/zone/en_GB.res", 900, True),
        ("icudt73l/brkitr/ru.res", 100, False),
        ("icudt73l/ru_UA.res", 80, True),
        ("icudt73l/zh_Hant.res", 80, False),
        ("icudt73l/zoneinfo64.res", 150_000, True),
        ("icudt73l/pool.res", 160_000, True),
        ("icudt73l/ibm-1251_P100-1995.cnv", 3168, True),
        ("icudt73l/gb18030.cnv", 232_816, False),
        ("icudt73l/cnvalias.icu", 64_000, True),
    ],
)
def test_what_stays_in_the_icu_data(name, size, kept):
    assert icudata.item_wanted(name, size, ["en", "ru"]) is kept


@needs_icu
def test_the_smaller_library_keeps_russian_collation_and_cyrillic_codecs(tmp_path):
    smaller = icudata.smaller_icu_library(ICU[-1], tmp_path / ICU[-1].name, ["en", "ru"])
    assert smaller is not None
    assert smaller.stat().st_size < ICU[-1].stat().st_size / 4
    probe = (
        "from PySide6.QtCore import QCollator, QLocale, QStringDecoder\n"
        "words = ['ёж', 'яблоко', 'арбуз', 'ель']\n"
        "print(sorted(words, key=QCollator(QLocale('ru')).sortKey))\n"
        "print(QStringDecoder('windows-1251').isValid(), QStringDecoder('Big5').isValid())\n"
    )
    env = os.environ | {"LD_LIBRARY_PATH": str(tmp_path)}  # found before Qt's own copy
    result = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.splitlines() == ["['арбуз', 'ёж', 'ель', 'яблоко']", "True False"]
