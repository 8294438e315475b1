from reader.markdown import parse_section, plain_inline, render_inline


def _href(target: str) -> str:
    return "section:" + target


def _image(src: str, alt: str) -> str:
    return f"[{alt}]"


def test_blocks_are_separated_by_blank_lines_and_keep_their_lines():
    parsed = parse_section("# Title\n\nFirst line\ncontinues.\n\n## Sub\n\n- one\n- two\n")
    assert parsed.title == "Title"
    assert [block.kind for block in parsed.blocks] == ["p", "h2", "ul"]
    assert parsed.blocks[0].plain() == "First line continues."
    assert parsed.blocks[0].line == 3
    assert parsed.blocks[2].items() == ["one", "two"]


def test_links_are_found_with_their_lines():
    parsed = parse_section("# T\n\nSee [the UN](united-nations) and\n[OSCE](osce#p-1).\n")
    assert [(link.target, link.line) for link in parsed.links] == [
        ("united-nations", 3),
        ("osce#p-1", 4),
    ]


def test_raw_html_is_shown_as_text_not_markup():
    html = render_inline("<script>alert(1)</script> <b>x</b>", _href, _image)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>" not in html


def test_emphasis_code_and_escapes():
    assert plain_inline(r"**bold**, *em*, `code`, \*not em\*") == "bold, em, code, *not em*"
    html = render_inline("**bold** and [UN](united-nations)", _href, _image)
    assert html == '<b>bold</b> and <a href="section:united-nations">UN</a>'


def test_curly_quotes_and_apostrophes_survive():
    text = "the “Partnership for Peace” Programme, nations' development, 'double standards'"
    assert plain_inline(text) == text
