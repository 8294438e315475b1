"""The main window: section tree, text pane, menus."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QByteArray, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QSplitter, QWidget

from reader import i18n, settings
from reader.content import ContentError, Document, split_link
from reader.i18n import N_, _
from reader.render import SECTION_SCHEME, first_screen, render_section
from reader.ui import messages
from reader.ui.application import ReaderApplication
from reader.ui.comfort import ReadingComfort
from reader.ui.finding import Finding
from reader.ui.fitting import fit_to_screen
from reader.ui.placekeeper import PlaceKeeper
from reader.ui.printing import PrintActions
from reader.ui.readaloud import ReadAloud
from reader.ui.screens import ensure_on_screen
from reader.ui.sectiontree import SectionModel, SectionTree
from reader.ui.sidebyside import SideBySide
from reader.ui.sidepanel import SidePanel
from reader.ui.startpage import StartPage
from reader.ui.textpane import TextPane, after_first_page

# What the first screen does not show is built, and its modules loaded, on first use.
if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from reader.search import Query
    from reader.ui.findbar import FindBar
    from reader.ui.searchpanel import SearchPanel

__all__ = ["MainWindow", "ReadingActions"]

log = logging.getLogger(__name__)


class ReadingActions(NamedTuple):
    """The actions a reader uses most, for a bar of large buttons (``reader.ui.stand``)."""

    home: QAction
    back: QAction
    previous: QAction
    next: QAction
    smaller: QAction
    larger: QAction
    side_by_side: QAction
    read_aloud: QAction


def shown_address(url: QUrl) -> str:
    """The address as a person must see it before opening it: the host as the
    network sees it (punycode), so that "аpple.com" with a Cyrillic "а" shows as
    xn--pple-43d.com; the path and query stay readable."""
    shown = url.toString()
    host = url.host()
    if url.scheme() == "mailto":
        user, at, domain = url.path().rpartition("@")
        ace = QUrl.toAce(domain).toStdString() if at and domain else ""
        return f"mailto:{user}@{ace}" + shown[len("mailto:") + len(url.path()) :] if ace else shown
    if host:
        decoded = f"{url.scheme()}://{url.authority()}"
        encoded = f"{url.scheme()}://{url.authority(QUrl.ComponentFormattingOption.EncodeUnicode)}"
        if shown.startswith(decoded):
            return encoded + shown[len(decoded) :]
        return url.toString(QUrl.ComponentFormattingOption.EncodeUnicode)
    return shown


class MainWindow(QMainWindow):
    sectionShown = Signal(str)  # a section was (re)drawn: opened, or restyled in place

    def __init__(
        self,
        app: ReaderApplication,
        document: Document,
        store: settings.Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.app = app
        self.document = document
        self.store = store
        self.section_id = document.manifest.ids()[0]

        self.tree = SectionTree(SectionModel(document, app.language), self)
        self.tree.setObjectName("sectionTree")
        self.text = TextPane(self)
        self.text.setObjectName("textPane")
        self.text.set_local_root(document.root.resolve().as_uri() + "/")
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.side_panel = SidePanel(app, document, self.tree, self)  # filter box above the tree
        self.splitter.addWidget(self.side_panel)
        self.splitter.addWidget(self.text)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([320, 780])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self.resize(1100, 760)
        self.outside_links = True  # http(s) and mailto links may open the browser, when asked
        self._resetting = False  # reset_reading draws the page once, at its end
        # (paragraph, fraction) the pane's first screen of a section opened at, while the
        # rest of it is still to be drawn (show_section)
        self._cut_at: tuple[int, float] | None = None
        after_first_page([self.text], self._show_the_rest)  # before the features' own waits

        self._create_actions()
        self._create_menus()
        self.edit_menu: QMenu | None = None  # made by the first feature that adds to it
        self.printing = PrintActions(self)  # File: print, preview, export as PDF
        self.side_by_side = SideBySide(self)  # View > Side by Side: both languages in columns
        # Go > Start: the welcome screen, in the window's centre (the stand's first screen).
        self.start_page = StartPage(self, document, self.set_language, lambda: self.app.language)
        # Text size, themes, presentation, history, toolbar, Edit and Go menus.
        self.comfort = ReadingComfort(self)
        self.comfort.navigation.return_to_text = self.start_page.return_to_text
        self.finding = Finding(self)  # Edit: Ctrl+F find bar, Ctrl+K search panel
        self.search_action = self.finding.search_action  # the toolbar shows it too
        self.side_by_side.connect_features(self.comfort)
        self.read_aloud = ReadAloud(  # View > Read Aloud; QtTextToSpeech loads on first use
            app,
            document,
            store,
            position=self.position,
            show_section=self.show_section,
            mark=self.side_by_side.mark_paragraph,
            shown=self.sectionShown,
            parent=self,
        )
        self.view_menu.addMenu(self.read_aloud.menu)
        self.comfort.toolbar.add_button(self.read_aloud.read_action, "read-aloud", N_("Read aloud"))
        self.comfort.add_presenter_action(self.read_aloud.read_action, "read-aloud")
        self.tree.open_top_level()
        self.tree.sectionActivated.connect(self.show_section)
        self.text.linkActivated.connect(self._follow_link)
        self.side_by_side.linkActivated.connect(self._follow_link)
        app.languageChanged.connect(self._language_changed)
        self.place_keeper = PlaceKeeper(self.save_state, self)
        self._watch_place()
        self.retranslate()

    # -- actions and menus -------------------------------------------------

    def _create_actions(self) -> None:
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)

        self.tree_action = QAction(self, checkable=True, checked=True)
        self.tree_action.setShortcut(QKeySequence("F9"))
        self.tree_action.toggled.connect(self.side_panel.setVisible)
        self.expand_action = QAction(self)
        self.expand_action.triggered.connect(self.tree.expandAll)
        self.collapse_action = QAction(self)
        self.collapse_action.triggered.connect(self.tree.collapseAll)

        self.language_group = QActionGroup(self)
        self.language_group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for language in i18n.LANGUAGES:
            action = QAction(i18n.language_name(language), self, checkable=True)
            action.setData(language)
            action.triggered.connect(lambda _checked=False, lang=language: self.set_language(lang))
            self.language_group.addAction(action)
            self.language_actions[language] = action
        self.toggle_language_action = QAction(self)
        self.toggle_language_action.setShortcut(QKeySequence("Ctrl+L"))
        self.toggle_language_action.triggered.connect(self.toggle_language)

        self.about_action = QAction(self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)

    def _create_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(self.quit_action)
        self.view_menu = bar.addMenu("")
        self.view_menu.addAction(self.tree_action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.expand_action)
        self.view_menu.addAction(self.collapse_action)
        self.language_menu = bar.addMenu("")
        for action in self.language_actions.values():
            self.language_menu.addAction(action)
        self.language_menu.addSeparator()
        self.language_menu.addAction(self.toggle_language_action)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.about_action)

    def retranslate(self) -> None:
        """Set every visible text in the current language."""
        language = self.app.language
        self.setWindowTitle(self.document.title(language))
        self.file_menu.setTitle(_("&File"))
        self.quit_action.setText(_("&Quit"))
        self.view_menu.setTitle(_("&View"))
        self.tree_action.setText(_("Section &Tree"))
        self.expand_action.setText(_("&Expand All Sections"))
        self.collapse_action.setText(_("&Collapse All Sections"))
        self.language_menu.setTitle(_("&Language"))
        self.toggle_language_action.setText(_("&Switch Language"))
        self.help_menu.setTitle(_("&Help"))
        self.about_action.setText(_("&About Reader"))
        self.language_actions[language].setChecked(True)
        self.start_page.retranslate()
        self.tree.setAccessibleName(_("Sections"))
        self.text.setAccessibleName(_("Text"))

    # -- search ------------------------------------------------------------

    @property
    def find_bar(self) -> FindBar:
        """Find in page (Ctrl+F), built the first time it is used or asked for."""
        return self.finding.find_bar

    @property
    def search_panel(self) -> SearchPanel:
        """The search panel (Ctrl+K), built the first time it is used or asked for."""
        return self.finding.search_panel

    def open_search_result(
        self, section_id: str, language: str, paragraph: int, query: Query
    ) -> None:
        """Show a search result: its language, its section, its words marked."""
        from reader.ui.highlights import mark_search_matches

        if language != self.app.language:
            self.set_language(language)
        self.show_section(section_id, paragraph)
        mark_search_matches(self.side_by_side.reading_pane(), query, paragraph)

    # -- reading -----------------------------------------------------------

    def show_section(
        self,
        section_id: str,
        paragraph: int = 0,
        fraction: float = 0.0,
        *,
        reveal: bool = True,
        first: bool = False,
    ) -> None:
        """Render a section in the current language and scroll to a paragraph.

        The text comes into view (from the start page) unless ``reveal`` is False.
        ``first``: the window's first page. Of a long section only what a
        screen shows from ``paragraph`` on is drawn, and the rest once that
        is on the screen (``_show_the_rest``): typesetting and laying out a
        10 KB section took 6 ms of the start-up.
        """
        if self._resetting:
            return
        if self.document.manifest.entry(section_id) is None:
            log.warning("No section %r; showing the first one", section_id)
            section_id, paragraph, fraction = self.document.manifest.ids()[0], 0, 0.0
        self.comfort.navigation.before_show(section_id)  # history: leaving a section is a visit
        self.section_id = section_id
        self._cut_at = None
        if reveal:
            self.start_page.show_reading()
        if self.side_by_side.active:
            self.side_by_side.show_section(section_id, paragraph, fraction)
            self.tree.select_section(section_id)
        else:
            screen = (paragraph, self.text.characters_on_screen(), fraction) if first else None
            self.text.show_html(self._render(section_id, screen))
            self.tree.select_section(section_id)
            self.text.scroll_to_paragraph(paragraph, fraction)
        self.place_keeper.changed()
        self.sectionShown.emit(section_id)

    def _show_the_rest(self) -> None:
        """The whole section the first page was cut from, at the same place."""
        place, self._cut_at = self._cut_at, None
        if place is None:
            return
        self.text.show_html(self._render(self.section_id))
        # Where the section was asked to open, not where the pane is: if the window
        # was made taller before its first frame (maximised by the window manager), the
        # first page may end less than a screen below that place, and the pane could
        # not scroll as far as it was asked to.
        self.text.scroll_to_paragraph(*place)
        self.sectionShown.emit(self.section_id)

    def _render(self, section_id: str, screen: tuple[int, int, float] | None = None) -> str:
        """The section's page; ``screen`` (paragraph, characters, fraction): only what that
        shows of it (render.first_screen).

        Notes the place in ``_cut_at`` when blocks were left out.
        """
        language = self.app.language
        trail = [self.document.title(language)] + [
            self.document.section_title(language, ancestor)
            for ancestor in self.document.manifest.path_to(section_id)[:-1]
        ]
        try:
            section = self.document.section(language, section_id)
            if screen is not None:
                whole, section = section, first_screen(section, *screen)
                if section is not whole:
                    paragraph, _characters, fraction = screen
                    self._cut_at = (paragraph, fraction)
            return render_section(self.document, section, breadcrumb=trail)
        except ContentError as error:
            log.error("Cannot show %s in %s: %s", section_id, language, error)
            failure = error
        problems = [failure.problem]
        for other in self.document.languages:
            if other == language:
                continue
            try:
                section = self.document.section(other, section_id)
            except ContentError as error:
                problems.append(error.problem)
                continue
            notice = _(
                "This section is not available in the current language. Shown instead: {other}."
            ).format(other=i18n.language_name(other))
            return render_section(self.document, section, notice=notice, breadcrumb=trail)
        from reader.render import render_failure

        return render_failure(
            _("This section cannot be shown."),
            "\n".join(str(problem) for problem in problems),
            title=self.document.section_title(language, section_id),
            breadcrumb=trail,
        )

    def position(self) -> tuple[str, int, float]:
        """Where the reader is: section, top paragraph and how far into it."""
        return (self.section_id, *self.side_by_side.reading_pane().top_paragraph())

    def set_language(self, language: str) -> None:
        self.app.set_language(language)

    def toggle_language(self) -> None:
        languages = i18n.LANGUAGES
        current = languages.index(self.app.language) if self.app.language in languages else 0
        self.set_language(languages[(current + 1) % len(languages)])

    def _language_changed(self, language: str) -> None:
        section_id, paragraph, fraction = self.position()
        self.retranslate()
        self.tree.section_model().set_language(language)
        self.show_section(section_id, paragraph, fraction)

    def _follow_link(self, url: QUrl) -> None:
        if url.scheme() == SECTION_SCHEME:
            section_id, fragment = split_link(
                url.toString(QUrl.ComponentFormattingOption.FullyDecoded)[len(SECTION_SCHEME) + 1 :]
            )
            paragraph = 0
            if fragment.startswith("p-") and fragment[2:].isdigit():
                paragraph = int(fragment[2:]) - 1
            self.show_section(section_id or self.section_id, paragraph)
            return
        if url.scheme() in ("http", "https", "mailto") and not self.outside_links:
            log.info("Outside link not offered (stand mode): %s", url.toString()[:200])
            messages.show_error(
                _("Link not opened"), _("Links to other places cannot be opened here.")
            )
            return
        if url.scheme() in ("http", "https", "mailto"):
            address = shown_address(url)
            question = _("Open this address in your web browser?") + "\n\n" + address
            if messages.confirm(_("Open Link"), question):
                from PySide6.QtGui import QDesktopServices

                QDesktopServices.openUrl(url)
            return
        messages.show_error(
            _("Link not opened"),
            _("Reader does not open links of this kind:") + "\n" + url.toString(),
        )

    def show_about(self) -> None:
        """Help › About: the program, its edition and the licences (reader.ui.about)."""
        from reader.ui.about import show_about

        show_about(self, self.app, self.document)

    # -- for a stand (reader.ui.stand) --------------------------------------

    def reading_actions(self) -> ReadingActions:
        navigation, size = self.comfort.navigation, self.comfort.text_size
        return ReadingActions(
            home=self.start_page.action,
            back=navigation.back_action,
            previous=navigation.previous_action,
            next=navigation.next_action,
            smaller=size.smaller_action,
            larger=size.larger_action,
            side_by_side=self.side_by_side.action,
            read_aloud=self.read_aloud.read_action,
        )

    def scroll_by_dragging(self, on: bool) -> None:
        """A mouse drag scrolls the text and lists (as a finger does) instead of selecting."""
        self.comfort.touch.set_mouse_drag(on)

    def locked_actions(self) -> list[QAction]:
        """What an unattended screen must not offer: quitting, paper and files, other modes."""
        printing = self.printing
        return [
            self.quit_action,
            printing.print_section_action,
            printing.print_document_action,
            printing.export_pdf_action,
            self.comfort.presentation.action,
            self.comfort.toolbar.toggle_action,
            self.comfort.shortcuts_action,
            self.about_action,
        ]

    def reset_reading(self, language: str, text_size: int) -> None:
        """Back to the start for the next visitor: one view, one size, no search, no history."""
        self.read_aloud.stop()
        if self.finding.has_find_bar:
            self.find_bar.close_bar()
        if self.finding.has_search_panel:
            self.search_panel.reset()
        self.side_panel.filter.clear()
        self.tree_action.setChecked(True)
        self._resetting = True  # the view, the size and the language: one page drawn, not three
        try:
            self.side_by_side.action.setChecked(False)
            self.comfort.text_size.set_size(text_size)
            if language != self.app.language:
                self.set_language(language)
        finally:
            self._resetting = False
        self.tree.collapseAll()
        self.tree.expandToDepth(0)
        self.show_section(self.document.manifest.ids()[0], reveal=False)
        self.comfort.navigation.forget()
        from reader.ui.highlights import PaneHighlights

        for pane in (self.text, *self.side_by_side.built_panes()):
            highlights = PaneHighlights.of(pane)
            for layer in ("search", "find"):
                highlights.clear(layer)

    # -- remembering -------------------------------------------------------

    def _watch_place(self) -> None:
        """Every change the next start should bring back is written a moment later."""
        keeper = self.place_keeper
        keeper.watch_window(self)
        keeper.watch_scrolling(self.text)
        self.side_by_side.readingPaneChanged.connect(keeper.watch_scrolling)  # columns: lazily
        for signal in (
            self.app.languageChanged,
            self.side_by_side.action.toggled,
            self.comfort.text_size.sizeChanged,
            self.splitter.splitterMoved,
            self.tree_action.toggled,
        ):
            signal.connect(keeper.changed)

    def restore_state(self) -> None:
        geometry = self.store.get(settings.GEOMETRY)
        if not geometry.isEmpty() and not self.restoreGeometry(geometry):
            log.warning("Ignoring stored window geometry")
        ensure_on_screen(self)
        fit_to_screen(self)  # frame included: a 1366×768 laptop's panel leaves less room
        splitter = self.store.get(settings.SPLITTER)
        if not splitter.isEmpty() and not self.splitter.restoreState(splitter):
            log.warning("Ignoring stored splitter state")

    def save_state(self) -> None:
        """Write the place and the window to the settings file (replaced atomically).

        In presentation mode the window fills the screen: the window kept for
        next time is the one before it (``Presentation.window_geometry``).
        """
        section_id, paragraph, fraction = self.position()
        self.store.set(settings.LANGUAGE, self.app.language)
        self.store.set(settings.SECTION, section_id)
        self.store.set(settings.PARAGRAPH, paragraph)
        self.store.set(settings.OFFSET, round(fraction, 4))
        self.store.set(settings.GEOMETRY, self.comfort.presentation.window_geometry())
        if not self.comfort.presentation.active:  # the tree is put away while presenting
            self.store.set(settings.SPLITTER, QByteArray(self.splitter.saveState()))
        self.store.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.place_keeper.flush()
        self.save_state()
        self.comfort.presentation.leave()
        super().closeEvent(event)
