from pathlib import Path

from reader import manifestcache
from reader.content import load_document, read_manifest


def write_manifest(folder: Path, sections: int, title: str = "Big") -> Path:
    lines = [
        "[document]",
        'version = "1"',
        "edition = 2026-01-02",
        'languages = ["en", "ru"]',
        "[document.title]",
        f'en = "{title}"',
        'ru = "Большой"',
    ]
    for number in range(sections):
        lines += ["[[sections]]", f'id = "s-{number}"']
        if number % 10:
            lines.append(f'parent = "s-{number - number % 10}"')
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "manifest.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def cached_files(user_folders: Path) -> list[Path]:
    return sorted((user_folders / "cache").rglob("*.marshal"))


def test_a_large_manifest_is_parsed_once_and_read_back_the_same(tmp_path, user_folders):
    root = write_manifest(tmp_path / "big", 3000)
    parsed = load_document(root).manifest
    assert len(cached_files(user_folders)) == 1
    cached, _raw = manifestcache.cached_manifest(root)
    assert cached == parsed == read_manifest(root)[0]
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


def test_a_small_manifest_is_cached_too(tmp_path, user_folders):
    root = write_manifest(tmp_path / "small", 20)
    parsed = load_document(root).manifest
    assert len(cached_files(user_folders)) == 1
    cached, _raw = manifestcache.cached_manifest(root)
    assert cached == parsed
