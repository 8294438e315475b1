"""History with Alt+Left / Alt+Right and the mouse; next and previous section."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl

from .keyboard import ALT, CTRL, press


def visit(window, qtbot, *sections: str) -> None:
    """Open sections one after another by choosing them in the tree."""
    model = window.tree.section_model()
    for section_id in sections:
        window.tree.setCurrentIndex(model.index_of(section_id))
        assert window.section_id == section_id


def test_back_and_forward_go_through_visited_sections_in_order(open_window, qtbot):
    window = open_window("en", section="osce")
    visit(window, qtbot, "nato", "united-nations", "european-security")
    seen = []
    for _ in range(3):
        press(window, qtbot, window.text, Qt.Key.Key_Left, ALT)
        seen.append(window.section_id)
    assert seen == ["united-nations", "nato", "osce"]
    assert not window.comfort.navigation.back_action.isEnabled()
    press(window, qtbot, window.text, Qt.Key.Key_Right, ALT)
    press(window, qtbot, window.tree, Qt.Key.Key_Right, ALT)
    assert window.section_id == "united-nations"
    assert window.tree.currentIndex().data() == "The United Nations"


def test_going_somewhere_new_forgets_the_way_forward(open_window, qtbot):
    window = open_window("en", section="osce")
    visit(window, qtbot, "nato")
    press(window, qtbot, window.text, Qt.Key.Key_Left, ALT)
    assert window.comfort.navigation.forward_action.isEnabled()
    visit(window, qtbot, "world-order")
    assert not window.comfort.navigation.forward_action.isEnabled()
    press(window, qtbot, window.text, Qt.Key.Key_Left, ALT)
    assert window.section_id == "osce"


def test_back_returns_to_the_paragraph_one_was_reading(open_window, qtbot):
    window = open_window("en")
    window.resize(700, 330)
    qtbot.waitUntil(lambda: window.text.viewport().height() < 330)  # laid out again
    window.show_section("united-nations")
    window.text.scroll_to_paragraph(1, 0.5)
    window.text.anchorClicked.emit(QUrl("section:osce"))  # a link in the text
    assert window.section_id == "osce"
    press(window, qtbot, window.text, Qt.Key.Key_Left, ALT)
    assert window.position()[:2] == ("united-nations", 1)


def test_mouse_back_and_forward_buttons(open_window, qtbot):
    window = open_window("en", section="osce")
    visit(window, qtbot, "nato")
    qtbot.mouseClick(window.text.viewport(), Qt.MouseButton.BackButton)
    assert window.section_id == "osce"
    qtbot.mouseClick(window.tree.viewport(), Qt.MouseButton.ForwardButton)
    assert window.section_id == "nato"


def test_ctrl_page_down_and_up_walk_the_tree_in_reading_order(open_window, qtbot):
    window = open_window("en", section="multilateral-diplomacy")
    walked = []
    for _ in range(5):
        press(window, qtbot, window.text, Qt.Key.Key_PageDown, CTRL)
        walked.append(window.section_id)
    assert walked == ["osce", "nato", "united-nations", "human-trafficking", "un-initiatives"]
    press(window, qtbot, window.tree, Qt.Key.Key_PageUp, CTRL)
    assert window.section_id == "human-trafficking"
    press(window, qtbot, window.text, Qt.Key.Key_Left, ALT)
    assert window.section_id == "un-initiatives"


def test_next_stops_at_the_last_section(open_window, qtbot):
    window = open_window("en", section="world-order")
    assert not window.comfort.navigation.next_action.isEnabled()
    press(window, qtbot, window.text, Qt.Key.Key_PageDown, CTRL)
    assert window.section_id == "world-order"
    assert window.comfort.navigation.previous_action.isEnabled()


def test_previous_stops_at_the_first_section(open_window, qtbot):
    window = open_window("en", section="multilateral-diplomacy")
    assert not window.comfort.navigation.previous_action.isEnabled()
    assert window.comfort.navigation.next_action.isEnabled()
    press(window, qtbot, window.text, Qt.Key.Key_PageUp, CTRL)
    assert window.section_id == "multilateral-diplomacy"


def test_changing_language_or_size_is_not_a_visit(open_window, qtbot):
    window = open_window("en", section="osce")
    press(window, qtbot, window.text, Qt.Key.Key_L, CTRL)
    press(window, qtbot, window.text, Qt.Key.Key_Equal, CTRL)
    assert not window.comfort.navigation.back_action.isEnabled()
