import ast
import datetime as dt
import marshal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from manifests import write_manifest_file
from pyrun import python_says
from reader import content, manifestcache, resources
from reader.content import load_document, read_manifest


def write_manifest(folder: Path, sections: int, title: str = "Big") -> Path:
    parents = (f"s-{number - number % 10}" if number % 10 else None for number in range(sections))
    ids = (f"s-{number}" for number in range(sections))
    return write_manifest_file(folder, zip(ids, parents, strict=True), (title, "Большой"))


def cached_files(user_folders: Path) -> list[Path]:
    return sorted((user_folders / "cache").rglob("*.marshal"))


def test_a_large_manifest_is_parsed_once_and_read_back_the_same(
    tmp_path, user_folders, monkeypatch
):
    root = write_manifest(tmp_path / "big", 3000)
    parsed = load_document(root).manifest
    assert len(cached_files(user_folders)) == 1
    assert parsed == read_manifest(root)[0]
    monkeypatch.setattr(content, "read_manifest", lambda root: pytest.fail("parsed again"))
    cached = load_document(root).manifest
    assert cached == parsed
    assert cached.path == root / "manifest.toml"
    assert cached.children("s-10") == parsed.children("s-10")


def test_an_edited_manifest_is_parsed_again(tmp_path, user_folders):
    root = write_manifest(tmp_path / "big", 3000)
    load_document(root)
    write_manifest(root, 3000, title="Bigger")
    assert load_document(root).manifest.titles["en"] == "Bigger"


def test_a_damaged_cache_file_is_ignored(tmp_path, user_folders):
    root = write_manifest(tmp_path / "big", 3000)
    expected = load_document(root).manifest
    (cache,) = cached_files(user_folders)
    cache.write_bytes(b"\x00garbage")
    assert load_document(root).manifest == expected


def tamper(cache: Path, change) -> None:
    data = list(marshal.loads(cache.read_bytes()))
    change(data)
    cache.write_bytes(marshal.dumps(tuple(data)))


def cycle(data: list) -> None:
    """s-1 under s-2 and s-2 under s-1: a loop for anything that walks up the tree."""
    parents = list(data[5])
    parents[1], parents[2] = "s-2", "s-1"
    data[5] = tuple(parents)


def duplicate(data: list) -> None:
    ids = list(data[4])
    ids[5] = ids[4]
    data[4] = tuple(ids)


def bad_slug(data: list) -> None:
    data[4] = ("../../etc", *data[4][1:])


def no_language(data: list) -> None:
    data[2] = ()


def wrong_shape(data: list) -> None:
    data[6] = data[6][:10]


def bad_edition(data: list) -> None:
    data[1] = -1  # not a date's ordinal


@pytest.mark.parametrize(
    "change", [cycle, duplicate, bad_slug, no_language, wrong_shape, bad_edition]
)
def test_a_cache_file_that_breaks_the_manifest_rules_is_not_used(tmp_path, user_folders, change):
    root = write_manifest(tmp_path / "big", 3000)
    expected = load_document(root).manifest
    (cache,) = cached_files(user_folders)
    tamper(cache, change)
    manifest = load_document(root).manifest
    assert manifest == expected
    assert manifest.path_to("s-2") == ["s-0", "s-2"]  # a walk up the tree ends


def test_small_manifests_are_not_cached(tmp_path, user_folders):
    load_document(write_manifest(tmp_path / "small", 20))
    assert cached_files(user_folders) == []


def test_the_bundled_manifest_comes_prebuilt_with_no_toml_parser_and_nothing_written(
    user_folders,
):
    code = (
        "import sys; from reader import resources; from reader.content import load_document; "
        "document = load_document(resources.content_dir()); "
        "print(len(document.manifest.ids()), 'tomllib' in sys.modules)"
    )
    shown = python_says(code).split()
    assert shown == [str(len(read_manifest(resources.content_dir())[0].ids())), "False"]
    assert cached_files(user_folders) == []


@pytest.mark.parametrize("change", [cycle, bad_slug, wrong_shape])
def test_a_prebuilt_manifest_that_breaks_the_rules_is_not_used(
    tmp_path, monkeypatch, user_folders, change
):
    root = write_manifest(tmp_path / "doc", 30)  # small: parsed every time, unless prebuilt
    expected = load_document(root).manifest
    content.store_parsed_manifest(root, tmp_path / "bundle")
    monkeypatch.setattr(
        resources, "prebuilt_manifests_dir", lambda: tmp_path / "bundle" / "manifests"
    )
    (prebuilt,) = (tmp_path / "bundle" / "manifests").glob("*.marshal")
    with monkeypatch.context() as parsing:
        parsing.setattr(content, "read_manifest", lambda _root: pytest.fail("parsed"))
        assert load_document(root).manifest == expected  # read back, not parsed
    tamper(prebuilt, change)
    assert load_document(root).manifest == expected  # parsed again
    assert cached_files(user_folders) == []


def test_the_cache_module_knows_nothing_of_the_manifest_format():
    """content uses manifestcache, never the other way round (no import cycle)."""
    tree = ast.parse(Path(manifestcache.__file__).read_text(encoding="utf-8"))
    imported = {
        alias.name if isinstance(node, ast.Import) else f"{node.module}.{alias.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert {name for name in imported if name.startswith("reader")} == {
        "reader.__version__",
        "reader.resources",
    }


# The cache's columns are checked a column at a time (content._cached_sections);
# they must accept exactly what the manifest's own walk accepts.
_IDS = st.sampled_from(
    ["a", "b-1", "c", "a--b", "-a", "a-", "", "A", "a\nb", "a\n", "a b", "é", 7, None]
)


@st.composite
def cached_columns(draw):
    ids = draw(st.lists(_IDS, min_size=1, max_size=8))
    parents = [draw(st.one_of(st.none(), _IDS)) for _ in ids]
    lines = [draw(st.sampled_from([3, 4, "5", None])) for _ in ids]
    return tuple(ids), tuple(parents), tuple(lines)


def _walk_accepts(ids: tuple, parents: tuple, lines: tuple) -> bool:
    if any(type(line) is not int for line in lines):
        return False
    sections = [
        {"id": section_id} if parent is None else {"id": section_id, "parent": parent}
        for section_id, parent in zip(ids, parents, strict=True)
    ]
    data = {
        "document": {
            "version": "1",
            "edition": dt.date(2026, 1, 2),
            "languages": ["en"],
            "title": {"en": "T"},
        },
        "sections": sections,
    }
    manifest, _problems = content._validated(Path("m"), data, content._Lines(1, 1, list(lines)))
    return manifest is not None


@settings(max_examples=400, deadline=None)
@given(cached_columns())
def test_cached_sections_are_checked_by_the_manifest_rules(columns):
    assert (content._cached_sections(*columns) is not None) == _walk_accepts(*columns)


def test_a_cached_tree_deeper_than_the_rules_allow_is_not_used():
    ids = tuple(f"s-{number}" for number in range(content.MAX_DEPTH + 1))
    parents = (None, *ids[:-1])
    lines = tuple(range(len(ids)))
    assert content._cached_sections(ids, parents, lines) is None
    assert content._cached_sections(ids[:-1], parents[:-1], lines[:-1]) is not None


def test_only_the_newest_cached_manifests_are_kept(tmp_path, user_folders):
    root = write_manifest(tmp_path / "big", 3000)
    manifest = root / "manifest.toml"
    for edit in range(manifestcache.KEPT + 3):  # an editor saving the manifest again and again
        manifest.write_text(manifest.read_text("utf-8") + f"# edit {edit}\n", encoding="utf-8")
        load_document(root)
    kept = cached_files(user_folders)
    assert len(kept) == manifestcache.KEPT
    assert manifestcache.lookup(manifest.read_bytes()) is not None  # the last edit's is there


def test_a_document_opened_every_day_stays_cached_while_others_come_and_go(
    tmp_path, user_folders, monkeypatch
):
    daily = write_manifest(tmp_path / "daily", 3000, title="Daily")
    load_document(daily)
    parsed: list[Path] = []
    parse = content.read_manifest
    monkeypatch.setattr(content, "read_manifest", lambda root: parsed.append(root) or parse(root))
    for other in range(manifestcache.KEPT + 3):
        load_document(write_manifest(tmp_path / f"other-{other}", 3000, title=f"Other {other}"))
        assert load_document(daily).manifest.titles["en"] == "Daily"
    assert daily not in parsed
