"""The Jinja environment every capability renders its HTML with (templates in overrides/),
and the compiled-template cache that every Jinja environment of the build shares.

Autoescape is on, so whatever came from a Markdown author reaches the page as text;
undefined variables fail loudly instead of printing nothing.

Compiling templates is a large part of a small build: MkDocs makes a new theme
environment for every build, so `mkdocs serve` recompiled Material's 50-odd templates on
every save, and a test process building a hundred throw-away books compiled them a
hundred times. `share_compiled_templates(env)` gives an environment the process-wide
cache below: Jinja's own bytecode-cache interface, kept in memory (nothing is written to
disk). Jinja checks each entry against a checksum of the template's source and compiles
again when the file changed; the key also holds every setting that changes the compiled
code (autoescape above all), so environments set up differently never share code.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket


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


def _compile_settings(env: jinja2.Environment, name: str) -> str:
    """Everything about `env` that changes what `name` compiles to."""
    autoescape = env.autoescape(name) if callable(env.autoescape) else env.autoescape
    finalize = env.finalize and getattr(env.finalize, "__qualname__", type(env.finalize).__qualname__)
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
            env.optimized,
            bool(autoescape),
            finalize,
            env.is_async,
        )
    )


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates for the life of the process, keyed by template, file and settings."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None, source: str) -> Bucket:
        key = hashlib.sha1(
            f"{name}\0{filename}\0{_compile_settings(environment, name)}".encode(), usedforsecurity=False
        ).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # a stale checksum leaves the bucket empty

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


COMPILED = MemoryBytecodeCache()


def share_compiled_templates(env: jinja2.Environment) -> jinja2.Environment:
    """Give `env` the process-wide compiled-template cache; returns `env`."""
    env.bytecode_cache = COMPILED
    return env
