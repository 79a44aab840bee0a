"""Bad data gives one `file:line:column: field: message` line per problem, all problems at once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from imageclef.core.errors import DataError
from imageclef.core.loader import load_data


def errors_for(data: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load_data(data, root=data.parent)
    return [str(issue) for issue in info.value.issues]


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def test_fixture_is_valid(fixture_data):
    data = load_data(fixture_data, root=fixture_data.parent)
    assert list(data.editions) == [2030]
    assert list(data.editions[2030].tasks) == ["parent", "alpha", "beta"]


def test_unknown_key_names_file_line_column_and_suggests(fixture_data):
    replace(fixture_data / "editions/2030/tasks/beta.yml", "summary:", "sumary:")
    assert errors_for(fixture_data) == [
        "data/editions/2030/tasks/beta.yml:1:1: summary: required key 'summary' is missing",
        "data/editions/2030/tasks/beta.yml:4:1: sumary: unknown key 'sumary' (did you mean 'summary'?)",
    ]


def test_wrong_type(fixture_data):
    replace(fixture_data / "editions/2030/tasks/alpha.yml", "max_runs: 10", "max_runs: ten")
    assert errors_for(fixture_data) == [
        "data/editions/2030/tasks/alpha.yml:19:13: submission.max_runs: "
        "Input should be a valid integer, unable to parse string as an integer"
    ]


@pytest.mark.parametrize("bad", ["2030-02-31", "31.02.2030"])
def test_impossible_date(fixture_data, bad):
    replace(fixture_data / "editions/2030/edition.yml", "date: 2030-01-10", f"date: {bad}")
    assert errors_for(fixture_data) == [
        f'data/editions/2030/edition.yml:21:11: schedule.0.date: invalid date "{bad}" (expected YYYY-MM-DD)'
    ]


def test_a_broken_edition_file_does_not_hide_the_mistakes_of_its_tasks(fixture_data):
    replace(fixture_data / "editions/2030/edition.yml", "date: 2030-01-10", "date: 2030-02-31")
    replace(fixture_data / "editions/2030/tasks/beta.yml", "organisers: [jose-muller]", "organisers: [jose-mueller]")
    replace(fixture_data / "editions/2030/tasks/alpha.yml", "overview: Overview2030", "overview: Overveiw2030")
    messages = errors_for(fixture_data)
    assert messages[0] == ('data/editions/2030/edition.yml:21:11: schedule.0.date: invalid date "2030-02-31" '
                           "(expected YYYY-MM-DD)")
    assert [m.split(": ", 1)[0] for m in messages[1:]] == [
        "data/editions/2030/tasks/alpha.yml:21:11", "data/editions/2030/tasks/beta.yml:5:14"]
    assert "no BibTeX entry 'Overveiw2030'" in messages[1] and "unknown person 'jose-mueller'" in messages[2]


def test_range_that_ends_before_it_starts(fixture_data):
    replace(fixture_data / "editions/2030/edition.yml", "end: 2030-09-19", "end: 2030-09-01")
    messages = errors_for(fixture_data)
    assert messages[0].startswith("data/editions/2030/edition.yml:6:1: conference: ")
    assert "ends (2030-09-01) before it starts (2030-09-16)" in messages[0]


def test_dangling_person_id(fixture_data):
    replace(fixture_data / "editions/2030/tasks/alpha.yml", "organisers: [ada-lovelace]", "organisers: [ada-lovelac]")
    assert errors_for(fixture_data) == [
        "data/editions/2030/tasks/alpha.yml:20:14: organisers.0: unknown person 'ada-lovelac' (did you mean 'ada-lovelace'?)"
    ]


def test_duplicate_task_slug(fixture_data):
    tasks = fixture_data / "editions/2030/tasks"
    (tasks / "beta-copy.yml").write_text((tasks / "beta.yml").read_text())
    assert errors_for(fixture_data) == [
        "data/editions/2030/tasks/beta.yml:1:7: slug: duplicate task slug 'beta' "
        "(also in data/editions/2030/tasks/beta-copy.yml)"
    ]


def test_unknown_series_and_publication(fixture_data):
    replace(fixture_data / "editions/2030/tasks/beta.yml", "series: beta", "series: gamma")
    replace(fixture_data / "editions/2030/edition.yml", "overview: Overview2030", "overview: Missing2030")
    assert errors_for(fixture_data) == [
        "data/editions/2030/edition.yml:30:11: overview: no BibTeX entry 'Missing2030' in data/publications/",
        "data/editions/2030/tasks/beta.yml:2:9: series: unknown series 'gamma' (add it to data/series.yml)",
    ]


def test_yaml_syntax_error(fixture_data):
    replace(fixture_data / "editions/2030/tasks/beta.yml", "summary: Beta things.", "summary: [Beta things.")
    [message] = errors_for(fixture_data)
    assert message.startswith("data/editions/2030/tasks/beta.yml:")
    assert "YAML syntax error" in message


def test_every_error_of_a_run_is_reported(fixture_data):
    replace(fixture_data / "editions/2030/tasks/beta.yml", "summary:", "sumary:")
    replace(fixture_data / "editions/2030/tasks/alpha.yml", "max_runs: 10", "max_runs: ten")
    replace(fixture_data / "people.yml", "email: ada@example.org", "email: ada.example.org")
    messages = errors_for(fixture_data)
    files = {m.split(":")[0] for m in messages}
    assert files == {"data/editions/2030/tasks/beta.yml", "data/editions/2030/tasks/alpha.yml", "data/people.yml"}
    assert 'data/people.yml:3:10: 0.email: not an e-mail address: "ada.example.org"' in messages


def test_results_value_for_unknown_column(fixture_data):
    replace(fixture_data / "editions/2030/results/alpha.yml", "values: {f1: 0.5, er: 12.5}", "values: {f1: 0.5, eer: 12.5}")
    assert errors_for(fixture_data) == [
        "data/editions/2030/results/alpha.yml:11:9: boards.0.rows.0: no value for 'er': give it under `values`, or "
        "under `missing` with why the table has none",
        "data/editions/2030/results/alpha.yml:11:74: boards.0.rows.0.values.eer: no column 'eer' in this board",
    ]


def test_cli_validate_prints_one_line_per_error_and_exits_non_zero(fixture_data):
    replace(fixture_data / "editions/2030/tasks/beta.yml", "summary:", "sumary:")
    result = subprocess.run(
        [sys.executable, "-m", "imageclef.cli", "validate", "--data", "data"],
        cwd=fixture_data.parent, capture_output=True, text=True,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[0] == "data/editions/2030/tasks/beta.yml:1:1: summary: required key 'summary' is missing"
    assert lines[-1] == "2 error(s)"


def test_cli_validate_github_annotates_each_problem_on_its_line(fixture_data):
    """Workflow commands as GitHub documents them: `::error file=F,line=L,col=C,title=T::message`, with `%`, CR and
    LF escaped everywhere and `:` and `,` escaped in the properties."""
    replace(fixture_data / "editions/2030/tasks/beta.yml", "summary:", "sumary:")
    command = [sys.executable, "-m", "imageclef.cli", "validate", "--data", "data"]
    plain = subprocess.run(command, cwd=fixture_data.parent, capture_output=True, text=True)
    github = subprocess.run(command + ["--github"], cwd=fixture_data.parent, capture_output=True, text=True)
    assert plain.returncode == github.returncode == 1 and plain.stdout == ""
    assert github.stderr == plain.stderr
    assert github.stdout.splitlines() == [
        "::error file=data/editions/2030/tasks/beta.yml,line=1,col=1,title=summary::required key 'summary' is missing",
        "::error file=data/editions/2030/tasks/beta.yml,line=4,col=1,title=sumary::unknown key 'sumary' (did you mean "
        "'summary'?)",
    ]


def test_a_github_annotation_escapes_what_would_end_or_split_it():
    from imageclef.core.errors import DataIssue

    issue = DataIssue("data/a,b:c.yml", 3, 7, "notes", "100% sure\nnext line", severity="warning")
    assert issue.github() == "::warning file=data/a%2Cb%3Ac.yml,line=3,col=7,title=notes::100%25 sure%0Anext line"


def test_board_names_an_unknown_subtask(fixture_data):
    replace(fixture_data / "editions/2030/results/alpha.yml", "subtask: one", "subtask: two")
    assert errors_for(fixture_data) == [
        "data/editions/2030/results/alpha.yml:5:14: boards.0.subtask: task 'alpha' has no subtask 'two'"
    ]


def test_duplicate_board_id_across_results_files(fixture_data):
    results = fixture_data / "editions/2030/results"
    (results / "alpha-more.yml").write_text((results / "alpha.yml").read_text())
    assert errors_for(fixture_data) == [
        "data/editions/2030/results/alpha.yml:3:9: boards.0.id: duplicate board id 'one' for task 'alpha' (also in data/editions/2030/results/alpha-more.yml)"
    ]


@pytest.mark.parametrize("how", ["option", "environment"])
def test_cli_render_rejects_an_impossible_build_date_in_one_line(fixture_data, tmp_path, how):
    import os

    args = ["--today", "2026-13-01"] if how == "option" else []
    env = {**os.environ, "IMAGECLEF_TODAY": "2026-13-01"} if how == "environment" else None
    result = subprocess.run(
        [sys.executable, "-m", "imageclef.cli", "render", "--data", "data", "--out", str(tmp_path / "out"), *args],
        cwd=fixture_data.parent, capture_output=True, text=True, env=env,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == "imageclef render: the build date '2026-13-01' is not a date (YYYY-MM-DD)"
    assert not (tmp_path / "out").exists()
