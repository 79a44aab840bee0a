"""The layering holds: no import cycles, a core without MkDocs, a scoring engine without pages.

Imports are read from the source (including those only made for type checking), so a cycle is caught even
where Python would tolerate it at run time.
"""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "plugins" / "imageclef"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, modules: set[str] | None = None) -> set[str]:
    """The modules ``path`` imports (``from . import x`` counts as importing the submodule ``x`` only)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            target = (f"{base}.{node.module}" if node.module else base) if node.level else node.module or ""
            submodules = {f"{target}.{alias.name}" for alias in node.names} & (modules or set())
            found.update(submodules or {target})
    return found


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {m for m in imports(path, set(modules)) if m in modules and m != name}
            for name, path in modules.items()}


def test_no_import_cycles():
    edges = graph()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_core_knows_nothing_of_mkdocs_and_scoring_nothing_of_pages():
    for path in (PACKAGE / "core").rglob("*.py"):
        assert not any(m.split(".")[0] == "mkdocs" for m in imports(path)), path
    for path in (PACKAGE / "scoring").rglob("*.py"):
        assert not any(m.startswith("imageclef.core") for m in imports(path)), path
        assert not any(m.split(".")[0] in ("mkdocs", "jinja2") for m in imports(path)), path
