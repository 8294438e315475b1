"""Find in page: a bar along the bottom of the text pane (Ctrl+F).

Matches are found as typed, in any case, with ``ё`` and ``е`` taken as one
letter, any quote, apostrophe or dash matching any other, and the page's
soft hyphens and no-break spaces read as if they were not there; all of them are
marked and the current one stands out. Enter and F3 go to the next match,
Shift+Enter and Shift+F3 to the previous one, Esc closes the bar.

The Edit menu's actions that open it live in ``reader.ui.finding``, which
builds the bar the first time one of them is used.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRegularExpression, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QToolButton

from reader.i18n import _, ngettext
from reader.ui.highlights import CURRENT_MATCH, MATCH, PaneHighlights, reveal

__all__ = ["FindBar", "find_pattern"]

MAX_MATCHES = 10_000
_SOFT_HYPHEN = r"\x{00AD}?"
_FOLDS = (
    ("её", "[её]"),
    ("'’ʼ‘`", "['’ʼ‘`]"),
    ('"“”«»„', '["“”«»„]'),
    ("-‐‑‒–—", "[-‐‑‒–—]"),
)


def find_pattern(needle: str) -> QRegularExpression | None:
    """What the find bar looks for, or None for nothing to find."""
    if not needle.strip():
        return None
    parts: list[str] = []
    for char in needle.strip():
        if char.isspace():
            if parts[-1] != r"\s+":
                parts.append(r"\s+")
            continue
        folded = next((group for chars, group in _FOLDS if char.casefold() in chars), None)
        parts.append(folded or QRegularExpression.escape(char))
    options = (
        QRegularExpression.PatternOption.CaseInsensitiveOption
        | QRegularExpression.PatternOption.UseUnicodePropertiesOption
    )
    # The page holds soft hyphens (reader.typography) that the person never types.
    return QRegularExpression(_SOFT_HYPHEN.join(parts), options)


class FindBar(QFrame):
    """Lives on the pane it searches; hidden until Ctrl+F."""

    def __init__(self, pane, app) -> None:
        super().__init__(pane)
        self.setObjectName("findBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self._pane = pane
        self._matches: list[tuple[int, int]] = []
        self._current = -1
        self._highlights = PaneHighlights.of(pane)
        self._highlights.textReplaced.connect(self._text_replaced)

        self.field = QLineEdit(self)
        self.field.setObjectName("findField")
        self.field.setClearButtonEnabled(True)
        self.field.setMinimumWidth(220)
        self.count = QLabel(self)
        self.count.setObjectName("findCount")
        self.count.setMinimumWidth(90)
        self.previous_button = QToolButton(self)
        self.previous_button.setArrowType(Qt.ArrowType.UpArrow)
        self.next_button = QToolButton(self)
        self.next_button.setArrowType(Qt.ArrowType.DownArrow)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        for button in (self.previous_button, self.next_button, self.close_button):
            button.setAutoRaise(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.setSpacing(6)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addStretch(0)
        layout.addWidget(self.close_button)

        self.field.textChanged.connect(lambda _text: self.refresh(move=True))
        self.field.installEventFilter(self)
        self.previous_button.clicked.connect(self.find_previous)
        self.next_button.clicked.connect(self.find_next)
        self.close_button.clicked.connect(self.close_bar)
        self._watched = (pane, pane.viewport())
        for watched in self._watched:
            watched.installEventFilter(self)
        self.hide()
        app.languageChanged.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(_("Find in page"))
        self.field.setPlaceholderText(_("Find in page"))
        self.field.setAccessibleName(_("Find in page"))
        self.count.setAccessibleName(_("Matches"))
        self.previous_button.setToolTip(_("Previous match (Shift+Enter, Shift+F3)"))
        self.previous_button.setAccessibleName(_("Previous match"))
        self.next_button.setToolTip(_("Next match (Enter, F3)"))
        self.next_button.setAccessibleName(_("Next match"))
        self.close_button.setToolTip(_("Close (Esc)"))
        self.close_button.setAccessibleName(_("Close the find bar"))
        self._show_count()

    # -- showing -------------------------------------------------------------

    def open_bar(self) -> None:
        """Show the bar (or bring focus back to it) with its text selected."""
        if not self.isVisible():
            self.show()
            self._place()
            self.refresh(move=True)
        self.raise_()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def close_bar(self) -> None:
        if not self.isVisible():
            return
        self.hide()
        self._pane.setViewportMargins(0, 0, 0, 0)
        self._highlights.clear("find")
        self._pane.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_pane(self, pane) -> None:
        """Search another pane from now on (a column of the side-by-side view), open or not."""
        if pane is self._pane:
            return
        was_open = self.isVisible()
        if was_open:
            self.hide()
            self._pane.setViewportMargins(0, 0, 0, 0)
            self._highlights.clear("find")
        for watched in self._watched:
            watched.removeEventFilter(self)
        self._highlights.textReplaced.disconnect(self._text_replaced)
        self._pane = pane
        self.setParent(pane)
        self._highlights = PaneHighlights.of(pane)
        self._highlights.textReplaced.connect(self._text_replaced)
        self._watched = (pane, pane.viewport())
        for watched in self._watched:
            watched.installEventFilter(self)
        if was_open:
            self.show()
            self._place()

    def _place(self) -> None:
        """Just under the text, beside the scroll bar, which keeps its full height."""
        height = self.sizeHint().height()
        if self._pane.viewportMargins().bottom() != height:
            self._pane.setViewportMargins(0, 0, 0, height)
        view = self._pane.viewport().geometry()
        self.setGeometry(view.left(), view.bottom() + 1, view.width(), height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched in self._watched:
            if self.isVisible():
                self._place()
        elif watched is self.field and isinstance(event, QKeyEvent):
            key = event.key()
            if event.type() == QEvent.Type.ShortcutOverride and key == Qt.Key.Key_Escape:
                event.accept()  # Esc is ours while typing here, not a window shortcut's
                return False
            if event.type() == QEvent.Type.KeyPress:
                if key == Qt.Key.Key_Escape:
                    self.close_bar()
                    return True
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                        self.find_previous()
                    else:
                        self.find_next()
                    return True
        return super().eventFilter(watched, event)

    # -- finding -------------------------------------------------------------

    def matches(self) -> list[tuple[int, int]]:
        return list(self._matches)

    def current(self) -> int:
        """0-based index of the current match, -1 when there is none."""
        return self._current

    def refresh(self, move: bool) -> None:
        """Find again; with ``move``, go to the first match from the top of the view."""
        pattern = find_pattern(self.field.text()) if self.isVisible() else None
        self._matches = []
        if pattern is not None and pattern.isValid():
            document = self._pane.document()
            cursor = document.find(pattern, 0)
            while not cursor.isNull() and len(self._matches) < MAX_MATCHES:
                if cursor.hasSelection():
                    self._matches.append((cursor.selectionStart(), cursor.selectionEnd()))
                cursor = document.find(pattern, cursor)
        top = self._pane.cursorForPosition(QPoint(0, 0)).position()
        self._current = next(
            (number for number, (start, _end) in enumerate(self._matches) if start >= top),
            0 if self._matches else -1,
        )
        self._show(move)

    def find_next(self) -> None:
        self._step(1)

    def find_previous(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        if not self.isVisible() or not self.field.text().strip():
            self.open_bar()
            return
        if self._matches:
            self._current = (self._current + direction) % len(self._matches)
        self._show(move=True)

    def _show(self, move: bool) -> None:
        spans = [
            (start, end, CURRENT_MATCH if number == self._current else MATCH)
            for number, (start, end) in enumerate(self._matches)
        ]
        self._highlights.set_layer("find", spans)
        if move and self._current >= 0:
            reveal(self._pane, self._matches[self._current][0])
        self._show_count()

    def _show_count(self) -> None:
        total = len(self._matches)
        if not self.field.text().strip():
            self.count.setText("")
        elif total == 0:
            self.count.setText(_("No matches"))
        else:
            self.count.setText(
                ngettext("{current} of {total}", "{current} of {total}", total).format(
                    current=self._current + 1, total=total
                )
            )

    def _text_replaced(self) -> None:
        if self.isVisible():
            self.refresh(move=False)
