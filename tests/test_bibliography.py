"""Publications: names decoded for readers, entries copied and downloaded exactly as stored, bad BibTeX
reported with file:line:column."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import bibtexparser
import pytest

from imageclef.core import paths
from imageclef.core.bibliography import Author, bib_text, format_reference, load_publications
from imageclef.core.errors import DataError, display_path
from imageclef.core.loader import load_data
from imageclef.core.render import render_site

from .conftest import FIXTURE_DATA, ROOT

REAL_BIBS = sorted((ROOT / "data" / "publications").glob("*.bib"))
LAB_2025 = "data/publications/imageclef-2025.bib"


def load(*paths: Path):
    return load_publications(list(paths), lambda p: display_path(p, p.parent.parent.parent))


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / "data" / "publications" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def entries_as_written(text: str) -> dict[str, list[tuple[str, str]]]:
    """Each entry's fields exactly as written (no decoding), by key, in file order."""
    library = bibtexparser.parse_string(text, parse_stack=[])
    assert not library.failed_blocks
    return {e.key: [(f.key, f.value) for f in e.fields] for e in library.entries}


# --- names ---------------------------------------------------------------------------------------

NAMES = [  # as written in the seeds' BibTeX → as readers see it
    (r'M\"uller, Henning', "Henning Müller"),
    (r"P\r{a}l Halvorsen", "Pål Halvorsen"),
    (r"Halvorsen, P{\aa}l", "Pål Halvorsen"),
    (r"{\c{S}}tefan, L.D.", "L.D. Ştefan"),
    (r"Garc\'ia Seco de Herrera, Alba", "Alba García Seco de Herrera"),
    (r'{\"O}zt\"urk, G\"ul', "Gül Öztürk"),
    (r"Stor{\aa}s, A.", "A. Storås"),
    (r"Ljube\v{s}i\'c, N.", "N. Ljubešić"),
    (r'{\c{C}}\"oltekin, {\c{C}}.', "Ç. Çöltekin"),
    (r"Macaire, C\'ecile", "Cécile Macaire"),
    (r"Ben Abacha, Asma", "Asma Ben Abacha"),
]


@pytest.mark.parametrize(("written", "shown"), NAMES)
def test_names_are_decoded(tmp_path, written, shown):
    path = write(tmp_path, "names.bib", f"@misc{{n, author = {{{written}}}, title = {{T}}}}\n")
    entries, errors, warnings = load(path)
    assert (errors, warnings) == ([], [])
    assert [a.display for a in entries["n"].authors] == [shown]


def test_seed_names_decode_in_the_repository_data():
    entries, errors, _ = load(*REAL_BIBS)
    assert errors == []
    lab = [a.display for a in entries["overviewimageclef2025"].authors]
    assert lab[:2] == ["Bogdan Ionescu", "Henning Müller"]
    assert "Pål Halvorsen" in lab and "Alba García Seco de Herrera" in lab and "Cécile Macaire" in lab
    assert "L.D. Ştefan" in [a.display for a in entries["gans2025overview"].authors]
    assert entries["gautam2025jun"].fields["author"] == "Sushant Gautam and Michael A. Riegler and Pål Halvorsen"


# --- readable references -------------------------------------------------------------------------


def test_reference_of_the_2025_lab_overview():
    entries, _, _ = load(*REAL_BIBS)
    assert format_reference(entries["overviewimageclef2025"]) == (
        "Bogdan Ionescu, Henning Müller, Dan-Cristian Stanciu, et al. "
        "Overview of ImageCLEF 2025: Multimedia Retrieval in Medical, Social Media and Content Recommendation Applications. "
        "In *Experimental IR Meets Multilinguality, Multimodality, and Interaction* "
        r"(Proceedings of the 16th International Conference of the CLEF Association \(CLEF 2025\)). "
        "Springer Lecture Notes in Computer Science LNCS, Madrid, Spain, 2025. "
        "[https://openreview.net/forum?id=ecqnywMWEk](https://openreview.net/forum?id=ecqnywMWEk)"
    )


def test_reference_with_others_doi_and_few_authors():
    entries, _, _ = load(*REAL_BIBS)
    # "and others" in BibTeX is "et al." even with three names
    assert format_reference(entries["gautam2026"]).startswith("Sushant Gautam, Vajira Thambawita, Michael Riegler, et al. Medico 2026:")
    kvasir = format_reference(entries["gautam2025jun"])
    assert kvasir.startswith("Sushant Gautam, Michael A. Riegler and Pål Halvorsen. Kvasir-VQA-x1:")
    assert kvasir.endswith("DOI: [10.48550/arXiv.2506.09958](https://doi.org/10.48550/arXiv.2506.09958)")
    assert "pp. 7768–7791" in format_reference(entries["examsv2024"])


def test_identifiers_are_not_latex_decoded_and_links_are_escaped(tmp_path):
    path = write(tmp_path, "ids.bib", "@misc{ids, title = {A *star* title}, doi = {10.1000/x\\_(1)},\n"
                 "  url = {https://example.org/a%20b}}\n")
    entries, _, _ = load(path)
    assert entries["ids"].fields["url"] == "https://example.org/a%20b"  # "%" is not a LaTeX comment here
    assert format_reference(entries["ids"]) == (
        r"A \*star\* title. DOI: [10.1000/x\_\(1\)](https://doi.org/10.1000/x_%281%29) "
        "[https://example.org/a%20b](https://example.org/a%20b)"
    )


# --- copy and downloads: the entries as stored ---------------------------------------------------


def rendered_fixture():
    return render_site(load_data(FIXTURE_DATA, root=FIXTURE_DATA.parent), today=dt.date(2030, 5, 10))


def test_bib_download_paths():
    data = load_data(FIXTURE_DATA, root=FIXTURE_DATA.parent)
    tasks = data.editions[2030].tasks
    assert paths.task_bib(2030, tasks["alpha"]) == "2030/parent/alpha.bib"  # a task inside a parent task
    assert paths.task_bib(2030, tasks["parent"]) == "2030/parent/parent.bib"
    assert paths.edition_bib(2030, "ImageCLEF") == "2030/imageclef-2030.bib"
    assert paths.ALL_BIB == "publications.bib"


def test_downloads_round_trip_to_the_stored_entries():
    stored = entries_as_written((FIXTURE_DATA / "publications" / "test.bib").read_text(encoding="utf-8"))
    files = {k: v for k, v in rendered_fixture().files.items() if k.endswith(".bib")}
    expected_keys = {
        "2030/parent/alpha.bib": ["Overview2030"],  # lab and task overview: one entry
        "2030/parent/parent.bib": ["Overview2030"],
        "2030/beta/beta.bib": ["Overview2030"],
        "2030/imageclef-2030.bib": ["Overview2030"],
        "publications.bib": ["Overview2030", "TrickyNames2029"],
    }
    assert {path: list(entries_as_written(text)) for path, text in files.items()} == expected_keys
    for text in files.values():
        for key, fields in entries_as_written(text).items():
            assert fields == stored[key]


def test_repository_entries_round_trip_including_the_unindented_one():
    entries, _, _ = load(*REAL_BIBS)
    stored: dict = {}
    for path in REAL_BIBS:
        stored.update(entries_as_written(path.read_text(encoding="utf-8")))
    exported = entries_as_written(bib_text(entries, [p.key for p in entries.values()]))
    assert exported == stored
    lab_text = (ROOT / LAB_2025).read_text(encoding="utf-8")
    start = lab_text.index("@inproceedings{OverviewImageCLEF2025")
    assert entries["overviewimageclef2025"].raw == lab_text[start: lab_text.index("\n}\n", start) + 2]


def test_pages_show_the_stored_entry_and_link_their_download():
    site = rendered_fixture()
    alpha = site.pages["2030/parent/alpha.md"]
    block = re.search(r'\?\?\? quote "BibTeX"\n    ```bibtex\n(.*?)\n    ```', alpha, re.S).group(1)
    copied = "\n".join(line.removeprefix("    ") for line in block.split("\n"))
    stored = (FIXTURE_DATA / "publications" / "test.bib").read_text(encoding="utf-8")
    assert copied == stored[: stored.index("\n}\n") + 2]  # verbatim, from "@" to the closing brace
    assert alpha.count("@inproceedings{Overview2030,") == 1  # lab overview == task overview: shown once
    assert "The entries above as a BibTeX file: [alpha.bib](alpha.bib)." in alpha
    assert "[imageclef-2030.bib](imageclef-2030.bib)" in site.pages["2030/index.md"]
    assert "Hans Müller, Pål Halvorsen, Liviu-Daniel Ştefan, Alba García Seco de Herrera, Gül Öztürk and Andrea Storås." \
        in site.pages["publications.md"]


def test_bib_files_cover_every_cited_entry():
    files = rendered_fixture().files
    assert {path for path in files if path.endswith(".bib")} == {"2030/parent/alpha.bib", "2030/parent/parent.bib", "2030/beta/beta.bib",
                                    "2030/imageclef-2030.bib", "publications.bib"}


# --- errors and warnings -------------------------------------------------------------------------

BROKEN = """\
@article{ok2029,
  author = {Lovelace, Ada}, title = {T}, journal = {J}, year = {2029}
}

@article{broken2029,
  author = {Lovelace, Ada},
  title = {Unclosed,
  journal = {J},
  year = {2029}

@article{next2029,
  author = {Lovelace, Ada}, title = {T}, journal = {J}, year = {2029}
}
"""


def test_syntax_error_fails_the_build_with_its_line(fixture_data):
    (fixture_data / "publications" / "broken.bib").write_text(BROKEN, encoding="utf-8")
    with pytest.raises(DataError) as failure:
        load_data(fixture_data, root=fixture_data.parent)
    assert [str(i) for i in failure.value.issues] == [
        "data/publications/broken.bib:5:1: broken2029: BibTeX syntax error: Unexpected block start: `@article`. "
        "Was still looking for field-value closing `}` (parsing stopped at line 11)"
    ]


def test_duplicate_keys_differing_in_case_fail_with_both_places(fixture_data):
    (fixture_data / "publications" / "zz-more.bib").write_text(
        "@misc{other, title = {Other}}\n\n@inproceedings{OVERVIEW2030,\n  title = {Again}\n}\n"
        "@misc{Other, title = {Other again}}\n@misc{other, title = {Same case}}\n", encoding="utf-8")
    with pytest.raises(DataError) as failure:
        load_data(fixture_data, root=fixture_data.parent)
    assert [str(i) for i in failure.value.issues] == [
        "data/publications/zz-more.bib:3:1: OVERVIEW2030: duplicate key (BibTeX ignores case): "
        "'Overview2030' at data/publications/test.bib:1",
        "data/publications/zz-more.bib:6:1: Other: duplicate key (BibTeX ignores case): "
        "'other' at data/publications/zz-more.bib:1",
        "data/publications/zz-more.bib:7:1: other: duplicate key (BibTeX ignores case): "
        "'other' at data/publications/zz-more.bib:1",
    ]


def test_missing_required_fields_and_string_macros_are_errors(tmp_path):
    path = write(tmp_path, "bad.bib", "@article{nojournal,\n  author = {Lovelace, Ada},\n  title = {T},\n  year = {2029}\n}\n"
                 "@string{jcb = {J. Comp. Bib.}}\n"
                 "@article{macro, author = {Lovelace, Ada}, title = {T}, journal = jcb, year = 2029, month = sep}\n")
    _, errors, _ = load(path)
    assert sorted(str(e) for e in errors) == [
        "data/publications/bad.bib:1:1: nojournal: @article entry lacks required field(s): journal",
        "data/publications/bad.bib:6:1: jcb: @string definitions are not supported: a copied entry must stand alone, "
        "so write the value in each entry",
        "data/publications/bad.bib:7:56: macro.journal: @string macro 'jcb': write the value in braces, "
        "so a copied entry stands alone",
    ]


def test_an_at_sign_in_a_comment_is_an_error_not_an_entry(tmp_path):
    """BibTeX has no comments inside its syntax: '% ... @misc (which ...)' starts an entry whose key has spaces."""
    path = write(tmp_path, "c.bib", "% given as @dataset, changed to @misc (which BibTeX knows).\n"
                 "@misc{data2024, author = {Lovelace, Ada}, title = {T}, year = {2024}}\n")
    entries, errors, _ = load(path)
    assert list(entries) == ["data2024"]
    assert [str(e) for e in errors] == [
        "data/publications/c.bib:1:12: which BibTeX knows: 'which BibTeX knows' is not a BibTeX key: an '@' "
        "followed by a bracket starts an entry even in a '%' comment, so write the comment without the '@'"]


def test_warnings_for_the_lab_overview_as_the_lab_published_it(tmp_path):
    """The 2025 lab overview's BibTeX as published (data/publications/imageclef-2025.bib keeps it mended): a whole
    name in braces and an empty field are warnings, at their lines."""
    path = write(tmp_path, "lab.bib", "@inproceedings{OverviewImageCLEF2025,\n"
                 "title = {Overview of ImageCLEF 2025},\n"
                 "author = {\nIonescu, Bogdan and Prokopchuk,\nYuri and {\\c{S}tefan, Liviu-Daniel} and Stein, Benno\n},\n"
                 "booktitle = {Experimental IR Meets Multilinguality, Multimodality, and Interaction},\n"
                 "year = 2025,\n"
                 "pages = {},\n"
                 "}\n")
    _, errors, warnings = load(path)
    assert errors == []
    assert [str(w) for w in warnings] == [
        r"data/publications/lab.bib:5:10: OverviewImageCLEF2025.author: {\c{S}tefan, Liviu-Daniel} is wrapped whole in "
        "braces, so it prints as one surname ('Ştefan, Liviu-Daniel'); remove the outer braces unless it is an organisation",
        "data/publications/lab.bib:9:1: OverviewImageCLEF2025.pages: empty field; fill it in or remove it",
    ]
    assert {w.severity for w in warnings} == {"warning"}


def test_the_repository_lab_overview_prints_every_author_by_name():
    entries, errors, warnings = load(ROOT / LAB_2025)
    assert [w for w in errors + warnings if w.field.startswith("OverviewImageCLEF2025")] == []
    authors = entries["overviewimageclef2025"].authors
    assert Author(first="Liviu-Daniel", last="Ştefan", jr="") in authors
    assert Author(first="Pål", last="Halvorsen", jr="") in authors


# --- decoding short cuts ---------------------------------------------------------------------------

DECODED_AS_STOCK = [  # values the quick paths must decode exactly as bibtexparser's own middleware does
    "Jean-Pierre O'Neil", "x-ray 1-2 it's", "a -- b --- c", "``quoted''", "`single'", "?`Qu\\'e? !`Ay!",
    "a_b^c # d", "$x-y'$ and $$z$$", "50\\% off~now & then", "-\n\n'", "  lead - trail  ", r"M\"uller, P\r{a}l",
    r"{\c{S}}tefan and Stor{\aa}s", r"\url{http://a-b.org/'x'} \emph{it's}", "\\ss and {Org, Inc}", "{unclosed", "\\",
]


@pytest.mark.parametrize("value", DECODED_AS_STOCK)
def test_latex_decoding_short_cuts_match_the_stock_decoder(value):
    from bibtexparser import middlewares

    from imageclef.core.bibliography import _LatexDecoding

    stock = middlewares.LatexDecodingMiddleware(True, keep_braced_groups=True)
    assert _LatexDecoding()._transform_python_value_string(value) == stock._transform_python_value_string(value)
