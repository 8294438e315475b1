"""The toolbar: one click for the most used actions, crisp themed icons, EN | RU."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QToolButton

from reader import settings, textsize
from reader.settings import Settings
from reader.themes import DARK
from reader.ui.icons import themed_icon

from .test_mainwindow import action_named


def button_for(window, action) -> QToolButton:
    button = window.comfort.toolbar.widgetForAction(action)
    assert isinstance(button, QToolButton)
    return button


def test_buttons_do_what_their_menu_items_do(open_window, qtbot):
    window = open_window("en", section="osce")
    comfort = window.comfort
    qtbot.mouseClick(button_for(window, comfort.text_size.larger_action), Qt.MouseButton.LeftButton)
    assert comfort.text_size.size == 14
    qtbot.mouseClick(
        button_for(window, comfort.text_size.smaller_action), Qt.MouseButton.LeftButton
    )
    assert comfort.text_size.size == textsize.DEFAULT_SIZE
    window.show_section("nato")
    qtbot.mouseClick(button_for(window, comfort.navigation.back_action), Qt.MouseButton.LeftButton)
    assert window.section_id == "osce"
    qtbot.mouseClick(
        button_for(window, comfort.navigation.forward_action), Qt.MouseButton.LeftButton
    )
    assert window.section_id == "nato"


def test_tooltips_name_the_keys(open_window):
    window = open_window("en")
    assert window.comfort.navigation.back_action.toolTip() == "Back (Alt+Left)"
    assert window.comfort.text_size.larger_action.toolTip() == "Larger text (Ctrl+=)"
    window.set_language("ru")
    assert window.comfort.navigation.back_action.toolTip() == "Назад (Alt+Влево)"  # Qt's key names
    assert window.comfort.toolbar.windowTitle() == "Панель инструментов"


def test_en_ru_switches_the_language_like_the_menu(open_window, qtbot):
    window = open_window("en")
    toggle = window.comfort.toolbar.language_toggle
    assert [b.text() for b in toggle.buttons.values()] == ["EN", "RU"]
    assert toggle.buttons["en"].isChecked()
    qtbot.mouseClick(toggle.buttons["ru"], Qt.MouseButton.LeftButton)
    assert window.app.language == "ru"
    assert window.language_actions["ru"].isChecked()
    assert toggle.buttons["ru"].isChecked() and not toggle.buttons["en"].isChecked()
    assert toggle.buttons["ru"].accessibleName() == "Русский"
    action_named(window.language_menu, "English").trigger()
    assert toggle.buttons["en"].isChecked()


def test_the_toolbar_can_be_hidden_and_stays_hidden(open_window, settings_path):
    window = open_window("en")
    assert window.comfort.toolbar.isVisible()
    action_named(window.view_menu, "Toolbar").trigger()
    assert not window.comfort.toolbar.isVisible()
    window.close()
    assert Settings(settings_path).get(settings.TOOLBAR) is False
    reopened = open_window("en")
    assert not reopened.comfort.toolbar.isVisible()
    assert not reopened.comfort.toolbar.toggle_action.isChecked()


def test_icons_are_drawn_sharp_at_any_scale_in_the_theme_colour():
    icon = themed_icon("go-back", DARK.window_text, DARK.disabled_text)
    for scale in (1.0, 1.5, 2.0, 3.0):
        pixmap = icon.pixmap(QSize(20, 20), scale)
        assert pixmap.width() == round(20 * scale)
        image = pixmap.toImage()
        inked = [
            QColor.fromRgba(image.pixel(x, y))
            for x in range(image.width())
            for y in range(image.height())
            if QColor.fromRgba(image.pixel(x, y)).alpha() == 255
        ]
        assert inked, scale
        assert {colour.name() for colour in inked} == {DARK.window_text}


def test_every_toolbar_button_has_an_svg_icon(open_window):
    from PySide6.QtCore import QByteArray
    from PySide6.QtSvg import QSvgRenderer

    from reader import resources

    window = open_window("en")
    toolbar = window.comfort.toolbar
    buttons = [a for a in toolbar.actions() if isinstance(toolbar.widgetForAction(a), QToolButton)]
    assert len(buttons) >= 5
    assert all(not action.icon().isNull() for action in buttons)
    for name in ("go-back", "go-forward", "search", "text-smaller", "text-larger", "presentation"):
        svg = (resources.icons_dir() / f"{name}.svg").read_bytes()
        assert b"currentColor" in svg
        assert QSvgRenderer(QByteArray(svg)).isValid(), name


def test_the_search_action_has_its_place_after_forward(open_window):
    window = open_window("en")
    toolbar = window.comfort.toolbar
    toolbar.adopt_search_action()
    actions = [a for a in toolbar.actions() if not a.isSeparator()]
    forward = window.comfort.navigation.forward_action
    assert actions[actions.index(forward) + 1] is window.search_action
    assert not window.search_action.icon().isNull()
    toolbar.adopt_search_action()
    assert toolbar.actions().count(window.search_action) == 1


def test_toolbar_buttons_leave_tab_to_the_panes(open_window):
    window = open_window("en")
    for button in window.comfort.toolbar.findChildren(QToolButton):
        assert button.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert QApplication.instance() is not None


def test_an_icon_drawn_once_is_read_back_from_the_cache(qapp, tmp_path, monkeypatch):
    from reader.ui.icons import SvgIconEngine

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    drawn = themed_icon("go-back", DARK.window_text, DARK.disabled_text).pixmap(QSize(20, 20), 2.0)
    assert len(list((tmp_path / "reader" / "icons").glob("*.argb"))) == 1
    monkeypatch.setattr(SvgIconEngine, "paint", lambda *_args: None)  # no drawing any more
    again = themed_icon("go-back", DARK.window_text, DARK.disabled_text).pixmap(QSize(20, 20), 2.0)
    assert again.toImage() == drawn.toImage()
    assert again.devicePixelRatio() == 2.0


@pytest.mark.parametrize(
    "damage", [lambda kept: b"not a picture", lambda kept: bytes(len(kept))], ids=["cut", "zeroed"]
)
def test_a_damaged_icon_cache_is_drawn_again(qapp, tmp_path, monkeypatch, damage):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    drawn = themed_icon("search", DARK.window_text, DARK.disabled_text).pixmap(QSize(24, 24))
    (cached,) = (tmp_path / "reader" / "icons").glob("*.argb")
    cached.write_bytes(damage(cached.read_bytes()))  # zeroed: as a power cut may leave it
    again = themed_icon("search", DARK.window_text, DARK.disabled_text).pixmap(QSize(24, 24))
    assert again.toImage() == drawn.toImage()
    assert again.width() == 24
