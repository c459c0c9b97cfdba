"""pytest plugin for `make mutants`: deselect the tests that cannot judge a mutant.

The mutation run keeps to the fast subset (scripts/mutants.toml). Left out here, and
still run by `make test`:
- a test that asks for the session's real build (the `site` or `real_build` fixture),
  which would rebuild the whole book for every mutant;
- a test that runs the engine in a fresh Python process: mutmut switches mutants on
  inside its own process, so a child process would only ever run the unmutated code.

It also loads each MkDocs hook file as a module named after the file (`concept_hooks`),
not after its path in mkdocs.yml (`src/concept_hooks.py`, MkDocs' own choice): mutmut
matches the module a test reached against the name it gave the file's mutants, and a
path-shaped module name would leave every mutant of the event module "no tests".
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

REAL_SITE_FIXTURES = {"site", "real_build"}
IN_A_SUBPROCESS = {
    "test_layouts_do_not_depend_on_the_hash_seed",
    "test_relations_script_is_idempotent_on_the_committed_files",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    keep: list[pytest.Item] = []
    drop: list[pytest.Item] = []
    for item in items:
        needs_real_site = REAL_SITE_FIXTURES & set(getattr(item, "fixturenames", ()))
        (drop if needs_real_site or item.name in IN_A_SUBPROCESS else keep).append(item)
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
