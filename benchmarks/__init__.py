"""Benchmarks of the glossary engine: what it costs as the book grows (`make bench`).

`generate` writes synthetic books in the real site's format; `run` builds each one with
the engine and without it, times the real site's build and `mkdocs serve` rebuilds, and
writes results.json and results.md. Not part of `make test`, which only runs a tiny
smoke run (tests/test_benchmark_smoke.py) so the code cannot rot.
"""
