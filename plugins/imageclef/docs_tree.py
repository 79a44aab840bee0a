"""The site as a complete docs tree that another engine can build without the plugin (``imageclef render``).

``OUT/docs/`` holds the hand-written pages of the project (its ``docs_dir``) and every generated page and side
file; ``OUT/properdocs.yml`` is the project's configuration with ``docs_dir: docs``, the imageclef plugin left
out and the navigation written in full; the theme overrides are copied next to it. ``properdocs build -f
OUT/properdocs.yml`` (or ``mkdocs build -f ...``) builds the same pages as the plugin does.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import yaml

from .core.render import RenderedSite

CONFIG_NAME = "properdocs.yml"


class _Tagged(str):
    """A scalar with a Python tag in mkdocs.yml (``!!python/name:...``), kept as written."""

    tag = ""


class _ConfigLoader(yaml.SafeLoader):
    pass


def _tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> _Tagged:
    value = _Tagged(loader.construct_scalar(node))  # type: ignore[arg-type]
    value.tag = node.tag
    return value


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)
_ConfigLoader.add_multi_constructor("!", _tagged)


class _ConfigDumper(yaml.SafeDumper):
    pass


_ConfigDumper.add_representer(_Tagged, lambda dumper, value: dumper.represent_scalar(value.tag, str(value)))


def read_config(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as plain values, tags such as ``!!python/name:`` kept."""
    return yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 - SafeLoader subclass


def write_docs_tree(rendered: RenderedSite, settings: dict[str, Any], project: Path, out: Path) -> dict[str, int]:
    """Write the docs tree of the project (its MkDocs ``settings`` as ``read_config`` gives them) into the (new,
    empty) folder ``out``; return counts of what was written."""
    config = copy.deepcopy(settings)
    docs = out / "docs"
    shutil.copytree(project / (config.get("docs_dir") or "docs"), docs, ignore=shutil.ignore_patterns(".*"))
    for rel, content in {**rendered.pages, **rendered.files}.items():
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8", newline="")
    theme = config.get("theme") or {}
    if isinstance(theme, dict) and theme.get("custom_dir"):
        shutil.copytree(project / theme["custom_dir"], out / "overrides")
        theme["custom_dir"] = "overrides"
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    config["plugins"] = [p for p in config.get("plugins", []) if not (p == "imageclef" or
                                                                       (isinstance(p, dict) and "imageclef" in p))]
    config["nav"] = rendered.nav.to_mkdocs() + list(config.get("nav") or [])
    (out / CONFIG_NAME).write_text(
        "# Written by `imageclef render`: the project's configuration for this docs tree, without the plugin.\n"
        + yaml.dump(config, Dumper=_ConfigDumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return {"pages": len(rendered.pages), "files": len(rendered.files)}
