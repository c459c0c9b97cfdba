"""What every capability of one build shares: the files, their text, where a page's parts go.

Made afresh for every build by the event module (`on_config`); `mkdocs serve` keeps the
module loaded, never a `Book`. A capability is handed the `Book` and talks to the rest
of the engine through it: the model it reads, the files (`files`, `source`, `path` for
messages), the settings (conceptbook/settings.py), links between pages (`url`,
`relative`), and one page-assembly mechanism
(`place`, common/assembly.py), which puts every generated part into the finished page
in one pass.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from conceptbook.settings import Settings, SettingsError

from . import incremental, store
from .assembly import Assembly, Part
from .files import Sources, message_path
from .report import assembly_log as log

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


class Book:
    def __init__(self, config: MkDocsConfig) -> None:
        self.config = config
        self.root = Path(config.config_file_path).parent
        self.overrides = Path(config.theme.custom_dir or self.root / "overrides")
        try:
            self.settings = Settings.read(self.root)  # the environment, read here and nowhere else
        except SettingsError as error:
            raise PluginError(f"{error}.") from None
        store.use(self.settings.cache_dir)
        self.files = Files([])
        self.source = Sources()  # each page's text, read once (MkDocs' File reads it on every call)
        self.assembly = Assembly()
        self.carry = incremental.for_build(config)  # what a dirty rebuild keeps (common/incremental.py)
        self.titles: dict[str, str] = {}  # src_uri -> the page's title as built, for the next dirty build
        self._paths: dict[tuple[str, str | None], str] = {}
        self._urls: dict[str, str] = {}
        self._relatives: dict[tuple[str, str], str] = {}

    def path(self, file: File) -> str:
        """A file as named in messages, from the docs folder's parent: docs/chapters/x.md."""
        key = (file.src_uri, file.abs_src_path)
        if key not in self._paths:
            self._paths[key] = message_path(file, self.config.docs_dir)
        return self._paths[key]

    def url(self, src_uri: str) -> str:
        """The site-root-relative URL of a source file of this build (looked up once per file:
        every page's tips, key terms and maps ask for the same concepts)."""
        if src_uri not in self._urls:
            file = self.files.get_file_from_path(src_uri)
            self._urls[src_uri] = file.url if file is not None else src_uri
        return self._urls[src_uri]

    def relative(self, url: str, base: str) -> str:
        """Site-root-relative `url` as a link from the page at `base`, worked out once per
        pair: tips, key terms, concept pages and maps link the same pages from the same pages."""
        key = (url, base)
        if key not in self._relatives:
            self._relatives[key] = get_relative_url(url, base)
        return self._relatives[key]

    def place(self, page: str, marker: str, part: Part, offset: int = 0, *, replaces: bool = True) -> None:
        """A generated part of the page whose source is `page` (common/assembly.py)."""
        self.assembly.place(page, marker, part, offset, replaces=replaces)

    def close(self) -> None:
        """The build is done: what the next dirty build may keep (common/incremental.py)."""
        self.carry.keep("titles", self.titles)
        self.carry.finish()

    def finish(self, file: File, html: str, title: str | None = None) -> str:
        """The finished page with its generated parts in place (`on_post_page`); a heading
        that took the id of a section the build adds there is a warning naming its file."""
        for anchor, what in self.assembly.taken(file.src_uri, html):
            log.warning(
                f"{self.path(file)}: a heading of the page has the id '{anchor}', which the build gives {what} it "
                "adds; rename the heading (or give it another id)."
            )
        self.titles[file.src_uri] = title or ""
        return self.assembly.finish(file.src_uri, html)
