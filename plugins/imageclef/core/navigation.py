"""The site's navigation as a typed tree: handed to MkDocs by the plugin, written by ``imageclef render``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .text import title_text


@dataclass
class NavItem:
    """A page (``page`` set) or a section (``children``) of the navigation."""

    title: str
    page: str | None = None
    children: list[NavItem] = field(default_factory=list)

    def to_mkdocs(self) -> dict:
        """The entry of MkDocs' ``nav``; titles as HTML text (the theme writes them as HTML)."""
        return {title_text(self.title): self.page if self.page is not None else [c.to_mkdocs() for c in self.children]}


@dataclass
class Navigation:
    items: list[NavItem] = field(default_factory=list)

    def add(self, section: Iterable[str], title: str, page: str, *, first: bool = False) -> None:
        """Put ``page`` under ``title`` in the nested ``section`` (sections are created in the order met), at the
        end of the section or, with ``first``, at its start."""
        items = self.items
        for name in section:
            found = next((i for i in items if i.page is None and i.title == name), None)
            if found is None:
                found = NavItem(name)
                items.append(found)
            items = found.children
        items.insert(0 if first else len(items), NavItem(title, page))

    def to_mkdocs(self) -> list:
        """The ``nav`` setting of mkdocs.yml."""
        return [item.to_mkdocs() for item in self.items]
