"""`make serve` (`mkdocs serve --dirty`): a rebuild after an edit redoes only what changed, and the site it
leaves is exactly the site a clean build of the edited project gives.

The serve builds are run in this process the way `mkdocs serve`'s builder runs them: the configuration is
loaded again for each rebuild, the plugin instance is kept (it has `on_startup`), and `build` is called with
`dirty=True`. The reference is `mkdocs build` of the same, edited project in a fresh subprocess.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from .test_build import ENV, project_copy

SERVE_URL = "http://127.0.0.1:8000/"
EPOCH = "1893456000"  # fixed build time: sitemap dates and the gzip header match between builds


class Server:
    """The builder of `mkdocs serve --dirty` for a project, building into ``site``."""

    def __init__(self, project: Path, site: Path):
        self.project, self.site = project, site
        self.config = self._config()
        self.config.plugins.on_startup(command="serve", dirty=True)
        self.plugin = self.config.plugins["imageclef"]
        self.build()

    def _config(self):
        config = load_config(config_file=str(self.project / "mkdocs.yml"), site_dir=str(self.site))
        config.site_url = SERVE_URL
        return config

    def build(self) -> set[str]:
        """Rebuild as after an edit; return the URLs of the pages MkDocs built again."""
        config = self._config()
        assert config.plugins["imageclef"] is self.plugin, "MkDocs should keep the plugin across rebuilds"
        build(config, serve_url=SERVE_URL, dirty=True)
        return set(self.plugin.dirty.rebuilt)

    @property
    def page_urls(self) -> set[str]:
        return {f.page.url for f in self.plugin.files.documentation_pages() if f.page is not None}


CLEAN_BUILD = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(config_file="mkdocs.yml", site_dir=sys.argv[1])
config.site_url = sys.argv[2]
config.plugins.on_startup(command="build", dirty=False)
build(config, serve_url=sys.argv[2])
"""


def clean_build(project: Path, site: Path) -> None:
    """A full build of ``project`` in a fresh process, with the server's address as site URL."""
    result = subprocess.run([sys.executable, "-c", CLEAN_BUILD, str(site), SERVE_URL], cwd=project,
                            env={**ENV, "SOURCE_DATE_EPOCH": EPOCH}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def assert_same_site(served: Path, reference: Path) -> None:
    got, want = files(served), files(reference)
    assert sorted(got) == sorted(want)
    differing = [name for name in want if got[name] != want[name]]
    assert differing == [], f"the served site differs from a clean build in {differing[:10]}"


@pytest.fixture
def server(tmp_path, fixture_data, monkeypatch):
    monkeypatch.setenv("IMAGECLEF_TODAY", ENV["IMAGECLEF_TODAY"])
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    project = project_copy(tmp_path, fixture_data)
    return Server(project, tmp_path / "served")


def test_first_build_builds_every_page_and_equals_a_clean_build(server, tmp_path):
    assert len(server.plugin.dirty.rebuilt) == len(server.page_urls) > 10
    clean_build(server.project, tmp_path / "reference")
    assert_same_site(server.site, tmp_path / "reference")


def test_a_task_edit_rebuilds_only_the_pages_that_show_it(server, tmp_path, fixture_data):
    task = fixture_data / "editions/2030/tasks/beta.yml"
    task.write_text(task.read_text().replace("summary: Beta things.", "summary: Beta things, edited."))
    rebuilt = server.build()
    # the task page and the edition page (it lists task summaries); not the other tasks, guide or archive
    assert rebuilt == {"2030/beta/", "2030/"}
    # rendered again: the pages that read the task file (the home page and the list of editions name the
    # tasks, the results page names the tasks without a table, the publications page looks for task
    # overviews, the series page lists the task's years); their Markdown changed only for the two above
    assert sorted(server.plugin.memo.rendered) == ["2030/beta/index.md", "2030/index.md", "2030/results.md",
                                                   "archive.md", "index.md", "publications.md", "tasks/beta.md"]
    clean_build(server.project, tmp_path / "reference")
    assert_same_site(server.site, tmp_path / "reference")  # search index included


def test_no_change_rebuilds_nothing(server):
    assert server.build() == set()
    assert server.plugin.memo.rendered == []


def test_a_new_task_changes_the_navigation_so_every_page_is_rebuilt(server, tmp_path, fixture_data):
    tasks = fixture_data / "editions/2030/tasks"
    (tasks / "gamma.yml").write_text((tasks / "beta.yml").read_text().replace("slug: beta", "slug: gamma")
                                     .replace("Beta: a task with a colon", "Gamma"))
    edition = fixture_data / "editions/2030/edition.yml"
    edition.write_text(edition.read_text().replace("tasks: [parent, alpha, beta]", "tasks: [parent, alpha, beta, gamma]"))
    rebuilt = server.build()
    assert "2030/gamma/" in rebuilt
    assert rebuilt == set(server.page_urls)
    clean_build(server.project, tmp_path / "reference")
    assert_same_site(server.site, tmp_path / "reference")


def test_a_new_heading_on_a_guide_page_renames_it_in_every_navigation(server, tmp_path):
    page = server.project / "content/guide/people.md"
    text = page.read_text()
    first = next(line for line in text.splitlines() if line.startswith("# "))
    page.write_text(text.replace(first, "# People and organisations, renamed", 1))
    assert server.build() == set(server.page_urls)
    clean_build(server.project, tmp_path / "reference")
    assert_same_site(server.site, tmp_path / "reference")


def test_a_guide_page_edit_rebuilds_that_page(server, tmp_path):
    page = server.project / "content/guide/people.md"
    page.write_text(page.read_text() + "\nOne more sentence.\n")
    assert server.build() == {"guide/people/"}
    clean_build(server.project, tmp_path / "reference")
    assert_same_site(server.site, tmp_path / "reference")


def test_a_people_edit_renders_the_pages_that_name_people_again(server, tmp_path, fixture_data):
    people = fixture_data / "people.yml"
    text = people.read_text()
    people.write_text(text.replace("name: ", "name: Dr ", 1))
    rebuilt = server.build()
    assert "2030/index.md" in server.plugin.memo.rendered and "archive.md" not in server.plugin.memo.rendered
    assert rebuilt and rebuilt != set(server.page_urls)
    clean_build(server.project, tmp_path / "reference")
    assert_same_site(server.site, tmp_path / "reference")
