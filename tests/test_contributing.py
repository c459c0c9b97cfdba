"""The path a newcomer walks alone: CONTRIBUTING.md, the scaffolds, the GitHub workflows
and forms. Workflows and forms are checked against GitHub's vendored schemas (offline);
scaffolded files are built into throw-away sites with the real hooks."""

from __future__ import annotations

import datetime
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

import checks
from conceptbook.authoring.links import FileIndex, missing_targets
from conceptbook.authoring.prose import hand_typed_citations, placeholders
from conceptbook.glossary.chapters import MATERIAL_KEYS, OPTIONAL, REQUIRED
from conceptbook.glossary.model import KNOWN_KEYS, SUMMARY_MAX_WORDS
from scripts.scaffold import TEMPLATES, slugify, yaml_value
from sitebuild import DOCS, ROOT, BuildResult, build_small_site, engine_env, site_root_path
from test_content_lint import codespell, explain, pymarkdown

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
ISSUE_FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")
SCAFFOLD = ROOT / "scripts" / "scaffold.py"


def fail_with(faults: list[str]) -> None:
    if faults:  # the messages alone: file:line, what is wrong, the fix (no assertion diff)
        pytest.fail("\n".join(faults), pytrace=False)


def check_schema(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    """check-jsonschema against one of its vendored schemas: no network needed."""
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


def load(path: Path) -> dict[Any, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    # YAML 1.1 (PyYAML) reads the key `on` as the boolean True.
    return workflow.get("on", workflow.get(True)) or {}


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


# -- workflows and forms ------------------------------------------------------------


def test_the_expected_github_files_exist() -> None:
    names = {p.relative_to(GITHUB).as_posix() for p in GITHUB.rglob("*") if p.is_file()}
    assert {
        "workflows/test.yml",
        "workflows/deploy.yml",
        "PULL_REQUEST_TEMPLATE.md",
        "ISSUE_TEMPLATE/propose-a-chapter.yml",
        "ISSUE_TEMPLATE/report-a-content-error.yml",
        "ISSUE_TEMPLATE/config.yml",
    } <= names


@pytest.mark.parametrize(
    ("schema", "files"),
    [
        pytest.param("vendor.github-workflows", WORKFLOWS, id="workflows"),
        pytest.param("vendor.github-issue-forms", ISSUE_FORMS, id="issue forms"),
        pytest.param("vendor.github-issue-config", [GITHUB / "ISSUE_TEMPLATE" / "config.yml"], id="issue chooser"),
    ],
)
def test_github_files_match_githubs_schema(schema: str, files: list[Path]) -> None:
    assert files
    result = check_schema(schema, *files)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("schema", "text", "complaint"),
    [
        pytest.param(
            "vendor.github-workflows",
            "name: Test\non: [push]\njobs:\n  test:\n    steps:\n      - run: make test\n",
            "runs-on",
            id="workflow job without runs-on",
        ),
        pytest.param(
            "vendor.github-issue-forms",
            "name: Broken\ndescription: A form.\nbody:\n  - type: textbox\n    id: what\n",
            "textbox",
            id="issue form with an unknown field type",
        ),
    ],
)
def test_the_schema_check_fails_a_broken_file(tmp_path: Path, schema: str, text: str, complaint: str) -> None:
    """Proof that the check above can fail: a broken file is rejected, with the reason."""
    broken = tmp_path / "broken.yml"
    broken.write_text(text, encoding="utf-8")
    result = check_schema(schema, broken)
    assert result.returncode != 0
    assert complaint in result.stdout + result.stderr


def test_the_test_workflow_runs_exactly_make_test_on_pull_requests_and_pushes() -> None:
    workflow = load(GITHUB / "workflows" / "test.yml")
    assert {"pull_request", "push"} <= set(triggers(workflow))
    runs = [step["run"].strip() for step in steps(workflow) if "run" in step]
    assert runs.count("make test") == 1, runs
    assert not [r for r in runs if r != "make test" and re.search(r"\b(pytest|make)\b", r)], runs
    (job,) = workflow["jobs"].values()
    assert str(job["env"]["CI"]).lower() == "true"
    assert any("apt-get install -y chromium" in r for r in runs), "the browser tests need Chromium"
    python = [s for s in steps(workflow) if s.get("uses", "").startswith("actions/setup-python@")]
    assert python and str(python[0]["with"]["python-version"]) == "3.11"


def test_the_deploy_workflow_publishes_the_site_and_the_offline_zip() -> None:
    workflow = load(GITHUB / "workflows" / "deploy.yml")
    assert triggers(workflow)["push"]["branches"] == ["main"]
    runs = [step["run"].strip() for step in steps(workflow) if "run" in step]
    make = [r for r in runs if re.search(r"\bmake\b", r)]
    # The zip first (from a build without downloads), then the PDF and EPUB, then the
    # published build with all three under downloads/ (hooks/editions_hooks.py).
    assert make == ["make offline", "make pdf epub", "EDITIONS_DIR=dist make build"], runs
    uses = {step["uses"].split("@")[0]: step for step in steps(workflow) if "uses" in step}
    assert uses["actions/upload-pages-artifact"]["with"]["path"] == "site"
    offline_zip = re.search(r"^OFFLINE_ZIP := (\S+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)
    uploaded = [s["with"]["path"] for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert offline_zip and offline_zip.group(1) in uploaded
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def test_the_pull_request_template_is_a_checklist_that_asks_for_make_test() -> None:
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert text.count("- [ ]") >= 8
    assert "`make test`" in text and "CC BY-SA 4.0" in text


# -- CONTRIBUTING.md ----------------------------------------------------------------


def github_anchor(heading: str) -> str:
    """The id GitHub gives a heading: lowercase, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_contributing_table_of_contents_links_to_real_headings() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    text = re.sub(r"^```.*?^```", "", text, flags=re.MULTILINE | re.DOTALL)
    anchors = {github_anchor(h) for h in re.findall(r"^#{2,4} (.+)$", text, re.MULTILINE)}
    links = re.findall(r"\]\(#([^)]+)\)", text)
    assert len(links) >= 8, "CONTRIBUTING.md should open with a table of contents"
    assert not [link for link in links if link not in anchors]


def test_contributing_documents_every_front_matter_key_the_engine_accepts() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    keys = (*KNOWN_KEYS, *REQUIRED, *OPTIONAL, *MATERIAL_KEYS)
    assert not [key for key in keys if f"`{key}`" not in text], "add these keys to the front-matter reference"
    assert f"{SUMMARY_MAX_WORDS} words" in text
    for command in ("make serve", "make test", 'make new-chapter NAME="', 'make new-concept NAME="'):
        assert command in text


def test_no_template_placeholder_is_left_in_the_book() -> None:
    """The message the preview shows (hooks/conceptbook/authoring/prose.py), one per file."""
    faults = [
        placeholders(path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8"))
        for path in sorted(DOCS.rglob("*.md"))
    ]
    fail_with([f for f in faults if f])


# -- scaffolds ----------------------------------------------------------------------


def scaffold(kind: str, name: str, docs: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCAFFOLD), kind, name, "--docs", str(docs)],
        capture_output=True,
        text=True,
        check=False,
        cwd=docs.parent,
        env=engine_env(),
    )


def files_under(docs: Path) -> dict[str, str]:
    return {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in sorted(docs.rglob("*.md"))}


def fill_in(text: str, sentence: str) -> str:
    """What a writer does to a scaffold: every TODO heading and placeholder becomes text."""
    heading = re.compile(r"^(#{2,6}) TODO: (.+)$", re.MULTILINE)
    text = heading.sub(lambda m: f"{m.group(1)} {m.group(2).capitalize()}", text)
    return re.sub(r"TODO: [^\"\n]*", sentence, text)


def assert_clean(result: BuildResult) -> None:
    if result.failed is not None or result.problems:  # the build's own messages: file:line, what, fix
        pytest.fail("\n".join([*result.problems, result.failed or ""]).strip(), pytrace=False)


TEMPLATE_KEY = re.compile(r"\[@([\w-]+)\]")


def bib_entries(*keys: str) -> str:
    """The real book's entries for `keys`, as a throw-away book's docs/references.bib."""
    text = (DOCS / "references.bib").read_text(encoding="utf-8")
    return "".join(
        re.search(rf"^@\w+\{{{re.escape(k)},.*?^\}}\n", text, re.MULTILINE | re.DOTALL).group(0) for k in keys
    )


def template_keys() -> list[str]:
    """Keys the chapter template cites in its text (not in its HTML comments)."""
    text = re.sub(r"<!--.*?-->", "", (TEMPLATES / "chapter.md").read_text(encoding="utf-8"), flags=re.DOTALL)
    return TEMPLATE_KEY.findall(text)


def test_the_chapter_template_teaches_citing_by_key_with_a_key_the_book_has() -> None:
    keys = template_keys()
    assert keys, "scripts/templates/chapter.md should show a citation by key, e.g. [@bowlby1988]"
    bib = (DOCS / "references.bib").read_text(encoding="utf-8")
    missing = [k for k in keys if not re.search(rf"^@\w+\{{{re.escape(k)},", bib, re.MULTILINE)]
    fail_with(
        [
            f"scripts/templates/chapter.md: cites [@{k}], which docs/references.bib lacks; cite a key it has"
            for k in missing
        ]
    )
    assert hand_typed_citations("scripts/templates/chapter.md", (TEMPLATES / "chapter.md").read_text()) == []


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Mentalization", "mentalization"),
        ("Object relations", "object-relations"),
        ("Conflict, anxiety, guilt and shame", "conflict-anxiety-guilt-and-shame"),
        ("Café self", "cafe-self"),
        ("Winnicott’s  holding environment", "winnicotts-holding-environment"),
        ("Does it work? Reading the evidence", "does-it-work-reading-the-evidence"),
        ("Ørsted — Straße", "orsted-strasse"),
        ("  --  ", ""),
    ],
)
def test_slugs_are_lowercase_words_joined_by_hyphens_without_accents(name: str, slug: str) -> None:
    assert slugify(name) == slug


@pytest.mark.parametrize(
    "title",
    [
        "Mentalization",
        "Conflict: anxiety and guilt",
        "Yes",
        "null",
        "2026-01-01",
        "#1 idea",
        "'Good enough'",
        '"Quoted"',
        "- a dash",
        "[brackets]",
        "a # b",
    ],
)
def test_names_are_written_as_yaml_that_reads_back_unchanged(title: str) -> None:
    assert yaml.safe_load(f"title: {yaml_value(title)}") == {"title": title}


def test_the_templates_are_never_published() -> None:
    assert not TEMPLATES.resolve().is_relative_to(DOCS.resolve())


def test_scaffolded_chapter_and_concept_build_strictly_as_they_are(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    chapter = scaffold("chapter", "Mentalization: reading minds", docs)
    concept = scaffold("concept", "Epistemic trust", docs)
    assert (chapter.returncode, concept.returncode) == (0, 0), chapter.stderr + concept.stderr
    assert "- chapters/mentalization-reading-minds.md" in chapter.stdout and "make serve" in chapter.stdout
    assert "make serve" in concept.stdout and "[[epistemic-trust]]" in concept.stdout

    text = (docs / "chapters" / "mentalization-reading-minds.md").read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "Mentalization: reading minds"\n')
    reviewed = re.search(r"^last_reviewed: (\d{4}-\d{2}-\d{2})$", text, re.MULTILINE)
    today = datetime.date.today()
    assert reviewed and reviewed.group(1) in {today.isoformat(), (today - datetime.timedelta(days=1)).isoformat()}
    for part in (
        '!!! abstract "Learning objectives"',
        "## Key takeaways\n\n- ",
        "<!-- key-concepts -->\n\n## Summary",
        '??? question "1.',
        "not a diagnosis",
        "cite in the text with keys",
        "as here [@bowlby1988]",
        "## Related chapters",
    ):
        assert part in text
    assert_clean(build_small_site(tmp_path, {**files_under(docs), "references.bib": bib_entries(*template_keys())}))


def test_a_filled_in_scaffold_builds_strictly_and_links_the_concept(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    for kind, name in (("chapter", "Mentalization"), ("concept", "Mentalization")):
        assert scaffold(kind, name, docs).returncode == 0
    for name, text in files_under(docs).items():
        (docs / name).write_text(fill_in(text, "Mentalization means reading minds."), encoding="utf-8")

    assert_clean(build_small_site(tmp_path, files_under(docs)))
    html = (tmp_path / "site" / "chapters" / "mentalization.html").read_text(encoding="utf-8")
    assert 'href="../concepts/mentalization.html"' in html and 'class="concept-link"' in html
    assert 'class="admonition abstract key-concepts"' in html
    glossary = json.loads((tmp_path / "site" / "glossary.json").read_text(encoding="utf-8"))
    (record,) = glossary["concepts"]
    assert (record["term"], record["summary"]) == ("Mentalization", "Mentalization means reading minds.")
    assert record["occurrences"], "the chapter's mentions should show on the concept page"


def test_a_misspelled_chapter_key_is_reported_with_file_line_and_fix(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    assert scaffold("chapter", "Mentalization", docs).returncode == 0
    path = docs / "chapters" / "mentalization.md"
    text = path.read_text(encoding="utf-8").replace("\nauthors:", "\nauther:", 1)
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index(next(s for s in text.splitlines() if s.startswith("auther:"))) + 1

    result = build_small_site(tmp_path, files_under(docs))
    assert result.failed, "a strict build must fail on an unknown key"
    expected = (
        rf"^WARNING: \S*docs/chapters/mentalization\.md:{line}: "
        r"unknown front-matter key 'auther' — did you mean 'authors'\?"
    )
    assert any(re.match(expected, message) for message in result.problems), result.text()


def test_scaffold_refuses_to_overwrite_an_existing_file(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    existing = docs / "concepts" / "transference.md"
    existing.parent.mkdir(parents=True)
    existing.write_text("---\nterm: Transference\nsummary: Written by hand.\n---\n", encoding="utf-8")

    result = scaffold("concept", "Transference", docs)
    assert result.returncode == 1
    assert "docs/concepts/transference.md already exists" in result.stderr
    assert existing.read_text(encoding="utf-8").endswith("summary: Written by hand.\n---\n")


def test_scaffold_refuses_a_concept_whose_name_another_concept_has(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    existing = docs / "concepts" / "mentalization.md"
    existing.parent.mkdir(parents=True)
    existing.write_text(
        "---\nterm: Mentalization\nsummary: A capacity.\naliases: [mentalisation]\n---\n", encoding="utf-8"
    )

    result = scaffold("concept", "Mentalisation", docs)
    assert result.returncode == 1
    assert "'Mentalisation' is already a name of the concept in docs/concepts/mentalization.md" in result.stderr
    assert sorted(p.name for p in existing.parent.iterdir()) == ["mentalization.md"]


@pytest.mark.parametrize(("kind", "name"), [("chapter", ""), ("concept", "   "), ("chapter", "?!")])
def test_scaffold_refuses_a_missing_name_with_usage(tmp_path: Path, kind: str, name: str) -> None:
    docs = tmp_path / "docs"
    result = scaffold(kind, name, docs)
    example = "Grief and loss" if kind == "chapter" else "Mourning"
    assert result.returncode == 2
    assert f'make new-{kind} NAME="{example}"' in result.stderr
    assert not docs.exists()


def test_the_scaffold_prints_preview_urls_under_the_site_url_path(tmp_path: Path) -> None:
    result = scaffold("concept", "Mourning", tmp_path / "docs")
    assert result.returncode == 0, result.stderr
    assert "http://127.0.0.1:8000/textbook/concepts/mourning.html" in result.stdout
    assert "http://127.0.0.1:8000/textbook/glossary.html#mourning" in result.stdout


def test_the_readme_examples_name_a_chapter_and_a_concept_the_book_does_not_have() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for kind, folder in (("chapter", "chapters"), ("concept", "concepts")):
        found = re.search(rf'make new-{kind} NAME="([^"]+)"', readme)
        assert found, f"README should show make new-{kind} NAME=..."
        assert not (DOCS / folder / f"{slugify(found.group(1))}.md").exists()


def test_make_refuses_new_concept_without_a_name() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "$(TERM)" not in makefile and "$(TITLE)" not in makefile
    result = subprocess.run(
        ["make", "-s", "new-concept", "STAMP=", "TERM=xterm-256color"],  # STAMP= : no venv setup,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode != 0
    assert 'make new-concept NAME="Mourning"' in result.stderr
    assert not (DOCS / "concepts" / "xterm-256color.md").exists()


# -- the build says what the tests say (hooks/conceptbook/authoring/) ----------------------------

FIGURE = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="10" height="10">'
    "<title>A square</title><desc>A white square.</desc></svg>\n"
)
PAGE = """---
title: One
description: A chapter for tests.
---

# One

Some text about play.

<figure markdown="span" id="fig-comfort">
  ![A square](../assets/figures/transitional-objects.svg)
  <figcaption>A square.</figcaption>
</figure>

See [the other page](../nowhere/else.md#part) and [the same one](../nowhere/else.md#part).

`(Bowlby, 1988)` in code is fine; in prose (Bowlby, 1988) is not.
"""


def test_a_broken_image_link_and_a_hand_typed_citation_warn_with_line_and_fix(tmp_path: Path) -> None:
    result = build_small_site(
        tmp_path, {"index.md": "# Home\n", "chapters/one.md": PAGE, "assets/figures/transitional-object.svg": FIGURE}
    )
    assert result.failed is not None, "a strict build fails on these warnings"
    assert result.problems == [
        "WARNING: docs/chapters/one.md:17: '(Bowlby, 1988)' is a citation typed by hand; write [@bowlby1988] "
        "instead, after adding the work's entry with that key to docs/references.bib (CONTRIBUTING.md, Citations)",
        "WARNING: docs/chapters/one.md:11: the image '../assets/figures/transitional-objects.svg' points to "
        "docs/assets/figures/transitional-objects.svg, which does not exist; did you mean "
        "'../assets/figures/transitional-object.svg'? (a path is relative to the page's own folder, docs/chapters/)",
        "WARNING: docs/chapters/one.md:15: the link '../nowhere/else.md#part' points to docs/nowhere/else.md, "
        "which does not exist; the folder docs/nowhere/ has no files; correct the path or add the file.",
    ], result.text()  # once each, and MkDocs' own line-less message is INFO only (mkdocs.yml)


class _Files(list):  # what missing_targets reads of MkDocs' Files: each file's src_uri
    pass


class _File:
    def __init__(self, src_uri: str) -> None:
        self.src_uri = src_uri


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("attachment.md", None),
        ("attachment.md#safe-haven", None),
        ("../assets/figures/defense-levels.svg", None),
        ("../concepts/", None),
        ("https://example.org/x.png", None),
        ("#local", None),
        ("mailto:a@example.org", None),
        (
            "atachment.md",
            "docs/chapters/x.md:3: the link 'atachment.md' points to docs/chapters/atachment.md, which does not "
            "exist; did you mean 'attachment.md'? (a path is relative to the page's own folder, docs/chapters/)",
        ),
        (
            "../../outside.md",
            "docs/chapters/x.md:3: the link '../../outside.md' points to ../outside.md, which does not exist; the "
            "folder docs/../ has no files; correct the path or add the file.",
        ),
        (
            "../assets/figures/zzz-unlike-anything.png",
            "docs/chapters/x.md:3: the image '../assets/figures/zzz-unlike-anything.png' points to "
            "docs/assets/figures/zzz-unlike-anything.png, which does not exist; no file has a similar name; "
            "docs/assets/figures/ holds defense-levels.svg. Correct the path or add the file.",
        ),
    ],
)
def test_relative_links_to_missing_files_get_the_nearest_path(target: str, message: str | None) -> None:
    files = _Files(
        _File(u)
        for u in (
            "chapters/x.md",
            "chapters/attachment.md",
            "concepts/splitting.md",
            "assets/figures/defense-levels.svg",
        )
    )
    for source in (f"# X\n\n[a]({target})\n", f'# X\n\n<img alt="a" src="{target}">\n', f"# X\n\n[a]: {target}\n"):
        found = missing_targets("docs/chapters/x.md", "chapters/x.md", source, FileIndex(files))  # type: ignore[arg-type]
        assert found == ([message] if message else []), source
    in_code = f"# X\n\n`[a]({target})`\n\n```md\n[a]({target})\n```\n\n<!-- [a]({target})\n-->\n"
    assert missing_targets("docs/chapters/x.md", "chapters/x.md", in_code, FileIndex(files)) == []  # type: ignore[arg-type]


def test_a_missing_target_from_a_top_level_page_names_the_docs_folder() -> None:
    files = _Files(_File(u) for u in ("index.md", "about.md", "chapters/attachment.md"))
    assert missing_targets("docs/index.md", "index.md", "# Home\n\n[About](abuot.md)\n", FileIndex(files)) == [  # type: ignore[arg-type]
        "docs/index.md:3: the link 'abuot.md' points to docs/abuot.md, which does not exist; did you mean "
        "'about.md'? (a path is relative to the page's own folder, docs/)"
    ]
    assert missing_targets("docs/index.md", "index.md", "# Home\n\n[X](zzzzzzzz.md)\n", FileIndex(files)) == [  # type: ignore[arg-type]
        "docs/index.md:3: the link 'zzzzzzzz.md' points to docs/zzzzzzzz.md, which does not exist; no file has a "
        "similar name; docs/ holds about.md, index.md. Correct the path or add the file."
    ]


def test_placeholders_are_listed_once_per_file_with_their_lines() -> None:
    assert placeholders("docs/chapters/x.md", "# X\n\nTODO: a\n\nDone.\n\nTODO: b\nTODO: c\n") == (
        "docs/chapters/x.md:3: 'TODO:' from the template is still here (and 2 more, on lines 7, 8); replace each "
        "with your text (make test fails while any is left)"
    )
    assert placeholders("docs/chapters/x.md", "# X\n\nDone.\n") is None


# -- CONTRIBUTING, followed step by step on a throw-away book ----------------------

BLOS = """@book{blos1967,
  author = {Blos, Peter},
  title = {{The second individuation process of adolescence}},
  publisher = {International Universities Press},
  year = {1967},
}
"""
SEED_CONCEPTS = {  # a book already has concepts; the new chapter mentions them, as CONTRIBUTING asks
    "attachment": "A lasting emotional bond that leads a person to seek closeness to another when distressed.",
    "holding-environment": "The reliable care that lets an infant feel safe enough to grow.",
    "transitional-object": "A thing, such as a blanket, that a child uses to stand for comfort between self and other.",
}


def test_contributing_followed_step_by_step_gives_a_book_that_builds_strictly_and_passes_the_checks(
    tmp_path: Path,
) -> None:
    """Add a chapter with your name, two concepts, a new work in docs/references.bib and a
    citation of it, exactly as CONTRIBUTING.md says; then the strict build and the checks
    the tests hold the real book to all pass."""
    docs = tmp_path / "docs"
    for slug, summary in SEED_CONCEPTS.items():
        term = slug.replace("-", " ").capitalize()
        (docs / "concepts").mkdir(parents=True, exist_ok=True)
        (docs / "concepts" / f"{slug}.md").write_text(f"---\nterm: {term}\nsummary: {summary}\n---\n", "utf-8")
    (docs / "references.bib").write_text("", encoding="utf-8")

    # Add a chapter, steps 2 and 4: scaffold it, write it, put your name in `authors`.
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert 'make new-chapter NAME="Mentalization"' in contributing
    assert scaffold("chapter", "Transitional objects in adolescence", docs).returncode == 0
    # Add a concept, steps 1 and 2, twice.
    for name in ("Comfort object", "Second individuation"):
        assert scaffold("concept", name, docs).returncode == 0
    chapter = docs / "chapters" / "transitional-objects-in-adolescence.md"
    sentence = (
        "A comfort object offers attachment and a holding environment, as a transitional object once did, "
        "in the second individuation of adolescence."
    )
    text = fill_in(chapter.read_text(encoding="utf-8"), sentence)
    text = text.replace(
        "authors: [Psychodynamic Theory Open Textbook contributors]",
        "authors: [Psychodynamic Theory Open Textbook contributors, Newcomer Example]",
    )
    head, body = text.split("\n# ", 1)  # cite in the body, not in the front matter's description
    body = body.replace(f"{sentence}\n", f"{sentence} Blos called this a second individuation [@blos1967].\n", 1)
    text = f"{head}\n# {body}"
    chapter.write_text(text, encoding="utf-8")
    for path in (docs / "concepts").glob("*.md"):
        path.write_text(fill_in(path.read_text(encoding="utf-8"), "A plain definition of the idea."), "utf-8")
    # Citations: a new work's entry goes in docs/references.bib, the one file the build reads.
    assert "Add the entry to `docs/references.bib`" in contributing and "scratch/" not in contributing
    with (docs / "references.bib").open("a", encoding="utf-8") as bib:
        bib.write(BLOS)

    files = files_under(docs) | {"references.bib": (docs / "references.bib").read_text(encoding="utf-8")}
    result = build_small_site(tmp_path, {"index.md": "# Home\n", **files})
    assert_clean(result)

    site = tmp_path / "site"
    glossary = json.loads((site / "glossary.json").read_text(encoding="utf-8"))
    faults = [
        *checks.broken_internal_links(site, site_root_path(), docs),
        *checks.images_without_alt(site),
        *checks.concept_definition_faults(docs, glossary),
        *checks.orphan_concepts(glossary),
        *checks.chapters_with_few_concepts(site, docs),
        *checks.undefined_bold_terms(docs),
        *[f for p in sorted(docs.rglob("*.md")) for f in hand_typed_citations(str(p), p.read_text("utf-8"))],
        *[f for p in sorted(docs.rglob("*.md")) if (f := placeholders(str(p), p.read_text("utf-8")))],
        *[explain(f) for f in pymarkdown(*(p for p in docs.rglob("*.md") if "concepts" not in p.parts))],
        *[explain(f) for f in pymarkdown(*(docs / "concepts").glob("*.md"), disable="md041")],
        *[explain(f) for f in codespell(docs)],
    ]
    fail_with(faults)

    page = (site / "chapters" / "transitional-objects-in-adolescence.html").read_text(encoding="utf-8")
    assert "Psychodynamic Theory Open Textbook contributors, &amp; Example, N. (" in page  # the cite box credits you
    assert 'href="../bibliography.html#ref-blos1967"' in page
    assert "ref-blos1967" in (site / "bibliography.html").read_text(encoding="utf-8")


# -- the licences ---------------------------------------------------------------------

CODE_FOLDERS = ("docs/assets/javascripts/", "docs/assets/stylesheets/")
NOTICE = re.compile(r"(?:copyright|©)\s*(?:\(c\)\s*)?\d{4}", re.IGNORECASE)


def licence_faults(text: str, docs: Path) -> list[str]:
    """What LICENSE-CONTENT.md (`text`) leaves unsaid about the code under docs/assets/."""
    content, _, code = (" ".join(part.split()) for part in text.partition("\n## Code\n"))
    faults: list[str] = []
    if not code:
        faults.append(
            "LICENSE-CONTENT.md: no '## Code' section; say there which files under docs/ are MIT-licensed code."
        )
    for path in sorted(p for p in docs.rglob("*") if p.suffix in {".js", ".css"}):
        name = f"docs/{path.relative_to(docs).as_posix()}"
        folder = next((f for f in CODE_FOLDERS if name.startswith(f)), None)
        if folder is None:
            faults.append(
                f"{name}: code outside {' and '.join(CODE_FOLDERS)}; move it there, or name it in LICENSE-CONTENT.md."
            )
            continue
        foreign = NOTICE.search(path.read_text(encoding="utf-8")[:2000])  # someone else's copyright notice
        if foreign and name not in code:
            faults.append(f"{name}: carries its own copyright notice; name it under '## Code' in LICENSE-CONTENT.md.")
    for folder in CODE_FOLDERS:
        if f"except the code in `{CODE_FOLDERS[0]}` and `{CODE_FOLDERS[1]}`" not in content:
            faults.append(f"LICENSE-CONTENT.md: the CC BY-SA paragraph does not leave out the code in {folder}.")
            break
        if f"`{folder}`" not in code:
            faults.append(f"LICENSE-CONTENT.md: '## Code' does not name {folder} as MIT-licensed code.")
    vendor = docs / "assets" / "javascripts" / "vendor"
    for library in sorted(p for p in vendor.iterdir() if p.is_dir()) if vendor.is_dir() else []:
        licence = f"docs/{(library / 'LICENSE').relative_to(docs).as_posix()}"
        if not (library / "LICENSE").is_file():
            faults.append(
                f"docs/{library.relative_to(docs).as_posix()}/: vendored code without a LICENSE; add its own."
            )
        elif licence not in code:
            faults.append(f"LICENSE-CONTENT.md: '## Code' does not name {licence}, the vendored code's own licence.")
    if re.search(r"\bstyles\b", content):
        faults.append("LICENSE-CONTENT.md: the CC BY-SA paragraph mentions styles, which are code (MIT).")
    return faults


def test_the_content_licence_says_which_files_under_docs_are_code_and_names_each_vendored_licence() -> None:
    fail_with(licence_faults((ROOT / "LICENSE-CONTENT.md").read_text(encoding="utf-8"), DOCS))


def test_a_content_licence_that_claims_the_code_under_docs_is_reported(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "assets" / "javascripts" / "vendor" / "lib").mkdir(parents=True)
    (docs / "assets" / "javascripts" / "vendor" / "lib" / "lib.min.js").write_text("/* Copyright 2020 X */\n")
    (docs / "assets" / "stylesheets").mkdir()
    (docs / "assets" / "stylesheets" / "extra.css").write_text("/* house styles */\n")
    old = "Everything under `docs/` is CC BY-SA 4.0. The code (hooks, styles) is MIT.\n"
    assert licence_faults(old, docs) == [
        "LICENSE-CONTENT.md: no '## Code' section; say there which files under docs/ are MIT-licensed code.",
        "docs/assets/javascripts/vendor/lib/lib.min.js: carries its own copyright notice; "
        "name it under '## Code' in LICENSE-CONTENT.md.",
        "LICENSE-CONTENT.md: the CC BY-SA paragraph does not leave out the code in docs/assets/javascripts/.",
        "docs/assets/javascripts/vendor/lib/: vendored code without a LICENSE; add its own.",
        "LICENSE-CONTENT.md: the CC BY-SA paragraph mentions styles, which are code (MIT).",
    ]
