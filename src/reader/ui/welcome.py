"""The welcome screen: the document's title in both languages, and a choice of language.

A visitor who walks up to a stand may read either language, and may not read
the one the screen was left in; so this screen speaks both at once: the title
and the prompt in each language, and one large button per language, named in
that language. It is the stand's first screen and the normal window's start
page (Go › Start). It only shows and tells: choosing a language is
``languageChosen``; what follows is for the window to decide.

Its type is sized from its own height, so the buttons are easy targets for a
finger on a laptop, a 1080p touch screen or a 4K display alike.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from reader import i18n
from reader.content import Document
from reader.i18n import N_

__all__ = ["WelcomeScreen"]

PROMPT = N_("Choose your language")
MIN_BUTTON_HEIGHT = 56  # px: above the 44–48 px a finger needs, on the smallest screen


class WelcomeScreen(QWidget):
    """Title and prompt in every language of the document; a button for each."""

    languageChosen = Signal(str)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeScreen")
        self.setAutoFillBackground(True)
        self.languages = [lang for lang in i18n.LANGUAGES if lang in document.languages]
        self.titles: list[QLabel] = []
        self.buttons: dict[str, QPushButton] = {}

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.addStretch(3)
        for language in self.languages:
            title = QLabel(document.title(language), self)
            title.setObjectName(f"welcomeTitle-{language}")
            title.setAlignment(Qt.AlignmentFlag.AlignCenter)
            title.setWordWrap(True)
            layout.addWidget(title)
            self.titles.append(title)
        layout.addStretch(2)
        self.prompt = QLabel(
            "  ·  ".join(i18n.gettext_in(lang, PROMPT) for lang in self.languages), self
        )
        self.prompt.setObjectName("welcomePrompt")
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prompt.setWordWrap(True)
        layout.addWidget(self.prompt)
        layout.addSpacing(24)
        row = QHBoxLayout()
        row.addStretch(1)
        for language in self.languages:
            button = QPushButton(i18n.language_name(language), self)
            button.setObjectName(f"welcome-{language}")
            button.setAccessibleName(i18n.language_name(language))
            button.setAccessibleDescription(i18n.gettext_in(language, PROMPT))
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, lang=language: self.choose(lang))
            row.addWidget(button, 2)
            self.buttons[language] = button
        row.addStretch(1)
        row.setSpacing(32)
        layout.addLayout(row)
        layout.addStretch(4)
        self.setStyleSheet(
            "#welcomeScreen QPushButton { background: palette(highlight);"
            " color: palette(highlighted-text); border: none; border-radius: 10px;"
            " padding: 0.4em 1.2em; }"
            "#welcomeScreen QPushButton:focus { border: 3px solid palette(window-text); }"
            "#welcomeScreen QPushButton:pressed { background: palette(dark); }"
        )
        self._fit_type(720)

    def choose(self, language: str) -> None:
        self.languageChosen.emit(language)

    def focus_language(self, language: str) -> None:
        """Put the keyboard on the button of ``language`` (Enter chooses it)."""
        button = self.buttons.get(language)
        if button is not None:
            button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fit_type(self, height: int) -> None:
        """Type and buttons in proportion to the screen: readable from a step back."""
        unit = max(height, 480) / 100  # one hundredth of the height
        base = self.font()
        for number, title in enumerate(self.titles):
            font = QFont(base)
            font.setPixelSize(round(unit * (5.2 if number == 0 else 4.4)))
            font.setBold(number == 0)
            title.setFont(font)
        prompt = QFont(base)
        prompt.setPixelSize(round(unit * 3.0))
        self.prompt.setFont(prompt)
        button_font = QFont(base)
        button_font.setPixelSize(round(unit * 3.6))
        button_font.setBold(True)
        for button in self.buttons.values():
            button.setFont(button_font)
            button.setMinimumHeight(max(MIN_BUTTON_HEIGHT, round(unit * 10)))
            button.setMinimumWidth(round(unit * 30))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit_type(event.size().height())
        super().resizeEvent(event)
