"""A plain start reads its options without argparse, and reads them as argparse would.

(argparse's module is loaded anyway, by PySide's signature support; what a plain
start saves is making the parser and parsing: ~2 ms frozen, 7 ms from source.)
"""

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pyrun import python_says
from reader.cli import plain_start
from reader.cliparse import UsageError, parse

WORDS = st.sampled_from(
    [
        *("--lang", "en", "ru", "de", "--section", "osce", "--content", "/tmp/doc", ""),
        *("--kiosk", "--idle", "30", "-5", "--no-error-dialogs", "--sec", "--lang=ru"),
        *("check", "search", "--self-test", "-x", "--"),
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(WORDS, max_size=6))
@example(["--lang", "de", "--lang", "en"])  # argparse refuses a wrong choice a later one replaces
def test_a_plain_start_reads_its_options_as_argparse_does(words):
    fast = plain_start(words)
    try:
        parsed = parse(words)
    except UsageError:
        assert fast is None  # argparse says what is wrong
        return
    assert fast is None or vars(fast) == vars(parsed)


@pytest.mark.parametrize(
    "words",
    [
        [],  # a double click
        ["--kiosk"],  # the stand's desktop entry
        ["--lang", "ru", "--section", "osce", "--no-error-dialogs"],
        ["--content", "/srv/doc", "--kiosk", "--idle", "0"],
    ],
)
def test_starts_from_the_desktop_take_the_plain_path(words):
    assert plain_start(words) is not None


def test_a_plain_start_makes_no_parser():
    code = (
        "import sys; from reader import cli, gui; "
        "assert cli.plain_start(['--lang', 'ru']) is not None; "
        "print('reader.cliparse' in sys.modules)"
    )
    assert python_says(code) == "False"
