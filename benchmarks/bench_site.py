"""Benchmark the site build: plugin vs plain MkDocs, cold vs warm scoring cache, serve rebuilds, memory.

    .venv/bin/python benchmarks/bench_site.py [--quick] [--repeat N] [--editions N] [--tasks N]
                                              [--json FILE] [--profile DIR] [--keep]

Generates a synthetic project in a temporary folder (default: 24 editions x 10 tasks, 3 result boards of
40 rows per task, people, BibTeX, schedules, and a scored archive of gans-membership runs), checks it with
``imageclef validate``, then measures, each build in its own subprocess so timings and peak memory do not
mix:

1. ``plain``: a plain MkDocs build of the docs tree written by ``imageclef render`` (its ``properdocs.yml``:
   the project's configuration without the imageclef plugin, with the full navigation), against ``plugin``:
   the same site built through the plugin (warm scoring cache);
2. ``plugin, cold cache``: the plugin build after deleting the project's ``.cache/scores``;
3. ``serve rebuild``: what ``make serve`` (``mkdocs serve --dirty``) does after one task YAML file changes,
   in one process: load config, build, change the file, load config again, build again (``dirty=True``,
   the plugin instance kept, as MkDocs does); the second build is timed;
4. peak RSS (``ru_maxrss``) of each build process.

Prints a table of medians over ``--repeat`` runs (default 3), the ratios, and the targets. With
``--profile DIR`` it also profiles one warm plugin build and one serve rebuild (pyinstrument if installed,
else cProfile) and prints the hot spots in ``imageclef`` code.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-03-01"
SERVE_URL = "http://127.0.0.1:8000/"


@dataclass
class Scale:
    editions: int = 24
    tasks: int = 10
    boards: int = 3  # result boards per task
    rows: int = 40  # rows per board
    scored_boards: int = 5  # computed (gans-membership) boards
    scored_runs: int = 20  # archived runs per computed board
    scored_items: int = 500  # items per gold file / run
    people: int = 300

    @classmethod
    def quick(cls) -> "Scale":
        return cls(editions=2, tasks=3, boards=2, rows=8, scored_boards=1, scored_runs=1, scored_items=50, people=30)


# =========================================================================== synthetic data

SERIES = [
    ("caption", "ImageCLEFmedical Caption", "Automatic Image Captioning", "Caption"),
    ("gans", "ImageCLEFmedical GANs", "Synthetic Medical Images Created via GANs", "GANs"),
    ("medvqa-gi", "ImageCLEFmedical MEDVQA-GI", "Visual Question Answering for Gastrointestinal Imaging", "MEDVQA-GI"),
    ("mediqa", "ImageCLEFmedical MEDIQA", "Multimodal Dermatology Question Answering", "MEDIQA"),
    ("tuberculosis", "ImageCLEFmedical Tuberculosis", "Tuberculosis Type and Severity", "Tuberculosis"),
    ("coral", "ImageCLEFcoral", "Coral Reef Image Annotation and Localisation", "Coral"),
    ("lifelog", "ImageCLEFlifelog", "Lifelog Moment Retrieval", "Lifelog"),
    ("fusion", "ImageCLEFfusion", "Ensembling for Media Interestingness", "Fusion"),
    ("aware", "ImageCLEFaware", "Privacy Awareness of Social Media Images", "Aware"),
    ("drawnui", "ImageCLEFdrawnUI", "Drawn User Interface Detection", "DrawnUI"),
    ("recommending", "ImageCLEFrecommending", "Content Recommendation for Cultural Heritage", "Recommending"),
    ("topicto", "ImageCLEFtoPicto", "Translating Speech into Pictograms", "ToPicto"),
    ("arguments", "Image Retrieval for Arguments", "Image Retrieval for Arguments", "Arguments"),
    ("multimodal-reasoning", "MultimodalReasoning", "Multilingual Visual Question Answering", "Reasoning"),
    ("deepfake", "ImageCLEF Deepfake", "Deepfake Image Detection", "Deepfake"),
    ("agriculture", "ImageCLEF AI4Agriculture", "Plant Disease Detection in the Field", "Agriculture"),
    ("photo", "ImageCLEFphoto", "Photographic Retrieval", "Photo"),
    ("wikipedia", "ImageCLEF Wikipedia", "Wikipedia Image Retrieval", "Wikipedia"),
    ("plant", "ImageCLEF Plant", "Plant Identification", "Plant"),
    ("robot", "ImageCLEF Robot Vision", "Robot Vision and Place Recognition", "Robot"),
    ("annotation", "ImageCLEF Annotation", "Scalable Concept Image Annotation", "Annotation"),
    ("segmentation", "ImageCLEFmedical Segmentation", "Lung Lesion Segmentation", "Segmentation"),
]
FIRST = ["Ana", "Bogdan", "Henning", "Ivan", "Liviu", "Alba", "Asma", "Christoph", "Louise", "Raphael", "Johannes",
         "Obioma", "Tabea", "Hendrik", "Mihai", "Vajira", "Steven", "Michael", "Pål", "Cécile", "Didier", "Benno",
         "Martin", "Yuri", "Wen-Wai", "Noel", "Josep", "Dimitar", "Preslav", "Sushant", "Diandra", "Moritz"]
LAST = ["Ionescu", "Müller", "Stanciu", "Eggel", "Ștefan", "García", "Ben Abacha", "Friedrich", "Bloch", "Brüngel",
        "Rückert", "Pelka", "Pakull", "Damm", "Dogariu", "Thambawita", "Hicks", "Riegler", "Halvorsen", "Macaire",
        "Schwab", "Stein", "Potthast", "Prokopchuk", "Yim", "Codella", "Malvehy", "Dimitrov", "Nakov", "Gautam",
        "Fabre", "Wolter", "Schäfer", "Idrissi-Yaghir", "Kovalev", "Constantin"]
LATEX = {"ü": '\\"u', "ä": '\\"a', "í": "\\'i", "é": "\\'e", "Ș": "{\\c{S}}", "å": "\\r{a}"}
COUNTRIES = ["Romania", "Switzerland", "Germany", "Spain", "Norway", "France", "United States", "Bulgaria", "Belarus"]
TEAMS = ["AUEB NLP Group", "DeepLens", "mapan", "UIT-Oggy", "DS4DH", "sakthiii", "JJ-VMed", "UMUTeam", "Neural Nexus",
         "zhouyijiang1", "taotaozi", "AIMultimediaLab", "CS_Morgan_Lab", "Team*Star", "csmorgan", "KDE Lab",
         "SSN MLRG", "IIITH [vision]", "VIT_Bhopal", "PoliMi", "CEA-LIST", "ImageSem", "DMIS", "HuPBA"]
WORDS = ("model images task participants evaluation benchmark data set annotations retrieval medical radiology "
         "captions concepts questions answers classification segmentation ranking runs teams baseline metrics "
         "clinical expert multimodal visual language generation detection training validation test release "
         "organisers explanation quality relevance factuality scores precision recall challenge").split()


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _slug(text: str) -> str:
    out = "".join(c if c.isalnum() else "-" for c in _ascii(text).lower())
    return "-".join(p for p in out.split("-") if p)


def _latex(text: str) -> str:
    return "".join(LATEX.get(c, c) for c in text)


class Text:
    def __init__(self, rng: random.Random):
        self.rng = rng

    def sentence(self, n: int | None = None) -> str:
        words = self.rng.choices(WORDS, k=n or self.rng.randint(9, 20))
        pick = self.rng.random()
        if pick < 0.15:
            i = self.rng.randrange(len(words))
            words[i] = f"**{words[i]}**"
        elif pick < 0.3:
            i = self.rng.randrange(len(words))
            words[i] = f"[{words[i]}](https://example.org/{words[i]}/{self.rng.randint(1, 999)})"
        elif pick < 0.4:
            i = self.rng.randrange(len(words))
            words[i] = f"*{words[i]}*"
        return " ".join(words).capitalize() + "."

    def paragraph(self, sentences: int | None = None) -> str:
        lines, line = [], []
        for s in range(sentences or self.rng.randint(3, 6)):
            line.append(self.sentence())
            if len(" ".join(line)) > 90:
                lines.append(" ".join(line))
                line = []
        if line:
            lines.append(" ".join(line))
        return "\n".join(lines)

    def markdown(self, paragraphs: int = 3, *, bullets: bool = True, table: bool = False) -> str:
        parts = [self.paragraph() for _ in range(paragraphs)]
        if bullets:
            parts.insert(1, "\n".join(f"- {self.sentence(8)}" for _ in range(self.rng.randint(3, 5))))
        if table:
            rows = "\n".join(f"| {name} | {self.rng.randint(1000, 90000):,} |" for name in ("Training", "Validation", "Test"))
            parts.insert(1, "| Split | Images |\n| --- | ---: |\n" + rows)
        return "\n\n".join(parts) + "\n"


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Multi-line strings as literal blocks, as organisers write them; no anchors (data files refuse them)."""

    def ignore_aliases(self, data) -> bool:
        return True


def _str(dumper, value: str):
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str)


def _write_yaml(path: Path, value, header: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(value, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)
    path.write_text(header + text, encoding="utf-8")


@dataclass
class Generated:
    years: list[int]
    edited_task: Path  # the task file serve rebuilds change
    pages_expected: int
    computed_boards: int
    scored_runs: int


def generate(project: Path, scale: Scale, seed: int = 2025) -> Generated:
    """Write ``project/data`` (and mkdocs.yml, content/) for ``scale``; deterministic for a seed."""
    rng = random.Random(seed)
    text = Text(rng)
    data = project / "data"
    last_year = 2026
    years = list(range(last_year - scale.editions + 1, last_year + 1))

    # --- people
    people, seen = [], set()
    while len(people) < scale.people:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        pid = _slug(f"{first} {last}")
        if pid in seen:
            pid = f"{pid}-{len(people)}"
        seen.add(pid)
        entry = {"id": pid, "name": f"{first} {last}"}
        if rng.random() < 0.6:
            entry["email"] = f"{_slug(first)}.{_slug(last)}@example.org"
        entry["affiliation"] = f"University of {rng.choice(WORDS).capitalize()} {rng.choice(['Sciences', 'Technology', 'Medicine'])}"
        entry["country"] = rng.choice(COUNTRIES)
        people.append(entry)
    _write_yaml(data / "people.yml", people, "# Synthetic people for bench_site.py\n")
    ids = [p["id"] for p in people]
    names = {p["id"]: p["name"] for p in people}

    # --- series and site
    series = [{"id": "medical", "name": "ImageCLEFmedical", "earlier_editions": [years[0] - 2, years[0] - 1]}]
    series += [{"id": sid, "name": name, **({"earlier_editions": [years[0] - 1]} if i % 3 == 0 else {})}
               for i, (sid, name, _, _) in enumerate(SERIES)]
    _write_yaml(data / "series.yml", series)
    _write_yaml(data / "site.yml", {
        "name": "ImageCLEF", "first_year": years[0], "tagline": text.sentence(),
        "about": text.markdown(3, bullets=False),
        "social": [{"title": "Twitter: #imageclef", "url": "https://twitter.com/imageclef"}],
        "clef_url": "https://www.clef-initiative.eu/",
    })

    def bib_authors(k: int) -> str:
        chosen = rng.sample(ids, k)
        parts = []
        for pid in chosen:
            first, _, last = names[pid].partition(" ")
            parts.append(f"{_latex(last)}, {_latex(first)}")
        return " and ".join(parts)

    scored_left = scale.scored_boards
    scored_runs = 0
    edited_task: Path | None = None
    pages = 3  # home, archive, publications
    for year in reversed(years):  # newest first: the computed boards go to recent editions
        folder = data / "editions" / str(year)
        bib: list[str] = []
        overview = f"OverviewImageCLEF{year}"
        bib.append(
            f"@inproceedings{{{overview},\n  title = {{Overview of {{ImageCLEF}} {year}: Multimedia Retrieval in "
            f"Medical, Social Media and Content Recommendation Applications}},\n  author = {{{bib_authors(12)}}},\n"
            f"  booktitle = {{Experimental IR Meets Multilinguality, Multimodality, and Interaction}},\n"
            f"  publisher = {{Springer}},\n  series = {{Lecture Notes in Computer Science}},\n"
            f"  address = {{Madrid, Spain}},\n  year = {{{year}}},\n  doi = {{10.1007/978-3-031-{year % 1000:05d}-0_{rng.randint(1, 30)}}}\n}}"
        )
        chosen = rng.sample(SERIES, scale.tasks - 1)
        children = chosen[: min(3, len(chosen))] if scale.tasks >= 3 else []
        task_slugs = ["medical"] + [s[0] for s in chosen]
        pages += 2 + len(task_slugs)
        conf_start = date(year, 9, 8)
        schedule = [
            {"kind": "registration-opens", "date": date(year - 1, 11, 20), "tentative": True},
            {"kind": "development-data", "date": date(year, 1, 24), "depends_on_task": True},
            {"kind": "custom", "label": "Kick-off webinar", "date": date(year, 2, 10), "time": "16:00",
             "timezone": "Europe/Berlin"},
            {"kind": "test-data", "date": date(year, 3, 14), "depends_on_task": True},
            {"kind": "registration-closes", "date": date(year, 4, 25)},
            {"kind": "run-submission", "date": date(year, 5, 10), "depends_on_task": True},
            {"kind": "results", "date": date(year, 5, 17), "depends_on_task": True},
            {"kind": "working-notes", "date": date(year, 5, 30)},
            {"kind": "notification", "date": date(year, 6, 27)},
            {"kind": "camera-ready", "date": date(year, 7, 7)},
            {"kind": "conference", "label": f"CLEF {year}", "date": conf_start, "end": conf_start + timedelta(days=3)},
        ]
        _write_yaml(folder / "edition.yml", {
            "year": year,
            "news": [{"date": date(year - 1, 12, d), "text": text.sentence()} for d in (1, 10, 20)],
            "motivation": text.markdown(4),
            "conference": {"name": f"CLEF {year}", "host": "UNED", "city": "Madrid", "country": "Spain",
                           "start": conf_start, "end": conf_start + timedelta(days=3),
                           "url": f"https://clef{year}.clef-initiative.eu/"},
            "registration": {"platform": "AI4MediaBench", "url": "https://ai4media-bench.example.org/",
                             "about": text.paragraph(), "steps": [text.sentence() for _ in range(3)],
                             "notes": [text.sentence()]},
            "schedule": schedule,
            "tasks": task_slugs,
            "overview": overview,
            "committee": [{"role": "Overall coordination", "people": rng.sample(ids, 3)},
                          {"role": "Technical support", "people": rng.sample(ids, 2)}],
            "participation": {"registered_teams": rng.randint(50, 200), "working_notes": rng.randint(10, 50)},
        })
        for t, slug in enumerate(task_slugs):
            is_parent = slug == "medical"
            info = next((s for s in SERIES if s[0] == slug), None)
            title, short = (info[2], info[3]) if info else ("ImageCLEFmedical", "Medical")
            sub_ids = [f"subtask{i + 1}" for i in range(scale.boards)]
            task = {
                "slug": slug, "series": slug, "title": title, "short_title": short,
                **({"parent": "medical"} if any(c[0] == slug for c in children) else {}),
                "summary": text.paragraph(3),
                "description": text.markdown(3),
                "subtasks": [{"id": sid, "title": f"Subtask {i + 1}: {text.sentence(4)[:-1]}",
                              "description": text.paragraph(2)} for i, sid in enumerate(sub_ids)],
                "data": text.markdown(2, bullets=False, table=True),
                "metrics": [{"name": "F1", "primary": True, "subtask": sub_ids[0]},
                            {"name": "Precision", "subtask": sub_ids[0]},
                            {"name": "Word error rate", "direction": "lower", "subtask": sub_ids[-1]}],
                "evaluation": text.markdown(2, bullets=False),
                "submission": {"platform": "AI4MediaBench", "url": "https://ai4media-bench.example.org/",
                               "max_runs": 10, "notes": text.paragraph(2)},
                "links": [{"title": "Data set", "url": f"https://example.org/{slug}/{year}/data",
                           "description": text.sentence()},
                          {"title": "Previous edition", "url": f"https://example.org/{slug}/{year - 1}"}],
                "organisers": rng.sample(ids, rng.randint(4, 8)),
                "overview": f"{slug}{year}overview",
                "citations": [f"{slug}{year}data"],
            }
            if not is_parent:
                task["schedule"] = [
                    {"kind": "run-submission", "date": date(year, 5, 5), "previously": [date(year, 4, 28)]},
                    {"kind": "results", "date": date(year, 5, 12)},
                ]
            else:
                task["joint_with"] = [{"title": "MICCAI challenge", "url": "https://example.org/miccai"}]
            path = folder / "tasks" / f"{slug}.yml"
            _write_yaml(path, task)
            if year == years[-1] and edited_task is None and not is_parent:
                edited_task = path
            bib.append(
                f"@inproceedings{{{slug}{year}overview,\n  title = {{Overview of {{{short}}} {year} task}},\n"
                f"  author = {{{bib_authors(rng.randint(3, 9))}}},\n  booktitle = {{CLEF {year} Working Notes}},\n"
                f"  series = {{CEUR Workshop Proceedings}},\n  publisher = {{CEUR-WS.org}},\n"
                f"  address = {{Madrid, Spain}},\n  year = {{{year}}},\n  url = {{https://ceur-ws.org/Vol-{year}/}}\n}}"
            )
            bib.append(
                f"@article{{{slug}{year}data,\n  title = {{The {{{short}}} {year} data set: {text.sentence(6)[:-1]}}},\n"
                f"  author = {{{bib_authors(rng.randint(2, 5))}}},\n  journal = {{Scientific Data}},\n"
                f"  volume = {{{rng.randint(5, 12)}}},\n  number = {{{rng.randint(1, 4)}}},\n"
                f"  pages = {{{rng.randint(1, 200)}--{rng.randint(201, 400)}}},\n  year = {{{year}}},\n"
                f"  doi = {{10.1038/s41597-{year}-{rng.randint(1000, 9999)}}}\n}}"
            )

            # --- result boards
            boards = []
            for b, sid in enumerate(sub_ids):
                scored = scored_left > 0 and b == 0 and not is_parent
                if scored:
                    scored_left -= 1
                    scored_runs += scale.scored_runs
                    boards.append(_computed_board(data, year, slug, sid, scale, rng, text))
                else:
                    boards.append(_published_board(sid, b, scale, rng, text))
            _write_yaml(folder / "results" / f"{slug}.yml", {"task": slug, "boards": boards})
        (data / "publications").mkdir(parents=True, exist_ok=True)
        (data / "publications" / f"imageclef-{year}.bib").write_text("\n\n".join(bib) + "\n", encoding="utf-8")

    # --- project around the data: the repository's mkdocs.yml with its own overrides and content
    shutil.copytree(ROOT / "content", project / "content", dirs_exist_ok=True)
    _write_config(project / "mkdocs.yml")
    assert edited_task is not None
    return Generated(years, edited_task, pages, scale.scored_boards - scored_left, scored_runs)


METRIC_SETS = [
    [("f1", "F1", "higher", 4, True), ("precision", "Precision", "higher", 4, False),
     ("recall", "Recall", "higher", 4, False), ("accuracy", "Accuracy", "higher", 3, False)],
    [("map", "MAP", "higher", 4, True), ("p_at_10", "P@10", "higher", 3, False), ("ndcg", "nDCG", "higher", 4, False)],
    [("wer", "WER", "lower", 3, True), ("bleu", "BLEU", "higher", 2, False), ("meteor", "METEOR", "higher", 4, False),
     ("rouge1", "ROUGE-1", "higher", 4, False), ("bertscore", "BERTScore", "higher", 4, False)],
]


def _published_board(sid: str, b: int, scale: Scale, rng: random.Random, text: Text) -> dict:
    metrics = METRIC_SETS[b % len(METRIC_SETS)]
    teams = rng.sample(TEAMS, min(len(TEAMS), 12))
    rows = []
    for r in range(scale.rows):
        row = {"team": rng.choice(teams), "run": str(rng.randint(1000, 99999) * 100 + r)}
        if r == 0:
            row["baseline"] = True
        if rng.random() < 0.05:
            row["organiser"] = True
        row["values"] = {key: round(rng.uniform(0.05, 0.95), dec) for key, _, _, dec, _ in metrics}
        rows.append(row)
    return {
        "id": sid, "title": f"{sid.capitalize()}: {text.sentence(4)[:-1]}", "subtask": sid,
        "source": f"Overview, Table {b + 2}",
        "ranking": "teams" if b == 1 else "runs",
        "note": text.paragraph(2),
        "columns": [{"key": k, "label": label, "direction": d, "decimals": dec, **({"primary": True} if p else {})}
                    for k, label, d, dec, p in metrics],
        "rows": rows,
    }


def _computed_board(data: Path, year: int, slug: str, sid: str, scale: Scale, rng: random.Random, text: Text) -> dict:
    """A gans-membership board: gold + ``scored_runs`` archived runs; the other rows are published only."""
    rel = f"runs/{year}/{slug}-{sid}"
    folder = data / rel
    (folder / "runs").mkdir(parents=True, exist_ok=True)
    ids = [f"{slug}{year}_test_{i:05d}" for i in range(scale.scored_items)]
    gold = {i: rng.choice("01") for i in ids}
    (folder / "gold.csv").write_text("".join(f"{i},{v}\n" for i, v in gold.items()), encoding="utf-8")
    teams = rng.sample(TEAMS, min(len(TEAMS), 10))
    rows = []
    for r in range(scale.rows):
        team = rng.choice(teams)
        if r < scale.scored_runs:
            run = str(10000 + r)
            skill = rng.uniform(0.45, 0.9)
            lines = [f"{i},{v if rng.random() < skill else '10'[int(v)]}\n" for i, v in gold.items()]
            rng.shuffle(lines)
            (folder / "runs" / f"{run}.csv").write_text("".join(lines), encoding="utf-8")
            rows.append({"team": team, "run": run})
        else:
            rows.append({"team": team, "values": {k: round(rng.uniform(0.0, 0.6), 3)
                                                   for k in ("cohen_kappa", "accuracy", "precision", "recall", "f1")}})
    return {
        "id": sid, "title": f"{sid.capitalize()}: detect training data usage", "subtask": sid,
        "source": "Overview, Table 4", "ranking": "runs", "note": text.paragraph(2),
        "columns": [{"key": "cohen_kappa", "label": "Cohen's kappa", "decimals": 3, "primary": True},
                    {"key": "accuracy", "label": "Accuracy", "decimals": 3},
                    {"key": "precision", "label": "Precision", "decimals": 4},
                    {"key": "recall", "label": "Recall", "decimals": 3},
                    {"key": "f1", "label": "F1", "decimals": 4}],
        "computed": {"scorer": "gans-membership", "gold": f"{rel}/gold.csv", "runs": f"{rel}/runs", "archive": "original"},
        "rows": rows,
    }


def _write_config(path: Path) -> None:
    """The repository's mkdocs.yml, with its overrides folder."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.Loader)  # noqa: S506 - our own config
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    path.write_text(yaml.dump(config, Dumper=yaml.Dumper, sort_keys=False, allow_unicode=True), encoding="utf-8")


# =========================================================================== workers (one build per process)

class _Timers:
    """Accumulated time and calls of wrapped functions, by label."""

    def __init__(self):
        self.seconds: dict[str, float] = {}

    def wrap(self, module, name: str, label: str) -> None:
        original = getattr(module, name, None)
        if original is None:  # the code changed: skip this phase rather than fail
            return

        def timed(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[label] = self.seconds.get(label, 0.0) + time.perf_counter() - t0

        setattr(module, name, timed)

    def reset(self) -> None:
        self.seconds.clear()


def _instrument() -> _Timers:
    import imageclef.core.results.archive as archive
    import imageclef.core.view as view
    import imageclef.mkdocs_plugin as plugin

    timers = _Timers()
    timers.wrap(plugin, "load_data", "load_data")
    timers.wrap(plugin, "render_site", "render_site")
    timers.wrap(view, "score_archived_runs", "score_archived_runs")
    timers.wrap(archive, "score_many", "score_many")
    return timers


def _peak() -> dict:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"rss_mib": me.ru_maxrss / 1024, "children_rss_mib": kids.ru_maxrss / 1024,
            "cpu": me.ru_utime + me.ru_stime, "children_cpu": kids.ru_utime + kids.ru_stime}


def _profiler(kind: str | None):
    if kind is None:
        return None
    if kind == "pyinstrument":
        from pyinstrument import Profiler

        return Profiler(interval=0.001)
    import cProfile

    return cProfile.Profile()


def _save_profile(prof, kind: str, out: Path) -> None:
    if kind == "pyinstrument":
        out.with_suffix(".txt").write_text(prof.output_text(unicode=False, color=False, show_all=False), encoding="utf-8")
        out.with_suffix(".html").write_text(prof.output_html(), encoding="utf-8")
    else:
        prof.dump_stats(str(out.with_suffix(".prof")))


def worker_build(args) -> dict:
    """One ``mkdocs build`` as the CLI does it; imports count, as they do for a user."""
    start = time.perf_counter()
    os.environ["IMAGECLEF_TODAY"] = TODAY
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    timers = _instrument() if args.mode == "plugin" else None
    prof = _profiler(args.profile_kind)
    if prof is not None:
        prof.start() if args.profile_kind == "pyinstrument" else prof.enable()
    cfg = load_config(config_file=args.config, site_dir=args.site)
    cfg.plugins.on_startup(command="build", dirty=False)
    t_build = time.perf_counter()
    try:
        build(cfg, dirty=False)
    finally:
        cfg.plugins.on_shutdown()
    end = time.perf_counter()
    if prof is not None:
        prof.stop() if args.profile_kind == "pyinstrument" else prof.disable()
        _save_profile(prof, args.profile_kind, Path(args.profile_out))
    return {"total": end - start, "build": end - t_build, "phases": timers.seconds if timers else {}, **_peak()}


def worker_serve(args) -> dict:
    """``mkdocs serve``'s builder in one process: config + build, change one task file, config + build again."""
    start = time.perf_counter()
    os.environ["IMAGECLEF_TODAY"] = TODAY
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    timers = _instrument()

    def get_config():  # as mkdocs.commands.serve.serve.get_config
        config = load_config(config_file=args.config, site_dir=args.site)
        config.watch.extend([])
        return config

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=True)  # `make serve` runs `mkdocs serve --dirty`
    config.site_url = SERVE_URL
    build(config, serve_url=SERVE_URL, dirty=True)
    first = time.perf_counter() - start

    edited = Path(args.edit)
    original = edited.read_text(encoding="utf-8")
    try:
        edited.write_text(original.replace("summary: ", "summary: Edited during serve. ", 1), encoding="utf-8")
        timers.reset()
        prof = _profiler(args.profile_kind)
        if prof is not None:
            prof.start() if args.profile_kind == "pyinstrument" else prof.enable()
        t0 = time.perf_counter()
        config2 = get_config()  # builder(): config is None on a rebuild
        config2.site_url = SERVE_URL
        t_config = time.perf_counter() - t0
        build(config2, serve_url=SERVE_URL, dirty=True)
        rebuild = time.perf_counter() - t0
        plugin = config2.plugins["imageclef"]
        rebuilt = {"pages": len(plugin.dirty.rebuilt), "rendered": len(plugin.memo.rendered)}
        if prof is not None:
            prof.stop() if args.profile_kind == "pyinstrument" else prof.disable()
            _save_profile(prof, args.profile_kind, Path(args.profile_out))
        phases = dict(timers.seconds)
        # the loader + render part alone, once more in the same (warm) process
        from imageclef.core.loader import load_data
        from imageclef.core.render import build_date, render_site

        data_dir = Path(args.config).parent / "data"
        t1 = time.perf_counter()
        data = load_data(data_dir, root=data_dir.parent)
        t2 = time.perf_counter()
        render_site(data, today=build_date(TODAY))
        t3 = time.perf_counter()
    finally:
        edited.write_text(original, encoding="utf-8")
        config.plugins.on_shutdown()
    return {"first": first, "rebuild": rebuild, "config": t_config, "phases": phases, "rebuilt": rebuilt,
            "alone_load": t2 - t1, "alone_render": t3 - t2, **_peak()}


# =========================================================================== driver

PY = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "IMAGECLEF_TODAY": TODAY, "PYTHONHASHSEED": "0"}


def _run_worker(*argv: str, cwd: Path) -> dict:
    """Run this script as a worker; return its JSON result plus the process wall time."""
    t0 = time.perf_counter()
    proc = subprocess.run([PY, str(Path(__file__).resolve()), "--worker", *argv], cwd=cwd, env=ENV,
                          capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-8000:])
        raise SystemExit(f"worker {argv[0]} failed ({proc.returncode})")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["wall"] = wall
    return result


def _cli(*argv: str, cwd: Path) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run([str(Path(PY).parent / "imageclef"), *argv], cwd=cwd, env=ENV, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-8000:])
        raise SystemExit(f"imageclef {argv[0]} failed ({proc.returncode})")
    return time.perf_counter() - t0


def _site_files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def _machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem = next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
        ram = f"{int(mem.split()[1]) / 1024 / 1024:.1f} GiB RAM"
    except (OSError, StopIteration):
        ram = "unknown RAM"
    return f"{os.cpu_count()} CPUs ({model}), {ram}, Python {sys.version.split()[0]}"


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def _med(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny scale, one repeat (for the test suite)")
    parser.add_argument("--repeat", type=int, help="measured runs per figure (default 3, 1 with --quick)")
    parser.add_argument("--editions", type=int)
    parser.add_argument("--tasks", type=int)
    parser.add_argument("--json", help="also write the figures as JSON to this file")
    parser.add_argument("--profile", metavar="DIR", help="profile one warm plugin build and one serve rebuild into DIR")
    parser.add_argument("--keep", action="store_true", help="keep the temporary project (its path is printed)")
    # worker mode (internal)
    parser.add_argument("--worker", choices=["build", "serve"], help=argparse.SUPPRESS)
    parser.add_argument("--mode", help=argparse.SUPPRESS)
    parser.add_argument("--config", help=argparse.SUPPRESS)
    parser.add_argument("--site", help=argparse.SUPPRESS)
    parser.add_argument("--edit", help=argparse.SUPPRESS)
    parser.add_argument("--project", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--profile-kind", help=argparse.SUPPRESS)
    parser.add_argument("--profile-out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        import logging

        logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
        result = {"build": worker_build, "serve": worker_serve}[args.worker](args)
        print(json.dumps(result))
        return 0

    scale = Scale.quick() if args.quick else Scale()
    if args.editions:
        scale.editions = args.editions
    if args.tasks:
        scale.tasks = args.tasks
    if scale.tasks < 2:
        parser.error("--tasks must be at least 2 (a parent task and one other)")
    repeat = args.repeat or (1 if args.quick else 3)

    tmp = Path(tempfile.mkdtemp(prefix="bench_site_"))
    project = tmp / "project"
    project.mkdir()
    try:
        return _bench(project, tmp, scale, repeat, args)
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def _bench(project: Path, tmp: Path, scale: Scale, repeat: int, args) -> int:
    t0 = time.perf_counter()
    gen = generate(project, scale)
    t_gen = time.perf_counter() - t0
    n_yaml = sum(1 for _ in (project / "data").rglob("*.yml"))
    print(f"scale: {json.dumps(asdict(scale))}")
    print(f"generated {n_yaml} YAML files, {gen.computed_boards} computed boards with {gen.scored_runs} archived runs "
          f"in {t_gen:.1f} s under {project}", flush=True)
    t_validate = _cli("validate", "--data", "data", cwd=project)
    print(f"imageclef validate: ok ({t_validate:.2f} s)", flush=True)

    config = project / "mkdocs.yml"
    cache = project / ".cache" / "scores"
    sites = tmp / "sites"

    def plugin_build(tag: str, *extra: str) -> dict:
        return _run_worker("build", "--mode", "plugin", "--config", str(config), "--site", str(sites / tag),
                           *extra, cwd=project)

    rendered = tmp / "rendered"
    plain_config = rendered / "properdocs.yml"  # `imageclef render` writes the tree and its configuration
    load_before = _load()
    runs: dict[str, list[dict]] = {"plain": [], "plugin": [], "cold": [], "serve": [], "render": [], "validate": []}
    runs["validate"].append({"wall": t_validate})
    for i in range(repeat):
        print(f"run {i + 1}/{repeat}: plugin (cold cache)", end="", flush=True)
        shutil.rmtree(cache, ignore_errors=True)
        runs["cold"].append(plugin_build(f"cold-{i}"))
        print(", imageclef render", end="", flush=True)  # with a warm cache, as the plain build's input
        out = rendered if i == 0 else tmp / "rendered-again"
        runs["render"].append({"wall": _cli("render", "--data", "data", "--out", str(out), "--today", TODAY, cwd=project)})
        print(", plain", end="", flush=True)
        runs["plain"].append(_run_worker("build", "--mode", "plain", "--config", str(plain_config),
                                         "--site", str(sites / f"plain-{i}"), cwd=tmp))
        print(", plugin (warm cache)", end="", flush=True)
        runs["plugin"].append(plugin_build(f"plugin-{i}"))
        print(", serve rebuild", end="", flush=True)
        runs["serve"].append(_run_worker("serve", "--config", str(config), "--site",
                                         str(sites / f"serve-{i}"), "--edit", str(gen.edited_task), cwd=project))
        print(" done", flush=True)
        if i == 0:
            pages = sum(1 for p in (rendered / "docs").rglob("*.md"))
            print(f"  ({pages} Markdown pages rendered)", flush=True)

    plugin_files = _site_files(sites / "plugin-0")
    plain_files = _site_files(sites / "plain-0")
    plugin_pages = {p for p in plugin_files if p.endswith(".html")}
    plain_pages = {p for p in plain_files if p.endswith(".html")}
    same_pages = plugin_pages == plain_pages
    # sitemap.xml.gz embeds nothing variable; search index and sitemap have the same names in both
    same_files = plugin_files == plain_files

    figures = _figures(runs)
    print(f"\nmachine: {_machine()}; load average before/after: {load_before} / {_load()}")
    _print_table(figures, scale, repeat)
    print(f"\npages: plugin build {len(plugin_pages)}, plain build {len(plain_pages)}; "
          f"same set of pages: {'yes' if same_pages else 'NO'}; same set of files: {'yes' if same_files else 'NO'}")
    if not same_pages:
        print("  only in plugin build:", sorted(plugin_pages - plain_pages)[:10])
        print("  only in plain build:", sorted(plain_pages - plugin_pages)[:10])

    profiles = None
    if args.profile:
        profiles = _profile(Path(args.profile), project, config, sites, gen)

    if args.json:
        Path(args.json).write_text(json.dumps({
            "date": time.strftime("%Y-%m-%d"), "machine": _machine(), "load_before": load_before,
            "load_after": _load(), "scale": asdict(scale), "repeat": repeat,
            "figures": figures, "pages": {"plugin": len(plugin_pages), "plain": len(plain_pages),
                                          "same_pages": same_pages, "same_files": same_files},
            "runs": runs, "profiles": profiles,
        }, indent=2), encoding="utf-8")
    return 0 if same_pages else 1


def _figures(runs: dict[str, list[dict]]) -> dict:
    """Rows of the table (label -> median/min/max seconds, median CPU seconds, median peak RSS) and ratios."""

    def col(name: str, key: str, phase: str | None = None) -> list[float]:
        if phase:
            return [r["phases"].get(phase, 0.0) for r in runs[name]]
        return [r[key] for r in runs[name]]

    rows: dict[str, dict] = {}

    def add(key: str, label: str, values: list[float], run: str | None = None) -> None:
        rss = col(run, "rss_mib") if run else None
        cpu = [r["cpu"] + r.get("children_cpu", 0.0) for r in runs[run]] if run else None
        rows[key] = {"label": label, "median": _med(values), "min": min(values), "max": max(values),
                     "cpu": _med(cpu) if cpu else None, "rss_mib": _med(rss) if rss else None}

    add("validate", "imageclef validate (process wall)", col("validate", "wall"))
    add("render", "imageclef render (process wall)", col("render", "wall"))
    add("plain", "plain mkdocs build (process wall)", col("plain", "wall"), "plain")
    add("plain_in", "plain mkdocs build (in-process)", col("plain", "total"))
    add("plugin", "plugin build, warm cache (process wall)", col("plugin", "wall"), "plugin")
    add("plugin_in", "plugin build, warm cache (in-process)", col("plugin", "total"))
    add("plugin_load", "  load_data", col("plugin", "", "load_data"))
    add("plugin_render", "  render_site", col("plugin", "", "render_site"))
    add("plugin_lb", "    score_archived_runs", col("plugin", "", "score_archived_runs"))
    add("plugin_score", "      score_many", col("plugin", "", "score_many"))
    add("cold", "plugin build, cold cache (process wall)", col("cold", "wall"), "cold")
    add("cold_in", "plugin build, cold cache (in-process)", col("cold", "total"))
    add("cold_score", "  score_many (cold: process pool)", col("cold", "", "score_many"))
    add("serve_first", "serve: first build (in-process)", col("serve", "first"), "serve")
    add("serve", "serve: rebuild after 1 YAML change", col("serve", "rebuild"))
    add("serve_config", "  get_config (load mkdocs.yml)", col("serve", "config"))
    add("serve_load", "  load_data", col("serve", "", "load_data"))
    add("serve_render", "  render_site", col("serve", "", "render_site"))
    add("serve_score", "      score_many", col("serve", "", "score_many"))
    add("serve_alone_load", "serve: load_data alone (warm process)", col("serve", "alone_load"))
    add("serve_alone_render", "serve: render_site alone (warm process)", col("serve", "alone_render"))
    ratios = {
        "plugin / plain (process wall)": rows["plugin"]["median"] / rows["plain"]["median"],
        "plugin / plain (in-process)": rows["plugin_in"]["median"] / rows["plain_in"]["median"],
        "plugin / plain (CPU time)": rows["plugin"]["cpu"] / rows["plain"]["cpu"],
        "cold / warm plugin build": rows["cold"]["median"] / rows["plugin"]["median"],
        "scoring share of warm build": rows["plugin_score"]["median"] / rows["plugin_in"]["median"],
        "scoring share of serve rebuild": _med([r["phases"].get("score_many", 0.0) / r["rebuild"] for r in runs["serve"]]),
        "load+render share of serve rebuild": _med([(r["phases"].get("load_data", 0.0) + r["phases"].get("render_site", 0.0))
                                                    / r["rebuild"] for r in runs["serve"]]),
        "serve rebuild seconds": rows["serve"]["median"],
    }
    return {"rows": rows, "ratios": ratios, "serve_rebuilt": runs["serve"][-1].get("rebuilt")}


TARGETS = [
    ("plugin / plain (process wall)", 1.2, "plugin build <= 1.2x the plain build"),
    ("scoring share of serve rebuild", 0.05, "a warm rebuild spends < 5% of its time scoring"),
    ("serve rebuild seconds", 3.0, "a one-file change under serve rebuilds in < 3 s"),
]


def _print_table(f: dict, scale: Scale, repeat: int) -> None:
    print(f"\n{'measurement':<42} {'median s':>9} {'min s':>8} {'max s':>8} {'CPU s':>7} {'peak RSS MiB':>13}")
    print("-" * 92)
    for v in f["rows"].values():
        rss = "" if v["rss_mib"] is None else f"{v['rss_mib']:.0f}"
        cpu = "" if v["cpu"] is None else f"{v['cpu']:.2f}"
        print(f"{v['label']:<42} {v['median']:>9.2f} {v['min']:>8.2f} {v['max']:>8.2f} {cpu:>7} {rss:>13}")
    print(f"\nratios (medians of {repeat} run(s); {scale.editions} editions x {scale.tasks} tasks):")
    for label, value in f["ratios"].items():
        shown = f"{value:.1%}" if "share" in label else (f"{value:.2f} s" if "seconds" in label else f"{value:.2f}x")
        print(f"  {label:<40} {shown}")
    print("\ntargets:")
    for key, limit, text in TARGETS:
        value = f["ratios"][key]
        print(f"  {'PASS' if value <= limit else 'FAIL'}  {text}: {value:.3g}")
    rebuilt = f.get("serve_rebuilt")
    if rebuilt:
        print(f"\nserve rebuild: {rebuilt['pages']} page(s) built again by MkDocs, {rebuilt['rendered']} page(s) "
              "rendered again by the plugin")


def _profile(out: Path, project: Path, config: Path, sites: Path, gen: Generated) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    try:
        import pyinstrument  # noqa: F401

        kind = "pyinstrument"
    except ImportError:
        kind = "cprofile"
    print(f"\nprofiling with {kind} into {out}", flush=True)
    _run_worker("build", "--mode", "plugin", "--config", str(config), "--site", str(sites / "profile-build"),
                "--profile-kind", kind, "--profile-out", str(out / "plugin_build"), cwd=project)
    _run_worker("serve", "--config", str(config), "--site", str(sites / "profile-serve"), "--edit",
                str(gen.edited_task), "--profile-kind", kind, "--profile-out", str(out / "serve_rebuild"), cwd=project)
    # cProfile too (cumulative times per function of our code), whatever the sampler was
    for name, worker in (("plugin_build_cprofile", "build"), ("serve_rebuild_cprofile", "serve")):
        extra = ["--mode", "plugin"] if worker == "build" else ["--edit", str(gen.edited_task)]
        _run_worker(worker, *extra, "--config", str(config), "--site", str(sites / name),
                    "--profile-kind", "cprofile", "--profile-out", str(out / name), cwd=project)
    import pstats

    report = {}
    for name in ("plugin_build_cprofile", "serve_rebuild_cprofile"):
        stats = pstats.Stats(str(out / f"{name}.prof"))
        rows = []
        for (file, line, func), (_, ncalls, tt, ct, _) in stats.stats.items():  # type: ignore[attr-defined]
            if "/imageclef/" in file:
                rows.append((ct, tt, ncalls, f"{file.split('/imageclef/')[1]}:{line}:{func}"))
        rows.sort(reverse=True)
        report[name] = [{"cumulative": ct, "own": tt, "calls": n, "function": fn} for ct, tt, n, fn in rows[:25]]
        print(f"\n{name}: top imageclef functions by cumulative time")
        for ct, tt, n, fn in rows[:25]:
            print(f"  {ct:8.3f} s cum {tt:8.3f} s own {n:>8} calls  {fn}")
    return report


if __name__ == "__main__":
    sys.exit(main())
