"""The engine's layers, as ARCHITECTURE.md describes them, held by a test.

- The MkDocs adapter: the event modules registered in mkdocs.yml, each capability's
  `capability.py`, and the few modules that hold MkDocs' File objects. Only these import
  `mkdocs` when the build runs.
- The Markdown layer: the Python-Markdown extensions. They import `markdown`, never `mkdocs`.
- The core: everything else. It imports neither (a few raise MkDocs' PluginError, listed
  below as the debt they are), and never a module of the layers above it.

Imports under `if TYPE_CHECKING:` are for the type checker only and do not count.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / "hooks"

ADAPTER = {
    "concept_hooks",
    "editions_hooks",
    "search_hooks",
    "safety_hooks",
    "conceptbook.citations.capability",
    "conceptbook.editions.capability",
    "conceptbook.maps.capability",
    "conceptbook.numbering.capability",
    "conceptbook.questions.capability",
    "conceptbook.glossary.capability",
    "conceptbook.common.book",  # the build's files and page assembly, shared by the capabilities
    "conceptbook.common.files",  # MkDocs' File and Files
    "conceptbook.common.rebuild",  # which of MkDocs' pages a dirty rebuild builds again
    "conceptbook.safety.capability",
    "conceptbook.safety.files",
}
MARKDOWN = {
    "conceptbook.citations.cite",
    "conceptbook.glossary.linker",
    "conceptbook.common.gate",
    "conceptbook.common.standalone",
    "conceptbook.safety.snippets",
}
# Core modules that raise MkDocs' PluginError for input that cannot be used at all.
RAISES_PLUGIN_ERROR = {
    "conceptbook.maps.bookmap",
    "conceptbook.searchindex.alternates",
}


def module_name(path: Path) -> str:
    parts = path.relative_to(HOOKS).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def where(name: str) -> str:
    """A module's file, as a contributor finds it: hooks/conceptbook/glossary/linker.py."""
    path = HOOKS.joinpath(*name.split("."))
    return str((path / "__init__.py" if path.is_dir() else path.with_suffix(".py")).relative_to(ROOT))


def runtime_imports(path: Path) -> set[str]:
    """Modules `path` imports when it runs (not under `if TYPE_CHECKING:`), absolute names."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path).rsplit(".", 1)[0] if "." in module_name(path) else ""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                for other in child.orelse:
                    visit(other)
                continue
            if isinstance(child, ast.Import):
                found.update(alias.name for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = ".".join(package.split(".")[: len(package.split(".")) - child.level + 1])
                    found.add(f"{base}.{child.module}" if child.module else base)
                else:
                    found.add(child.module or "")
            visit(child)

    visit(tree)
    return found


def engine_modules() -> dict[str, set[str]]:
    return {module_name(p): runtime_imports(p) for p in sorted(HOOKS.rglob("*.py"))}


def layer(name: str) -> str:
    if name in ADAPTER:
        return "adapter"
    if name in MARKDOWN:
        return "markdown"
    return "core"


def test_only_the_adapter_imports_mkdocs_and_only_extensions_import_markdown() -> None:
    faults = []
    for name, imports in engine_modules().items():
        uses_mkdocs = {i for i in imports if i == "mkdocs" or i.startswith("mkdocs.")}
        uses_markdown = {i for i in imports if i == "markdown" or i.startswith("markdown.")}
        if layer(name) != "adapter" and uses_mkdocs - ({"mkdocs.exceptions"} if name in RAISES_PLUGIN_ERROR else set()):
            faults.append(
                f"{where(name)}: imports {sorted(uses_mkdocs)} but is {layer(name)}; move the MkDocs part to a capability.py"
            )
        if layer(name) == "core" and uses_markdown:
            faults.append(
                f"{where(name)}: imports {sorted(uses_markdown)} but is core; move it to the Markdown extension"
            )
    assert faults == [], "\n".join(faults)


def test_no_module_imports_one_of_a_layer_above_it() -> None:
    rank = {"core": 0, "markdown": 1, "adapter": 2}
    modules = engine_modules()
    faults = []
    for name, imports in modules.items():
        for imported in imports:
            target = next((m for m in modules if imported == m or imported.startswith(m + ".")), None)
            if target is not None and rank[layer(target)] > rank[layer(name)]:
                faults.append(f"{where(name)} ({layer(name)}) imports {where(target)} ({layer(target)})")
    assert faults == [], "\n".join(faults)


def test_the_layer_lists_name_modules_that_exist() -> None:
    modules = engine_modules()
    assert sorted((ADAPTER | MARKDOWN | RAISES_PLUGIN_ERROR) - modules.keys()) == []


def test_imports_are_read_as_the_interpreter_reads_them(tmp_path: Path) -> None:
    module = HOOKS / "conceptbook" / "numbering" / "capability.py"
    imports = runtime_imports(module)
    assert "mkdocs.structure.pages" not in imports  # under TYPE_CHECKING only
    assert "conceptbook.numbering.core" in imports and "conceptbook.glossary.chapters" in imports


ADAPTER_FILES = sorted(HOOKS.glob("*.py"))
ADAPTER_MAX_LINES = 150


def test_hooks_holds_the_adapters_and_one_package() -> None:
    """Everything but the files registered in mkdocs.yml lives in hooks/conceptbook/: no part
    of the engine is a top-level module name another installed package could shadow."""
    others = sorted(p.name for p in HOOKS.iterdir() if p.is_dir() and p.name not in {"conceptbook", "__pycache__"})
    assert others == [], f"hooks/: {others} outside the package; move them under hooks/conceptbook/"
    registered = set(re.findall(r"^\s*-\s*(hooks/\S+\.py)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M))
    assert {str(p.relative_to(ROOT)) for p in ADAPTER_FILES} == registered


@pytest.mark.parametrize("path", ADAPTER_FILES, ids=lambda p: p.name)
def test_event_modules_are_thin(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= ADAPTER_MAX_LINES, (
        f"{path.relative_to(ROOT)}: {lines} lines; an event module only connects MkDocs' events to the "
        f"capabilities (hooks/conceptbook/*/capability.py): move the work there (at most {ADAPTER_MAX_LINES})"
    )


def python_files() -> list[Path]:
    return sorted(p for folder in ("hooks", "scripts", "benchmarks", "tests") for p in (ROOT / folder).rglob("*.py"))


def path_edits_and_forks(source: str) -> list[tuple[int, str]]:
    """Where `source` edits sys.path or forks: (line, what)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and ast.unparse(node.func).startswith("sys.path."):
            found.append((node.lineno, "edits sys.path"))
        elif isinstance(node, ast.Assign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(ast.unparse(t).startswith("sys.path") for t in targets):
                found.append((node.lineno, "edits sys.path"))
        elif isinstance(node, ast.Attribute) and node.attr in {"fork", "forkpty"} and ast.unparse(node.value) == "os":
            found.append((node.lineno, f"os.{node.attr}"))
    return sorted(found)


def test_the_path_and_fork_check_finds_each_form() -> None:
    source = (
        "import os, sys\nsys.path.insert(0, 'x')\nsys.path[:0] = ['y']\nsys.path += ['z']\nos.fork()\nprint(sys.path)\n"
    )
    assert path_edits_and_forks(source) == [
        (2, "edits sys.path"),
        (3, "edits sys.path"),
        (4, "edits sys.path"),
        (5, "os.fork"),
    ]


def test_no_sys_path_edits_and_no_fork() -> None:
    """One way to find the engine (the package, on the path MkDocs or the venv gives it) and
    one way to run it (no forked process)."""
    faults = [
        f"{path.relative_to(ROOT)}:{line}: {what}"
        for path in python_files()
        for line, what in path_edits_and_forks(path.read_text(encoding="utf-8"))
    ]
    assert faults == [], "\n".join(faults)
