"""The ``imageclef`` command: check the data, render it to a folder, build the site safely, score runs.

Exit status: 0 success, 1 bad data (one located line per problem, no traceback), 2 a bad command line.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .core.errors import DataError, display_path
from .core.loader import load_data
from .core.render import build_date, render_site
from .core.view import SiteView
from .docs_tree import read_config, write_docs_tree

EXIT_DATA, EXIT_USAGE = 1, 2
OUTPUT_MARK = ".imageclef-output"
"""A file in every folder ``render`` or ``build`` writes: such a folder may be replaced by the next run."""
STAGING = Path(".cache") / "staging"


class UsageError(Exception):
    """A command line that cannot be carried out as given (exit status 2)."""


def _load(args):
    return load_data(Path(args.data), root=Path.cwd())


def cmd_validate(args) -> int:
    """The data, then the archived runs of computed boards (scored through the cache) and their results."""
    data = _load(args)
    view = SiteView(data, build_date())
    warnings = [str(w) for w in data.warnings]
    warnings += [f"data warning: {w}" for year in data.editions for w in view.results(year).warnings()]
    for warning in warnings:
        print(warning, file=sys.stderr)
    if args.github:
        for warning in data.warnings:
            print(warning.github())
    tasks = sum(len(ed.tasks) for ed in data.editions.values())
    print(f"ok: {len(data.editions)} editions, {tasks} tasks, {len(data.people)} people, "
          f"{len(data.publications)} publications, {len(warnings)} warnings")
    return 0


def _today(args):
    try:
        return build_date(args.today)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def cmd_render(args) -> int:
    """The generated pages with the hand-written ones, as a docs tree and configuration another engine builds."""
    today = _today(args)
    config = Path(args.config)
    settings, problem = _read_settings(config)
    out = _output_folder(Path(args.out), config, args.data, settings)
    if problem is not None:
        raise UsageError(problem)
    _check_folders(config, settings)
    rendered = render_site(_load(args), today=today)
    for warning in rendered.warnings:
        print(f"data warning: {warning}", file=sys.stderr)
    staged = _staging_folder(out)
    counts = write_docs_tree(rendered, settings, config.resolve().parent, staged)
    (staged / OUTPUT_MARK).write_text("written by imageclef render\n", encoding="utf-8")
    replace_dir(staged, out)
    print(f"wrote {counts['pages']} pages and {counts['files']} files, with the hand-written pages, to "
          f"{out}/docs; build it with: properdocs build -f {out}/properdocs.yml")
    return 0


def cmd_build(args) -> int:
    """Build with MkDocs into a staging folder and swap it in only when the build succeeded."""
    config = Path(args.config)
    site = _output_folder(Path(args.site_dir), config, "data", _read_settings(config)[0])  # MkDocs reports the rest
    staged = _staging_folder(site)
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(staged), "--config-file", str(config)]
    if args.strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(command, env=env)
    if result.returncode != 0:
        shutil.rmtree(staged, ignore_errors=True)
        print(f"build failed; {site} was left as it was", file=sys.stderr)
        return result.returncode
    (staged / OUTPUT_MARK).write_text("written by imageclef build\n", encoding="utf-8")
    replace_dir(staged, site)
    return 0


def _read_settings(config: Path) -> tuple[dict | None, str | None]:
    """The settings of the MkDocs configuration ``config``, or why it cannot be read."""
    import yaml

    try:
        settings = read_config(config)
    except OSError as exc:
        return None, f"{config}: {exc.strerror or exc}; give the project's MkDocs configuration with --config"
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{config}:{mark.line + 1}:{mark.column + 1}" if mark is not None else str(config)
        return None, f"{where}: not readable as YAML ({getattr(exc, 'problem', None) or exc})"
    if not isinstance(settings, dict):
        return None, f"{config}: not a MkDocs configuration (expected a mapping of settings)"
    return settings, None


def _check_folders(config: Path, settings: dict) -> None:
    """UsageError unless the folders the configuration names (hand-written pages, theme overrides) exist."""
    docs = config.resolve().parent / (settings.get("docs_dir") or "docs")
    if not docs.is_dir():
        raise UsageError(f"{config}: docs_dir {docs.name!r} is not a folder next to it")
    theme = settings.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    if custom and not (config.resolve().parent / custom).is_dir():
        raise UsageError(f"{config}: theme custom_dir {custom!r} is not a folder next to it")


def _output_folder(target: Path, config: Path, data: str, settings: dict | None) -> Path:
    """``target`` if a run may write there: not the project, its data or its hand-written pages (nor a folder
    holding them), and either missing, empty, or written by an earlier run. UsageError otherwise."""
    project = config.resolve().parent
    docs_dir = project / (settings.get("docs_dir") or "docs") if settings is not None else None
    resolved = target.resolve()
    data_dir = (project / data).resolve()
    for protected, what in ((project, "the project folder"), (data_dir, "the data folder"),
                            (docs_dir.resolve() if docs_dir else None, "the folder of hand-written pages")):
        if protected is not None and (resolved == protected or resolved in protected.parents):
            raise UsageError(f"{target} is {what} or holds it: choose another output folder")
    for inner, what in ((data_dir, "the data folder"), (docs_dir.resolve() if docs_dir else None, "the folder of "
                                                         "hand-written pages")):
        if inner is not None and inner in resolved.parents:
            raise UsageError(f"{target} is inside {what}: choose another output folder")
    if resolved.exists():
        if not resolved.is_dir():
            raise UsageError(f"{target} is a file, not a folder")
        entries = [p.name for p in resolved.iterdir()]
        previous_site = {"index.html", "sitemap.xml"} <= set(entries)
        if entries and OUTPUT_MARK not in entries and not previous_site:
            raise UsageError(f"{target} is a folder this command did not write (it is not empty): choose another "
                             "output folder, or empty it")
    return target


def _staging_folder(target: Path) -> Path:
    """A new folder to build into, on the same file system as ``target``: under ``.cache/staging`` of the
    current folder when possible. Staging folders left by an interrupted run are removed first."""
    target.parent.mkdir(parents=True, exist_ok=True)
    base = STAGING.resolve()
    base.mkdir(parents=True, exist_ok=True)
    if os.stat(base).st_dev != os.stat(target.resolve().parent).st_dev:
        base = target.resolve().parent / ".imageclef-staging"
        base.mkdir(exist_ok=True)
    for old in base.iterdir():
        shutil.rmtree(old, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f"{target.name}.", dir=base))


def replace_dir(staged: Path, target: Path) -> None:
    """Put ``staged`` where ``target`` is, keeping the old folder until the new one is in place."""
    old = staged.with_name(staged.name + ".old")
    if target.exists():
        target.rename(old)
    staged.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def cmd_schema(args) -> int:
    """The JSON Schemas, and the editor setting that maps each kind of data file to its schema."""
    import json

    from .core.schema import vscode_settings, write_schemas

    out = Path(args.out)
    for path in write_schemas(out):
        print(f"wrote {path}")
    try:  # the editor maps the project's data files to schemas inside the project only
        inside = out.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        print(f"{out} is outside this folder: .vscode/settings.json left as it is")
        return 0
    settings_file = Path(".vscode") / "settings.json"
    settings = json.loads(settings_file.read_text(encoding="utf-8")) if settings_file.exists() else {}
    settings.update(vscode_settings(inside.as_posix()))
    settings_file.parent.mkdir(exist_ok=True)
    settings_file.write_text(json.dumps(settings, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {settings_file}")
    return 0


def cmd_new_edition(args) -> int:
    from .core.scaffold import ScaffoldError, plan_edition, plan_past_edition, write_plan

    try:
        if args.past:
            plan = plan_past_edition(Path(args.data), args.year, root=Path.cwd())
        else:
            plan = plan_edition(Path(args.data), args.year, args.previous, root=Path.cwd())
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_DATA
    if not args.dry_run:
        write_plan(plan)
    verb = "would create" if args.dry_run else "created"
    for path in plan.files:
        print(f"{verb} {display_path(path, Path.cwd())}")
    for line in plan.replaced + plan.notes + plan.mentions:
        print(line)
    print(f"{len(plan.files)} file(s) {'to create (dry run: nothing written)' if args.dry_run else 'created'}"
          + ("" if args.past else f"; {len(plan.mentions)} mention(s) of {args.previous} to review"))
    if not args.dry_run:
        sys.stdout.flush()
        load_data(Path(args.data), root=Path.cwd())  # what was written must validate: DataError otherwise
    return 0


def cmd_import_results(args) -> int:
    """A leaderboard export as a board, printed as YAML (or written as a new results file) for review."""
    from .core.importer import ExportError, Options, board_from_export, read_export
    from .core.scaffold import dump_yaml

    options = Options(board=args.board, title=args.title or args.board, team_column=args.team_column,
                      run_column=args.run_column, primary=args.primary, lower=tuple(args.lower or ()),
                      source=args.source, partial=args.partial)
    try:
        imported = board_from_export(read_export(Path(args.export)), options)
    except ExportError as exc:
        raise UsageError(str(exc)) from None
    board = imported.board
    document = {"task": args.task, "sources": [{"title": args.source}] if args.source else [], "boards": [board]}
    header = (f"# Imported by `imageclef import-results` from {Path(args.export).name}: check every label, direction,\n"
              "# the primary column and the number of decimals, then name the table's source.\n"
              + "".join(f"# {note}\n" for note in imported.notes))
    if not args.write:
        print(header + dump_yaml(document), end="")
        return 0
    target = Path(args.data) / "editions" / str(args.year) / "results" / f"{args.task}.yml"
    if target.exists():
        raise UsageError(f"{target} exists: print the board (without --write) and add it to the file's `boards`")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(header + dump_yaml(document), encoding="utf-8")
    load_data(Path(args.data), root=Path.cwd())  # the new board must validate; DataError otherwise
    print(f"wrote {display_path(target, Path.cwd())}: {len(board['rows'])} rows, {len(board['columns'])} columns")
    for note in imported.notes:
        print(note)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="imageclef", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check every file under data/ and report all errors at once")
    p.add_argument("--data", default="data")
    p.add_argument("--github", action="store_true",
                   help="also print each problem as a GitHub Actions annotation (stdout), shown on its line of a "
                        "pull request")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("render", help="write the site as a docs tree (generated and hand-written pages, "
                                      "configuration) that MkDocs or ProperDocs builds without the plugin")
    p.add_argument("--data", default="data")
    p.add_argument("--config", default="mkdocs.yml")
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

    p = sub.add_parser("new-edition", help="start data/editions/YEAR from a previous edition, or an earlier one")
    p.add_argument("year", type=int, metavar="YEAR")
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--from", dest="previous", type=int, metavar="PREVIOUS",
                     help="carry over the edition PREVIOUS (for the next edition)")
    how.add_argument("--past", action="store_true", help="an edition of the past: a skeleton to fill from sources")
    p.add_argument("--data", default="data")
    p.add_argument("--dry-run", action="store_true", help="list what would be created; write nothing")
    p.set_defaults(func=cmd_new_edition)

    p = sub.add_parser("import-results", help="turn a submission platform's leaderboard export (CSV/TSV) into a "
                                              "results board, for review")
    p.add_argument("export", help="the exported table")
    p.add_argument("--task", required=True, help="slug of the task the board belongs to")
    p.add_argument("--year", type=int, required=True, help="year of the edition")
    p.add_argument("--board", required=True, help="id of the new board, e.g. the subtask id")
    p.add_argument("--title", help="title of the board")
    p.add_argument("--team-column", help="the column of team names (default: found by name)")
    p.add_argument("--run-column", help="the column of run ids (default: found by name)")
    p.add_argument("--primary", help="key of the column that ranks the board (default: the first metric)")
    p.add_argument("--lower", action="append", metavar="KEY", help="a metric where lower is better (repeatable)")
    p.add_argument("--source", help="where the table comes from, e.g. `AI4MediaBench leaderboard, 2026-05-14`")
    p.add_argument("--partial", help="say what part of the runs the table holds, if not all")
    p.add_argument("--data", default="data")
    p.add_argument("--write", action="store_true", help="write data/editions/YEAR/results/TASK.yml (new files only)")
    p.set_defaults(func=cmd_import_results)

    from .scoring import cli as scoring_cli

    scoring_cli.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"imageclef {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except DataError as exc:
        print(exc, file=sys.stderr)
        print(f"{len(exc.issues)} error(s)", file=sys.stderr)
        if getattr(args, "github", False):
            for issue in exc.issues:
                print(issue.github())
        return EXIT_DATA


if __name__ == "__main__":
    sys.exit(main())
