"""The ``imageclef`` command: check the data, render it to a folder, build the site safely, score runs."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .core.errors import DataError, display_path
from .core.leaderboard import SCORE_CACHE, compute_leaderboards, result_warnings
from .core.loader import load_data
from .core.render import build_date, render_site

def _load(args):
    return load_data(Path(args.data), root=Path.cwd())


def cmd_validate(args) -> int:
    """The data, then the archived runs of computed boards (scored through the cache) and their results."""
    data = _load(args)
    boards = compute_leaderboards(data, cache_dir=SCORE_CACHE)
    warnings = [str(w) for w in data.warnings] + [f"data warning: {w}" for w in result_warnings(boards)]
    for warning in warnings:
        print(warning, file=sys.stderr)
    tasks = sum(len(ed.tasks) for ed in data.editions.values())
    print(f"ok: {len(data.editions)} editions, {tasks} tasks, {len(data.people)} people, "
          f"{len(data.publications)} publications, {len(warnings)} warnings")
    return 0


def replace_dir(staged: Path, target: Path) -> None:
    """Put ``staged`` where ``target`` is, keeping the old folder until the new one is in place."""
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staged.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def cmd_render(args) -> int:
    try:
        today = build_date(args.today)
    except ValueError as exc:
        print(f"imageclef render: {exc}", file=sys.stderr)
        return 2
    rendered = render_site(_load(args), today=today, cache_dir=SCORE_CACHE)
    for warning in rendered.warnings:
        print(f"data warning: {warning}", file=sys.stderr)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    for rel, content in {**rendered.pages, **rendered.files}.items():
        path = staged / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8", newline="")
    replace_dir(staged, out)
    print(f"wrote {len(rendered.pages)} pages and {len(rendered.files)} files to {out}")
    return 0


def cmd_build(args) -> int:
    """Build with MkDocs into a staging folder and swap it in only when the build succeeded."""
    site = Path(args.site_dir)
    site.parent.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(prefix=f".{site.name}.", dir=site.parent))
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(staged), "--config-file", args.config]
    if args.strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(command, env=env)
    if result.returncode != 0:
        shutil.rmtree(staged, ignore_errors=True)
        print(f"build failed; {site} was left as it was", file=sys.stderr)
        return result.returncode
    replace_dir(staged, site)
    return 0


def cmd_schema(args) -> int:
    from .core.schema import write_schemas

    for path in write_schemas(Path(args.out)):
        print(f"wrote {path}")
    return 0


def cmd_new_edition(args) -> int:
    from .core.scaffold import ScaffoldError, plan_edition, write_plan

    try:
        plan = plan_edition(Path(args.data), args.year, args.previous, root=Path.cwd())
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if not args.dry_run:
        write_plan(plan)
        load_data(Path(args.data), root=Path.cwd())  # the new edition must validate; DataError otherwise
    verb = "would create" if args.dry_run else "created"
    for path in plan.files:
        print(f"{verb} {display_path(path, Path.cwd())}")
    for line in plan.replaced + plan.notes + plan.mentions:
        print(line)
    print(f"{len(plan.files)} file(s) {'to create (dry run: nothing written)' if args.dry_run else 'created'}; "
          f"{len(plan.mentions)} mention(s) of {args.previous} to review")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="imageclef", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check every file under data/ and report all errors at once")
    p.add_argument("--data", default="data")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("render", help="write the generated Markdown pages and side files to a folder")
    p.add_argument("--data", default="data")
    p.add_argument("--out", required=True)
    p.add_argument("--today", help="date schedules are shown relative to (default: $IMAGECLEF_TODAY or today)")
    p.set_defaults(func=cmd_render)

    p = sub.add_parser("build", help="build the site with MkDocs; a failed build leaves the old site in place")
    p.add_argument("--config", default="mkdocs.yml")
    p.add_argument("--site-dir", default="site")
    p.add_argument("--strict", action="store_true")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("schema", help="write the JSON Schemas of the data files (for editors) to a folder")
    p.add_argument("--out", default="schemas")
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser("new-edition", help="start data/editions/YEAR from a previous edition")
    p.add_argument("year", type=int, metavar="YEAR")
    p.add_argument("--from", dest="previous", type=int, required=True, metavar="PREVIOUS")
    p.add_argument("--data", default="data")
    p.add_argument("--dry-run", action="store_true", help="list what would be created; write nothing")
    p.set_defaults(func=cmd_new_edition)

    try:
        from .scoring import cli as scoring_cli
    except ImportError:  # pragma: no cover - the scoring engine is part of the package
        scoring_cli = None
    if scoring_cli is not None:
        scoring_cli.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except DataError as exc:
        print(exc, file=sys.stderr)
        print(f"{len(exc.issues)} error(s)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
