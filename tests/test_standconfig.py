"""The stand's settings file and ``--idle``: bad values are refused, with a reason."""

from __future__ import annotations

import pytest

from reader.standconfig import DEFAULT_IDLE, load_stand_config, parse_idle


@pytest.mark.parametrize(("text", "seconds"), [("0", 0), ("90", 90), (" 300 ", 300)])
def test_good_idle_values(text, seconds):
    assert parse_idle(text) == seconds


@pytest.mark.parametrize("text", ["-1", "abc", "1.5", "", "999999"])
def test_bad_idle_values_are_refused(text):
    with pytest.raises(ValueError):
        parse_idle(text)


def test_the_file_sets_idle_pin_language_and_size(tmp_path):
    path = tmp_path / "stand.ini"
    path.write_text("[stand]\nidle = 45\npin = 0042\nlanguage = RU\ntext_size = 24\n")
    config = load_stand_config(path=path)
    assert (config.idle, config.pin, config.language, config.text_size) == (45, "0042", "ru", 24)
    assert config.problems == []


def test_the_command_line_overrides_the_file(tmp_path):
    path = tmp_path / "stand.ini"
    path.write_text("[stand]\nidle = 45\n")
    assert load_stand_config("10", path=path).idle == 10
    assert load_stand_config("-10", path=path).idle == DEFAULT_IDLE


def test_each_bad_value_falls_back_and_is_named(tmp_path):
    path = tmp_path / "stand.ini"
    path.write_text("[stand]\nidle = soon\npin = 12ab\nlanguage = fr\ntext_size = 99\n")
    config = load_stand_config(path=path)
    assert (config.idle, config.pin, config.language, config.text_size) == (DEFAULT_IDLE, "", "", 0)
    messages = config.messages()
    assert len(messages) == 4
    assert all(str(path) in message for message in messages)


def test_an_unreadable_file_gives_the_defaults(tmp_path):
    path = tmp_path / "stand.ini"
    path.write_bytes(b"\xff\xfe\x00garbage")
    config = load_stand_config(path=path)
    assert config.idle == DEFAULT_IDLE and len(config.problems) == 1
    assert load_stand_config(path=tmp_path / "missing.ini").problems == []


def test_a_file_that_is_not_ini_gives_the_defaults_and_says_so(tmp_path):
    path = tmp_path / "stand.ini"
    path.write_text("idle = 30\n", encoding="utf-8")  # no [stand] header
    config = load_stand_config(path=path)
    assert config.idle == DEFAULT_IDLE and len(config.problems) == 1
