"""Unit tests of the small shared modules every capability leans on (hooks/conceptbook/common/ and
the name rules of glossary/names.py): exact escapes, the one template environment, the
generated-path message, and each name and summary limit at its boundary, with the whole
message an author reads."""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

import jinja2
import pytest
from jinja2.bccache import bc_magic
from jinja2.sandbox import SandboxedEnvironment
from mkdocs.structure.files import File, Files

from conceptbook.common import store
from conceptbook.common.assembly import Assembly
from conceptbook.common.background import start
from conceptbook.common.book import Book
from conceptbook.common.files import Sources, drop_generated
from conceptbook.common.templates import COMPILED, MemoryBytecodeCache, share_compiled_templates, template_env
from conceptbook.common.text import html_attr, html_text, markdown_literal
from conceptbook.glossary.forms import initial, name_key, plural, sort_key
from conceptbook.glossary.names import NAME_MAX_CHARS, SUMMARY_MAX_CHARS, name_problem, summary_problem
from conceptbook.settings import Settings

TRICKY = "<a href=\"x\" title='y'> & {: #id } *b* `c` [[d]]"


def test_html_text_escapes_markup_but_keeps_quotes_readable() -> None:
    assert html_text(TRICKY) == "&lt;a href=\"x\" title='y'&gt; &amp; {: #id } *b* `c` [[d]]"


def test_html_attr_escapes_both_quotes_too() -> None:
    assert html_attr(TRICKY) == "&lt;a href=&quot;x&quot; title=&#x27;y&#x27;&gt; &amp; {: #id } *b* `c` [[d]]"


def test_markdown_literal_turns_every_ascii_punctuation_mark_into_a_character_reference() -> None:
    assert markdown_literal("Über-Ich's *x* {: y}") == "Über&#45;Ich&#39;s &#42;x&#42; &#123;&#58; y&#125;"
    assert markdown_literal("Plain words Ü") == "Plain words Ü"


def test_the_template_environment_escapes_trims_blocks_and_refuses_undefined_names(tmp_path: Path) -> None:
    (tmp_path / "list.html").write_text("<ul>\n  {% for x in xs %}\n  <li>{{ x }}</li>\n  {% endfor %}\n</ul>\n")
    (tmp_path / "missing.html").write_text("{{ nowhere }}")
    env = template_env(tmp_path)
    assert env.get_template("list.html").render(xs=["<b>", "a & b"]) == (
        "<ul>\n  <li>&lt;b&gt;</li>\n  <li>a &amp; b</li>\n</ul>"
    )
    with pytest.raises(jinja2.UndefinedError):
        env.get_template("missing.html").render()


def test_compiled_templates_are_shared_only_between_environments_that_compile_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "t.html").write_text("{{ x }}|{% if y %}\nyes{% endif %}", encoding="utf-8")

    def env(**settings: object) -> jinja2.Environment:
        return share_compiled_templates(jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), **settings))

    plain = env().get_template("t.html").render(x="<b>", y=True)
    # Same file, other settings (escaping; block trimming): never the first one's code.
    assert env(autoescape=True).get_template("t.html").render(x="<b>", y=True) == "&lt;b&gt;|\nyes"
    assert env(trim_blocks=True).get_template("t.html").render(x="<b>", y=True) == "<b>|yes"
    assert plain == "<b>|\nyes"
    # Same settings: a new environment (a new build) reuses the code without compiling.
    entries = len(COMPILED.code)
    compile_calls = []
    real_compile = jinja2.Environment.compile
    monkeypatch.setattr(
        jinja2.Environment, "compile", lambda self, *a, **k: compile_calls.append(a) or real_compile(self, *a, **k)
    )
    assert env().get_template("t.html").render(x="<b>", y=False) == "<b>|"
    assert compile_calls == [] and len(COMPILED.code) == entries
    # A changed template is compiled again, not served from the cache.
    (tmp_path / "t.html").write_text("changed {{ x }}", encoding="utf-8")
    assert env().get_template("t.html").render(x="<b>") == "changed <b>"
    assert len(compile_calls) == 1


def _upper(value: object) -> str:
    return str(value).upper()


@pytest.mark.parametrize(
    "setting",
    [
        {"block_start_string": "<%", "block_end_string": "%>"},
        {"block_end_string": "%%}"},
        {"variable_start_string": "${", "variable_end_string": "}"},
        {"variable_end_string": "}}}"},
        {"comment_start_string": "<#", "comment_end_string": "#>"},
        {"comment_end_string": "##}"},
        {"line_statement_prefix": "%%"},
        {"line_comment_prefix": "##"},
        {"trim_blocks": True},
        {"lstrip_blocks": True},
        {"newline_sequence": "\r\n"},
        {"keep_trailing_newline": True},
        {"extensions": ["jinja2.ext.loopcontrols"]},
        {"optimized": False},
        {"autoescape": True},
        {"autoescape": lambda name: True},
        {"finalize": _upper},
        {"enable_async": True},
    ],
    ids=lambda setting: next(iter(setting)),
)
def test_every_setting_that_changes_compiled_code_keeps_its_own_cache_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: dict[str, object]
) -> None:
    (tmp_path / "t.html").write_text("{{ x }}", encoding="utf-8")

    def load(**settings: object) -> None:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), **settings)  # type: ignore[arg-type]
        share_compiled_templates(env).get_template("t.html")

    load()  # the default settings' code is in the cache now
    compiled = []
    real_compile = jinja2.Environment.compile
    monkeypatch.setattr(
        jinja2.Environment, "compile", lambda self, *a, **k: compiled.append(a) or real_compile(self, *a, **k)
    )
    with contextlib.suppress(jinja2.TemplateSyntaxError):  # "{{ x }}" is not a template under every setting
        load(**setting)
    assert len(compiled) == 1, f"{setting} reused code compiled without it"


def _shout(value: object) -> str:
    return f"{value}!"


@jinja2.pass_context
def _shout_in_context(context: object, value: object) -> str:
    return f"{value}!"


def _is_long(value: object) -> bool:
    return len(str(value)) > 3


def _with_filter(env: jinja2.Environment) -> None:
    env.filters["shout"] = _shout


def _with_context_filter(env: jinja2.Environment) -> None:
    env.filters["shout"] = _shout_in_context


def _with_test(env: jinja2.Environment) -> None:
    env.tests["long"] = _is_long


def _with_policy(env: jinja2.Environment) -> None:
    env.policies["json.dumps_kwargs"] = {"sort_keys": False}


def _with_new_style_gettext(env: jinja2.Environment) -> None:
    env.add_extension("jinja2.ext.i18n")
    env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("first", "then"),
    [
        (_with_filter, _with_context_filter),  # same name, other way of taking arguments
        (None, _with_test),
        (None, _with_policy),
        (lambda env: env.add_extension("jinja2.ext.i18n"), _with_new_style_gettext),
    ],
    ids=["filter's arguments", "test", "policy", "new-style gettext"],
)
def test_filters_tests_policies_and_extension_options_keep_their_own_cache_entry(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    first: Callable[[jinja2.Environment], object] | None,
    then: Callable[[jinja2.Environment], object],
) -> None:
    (tmp_path / "t.html").write_text("{{ 'a' | shout if 'shout' in self else x }}", encoding="utf-8")

    def load(setup: Callable[[jinja2.Environment], object] | None) -> None:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path))
        if setup is not None:
            setup(env)
        share_compiled_templates(env).get_template("t.html")

    load(first)
    compiled = []
    real_compile = jinja2.Environment.compile
    monkeypatch.setattr(
        jinja2.Environment, "compile", lambda self, *a, **k: compiled.append(a) or real_compile(self, *a, **k)
    )
    load(first)
    assert compiled == [], "the same set-up should reuse its code"
    load(then)
    assert len(compiled) == 1, "another set-up reused code compiled without it"


@pytest.mark.parametrize(
    "make",
    [
        lambda folder: SandboxedEnvironment(loader=jinja2.FileSystemLoader(folder)),
        lambda folder: jinja2.Environment(loader=jinja2.FileSystemLoader(folder), finalize=lambda v: v),
        lambda folder: _env_with(folder, "filters", "shout", lambda v: v),
        lambda folder: _env_with(folder, "tests", "odd", functools.partial(_is_long)),
    ],
    ids=["sandbox", "lambda finalize", "lambda filter", "partial test"],
)
def test_environments_whose_code_a_key_cannot_describe_are_never_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make: Callable[[Path], jinja2.Environment]
) -> None:
    (tmp_path / "t.html").write_text("{{ x }}", encoding="utf-8")
    compiled = []
    real_compile = jinja2.Environment.compile
    monkeypatch.setattr(
        jinja2.Environment, "compile", lambda self, *a, **k: compiled.append(a) or real_compile(self, *a, **k)
    )
    entries = len(COMPILED.code)
    for _ in range(2):
        share_compiled_templates(make(tmp_path)).get_template("t.html")
    assert len(compiled) == 2 and len(COMPILED.code) == entries


def test_an_autoescape_function_is_asked_about_each_template_by_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "t.html").write_text("{{ x }}", encoding="utf-8")

    def render(autoescape: Callable[[str | None], bool]) -> str:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), autoescape=autoescape)
        return share_compiled_templates(env).get_template("t.html").render(x="<b>")

    assert render(lambda name: str(name).endswith(".html")) == "&lt;b&gt;"
    assert render(lambda name: False) == "<b>"  # never the escaping code compiled just before


def _shout_plain(value: object) -> str:
    return f"{value}!"


def test_a_filter_that_takes_the_context_never_shares_code_with_one_that_does_not(tmp_path: Path) -> None:
    """Same module, same name: only how Jinja passes it arguments differs."""
    (tmp_path / "t.html").write_text("{{ x | shout }}", encoding="utf-8")
    in_context = jinja2.pass_context(lambda context, value: f"{value}!")
    in_context.__qualname__, in_context.__module__ = _shout_plain.__qualname__, _shout_plain.__module__

    def render(shout: Callable[..., str]) -> str:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path))
        env.filters["shout"] = shout
        return share_compiled_templates(env).get_template("t.html").render(x="a")

    assert render(_shout_plain) == "a!"
    assert render(in_context) == "a!"  # with the other's code, it would get "a" as its context


def test_a_new_cache_starts_empty_and_keeps_what_it_compiled(tmp_path: Path) -> None:
    (tmp_path / "t.html").write_text("{{ x }}", encoding="utf-8")
    cache = MemoryBytecodeCache()
    assert cache.code == {}
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), bytecode_cache=cache)
    assert env.get_template("t.html").render(x=1) == "1"
    assert len(cache.code) == 1


@pytest.fixture
def compiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A store in tmp_path/store, templates in tmp_path/templates; one entry per compilation."""
    (tmp_path / "templates").mkdir()
    monkeypatch.setattr(store, "STORE", store.Store(tmp_path / "store"))
    compiled: list[str] = []
    real_compile = jinja2.Environment.compile
    monkeypatch.setattr(
        jinja2.Environment, "compile", lambda self, *a, **k: compiled.append("c") or real_compile(self, *a, **k)
    )
    return compiled


def test_compiled_templates_are_kept_in_the_store_for_the_next_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compiles: list[str]
) -> None:
    templates = tmp_path / "templates"
    (templates / "t.html").write_text("<{{ x }}>", encoding="utf-8")
    compiled = compiles  # counted by the fixture

    def render() -> str:  # a new process: an empty cache in memory, the same store on disk
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates), bytecode_cache=MemoryBytecodeCache())
        return env.get_template("t.html").render(x="a")

    assert render() == "<a>" and len(compiled) == 1
    [kept] = (tmp_path / "store").iterdir()
    assert render() == "<a>" and len(compiled) == 1  # read from the store, not compiled
    kept.write_bytes(kept.read_bytes()[:-7])  # damaged (a build stopped while another wrote it, a full disk)
    assert render() == "<a>" and len(compiled) == 2
    assert render() == "<a>" and len(compiled) == 2  # and written whole again
    kept.write_bytes(b"not a compiled template")
    assert render() == "<a>" and len(compiled) == 3
    kept.write_bytes(bc_magic + b"\x80\x02garbage")  # Jinja's header, then what pickle cannot read
    assert render() == "<a>" and len(compiled) == 4
    (templates / "t.html").write_text("[{{ x }}]", encoding="utf-8")  # an edited template: never the old code
    assert render() == "[a]" and len(compiled) == 5
    monkeypatch.setattr(jinja2, "__version__", "0.0-other")  # another Jinja: another entry
    assert render() == "[a]" and len(compiled) == 6
    assert len(list((tmp_path / "store").iterdir())) == 2
    monkeypatch.setattr(store, "STORE", store.Store(None))  # no store (CONCEPTBOOK_CACHE=off): compiled each time
    assert render() == "[a]" and len(compiled) == 7
    assert render() == "[a]" and len(compiled) == 8


def test_a_template_read_from_the_store_is_kept_in_memory_and_each_setting_has_its_own_entry(
    tmp_path: Path, compiles: list[str]
) -> None:
    templates = tmp_path / "templates"
    (templates / "t.html").write_text("{{ x }}", encoding="utf-8")
    compiled = compiles  # counted by the fixture

    def render(cache: MemoryBytecodeCache, autoescape: bool) -> str:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates), bytecode_cache=cache, autoescape=autoescape)
        return env.get_template("t.html").render(x="<b>")

    # one source, two settings: two entries in the store, each read back by its own setting
    assert render(MemoryBytecodeCache(), True) == "&lt;b&gt;" and render(MemoryBytecodeCache(), False) == "<b>"
    assert len(compiled) == 2 and len(list((tmp_path / "store").iterdir())) == 2
    assert render(MemoryBytecodeCache(), False) == "<b>" and render(MemoryBytecodeCache(), True) == "&lt;b&gt;"
    assert len(compiled) == 2
    # read from the store once, then from memory: the store's files are no longer needed
    cache = MemoryBytecodeCache()
    assert render(cache, True) == "&lt;b&gt;" and len(compiled) == 2
    for kept in (tmp_path / "store").iterdir():
        kept.unlink()
    assert render(cache, True) == "&lt;b&gt;" and len(compiled) == 2


def _env_with(folder: Path, table: str, name: str, function: object) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folder))
    getattr(env, table)[name] = function
    return env


def test_a_file_at_a_generated_path_is_dropped_with_a_message_that_names_it(caplog: pytest.LogCaptureFixture) -> None:
    mine = File("glossary.md", "/docs", "/site", use_directory_urls=False)
    other = File("chapters/one.md", "/docs", "/site", use_directory_urls=False)
    files = Files([mine, other])
    log = logging.getLogger("mkdocs.test.common")
    with caplog.at_level(logging.ERROR, logger="mkdocs.test.common"):
        drop_generated(files, ["glossary.md", "glossary.json"], lambda f: f"docs/{f.src_uri}", "by the engine", log)
    assert [f.src_uri for f in files] == ["chapters/one.md"]
    assert caplog.messages == [
        "docs/glossary.md: this path is generated by the engine, so the file is ignored; rename or delete it."
    ]


@pytest.mark.parametrize(
    ("term", "key", "letter"),
    [("Über-Ich", "uber-ich", "U"), ("Ego", "ego", "E"), ("ÉCOLE", "ecole", "E"), ("1st thing", "1st thing", "#")],
)
def test_terms_sort_and_file_by_their_base_letters(term: str, key: str, letter: str) -> None:
    assert sort_key(term) == key
    assert initial(term) == letter


def test_a_name_of_exactly_the_limit_is_accepted_and_one_more_character_is_not() -> None:
    assert name_problem("a" * NAME_MAX_CHARS, "term", "auto") is None
    assert name_problem("a" * (NAME_MAX_CHARS + 1), "alias", "auto") == (
        f"the alias has {NAME_MAX_CHARS + 1} characters; shorten it to at most {NAME_MAX_CHARS}"
    )


def test_a_single_letter_name_needs_link_explicit() -> None:
    assert name_problem("I", "alias", "auto") == (
        "the alias 'I' is a single letter, which would link letters everywhere; "
        "use a longer name, or set 'link: explicit'"
    )
    assert name_problem("I", "alias", "explicit") is None


def test_a_summary_of_exactly_the_limit_is_accepted_and_one_more_character_is_not() -> None:
    assert summary_problem("a" * SUMMARY_MAX_CHARS) is None
    assert summary_problem("a" * (SUMMARY_MAX_CHARS + 1)) == (
        f"the summary has {SUMMARY_MAX_CHARS + 1} characters; shorten it to at most {SUMMARY_MAX_CHARS}"
    )


def test_a_summary_with_a_reference_is_told_to_name_the_concept_in_words() -> None:
    assert summary_problem("Like [[transference]] but older.") == (
        "the summary contains '[[...]]'; a summary is plain text: name the concept in words instead"
    )


@pytest.mark.parametrize(
    ("name", "found"),
    [("Ego {: #x }", "{"), ("Ego &amp; id", "&amp;"), ("Ego\x07", "\x07"), ("<b>Ego</b>", "<")],
)
def test_a_name_with_markup_an_entity_or_a_control_character_is_refused(name: str, found: str) -> None:
    assert name_problem(name, "term", "auto") == (
        f"the term {name!r} contains {found!r}; names are plain text (no Markdown, HTML, "
        "'{: ...}' attributes or [[...]]): remove it"
    )


@pytest.mark.parametrize(
    ("summary", "found"),
    [("A *bold* claim.", "*"), ("Fish &amp; chips.", "&amp;"), ("Bell\x07 rings.", "\x07"), ("See <b>this</b>.", "<")],
)
def test_a_summary_with_markup_an_entity_or_a_control_character_is_refused(summary: str, found: str) -> None:
    assert summary_problem(summary) == (
        f"the summary contains {found!r}; a summary is plain text (no Markdown, HTML or links): "
        "remove it or say it in words"
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [("BOSS", "BOSSes"), ("Boss", "Bosses"), ("FAMILY", "FAMILies"), ("Day", "Days"), ("Ego", "Egos")],
)
def test_the_regular_plural_ignores_case(name: str, expected: str) -> None:
    assert plural(name) == expected


def test_names_compare_without_case_spacing_or_curly_apostrophes() -> None:
    assert name_key("Object  Relations") == "object relations"
    assert name_key("Winnicott\u2019s  Holding") == name_key("winnicott's holding") == "winnicott's holding"


def test_background_work_runs_beside_the_caller_and_hands_back_its_result_or_error() -> None:
    release = threading.Event()
    future = start(release.wait, 10)
    assert not future.done()  # start() returned while the work still waits
    release.set()
    assert future.result(timeout=10) is True

    def fail() -> None:
        raise ValueError("docs/x.md: broken; fix it.")

    with pytest.raises(ValueError, match="broken; fix it"):
        start(fail).result(timeout=10)


def _failing_job() -> str:
    raise ValueError("docs/x.md: the map cannot be drawn; fix it.")


def _logging_job() -> str:
    logging.getLogger("mkdocs.plugins.test").warning("docs/x.md: something to fix.")
    return f"logged in {os.getpid()}"


def test_a_placed_parts_error_and_messages_reach_the_build(caplog: pytest.LogCaptureFixture) -> None:
    """A part made when its page is finished (common/assembly.py) runs in the build's own
    thread: what it raises or logs reaches the build as it is."""
    assembly = Assembly()
    assembly.place("a.md", "<!-- map -->", _failing_job)
    assembly.place("b.md", "<!-- map -->", _logging_job)
    with pytest.raises(ValueError, match="the map cannot be drawn; fix it"):
        assembly.finish("a.md", "<!-- map -->")
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        assert assembly.finish("b.md", "<!-- map -->") == f"logged in {os.getpid()}"
    assert [r.getMessage() for r in caplog.records] == ["docs/x.md: something to fix."]


def test_sources_read_each_file_once_and_keep_a_generated_file_apart_from_the_one_it_replaces(
    tmp_path: Path,
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "glossary.md").write_text("the author's file", encoding="utf-8")
    authored = File("glossary.md", str(docs), str(tmp_path / "site"), use_directory_urls=False)
    read = Sources()
    assert read(authored) == "the author's file"
    (docs / "glossary.md").write_text("changed on disk", encoding="utf-8")
    assert read(authored) == "the author's file"  # read once per build
    assert Sources()(authored) == "changed on disk"  # the next build reads it again
    generated = File("glossary.md", str(docs), str(tmp_path / "site"), use_directory_urls=False)
    generated.content_string = "generated"  # as File.generated() makes it
    assert read(generated) == "generated"
    assert read(authored) == "the author's file"


# -- common/cache.py: bounded, and read-only to its callers ----------------------------


def test_a_bounded_cache_drops_the_least_recently_used_entry() -> None:
    from conceptbook.common.cache import Bounded

    cache: Bounded[list[int]] = Bounded(2)
    cache.put("a", [1])
    cache.put("b", [2])
    assert cache.get("a") == [1]  # "a" is now the most recently used
    cache.put("c", [3])
    assert ("a" in cache, "b" in cache, "c" in cache, len(cache)) == (True, False, True, 2)
    assert cache.get("b") is None


def test_what_a_bounded_cache_hands_out_cannot_change_what_it_keeps() -> None:
    from conceptbook.common.cache import Bounded

    cache: Bounded[dict[str, list[str]]] = Bounded(4)
    given = cache.put("k", {"entries": ["x"]})
    given["entries"].append("changed by the caller")
    first = cache.get("k")
    assert first == {"entries": ["x"]}
    assert first is not None
    first["entries"].clear()
    assert cache.get("k") == {"entries": ["x"]}
    with pytest.raises(ValueError, match="at least one entry"):
        Bounded(0)


def test_background_work_runs_in_a_thread_named_for_the_build() -> None:
    assert start(lambda: threading.current_thread().name).result(timeout=10) == "mkdocs-background_0"


def test_a_markdown_page_at_a_generated_path_is_dropped_under_each_markdown_suffix(
    caplog: pytest.LogCaptureFixture,
) -> None:
    names = ["glossary.markdown", "glossary.mdown", "glossary.mkdn", "glossary.mkd", "data.markdown", "data.json"]
    files = Files([File(name, "/docs", "/site", use_directory_urls=False) for name in names])
    log = logging.getLogger("mkdocs.test.common")
    with caplog.at_level(logging.ERROR, logger="mkdocs.test.common"):
        drop_generated(files, ["glossary.md", "data.json"], lambda f: f"docs/{f.src_uri}", "here", log, " (see X)")
    assert [f.src_uri for f in files] == ["data.markdown"]  # only a .md name stands for its other suffixes
    assert caplog.messages == [
        f"docs/{name}: this path is generated here, so the file is ignored; rename or delete it (see X)."
        for name in ["glossary.markdown", "glossary.mdown", "glossary.mkdn", "glossary.mkd", "data.json"]
    ]


def test_a_bounded_cache_holds_one_entry_at_least() -> None:
    from conceptbook.common.cache import Bounded

    one: Bounded[str] = Bounded(1)
    one.put("a", "A")
    one.put("b", "B")
    assert (one.get("a"), one.get("b")) == (None, "B")
    with pytest.raises(ValueError) as raised:
        Bounded(0)
    assert str(raised.value) == "a bounded cache holds at least one entry"


def small_book(tmp_path: Path, theme: str = "  name: mkdocs\n") -> Book:
    from mkdocs.config import load_config

    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text(f"site_name: T\ntheme:\n{theme}", encoding="utf-8")
    return Book(load_config(config_file=str(tmp_path / "mkdocs.yml")))


def test_a_book_finds_its_root_overrides_and_settings_from_mkdocs_yml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITIONS_DIR", "dist")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    monkeypatch.delenv("CONCEPTBOOK_CACHE", raising=False)  # the mutation runs set it to "off"
    book = small_book(tmp_path)
    assert (book.root, book.overrides) == (tmp_path, tmp_path / "overrides")  # no custom_dir: overrides/ beside it
    assert book.settings == Settings(
        source_date_epoch=1800000000, editions_dir=tmp_path / "dist", cache_dir=tmp_path / ".cache" / "conceptbook"
    )
    (tmp_path / "theme").mkdir()
    assert small_book(tmp_path, "  name: mkdocs\n  custom_dir: theme\n").overrides == tmp_path / "theme"


def test_a_books_urls_and_relative_links_are_looked_up_per_file_and_pair(tmp_path: Path) -> None:
    book = small_book(tmp_path)
    assert book.url("chapters/one.md") == "chapters/one.md"  # before on_files: the path itself
    book.files = Files([File("chapters/two.md", str(tmp_path / "docs"), "/site", use_directory_urls=False)])
    assert [book.url("chapters/two.md"), book.url("missing.md")] == ["chapters/two.html", "missing.md"]
    assert [book.relative("glossary.html", "chapters/two.html"), book.relative("index.html", "a/b/c.html")] == [
        "../glossary.html",
        "../../index.html",
    ]


def test_a_book_places_parts_with_the_assemblys_defaults_and_finishes_its_pages(tmp_path: Path) -> None:
    book = small_book(tmp_path)
    page = File("a.md", str(tmp_path / "docs"), "/site", use_directory_urls=False)
    book.place("a.md", "<!-- m -->", "after", 1, replaces=False)
    book.place("a.md", "<!-- m -->", "owner")  # offset 0, in the marker's place
    book.place("a.md", "<!-- n -->", "beside", replaces=False)
    assert book.finish(page, "<!-- m -->|<!-- n -->") == "owner\nafter|<!-- n -->\nbeside"


def test_a_finished_page_without_a_title_is_recorded_with_an_empty_one(tmp_path: Path) -> None:
    book = small_book(tmp_path)
    page = File("chapters/one.md", str(tmp_path / "docs"), "/site", use_directory_urls=False)
    book.finish(page, "<p>x</p>", None)
    book.finish(File("two.md", str(tmp_path / "docs"), "/site", use_directory_urls=False), "<p>y</p>", "Two")
    assert book.titles == {"chapters/one.md": "", "two.md": "Two"}
