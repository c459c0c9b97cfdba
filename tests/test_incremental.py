"""Dirty rebuilds (`mkdocs serve --dirty`, hooks/conceptbook/common/incremental.py): after an
edit, the site a dirty rebuild leaves is the site a full build of the edited book makes,
file for file and byte for byte; and it builds only what the edit changed."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from conceptbook.common import incremental
from sitebuild import ROOT, engine_env


def copy_book(folder: Path) -> Path:
    for part in ("docs", "overrides"):
        shutil.copytree(ROOT / part, folder / part)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("- hooks/", f"- {ROOT / 'hooks'}/")
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder / "mkdocs.yml"


class Serve:
    """What `mkdocs serve --dirty` does on each save: load the config, build dirty."""

    def __init__(self, config: Path, site: Path) -> None:
        self.config, self.site = config, site
        self.started = False
        self.built: list[str] = []
        self.redefined: list[str] = []  # pages given a changed definition in their output

    def build(self) -> None:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        config = load_config(str(self.config), site_dir=str(self.site))
        if not self.started:
            config.plugins.on_startup(command="serve", dirty=True)
            self.started = True
        build(config, dirty=True)
        carry = incremental._BUILD[1] if incremental._BUILD else None
        self.built = sorted(carry.rebuilt) if carry is not None and carry.rebuilt is not None else ["(all)"]
        self.redefined = sorted(carry.patches) if carry is not None else []

    def stop(self) -> None:
        """MkDocs keeps plugins from one config to the next in a process: the search plugin
        would go on merging its index with this one's in the other tests' builds."""
        from mkdocs.config import load_config

        config = load_config(str(self.config), site_dir=str(self.site))
        config.plugins.on_startup(command="build", dirty=False)
        search = config.plugins.get("material/search")
        if search is not None:
            search.search_index_prev = None  # type: ignore[attr-defined]


def full_build(config: Path, site: Path) -> None:
    """`mkdocs build` of the book as it is now, in a process of its own."""
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
        check=True,
        env=engine_env(NO_MKDOCS_2_WARNING="1", CONCEPTBOOK_CACHE="off"),
        cwd=config.parent,
    )


def differences(left: Path, right: Path) -> list[str]:
    found = []
    comparison = filecmp.dircmp(left, right)
    stack = [(comparison, "")]
    while stack:
        here, prefix = stack.pop()
        found += [f"{prefix}{name}: only in one" for name in here.left_only + here.right_only]
        for name in here.common_files:
            if not filecmp.cmp(Path(here.left) / name, Path(here.right) / name, shallow=False):
                found.append(f"{prefix}{name}")
        stack += [(sub, f"{prefix}{name}/") for name, sub in here.subdirs.items()]
    return sorted(found)


def edit(path: Path, old: str, new: str) -> None:
    time.sleep(0.02)  # a later modification time than the output's
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, (time.time() + 5, time.time() + 5))


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Serve]:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setattr(incremental, "DIRTY", False)
    monkeypatch.setattr(incremental, "_SNAPSHOTS", {})
    serve = Serve(copy_book(tmp_path / "book"), tmp_path / "served")
    serve.build()
    assert serve.built == ["(all)"]  # the first build of a process builds every page
    yield serve
    serve.stop()


def test_a_chapter_edit_rebuilds_the_chapter_and_gives_the_full_builds_site(served: Serve, tmp_path: Path) -> None:
    chapter = served.config.parent / "docs" / "chapters" / "defenses.md"
    edit(chapter, "\n## ", "\nA sentence added while writing names [[repression]] once more.\n\n## ")
    served.build()
    assert "chapters/defenses.md" in served.built
    assert not any(src.startswith("chapters/") and src != "chapters/defenses.md" for src in served.built)
    assert len(served.built) < 40  # not the whole book (250 pages)
    full_build(served.config, tmp_path / "full")
    assert differences(served.site, tmp_path / "full") == []


def test_a_concept_summary_edit_reaches_every_tip_and_gives_the_full_builds_site(served: Serve, tmp_path: Path) -> None:
    concept = served.config.parent / "docs" / "concepts" / "repression.md"
    # As an editor that rewrites the whole front matter would save it: another layout, one change.
    text = concept.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    data = yaml.safe_load(front)
    data["summary"] = f"Changed while writing & 'saving': {data['summary']}"
    edit(concept, text, f"---\n{yaml.safe_dump(data, sort_keys=False, width=1000)}---\n{body}")
    served.build()
    assert served.built != ["(all)"]
    assert "concepts/repression.md" in served.built
    # the pages that show the summary (a tip, a key-terms box) get it in place, not built again
    assert "chapters/defenses.md" not in served.built and "chapters/defenses.md" in served.redefined
    assert len(served.redefined) > 5
    full_build(served.config, tmp_path / "full")
    assert differences(served.site, tmp_path / "full") == []
    defenses = (served.site / "chapters" / "defenses.html").read_text(encoding="utf-8")
    assert defenses.count("Changed while writing &amp; &#39;saving&#39;") == 2  # its tip and key terms
    # a second edit, in the same process, from the output the first one gave
    edit(concept, "Changed while writing", 'Changed again "quoted"')
    served.build()
    assert "chapters/defenses.md" in served.redefined
    full_build(served.config, tmp_path / "full2")
    assert differences(served.site, tmp_path / "full2") == []


def test_a_chapters_title_changes_every_page_so_every_page_is_built(served: Serve, tmp_path: Path) -> None:
    chapter = served.config.parent / "docs" / "chapters" / "defenses.md"
    text = chapter.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    edit(chapter, title, f"{title} (revised)")
    served.build()
    assert served.built == ["(all)"]
    full_build(served.config, tmp_path / "full")
    assert differences(served.site, tmp_path / "full") == []


def test_a_dirty_build_with_nothing_before_it_builds_everything_without_a_traceback(tmp_path: Path) -> None:
    """`mkdocs build --dirty` over an old site: every page is built (MkDocs alone would skip
    the pages whose output is newer, and the engine's concept pages failed on them)."""
    config = copy_book(tmp_path / "book")
    full_build(config, tmp_path / "site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--dirty", "-f", str(config), "-d", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        env=engine_env(NO_MKDOCS_2_WARNING="1"),
        cwd=config.parent,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    full_build(config, tmp_path / "full")
    assert differences(tmp_path / "site", tmp_path / "full") == []
