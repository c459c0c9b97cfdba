"""The Jinja environment every capability renders its HTML with (templates in overrides/),
and the compiled-template cache that every Jinja environment of the build shares.

Autoescape is on, so whatever came from a Markdown author reaches the page as text;
undefined variables fail loudly instead of printing nothing.

Compiling templates is a large part of a small build: MkDocs makes a new theme
environment for every build, so `mkdocs serve` recompiled Material's 50-odd templates on
every save, and a test process building a hundred throw-away books compiled them a
hundred times. `share_compiled_templates(env)` gives an environment the process-wide
cache below: Jinja's own bytecode-cache interface, kept in memory and in the build's store
(common/store.py, `.cache/conceptbook/`), so a cold build after the first compiles no
template at all: neither the engine's nor the theme's (about a tenth of a cold build of
the real book). Jinja checks each entry against a checksum of the template's source and
compiles again when the file changed; the store's name for an entry also holds Jinja's
version, and Jinja's own header the Python version, so an upgrade never loads old code. The key also holds what Jinja 3.1 reads while compiling:
delimiters and whitespace rules, extensions and their gettext style, policies, the
optimizer, autoescape, and which filters, tests and finalize function the code calls
(they are called at compile time on constants, and how each takes its arguments is
written into the code). So environments set up differently never share code. An
environment of another class (the sandbox) or with a filter, test or finalize Jinja
cannot tell apart from another by name (a lambda, a closure, a partial) is compiled as
usual, without the cache.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket
from jinja2.compiler import CodeGenerator

from . import store


def template_env(folder: Path) -> jinja2.Environment:
    """Templates of one capability, e.g. overrides/glossary/."""
    return share_compiled_templates(
        jinja2.Environment(
            loader=jinja2.FileSystemLoader(folder),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
        )
    )


def _identity(function: object) -> tuple[str, str, str] | None:
    """A filter, test or finalize function as compiled code depends on it: where it is
    defined and how Jinja passes it arguments; None for one that a name cannot identify."""
    module, qualname = getattr(function, "__module__", None), getattr(function, "__qualname__", None)
    if not module or not qualname or "<" in qualname:  # <lambda>, <locals>: not one function
        return None
    return module, qualname, repr(getattr(function, "jinja_pass_arg", None))


def _compile_settings(env: jinja2.Environment, name: str) -> str | None:
    """Everything about `env` that changes what `name` compiles to; None if that cannot be known."""
    if type(env) is not jinja2.Environment or env.code_generator_class is not CodeGenerator:
        return None
    named = [("filter", k, f) for k, f in env.filters.items()] + [("test", k, f) for k, f in env.tests.items()]
    if env.finalize is not None:
        named.append(("finalize", "", env.finalize))
    functions = []
    for kind, key, function in sorted(named, key=lambda entry: entry[:2]):
        identity = _identity(function)
        if identity is None:
            return None
        functions.append((kind, key, identity))
    autoescape = env.autoescape(name) if callable(env.autoescape) else env.autoescape
    return repr(
        (
            env.block_start_string,
            env.block_end_string,
            env.variable_start_string,
            env.variable_end_string,
            env.comment_start_string,
            env.comment_end_string,
            env.line_statement_prefix,
            env.line_comment_prefix,
            env.trim_blocks,
            env.lstrip_blocks,
            env.newline_sequence,
            env.keep_trailing_newline,
            sorted(env.extensions),
            getattr(env, "newstyle_gettext", None),
            sorted(env.policies.items()),
            env.optimized,
            bool(autoescape),
            env.is_async,
            functions,
        )
    )


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates for the life of the process, keyed by template, file and settings."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None, source: str) -> Bucket:
        settings = _compile_settings(environment, name)
        key = "" if settings is None else hashlib.sha1(f"{name}\0{filename}\0{settings}".encode()).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        if not bucket.key:  # "": not to be cached
            return
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # a stale checksum leaves the bucket empty
            return
        kept = store.current().get(_stored(bucket.key))
        if kept is None:
            return
        try:
            bucket.bytecode_from_string(kept)
        except Exception:  # a damaged file in the store: compile again, as if it were not there
            bucket.reset()
        if bucket.code is not None:
            self.code[bucket.key] = kept

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.key:
            self.code[bucket.key] = bucket.bytecode_to_string()
            store.current().put(_stored(bucket.key), self.code[bucket.key])


def _stored(key: str) -> str:
    """The store's name for a compiled template: Jinja's version is part of what it compiled to."""
    return store.key("jinja-bytecode", jinja2.__version__, key)


COMPILED = MemoryBytecodeCache()


def share_compiled_templates(env: jinja2.Environment) -> jinja2.Environment:
    """Give `env` the process-wide compiled-template cache; returns `env`."""
    env.bytecode_cache = COMPILED
    return env
