"""What a page read while rendering (``core.provenance``): the record that decides which pages a `make serve`
rebuild renders again."""

from __future__ import annotations

from dataclasses import dataclass

from imageclef.core import provenance


@provenance.tracked
@dataclass
class Item:
    title: str


class View:
    def __init__(self, titles: list[str]):
        self.items = [Item(t) for t in titles]
        provenance.reset()
        for i, item in enumerate(self.items):
            provenance.register(item, [f"item{i}.yml"])
        self.computed = 0

    @provenance.derived
    def titles(self) -> list[tuple[int, str]]:
        self.computed += 1
        return [(i, item.title) for i, item in enumerate(self.items)]


def fresh(text: str) -> str:
    """An equal string that is a different object (as a second load of the same file gives)."""
    return "".join(list(text))


def test_equal_derived_values_have_the_same_digest_whichever_strings_are_shared():
    # one object used twice pickles as a back-reference, two equal objects do not: the digest must not care
    shared = "Coral"
    assert provenance.digest([(1, shared), (2, shared)]) == provenance.digest([(1, fresh(shared)), (2, fresh(shared))])
    assert provenance.digest([(1, "a")]) != provenance.digest([(1, "b")])


def test_a_page_records_the_files_of_what_it_read_and_derived_values_by_digest():
    view = View(["A", "B"])
    with provenance.recording() as read:
        view.items[0].title
        view.titles()
    assert "item0.yml" in read and "item1.yml" not in read  # the derived value's files are not the page's
    [derived] = [dep for dep in read if not isinstance(dep, str)]
    assert derived[:3] == ("derived", "titles", ())

    same = View([fresh("A"), fresh("B")])
    assert provenance.still_valid(read, set(), same)
    assert not provenance.still_valid(read, {"item0.yml"}, same)
    assert not provenance.still_valid(read, set(), View(["A", "B, renamed"]))


def test_a_derived_value_is_computed_once_per_view_however_many_pages_read_it():
    view = View(["A"])
    records = []
    for _ in range(3):
        with provenance.recording() as read:
            view.titles()
        records.append(read)
    assert view.computed == 1
    other = View(["A"])
    assert all(provenance.still_valid(r, set(), other) for r in records) and other.computed == 1


def test_work_left_unrecorded_runs_without_the_attribute_hook_and_restores_it():
    view = View(["A"])
    with provenance.recording() as read:
        with provenance.unrecorded():
            assert "__getattribute__" not in vars(Item)
            view.items[0].title
        assert "__getattribute__" in vars(Item)
        assert read == set()
        view.items[0].title
    assert read == {"item0.yml"} and "__getattribute__" not in vars(Item)


def test_a_run_folder_changes_its_stamp_when_a_file_in_it_is_rewritten_in_place(tmp_path):
    """A segmentation run is a folder of masks: rewriting a mask keeps the folder's own modification time,
    so the stamp that decides what `make serve` renders again must come from the files inside."""
    import os

    from imageclef.core.loader import Collector

    run = tmp_path / "run"
    run.mkdir()
    mask = run / "case1.png"
    mask.write_bytes(b"\x00" * 10)
    os.utime(mask, ns=(1_000_000_000, 1_000_000_000))
    folder_time = run.stat().st_mtime_ns
    before = Collector(tmp_path).stamp(run)
    mask.write_bytes(b"\x01" * 10)  # same size, new content, new time
    os.utime(run, ns=(folder_time, folder_time))
    assert run.stat().st_mtime_ns == folder_time
    assert Collector(tmp_path).stamp(run) != before
    assert Collector(tmp_path).stamp(mask) == (mask.stat().st_mtime_ns, 10)
