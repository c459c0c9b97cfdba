"""pytest plugin for `make mutants`: deselect the tests that cannot judge a mutant.

The mutation run keeps to the fast subset (scripts/mutants.toml). Left out here, and
still run by `make test`:
- a test that asks for the session's real build (the `site` or `real_build` fixture),
  which would rebuild the whole book for every mutant;
- a test that runs the engine in a fresh Python process: mutmut switches mutants on
  inside its own process, so a child process would only ever run the unmutated code.

It also runs, with each test mutmut picks, the tests of the same module that ask for the
same module-scoped fixture. mutmut learns which tests reach a function by running each test
once, and a module-scoped fixture (the golden book of tests/test_golden_outputs.py, built
once for twenty tests) runs inside the first test that asks for it: every function the
build reaches is then credited to that one test, and a mutant of the book map was judged by
the test of a chapter page while the book map's own test never ran.

It empties the safety rules' memoised verdicts before each test (pytest_runtest_setup), and
every memo of the engine's modules (`Bounded` caches, `functools` caches) at the start of each
run of the tests (pytest_sessionstart): mutmut runs each mutant in a fork of a process that
already ran the tests unmutated, and a result kept then (Pandoc's formatting, the final check's
verdict on a page, a parsed front matter) would be handed to the mutated code, which never ran.

It also loads each MkDocs hook file as a module named after the file (`concept_hooks`),
not after its path in mkdocs.yml (`src/concept_hooks.py`, MkDocs' own choice): mutmut
matches the module a test reached against the name it gave the file's mutants, and a
path-shaped module name would leave every mutant of the event module "no tests".
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import pytest

REAL_SITE_FIXTURES = {"site", "real_build"}
IN_A_SUBPROCESS_FIXTURES = {"plain"}  # tests/test_plain_markdown.py: the extensions without MkDocs, in a child process
IN_A_SUBPROCESS = {
    "test_layouts_do_not_depend_on_the_hash_seed",
    "test_relations_script_is_idempotent_on_the_committed_files",
}


REQUESTED = pytest.StashKey[tuple[set[str], set[str]]]()


def pytest_load_initial_conftests(early_config: pytest.Config, parser: pytest.Parser, args: list[str]) -> None:
    """Tests named one by one (`file::test`, as mutmut names them) are collected with the rest
    of their file; pytest_collection_modifyitems keeps them, those sharing their fixtures and
    every test of a file named whole."""
    named = [arg for arg in args if "::" in arg]
    if named:
        whole = {arg for arg in args if "::" not in arg and arg.endswith(".py")}
        early_config.stash[REQUESTED] = (set(named), whole)
        args[:] = [arg for arg in args if "::" not in arg] + list(dict.fromkeys(a.split("::")[0] for a in named))


def _shared_fixtures(item: pytest.Item) -> set[tuple[str, str]]:
    """(module, fixture) of each fixture the test asks for by name that is defined in its own
    module with a scope wider than one test."""
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return set()
    found = set()
    for name in info.argnames:
        definitions = info.name2fixturedefs.get(name, ())
        if definitions and definitions[-1].scope != "function" and definitions[-1].baseid == item.nodeid.split("::")[0]:
            found.add((definitions[-1].baseid, name))
    return found


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if REQUESTED in config.stash:
        requested, whole = config.stash[REQUESTED]

        def asked(item: pytest.Item) -> bool:  # a test named without parameters means all of its cases
            return item.nodeid in requested or item.nodeid.split("[")[0] in requested

        shared = set().union(*(_shared_fixtures(item) for item in items if asked(item)))
        items[:] = [
            item
            for item in items
            if asked(item) or item.nodeid.split("::")[0] in whole or _shared_fixtures(item) & shared
        ]
    keep: list[pytest.Item] = []
    drop: list[pytest.Item] = []
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        in_a_subprocess = item.name in IN_A_SUBPROCESS or IN_A_SUBPROCESS_FIXTURES & fixtures
        (drop if REAL_SITE_FIXTURES & fixtures or in_a_subprocess else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def pytest_configure(config: pytest.Config) -> None:
    from mkdocs.config import config_options

    load = config_options.Hooks._load_hook.__wrapped__  # under MkDocs' lru_cache

    @functools.cache
    def load_by_file_name(self: config_options.Hooks, name: str, path: str) -> object:
        return load(self, Path(path).stem, path)

    config_options.Hooks._load_hook = load_by_file_name  # type: ignore[method-assign]


def pytest_sessionstart(session: pytest.Session) -> None:
    """Every memo of the engine's modules empty, as in a process that never ran the engine."""
    try:
        from conceptbook.common.cache import Bounded
    except ImportError:  # pragma: no cover - a staged copy without the engine
        return
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith("conceptbook."):
            continue
        for attribute, value in list(vars(module).items()):
            if isinstance(value, Bounded):
                setattr(module, attribute, Bounded(value.size))
            elif callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Each test starts with the engine's memoised rule verdicts empty. mutmut runs a
    mutant in a fork of a process that already ran the tests unmutated: a verdict kept by
    `functools.lru_cache` then (the safety rules judge each distinct element once) would
    stand in for the mutated function, which never ran."""
    try:
        from conceptbook.safety import rules
    except ImportError:  # pragma: no cover - a package without the safety rules
        return
    for cached in (rules._content_element, rules._frame_element):
        cached.cache_clear()
