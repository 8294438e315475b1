"""Help › About: version, edition, the licences of everything shipped, in both languages."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reader import licences
from reader.ui.about import AboutDialog

from .test_mainwindow import action_named

ABOUT = {"en": "About Reader", "ru": "О программе Reader"}


def open_about(window, language: str) -> AboutDialog:
    action_named(window.help_menu, ABOUT[language]).trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def about_text(dialog: AboutDialog) -> str:
    labels = [dialog.title, dialog.version, dialog.edition, dialog.offline]
    labels += [dialog.code_licence, dialog.lgpl]
    return "\n".join(label.text() for label in labels)


@pytest.mark.parametrize(
    ("language", "edition", "words"),
    [
        ("en", "November 27, 2026", ["MIT licence", "GNU Lesser General Public License"]),
        ("ru", "27 ноября 2026", ["лицензии MIT", "GNU Lesser General Public License"]),
    ],
)
def test_about_shows_version_edition_and_the_lgpl_terms(open_window, language, edition, words):
    window = open_window(language)
    dialog = open_about(window, language)
    assert dialog.windowTitle() == ABOUT[language]
    text = about_text(dialog)
    assert dialog.title.text() == window.document.title(language)
    assert edition in text
    for word in words:
        assert word in text
    # What the LGPL asks: where the sources are and how to put other builds in place.
    assert "https://download.qt.io/official_releases/qt/" in text
    assert "https://download.qt.io/official_releases/QtForPython/" in text
    assert "libQt6*.so.6" in text


def test_about_follows_a_language_switch(open_window):
    window = open_window("en")
    dialog = open_about(window, "en")
    window.set_language("ru")
    assert dialog.windowTitle() == ABOUT["ru"]
    assert dialog.tabs.tabText(1) == "Лицензии"
    assert "27 ноября 2026" in about_text(dialog)


def component_names(dialog: AboutDialog) -> list[str]:
    items = dialog.component_list
    return [items.item(row).text() for row in range(items.count())]


@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_licence_text_can_be_read(open_window, language):
    window = open_window(language)
    dialog = open_about(window, language)
    shipped = licences.components()
    names = component_names(dialog)
    assert len(names) == len(shipped)
    fonts = {"en": "PT Serif and PT Sans fonts", "ru": "Шрифты PT Serif и PT Sans"}[language]
    assert {"Qt 6", "Python", "Babel", "snowballstemmer", fonts} <= set(names)
    licence_word = {"en": "Licence: ", "ru": "Лицензия: "}[language]
    for row, component in enumerate(shipped):
        dialog.component_list.setCurrentRow(row)
        shown = dialog.licence_view.toPlainText()
        assert shown.startswith(names[row] + "\n" + licence_word)
        body = component.path().read_text(encoding="utf-8")
        assert body.strip() and body in shown
    dialog.component_list.setCurrentRow(names.index("Qt 6"))
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in dialog.licence_view.toPlainText()
    assert "GNU GENERAL PUBLIC LICENSE" in dialog.licence_view.toPlainText()


def test_a_title_with_markup_is_shown_as_written(open_window, content_copy):
    manifest = content_copy / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(
        text.replace('en = "Foreign Multilateral Co-operation"', 'en = "<b>x</b> & <i>y</i>"'),
        encoding="utf-8",
    )
    window = open_window("en", content=content_copy)
    dialog = open_about(window, "en")
    assert dialog.title.text() == "<b>x</b> & <i>y</i>"
    assert dialog.title.textFormat() == Qt.TextFormat.PlainText


def test_about_opens_once_per_window(open_window):
    window = open_window("en")
    first = open_about(window, "en")
    assert open_about(window, "en") is first
    assert len(window.findChildren(AboutDialog)) == 1


def test_the_licences_tab_speaks_russian_and_follows_a_switch(open_window):
    window = open_window("ru")
    dialog = open_about(window, "ru")
    names = component_names(dialog)
    assert names[0] == "Reader"
    assert names[1] == "Многостороннее сотрудничество (документ)"
    assert "ICU (в составе Qt)" in names and "Загрузчик PyInstaller" in names
    assert "Источник: репозиторий Reader" in dialog.licence_view.toPlainText()
    window.set_language("en")
    assert component_names(dialog)[1] == "Foreign Multilateral Co-operation (the document)"
    assert "Source: this repository" in dialog.licence_view.toPlainText()


def test_licence_lines_are_not_broken_again(open_window, qtbot):
    window = open_window("en")
    dialog = open_about(window, "en")
    dialog.tabs.setCurrentIndex(1)
    qtbot.waitExposed(dialog)
    view = dialog.licence_view
    block = view.document().begin()
    while block.isValid():  # each line of the MIT text stays one line on screen
        assert block.layout().lineCount() == 1, block.text()
        block = block.next()
    assert view.horizontalScrollBar().maximum() == 0  # and fits the dialog as it opens
