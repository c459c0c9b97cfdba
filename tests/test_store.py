"""The store of tool output kept between builds (hooks/conceptbook/common/store.py): what it
keeps, what it hands back, how it stays small, and that a build with it gives the pages a
build without it gives, without running Pandoc or Graphviz again."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_citations_bad_input import files

from conceptbook.citations import formatter
from conceptbook.common import store
from conceptbook.common.store import Store, key
from conceptbook.questions import exports
from sitebuild import build_small_site


def test_a_store_without_a_folder_keeps_nothing(tmp_path: Path) -> None:
    nowhere = Store(None)
    nowhere.put("a", b"data")
    assert nowhere.get("a") is None
    assert list(tmp_path.iterdir()) == []


def test_what_is_put_is_got_back_from_a_file_of_its_own(tmp_path: Path) -> None:
    kept = Store(tmp_path / "cache")
    assert kept.get("k1") is None
    kept.put("k1", b"first")
    kept.put("k2", b"second")
    assert (kept.get("k1"), kept.get("k2")) == (b"first", b"second")
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == ["k1.out", "k2.out"]
    assert Store(tmp_path / "cache").get("k2") == b"second"  # the next build reads it


def test_the_results_used_longest_ago_go_when_the_limit_is_reached(tmp_path: Path) -> None:
    kept = Store(tmp_path, limit=25)
    for number, name in enumerate(["old", "used", "new"]):
        kept.put(name, b"0123456789")
        os.utime(tmp_path / f"{name}.out", (1000 + number, 1000 + number))
    # 30 bytes in 25: "old" (used first) went when "new" came in.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.out", "used.out"]
    os.utime(tmp_path / "new.out", (2000, 2000))
    kept.put("newest", b"0123456789")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.out", "newest.out"]


def test_a_folder_that_cannot_be_written_saves_nothing_and_fails_nothing(tmp_path: Path) -> None:
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    kept = Store(blocked)
    kept.put("k", b"data")
    assert kept.get("k") is None


def test_keys_tell_every_list_of_parts_apart() -> None:
    assert key("ab", "c") != key("a", "bc")
    assert key("a", "") != key("a")
    assert key("x", b"y") == key("x", "y")
    assert key("a") == "4162fddd39a3e4225e8e2392eced237fbeb34e6e218b5647d27bd4d2b9c0da24"  # sha256 of b"1:a"


def test_a_program_changed_in_place_is_another_program(tmp_path: Path) -> None:
    tool = tmp_path / "tool"
    tool.write_text("one", encoding="utf-8")
    store.program.cache_clear()
    before = store.program(str(tool))
    tool.write_text("version two", encoding="utf-8")
    store.program.cache_clear()
    assert store.program(str(tool)) != before
    assert store.program(str(tmp_path / "missing")) == str(tmp_path / "missing")
    store.program.cache_clear()


def _pandoc_runs(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    runs: list[list[str]] = []
    real = formatter._pandoc

    def counted(command: list[str], stdin: str | None, what: str):  # type: ignore[no-untyped-def]
        runs.append(command)
        return real(command, stdin, what)

    monkeypatch.setattr(formatter, "_pandoc", counted)
    formatter._cache._entries.clear()  # the in-process cache of this worker, so only the store can help
    return runs


def test_a_second_build_reads_pandocs_output_from_the_store_and_gives_the_same_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONCEPTBOOK_CACHE", str(tmp_path / "cache"))
    runs = _pandoc_runs(monkeypatch)
    first = build_small_site(tmp_path / "first", files())
    assert (first.failed, first.problems) == (None, [])
    assert len(runs) >= 2  # the references and the CSL-JSON export
    assert any(p.suffix == ".out" for p in (tmp_path / "cache").iterdir())

    runs.clear()
    formatter._cache._entries.clear()
    second = build_small_site(tmp_path / "second", files())
    assert (second.failed, second.problems) == (None, [])
    assert runs == []
    for page in ("chapters/one.html", "bibliography.html", "bibliography.json"):
        assert (tmp_path / "second" / "site" / page).read_bytes() == (tmp_path / "first" / "site" / page).read_bytes()


def test_with_the_store_off_pandoc_runs_every_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONCEPTBOOK_CACHE", "off")
    runs = _pandoc_runs(monkeypatch)
    build_small_site(tmp_path / "first", files())
    counted = len(runs)
    formatter._cache._entries.clear()
    build_small_site(tmp_path / "second", files())
    assert counted >= 2
    assert len(runs) == 2 * counted


def test_a_failed_pandoc_run_is_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store.use(tmp_path)
    try:
        with pytest.raises(formatter.PandocError):
            formatter.format_all("@book{broken,\n", ["[@broken]"])
        assert list(tmp_path.glob("*.out")) == []
    finally:
        store.use(None)


def test_damaged_question_exports_in_the_store_are_made_again(tmp_path: Path) -> None:
    store.use(tmp_path)
    exports._MADE._entries.clear()  # made by an earlier test of this process: not from the store
    try:
        made = exports.make_all("Store book", [], [])
        entries = sorted(tmp_path.glob("*.out"))
        assert len(entries) == 2  # the four files made from the banks, and the deck
        for entry in entries:
            entry.write_bytes(b"not a zip")
        exports._MADE._entries.clear()
        assert exports.make_all("Store book", [], []) == made
        exports._MADE._entries.clear()
        assert exports.make_all("Store book", [], []) == made  # from the store, written again
    finally:
        store.use(None)


def test_question_exports_read_from_the_store_are_then_kept_in_memory(tmp_path: Path) -> None:
    store.use(tmp_path)
    exports._MADE._entries.clear()
    calls: list[str] = []

    def make() -> dict[str, bytes]:
        calls.append("made")
        return {"bank.txt": b"::Q1:: one {=a ~b}"}

    try:
        assert exports._kept("inputs", make) == {"bank.txt": b"::Q1:: one {=a ~b}"} and calls == ["made"]
        exports._MADE._entries.clear()  # a new process: only the store knows it
        assert exports._kept("inputs", make) == {"bank.txt": b"::Q1:: one {=a ~b}"} and calls == ["made"]
        for entry in tmp_path.glob("*.out"):
            entry.unlink()
        assert exports._kept("inputs", make) == {"bank.txt": b"::Q1:: one {=a ~b}"} and calls == ["made"]
    finally:
        store.use(None)


def test_graphviz_lays_out_a_book_map_once_for_the_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import graphviz

    from conceptbook.maps import bookmap

    calls: list[bytes] = []
    real = graphviz.pipe

    def counted(engine: str, format: str, data: bytes, **kwargs: object) -> bytes:
        calls.append(data)
        return real(engine, format, data, **kwargs)

    monkeypatch.setattr(graphviz, "pipe", counted)
    store.use(tmp_path)
    try:
        panels = ["graph p0 {\n a\n b\n a -- b\n}\n"]
        first = bookmap._run(panels)
        assert bookmap._run(panels) == first
        assert len(calls) == 1
        assert bookmap._run(["graph p0 {\n a\n}\n"]) != first
        assert len(calls) == 2
    finally:
        store.use(None)


def test_the_store_makes_its_folder_and_keeps_up_to_its_limit_exactly(tmp_path: Path) -> None:
    kept = Store(tmp_path / "a" / "b" / "cache", limit=30)
    for name in ("one", "two", "three"):
        kept.put(name, b"0123456789")
    assert sorted(p.name for p in (tmp_path / "a" / "b" / "cache").iterdir()) == ["one.out", "three.out", "two.out"]


def test_as_many_old_results_go_as_the_new_one_needs(tmp_path: Path) -> None:
    kept = Store(tmp_path, limit=25)
    for number, name in enumerate(["old", "mid"]):
        kept.put(name, b"0123456789")
        os.utime(tmp_path / f"{name}.out", (1000 + number, 1000 + number))
    kept.put("big", b"01234567890123456789")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.out"]


def test_a_result_is_written_beside_the_others_and_then_renamed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Written in the store's own folder (one file system: the rename is whole), never in
    the system's temporary folder."""
    renamed: list[tuple[Path, Path]] = []
    real_replace = os.replace

    def replace(source: str, target: Path) -> None:
        renamed.append((Path(source), Path(target)))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    Store(tmp_path / "store").put("k", b"data")
    [(source, target)] = renamed
    assert (source.parent, source.suffix, target) == (tmp_path / "store", ".tmp", tmp_path / "store" / "k.out")
