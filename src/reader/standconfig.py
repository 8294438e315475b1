"""The stand's own settings (``stand.ini``), apart from the reader's, and ``--idle``.

A stand (``reader --kiosk``) is set up once by staff: how long a visitor may
leave it untouched before it returns to the welcome screen, the language and
text size it starts in, and the PIN that guards the staff exit. Staff write
the file by hand (docs/events.md says where and how); the reader only reads
it, so nothing a visitor does outlives them. A bad value is reported in the
reader's language and replaced by its default: a stand always starts.

Plain Python: the checks are tested without a window.
"""

from __future__ import annotations

import logging
from pathlib import Path

from reader import resources
from reader.i18n import LANGUAGES, N_, _
from reader.textsize import valid_size

__all__ = [
    "DEFAULT_IDLE",
    "STAND_FILE",
    "Problem",
    "StandConfig",
    "load_stand_config",
    "parse_idle",
    "stand_config_path",
]

log = logging.getLogger(__name__)

STAND_FILE = "stand.ini"
SECTION = "stand"
DEFAULT_IDLE = 90  # seconds without a touch, click or key before the next visitor's start
MAX_IDLE = 24 * 60 * 60


class StandConfig:
    """How a stand behaves; ``problems`` says what was refused.

    (A plain class: a dataclass costs milliseconds to create at import, and
    this module is imported on the stand's way to its first frame.)
    """

    __slots__ = ("idle", "language", "pin", "problems", "text_size")

    def __init__(
        self,
        idle: int = DEFAULT_IDLE,  # seconds; 0 = never return by itself
        pin: str = "",  # digits asked for at the staff exit; empty = no PIN
        language: str = "",  # the language the stand returns to; empty = the system's
        text_size: int = 0,  # points; 0 = the stand's own default
        problems: list[Problem] | None = None,
    ) -> None:
        self.idle = idle
        self.pin = pin
        self.language = language
        self.text_size = text_size
        self.problems = problems or []

    def messages(self) -> list[str]:
        """What was refused, in the current language (the language may come from this file)."""
        return [problem.text() for problem in self.problems]


class Problem:
    """A refused value: a message to translate when shown, and what to fill in."""

    __slots__ = ("template", "values")

    def __init__(self, template: str, values: dict[str, object]) -> None:
        self.template = template
        self.values = values

    def text(self) -> str:
        values = {
            key: _(value) if key == "reason" and isinstance(value, str) else value
            for key, value in self.values.items()
        }
        return _(self.template).format(**values)


def stand_config_path() -> Path:
    return resources.user_config_dir() / STAND_FILE


def parse_idle(text: str) -> int:
    """Whole seconds, 0 for never; raises ValueError whose text is a message to translate."""
    value = str(text).strip()
    if not value.isdigit():
        if value.startswith("-") and value[1:].isdigit():
            raise ValueError(N_("the idle time cannot be negative"))
        raise ValueError(N_("the idle time must be a whole number of seconds"))
    seconds = int(value)
    if seconds > MAX_IDLE:
        raise ValueError(N_("the idle time cannot be longer than a day"))
    return seconds


def _idle_problem(source: str, text: str, reason: str) -> Problem:
    return Problem(
        N_("{source}: “{value}” is not a valid idle time ({reason}); using {default} seconds."),
        {"source": source, "value": text, "reason": reason, "default": DEFAULT_IDLE},
    )


def _section_values(text: str, path: Path) -> dict[str, str]:
    """The ``[stand]`` section of a settings file's text; ValueError if it is not INI."""
    import configparser  # here: loading it cost every stand's start 1.4 ms

    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text, source=str(path))
    except configparser.Error as error:
        raise ValueError(str(error)) from error
    return dict(parser.items(SECTION)) if parser.has_section(SECTION) else {}


def load_stand_config(idle_option: str | None = None, path: Path | None = None) -> StandConfig:
    """Read ``stand.ini`` (if there is one), then let ``--idle`` override its idle time."""
    path = path or stand_config_path()
    problems: list[Problem] = []
    values: dict[str, str] = {}
    try:
        text = path.read_text(encoding="utf-8")
        values = _section_values(text, path)
    except FileNotFoundError:
        pass  # most stands have none: configparser is not even loaded
    except (OSError, UnicodeDecodeError, ValueError) as error:
        problems.append(
            Problem(
                N_("The stand's settings file {path} cannot be read; using the defaults."),
                {"path": path},
            )
        )
        log.warning("Stand settings %s not read: %s", path, error)

    idle = DEFAULT_IDLE
    if "idle" in values:
        try:
            idle = parse_idle(values["idle"])
        except ValueError as error:
            problems.append(_idle_problem(str(path), values["idle"], str(error)))
    if idle_option is not None:
        try:
            idle = parse_idle(idle_option)
        except ValueError as error:
            problems.append(_idle_problem("--idle", idle_option, str(error)))
            idle = DEFAULT_IDLE

    pin = values.get("pin", "").strip()
    if pin and not pin.isdigit():
        problems.append(
            Problem(
                N_("{path}: the PIN must be digits only; the staff exit asks for none."),
                {"path": path},
            )
        )
        pin = ""
    language = values.get("language", "").strip().lower()
    if language and language not in LANGUAGES:
        problems.append(
            Problem(
                N_("{path}: unknown language “{value}”; the system's language is used."),
                {"path": path, "value": language},
            )
        )
        language = ""
    text_size = 0
    if values.get("text_size", "").strip():
        raw = values["text_size"].strip()
        if raw.isdigit() and valid_size(int(raw)):
            text_size = int(raw)
        else:
            problems.append(
                Problem(
                    N_(
                        "{path}: “{value}” is not a text size the reader offers; using the default."
                    ),
                    {"path": path, "value": raw},
                )
            )
    for problem in problems:
        log.warning("%s", problem.template.format(**problem.values))
    return StandConfig(idle, pin, language, text_size, problems)
