"""The engine's settings (hooks/conceptbook/settings.py): read from the environment in one
place, checked, and a value that cannot be used stops the build with its fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_citations_bad_input import files

from conceptbook.settings import DEFAULT_EPOCH, Settings, SettingsError
from sitebuild import build_small_site

ROOT = Path("/book")


CACHE = Path("/book/.cache/conceptbook")


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, Settings(DEFAULT_EPOCH, None, CACHE)),
        ({"SOURCE_DATE_EPOCH": "", "EDITIONS_DIR": "", "CONCEPTBOOK_CACHE": ""}, Settings(1767225600, None, CACHE)),
        ({"SOURCE_DATE_EPOCH": " 1800000000 "}, Settings(1800000000, None, CACHE)),
        ({"SOURCE_DATE_EPOCH": "0", "EDITIONS_DIR": "dist"}, Settings(0, Path("/book/dist"), CACHE)),
        ({"EDITIONS_DIR": "/srv/editions"}, Settings(1767225600, Path("/srv/editions"), CACHE)),
        ({"CONCEPTBOOK_CACHE": "off"}, Settings(1767225600, None, None)),
        ({"CONCEPTBOOK_CACHE": " OFF "}, Settings(1767225600, None, None)),
        ({"CONCEPTBOOK_CACHE": "build/cache"}, Settings(1767225600, None, Path("/book/build/cache"))),
        ({"CONCEPTBOOK_CACHE": "/var/cache/book"}, Settings(1767225600, None, Path("/var/cache/book"))),
    ],
    ids=[
        "unset",
        "empty",
        "spaces",
        "relative-folder",
        "absolute-folder",
        "cache-off",
        "cache-OFF",
        "cache-relative",
        "cache-absolute",
    ],
)
def test_settings_are_read_from_the_environment_given(environ: dict[str, str], expected: Settings) -> None:
    assert Settings.read(ROOT, environ) == expected


@pytest.mark.parametrize("value", ["yesterday", "-1", "1.5", "1e9"])
def test_an_epoch_that_is_not_whole_seconds_is_refused_with_the_fix(value: str) -> None:
    with pytest.raises(SettingsError) as caught:
        Settings.read(ROOT, {"SOURCE_DATE_EPOCH": value})
    assert str(caught.value) == (
        f"SOURCE_DATE_EPOCH={value!r}: not a time in seconds since 1970; set it to a whole number "
        "such as $(git log -1 --format=%ct), or unset it"
    )


def test_the_build_stops_on_a_setting_it_cannot_use(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "next week")
    result = build_small_site(tmp_path, files())
    assert result.failed is not None
    assert result.messages == [
        "ERROR: SOURCE_DATE_EPOCH='next week': not a time in seconds since 1970; set it to a whole number "
        "such as $(git log -1 --format=%ct), or unset it."
    ]


def test_no_engine_module_reads_the_environment_but_settings() -> None:
    import conceptbook

    hooks = Path(conceptbook.__file__).resolve().parent  # hooks/conceptbook/, wherever it is staged
    readers = sorted(
        str(p.relative_to(hooks))
        for p in hooks.rglob("*.py")
        if "os.environ" in p.read_text(encoding="utf-8") or "getenv" in p.read_text(encoding="utf-8")
    )
    # The editions' command-line tools read CHROMIUM and SOURCE_DATE_EPOCH as commands do.
    assert readers == ["editions/chromium.py", "settings.py"]
