"""A red team of hostile and broken inputs: each is rejected with a located one-line message, or made harmless.

Every case mutates a copy of the fixture data (with a small computed board added where the case needs archived
runs) and states the outcome a person would expect: the error, with its file, line and column, or the safe
output. None may end in a traceback, take long, or be accepted silently.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from imageclef.core.errors import DataError
from imageclef.core.loader import load_data
from imageclef.core.render import render_site

from .conftest import FIXTURE_DATA, ROOT, add_site_frame

LOCATED = re.compile(r"^(data/[^:]+|\S+):\d+:\d+: ")
TODAY = "2030-05-10"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A folder with a copy of the fixture data under ``data/``."""
    import shutil

    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    return tmp_path


def write(project: Path, rel: str, content: str | bytes) -> Path:
    path = project / "data" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / "data" / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


GOLD = "".join(f"i{i},{i % 2}\n" for i in range(40))
BOARD = """\
task: beta
boards:
  - id: membership
    title: Membership
    computed:
      scorer: gans-membership
      gold: runs/beta/gold.csv
      runs: runs/beta/runs
      archive: original
    columns:
      - {key: cohen_kappa, label: Kappa, decimals: 3, primary: true}
      - {key: accuracy, label: Accuracy, decimals: 3}
    rows:
      - {team: Alpha, run: "r1"}
      - {team: Beta, run: "r2"}
"""


def with_archive(project: Path) -> Path:
    """A computed board for task beta, with a gold file and two valid runs."""
    write(project, "runs/beta/gold.csv", GOLD)
    write(project, "runs/beta/runs/r1.csv", GOLD)
    write(project, "runs/beta/runs/r2.csv", "".join(f"i{i},{(i // 2) % 2}\n" for i in range(40)))
    return write(project, "editions/2030/results/beta.yml", BOARD)


def errors(project: Path) -> list[str]:
    """The messages of a load that must fail; each must be located and the load must be quick."""
    start = time.perf_counter()
    with pytest.raises(DataError) as info:
        load_data(project / "data", root=project)
    assert time.perf_counter() - start < 10
    messages = [str(issue) for issue in info.value.issues]
    assert messages and all(LOCATED.match(m) for m in messages), messages
    return messages


def loads(project: Path):
    return load_data(project / "data", root=project)


def cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "IMAGECLEF_TODAY": TODAY}
    result = subprocess.run([sys.executable, "-m", "imageclef.cli", *args], cwd=project, env=env,
                            capture_output=True, text=True, timeout=300)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def one_error(project: Path, fragment: str, where: str | None = None) -> str:
    found = [m for m in errors(project) if fragment in m]
    assert found, errors(project)
    if where is not None:
        assert found[0].startswith(where), found[0]
    return found[0]


# =========================================================================== forged results, reads outside data/

BOARD_FILE = "data/editions/2030/results/beta.yml"


@pytest.mark.parametrize("old,new,fragment,where", [
    ('run: "r1"', 'run: "../gold"', "outside the runs folder", f"{BOARD_FILE}:14:"),
    ('run: "r1"', 'run: "../../../people"', "outside", f"{BOARD_FILE}:14:"),
    ('{team: Alpha, run: "r1"}', '{team: Alpha, run: "r1", file: "../gold.csv"}', "outside the runs folder",
     f"{BOARD_FILE}:14:"),
    ("gold: runs/beta/gold.csv", "gold: ../../etc/passwd", "outside data/", f"{BOARD_FILE}:7:"),
    ("runs: runs/beta/runs", "runs: /tmp", "outside data/", f"{BOARD_FILE}:8:"),
    ("scorer: gans-membership", "scorer: gans-membrship", "did you mean 'gans-membership'", f"{BOARD_FILE}:6:"),
    ("{key: accuracy, label: Accuracy", "{key: acuracy, label: Accuracy", "does not produce 'acuracy'",
     f"{BOARD_FILE}:12:"),
    ("{key: accuracy, label: Accuracy, decimals: 3}", "{key: accuracy, label: Accuracy, decimals: 3, direction: lower}",
     "higher is better for 'accuracy'", f"{BOARD_FILE}:12:"),
    ("    computed:\n", "    computed:\n      language: en\n", "takes no language filter", f"{BOARD_FILE}:"),
])
def test_computed_board_files_and_scorer_are_checked(project, old, new, fragment, where):
    with_archive(project)
    loads(project)  # the board as written is valid
    edit(project, "editions/2030/results/beta.yml", old, new)
    one_error(project, fragment, where)


def test_an_unknown_scorer_on_a_board_with_published_values_is_located(project):
    with_archive(project)
    edit(project, "editions/2030/results/beta.yml", 'run: "r1"}', 'run: "r1", values: {cohen_kappa: 0.5}}')
    edit(project, "editions/2030/results/beta.yml", "scorer: gans-membership", "scorer: gans-membrship")
    one_error(project, "did you mean 'gans-membership'", f"{BOARD_FILE}:6:")


def test_run_file_that_is_the_gold_file(project):
    with_archive(project)
    edit(project, "editions/2030/results/beta.yml", "runs: runs/beta/runs", "runs: runs/beta")
    edit(project, "editions/2030/results/beta.yml", 'run: "r1"', 'run: "gold"')
    one_error(project, "the run file is the gold file", f"{BOARD_FILE}:14:")


@pytest.mark.parametrize("link", ["runs/beta/runs/r1.csv", "runs/beta/gold.csv"])
def test_a_symbolic_link_pointing_outside_data_is_refused(project, tmp_path, link):
    with_archive(project)
    outside = tmp_path / "outside.csv"
    outside.write_text(GOLD)
    target = project / "data" / link
    target.unlink()
    target.symlink_to(outside)
    assert "outside" in one_error(project, "a link there points elsewhere")


def test_missing_archived_run_is_located_on_its_row(project):
    with_archive(project)
    (project / "data/runs/beta/runs/r2.csv").unlink()
    one_error(project, "run file data/runs/beta/runs/r2.csv does not exist", f"{BOARD_FILE}:15:")


# =========================================================================== bounded work

def test_billion_laughs_is_refused_at_once(project):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20))
    write(project, "people.yml", bomb + "- id: x\n")
    start = time.perf_counter()
    one_error(project, "anchors and aliases (&a) are not allowed", "data/people.yml:1:4")
    assert time.perf_counter() - start < 2


def test_an_alias_used_as_an_id_is_refused(project):
    write(project, "people.yml", "- id: &i ada-lovelace\n  name: Ada\n- id: *i\n  name: Copy\n")
    one_error(project, "anchors and aliases", "data/people.yml:1:7")


def test_deep_nesting_is_refused_quickly_and_in_little_memory(project):
    import resource

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    write(project, "editions/2030/tasks/beta.yml", "slug: beta\nsummary: " + "[" * 40_000 + "]" * 40_000 + "\n")
    start = time.perf_counter()
    one_error(project, "nest deeper than 64 levels", "data/editions/2030/tasks/beta.yml:2:")
    assert time.perf_counter() - start < 2
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200 * 1024  # KiB: under 200 MB more


def test_deeply_nested_json_run_is_a_run_error(project):
    with_archive(project)
    edit(project, "editions/2030/results/beta.yml", "scorer: gans-membership", "scorer: topicto")
    write(project, "runs/beta/gold.json", json.dumps([{"id": 1, "ref": "a b"}]))
    edit(project, "editions/2030/results/beta.yml", "gold: runs/beta/gold.csv", "gold: runs/beta/gold.json")
    edit(project, "editions/2030/results/beta.yml", "{key: cohen_kappa, label: Kappa, decimals: 3, primary: true}",
         "{key: sacrebleu, label: BLEU, decimals: 2, primary: true}")
    edit(project, "editions/2030/results/beta.yml", "{key: accuracy, label: Accuracy, decimals: 3}",
         "{key: meteor, label: METEOR, decimals: 2}")
    write(project, "runs/beta/runs/r1.json", "[" * 100_000 + "]" * 100_000)
    write(project, "runs/beta/runs/r2.json", json.dumps([{"id": 1, "hyp": "a b"}]))
    one_error(project, "nests too deeply", "data/runs/beta/runs/r1.json:1:")


def test_a_huge_run_file_is_refused_before_it_is_read(project):
    with_archive(project)
    path = project / "data/runs/beta/runs/r2.csv"
    with open(path, "wb") as fh:
        fh.truncate(200 * 1024 * 1024)  # 200 MB (sparse)
    start = time.perf_counter()
    one_error(project, "more than 20 times its gold file: not read", "data/runs/beta/runs/r2.csv:1:")
    assert time.perf_counter() - start < 5


# =========================================================================== never a traceback: encodings, cache

@pytest.mark.parametrize("rel", ["editions/2030/tasks/beta.yml", "people.yml", "publications/test.bib",
                                 "events/lab.yml", "editions/2030/results/alpha.yml"])
def test_a_file_that_is_not_utf8_names_its_first_bad_byte(project, rel):
    path = project / "data" / rel
    text = path.read_bytes() if path.exists() else b"title: x\n"
    lines = text.split(b"\n")
    lines.insert(1, b"# caf\xe9")  # Latin-1, as an old editor would save it
    write(project, rel, b"\n".join(lines))
    one_error(project, "not UTF-8 text (byte 0xe9", f"data/{rel}:2:6")


def test_an_unwritable_score_cache_only_costs_time(project):
    with_archive(project)
    cache = project / "readonly"
    cache.mkdir()
    cache.chmod(0o500)
    try:
        if os.access(cache, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        data = load_data(project / "data", root=project, cache_dir=cache / "scores")
        assert data.scores
    finally:
        cache.chmod(0o700)


@pytest.mark.parametrize("corrupt", [
    lambda text: "[1, 2, 3]",
    lambda text: text[: len(text) // 2],
    lambda text: text.replace('"accuracy": 1.0', '"accuracy": 0.5'),
    lambda text: json.dumps({**json.loads(text), "body": {"values": {"accuracy": "high"}, "signature": "x"}}),
    lambda text: "\xff\xfe",
])
def test_a_tampered_or_broken_cache_entry_is_recomputed(project, corrupt):
    with_archive(project)
    first = loads(project).scores
    entries = list((project / ".cache/scores").glob("*.json"))
    assert entries
    for entry in entries:
        entry.write_text(corrupt(entry.read_text(encoding="utf-8")), encoding="utf-8")
    again = loads(project).scores
    assert {k: {r: s.values for r, s in v.items()} for k, v in again.items()} == \
           {k: {r: s.values for r, s in v.items()} for k, v in first.items()}
    assert again[(2030, "beta", 0)][0].values["accuracy"] == 1.0  # run r1 is the gold file itself


# =========================================================================== values that were accepted silently

VALUES = "editions/2030/results/alpha.yml"


@pytest.mark.parametrize("old,new,fragment", [
    ("values: {f1: 0.5, er: 12.5}", "values: {f1: .nan, er: 12.5}", "finite number"),
    ("values: {f1: 0.5, er: 12.5}", "values: {f1: .inf, er: 12.5}", "finite number"),
    ("values: {f1: 0.5, er: 12.5}", "values: {f1: -0.5, er: 12.5}", "outside the range of F1"),
    ("{key: f1, label: F1, decimals: 4, primary: true}", "{key: f1, label: F1, decimals: 4, primary: true, max: 0.55}",
     "0.61234 is outside the range of F1 (0 to 0.55)"),
    ('team: "<script>alert(1)</script>"', 'team: ""', "at least 1 character"),
    ('team: "<script>alert(1)</script>"', 'team: "   "', "at least 1 character"),
    ('run: "11"', 'run: ""', "at least 1 character"),
])
def test_bad_values_are_errors(project, old, new, fragment):
    edit(project, VALUES, old, new)
    one_error(project, fragment, f"data/{VALUES}:")


def test_a_board_without_rows_is_an_error(project):
    write(project, VALUES, "task: alpha\nboards:\n  - id: one\n    title: T\n    columns:\n"
                           "      - {key: f1, label: F1, decimals: 4, primary: true}\n    rows: []\n")
    one_error(project, "a board needs at least one row", f"data/{VALUES}:7:")


@pytest.mark.parametrize("rel,old,new", [
    ("editions/2030/tasks/alpha.yml", "submission:", "links:\n  - {title: x, url: \"javascript:alert(1)\"}\nsubmission:"),
    ("people.yml", "  country: United Kingdom", "  country: United Kingdom\n  url: javascript:alert(1)"),
    ("editions/2030/edition.yml", "url: https://", "url: data:text/html,https://"),
    ("site.yml", "first_year: 2003", "first_year: 2003\nclef_url: 'vbscript:msgbox(1)'"),
])
def test_links_must_be_web_addresses(project, rel, old, new):
    edit(project, rel, old, new)
    one_error(project, "a link must start with http://, https:// or mailto:", f"data/{rel}:")


def test_html_in_titles_is_shown_as_text_in_page_titles_and_navigation(project):
    edit(project, "editions/2030/tasks/beta.yml", 'title: "Beta: a task with a colon"',
         'title: "<img src=x onerror=alert(1)> Beta"\nshort_title: "<b>Beta</b>"')
    rendered = render_site(loads(project), today=__import__("datetime").date(2030, 5, 10))
    page = rendered.pages["2030/beta/index.md"]
    assert page.startswith('---\ntitle: "\\u0026lt;img src=x onerror=alert(1)\\u0026gt; Beta 2030"\n---')
    assert "&lt;img" in page.split("---", 2)[2] and "<img" not in page.split("---", 2)[2]
    assert {"&lt;b&gt;Beta&lt;/b&gt;": "2030/beta/index.md"} in rendered.nav.to_mkdocs()[1]["2030"]


@pytest.mark.parametrize("team", ["=HYPERLINK(\"http://evil\",\"x\")", "+1+2", "-2+3", "@SUM(1)", "=1 \t", "@x\r"])
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(project, team):
    edit(project, VALUES, 'team: "<script>alert(1)</script>"', f"team: {json.dumps(team)}")
    files = render_site(loads(project), today=__import__("datetime").date(2030, 5, 10)).files
    rows = list(csv.DictReader(io.StringIO(files["2030/parent/alpha/one.csv"])))
    assert f"'{team.strip()}" in [row["team"] for row in rows]
    assert json.loads(files["2030/parent/alpha/one.json"])  # valid JSON


@pytest.mark.parametrize("text", ["\tcmd", "\rcmd", "-1", "plain", ""])
def test_spreadsheet_safe_text(text):
    from imageclef.core.results.downloads import spreadsheet_safe

    assert spreadsheet_safe(text) == (f"'{text}" if text[:1] in ("\t", "\r", "-") else text)


def test_bibtex_cannot_end_its_code_block(project):
    bib = project / "data/publications/test.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace(
        "title", "note = {``` \n<script>alert(1)</script>\n````},\n  title", 1), encoding="utf-8")
    pages = render_site(loads(project), today=__import__("datetime").date(2030, 5, 10)).pages
    page = pages["publications.md"]
    fence = re.search(r'\?\?\? quote "BibTeX"\n    (`+)bibtex\n', page).group(1)
    assert len(fence) == 5  # longer than the 4 backticks inside
    block = page.split(fence + "bibtex\n", 1)[1].split("\n    " + fence + "\n", 1)[0]
    assert "<script>alert(1)</script>" in block  # kept verbatim, inside the block


# =========================================================================== clear messages

def test_an_unclosed_quote_points_where_it_opens(project):
    edit(project, "editions/2030/tasks/beta.yml", "summary: Beta things.", 'summary: "Beta things.')
    one_error(project, "while scanning a quoted scalar", "data/editions/2030/tasks/beta.yml:4:10")


def test_a_second_document_is_refused(project):
    path = project / "data/editions/2030/tasks/beta.yml"
    path.write_text(path.read_text() + "---\nslug: other\n")
    one_error(project, "a second YAML document", "data/editions/2030/tasks/beta.yml:6:1")


def test_a_duplicate_key_in_people_is_one_root_error_and_one_folded_line(project):
    edit(project, "people.yml", "  name: José Müller", "  name: José Müller\n  name: Twice")
    messages = errors(project)
    assert messages[0].startswith("data/people.yml:") and "duplicate key 'name'" in messages[0]
    assert [m for m in messages if "unknown person" in m] == []
    assert any("reference(s) to people were not checked because data/people.yml did not load" in m for m in messages)


def test_a_yaml_boolean_in_a_text_field_gets_a_hint(project):
    edit(project, "people.yml", "  country: United Kingdom", "  country: NO")
    message = one_error(project, "Input should be a valid string", "data/people.yml:")
    assert 'put the text in quotes, e.g. "NO"' in message


def test_data_errors_and_archived_run_errors_come_in_one_report(project):
    with_archive(project)
    write(project, "runs/beta/runs/r2.csv", "i0,7\n")
    edit(project, "editions/2030/tasks/beta.yml", "summary:", "sumary:")
    messages = errors(project)
    assert any("sumary" in m for m in messages)
    assert any(m.startswith("data/runs/beta/runs/r2.csv:1:") and "label '7'" in m for m in messages)


def test_json_run_errors_give_the_text_line(project):
    with_archive(project)
    edit(project, "editions/2030/results/beta.yml", "scorer: gans-membership", "scorer: multiple-choice")
    edit(project, "editions/2030/results/beta.yml", "gold: runs/beta/gold.csv", "gold: runs/beta/gold.json")
    edit(project, "editions/2030/results/beta.yml", "{key: cohen_kappa, label: Kappa, decimals: 3, primary: true}",
         "{key: accuracy, label: Accuracy, decimals: 3, primary: true}")
    edit(project, "editions/2030/results/beta.yml", "      - {key: accuracy, label: Accuracy, decimals: 3}\n", "")
    records = [{"id": str(i), "answer_key": "A", "language": "en"} for i in range(3)]
    write(project, "runs/beta/gold.json", json.dumps(records, indent=2))
    write(project, "runs/beta/runs/r1.json", json.dumps(records, indent=2))
    bad = [dict(r) for r in records]
    bad[2]["answer_key"] = "Z"
    write(project, "runs/beta/runs/r2.json", json.dumps(bad, indent=2))
    one_error(project, "answer_key 'Z'", "data/runs/beta/runs/r2.json:12:")  # the record opens on line 12


@pytest.mark.parametrize("content,fragment", [
    ("", "Input should be a valid dictionary"),
    ("slug: beta\nsummary: a\x04b\n", "character U+0004 is not allowed"),
    ("- a\n- b\n", "Input should be a valid dictionary"),
    ("slug: beta\n\tsummary: x\n", "YAML syntax error"),
    ("slug: beta\nslug: again\n", "duplicate key 'slug'"),
    ("? [a]\n: 1\n", "a key must be plain text"),
])
def test_malformed_yaml_is_located(project, content, fragment):
    write(project, "editions/2030/tasks/beta.yml", content)
    one_error(project, fragment, "data/editions/2030/tasks/beta.yml:")


def test_an_unknown_key_in_an_event_gets_a_hint(project):
    write(project, "events/lab.yml", "title: T\nsummary: S\nkind: workshop\ndate: tba\nlength: half-day\n"
                                     "scope: X\nprogramm: []\n")
    one_error(project, "unknown key 'programm' (did you mean 'programme'?)", "data/events/lab.yml:7:1")


def test_a_long_value_is_read_in_bounded_time(project):
    edit(project, "editions/2030/tasks/beta.yml", "summary: Beta things.", "summary: " + "word " * 200_000)
    start = time.perf_counter()
    loads(project)
    assert time.perf_counter() - start < 5


def test_a_byte_order_mark_is_accepted(project):
    path = project / "data/editions/2030/tasks/beta.yml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert "beta" in loads(project).editions[2030].tasks


# =========================================================================== the command line

@pytest.mark.parametrize("args,fragment", [
    (["render", "--out", "data"], "is the data folder"),
    (["render", "--out", "."], "is the project folder"),
    (["render", "--out", "data/out"], "is inside the data folder"),
    (["render", "--out", "content"], "is the folder of hand-written pages"),
    (["render", "--out", "foreign"], "a folder this command did not write"),
    (["build", "--site-dir", "data"], "is the data folder"),
    (["render", "--out", "out", "--today", "2030-13-01"], "is not a date"),
])
def test_output_folders_that_would_destroy_work_are_refused(project, args, fragment):
    (project / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text())
    (project / "content").mkdir()
    (project / "foreign").mkdir()
    (project / "foreign" / "notes.txt").write_text("mine")
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    result = cli(project, *args)
    assert result.returncode == 2, result.stderr
    assert fragment in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before


@pytest.mark.parametrize("config,fragment", [
    (None, "mkdocs.yml: No such file or directory; give the project's MkDocs configuration with --config"),
    ("site_name: [unclosed\n", "mkdocs.yml:2:1: not readable as YAML"),
    ("- a list\n", "mkdocs.yml: not a MkDocs configuration"),
    ("site_name: x\ndocs_dir: nowhere\n", "mkdocs.yml: docs_dir 'nowhere' is not a folder next to it"),
    ("site_name: x\ndocs_dir: content\ntheme: {name: material, custom_dir: gone}\n",
     "mkdocs.yml: theme custom_dir 'gone' is not a folder next to it"),
])
def test_render_without_a_usable_mkdocs_yml_says_so_in_one_line(project, config, fragment):
    if config is not None:
        (project / "mkdocs.yml").write_text(config)
    (project / "content").mkdir()
    result = cli(project, "render", "--out", "out")
    assert result.returncode == 2, result.stderr
    assert fragment in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert not (project / "out").exists()


def test_a_killed_build_leaves_nothing_the_next_build_keeps(project):
    add_site_frame(project)
    leftover = project / ".cache" / "staging" / "site.killed"
    leftover.mkdir(parents=True)
    (leftover / "index.html").write_text("half a site")
    result = cli(project, "build", "--strict")
    assert result.returncode == 0, result.stderr[-2000:]
    assert not leftover.exists()
    assert not [p for p in project.iterdir() if p.name.startswith(".site")]
    assert (project / "site" / "index.html").exists()


def test_score_command_errors_are_one_line(project):
    with_archive(project)
    result = cli(project, "score", "--scorer", "gans-membership", "--gold", "data/runs/beta/gold.csv",
                 "--run", "data/runs/beta/runs/missing.csv")
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    result = cli(project, "score", "--scorer", "nope", "--gold", "g", "--run", "r")
    assert result.returncode == 2 and "invalid choice: 'nope'" in result.stderr


def test_score_warns_how_many_ids_a_run_lacks(project):
    write(project, "runs/t/gold.json", json.dumps([{"id": i, "ref": "a b"} for i in range(4)]))
    write(project, "runs/t/run.json", json.dumps([{"id": 0, "hyp": "a b"}]))
    result = cli(project, "score", "--scorer", "topicto", "--gold", "data/runs/t/gold.json",
                 "--run", "data/runs/t/run.json")
    if result.returncode == 1 and "WordNet" in result.stderr:
        pytest.skip("WordNet 3.0 not installed: run `make setup`")
    assert result.returncode == 0, result.stderr
    assert "no hypothesis for 3 of 4 ids" in result.stderr


def test_validate_reports_every_problem_located_and_exits_1(project):
    with_archive(project)
    edit(project, "editions/2030/tasks/beta.yml", "summary:", "sumary:")
    write(project, "runs/beta/runs/r2.csv", "i0,7\n")
    result = cli(project, "validate")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[-1].endswith("error(s)") and all(LOCATED.match(line) for line in lines[:-1]), lines
