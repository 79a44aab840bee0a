"""Two builds of the same data with the same build date are byte-for-byte identical, wherever they are built.

The build date is fixed twice: IMAGECLEF_TODAY for the schedules, and SOURCE_DATE_EPOCH for MkDocs
itself, which otherwise writes the day of the build into sitemap.xml (<lastmod>) and the gzip header
of sitemap.xml.gz. Nothing is excluded from the comparison.
"""

from __future__ import annotations

import gzip
import re
import struct

from .browser import sites


def _files(site) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_identical(tmp_path_factory):
    first = sites.real_site(tmp_path_factory)
    second = sites.build(tmp_path_factory.mktemp("second-build") / "elsewhere")
    a, b = _files(first), _files(second)
    assert len(a) > 50
    assert sorted(a) == sorted(b), f"different file lists: {sorted(set(a) ^ set(b))[:20]}"
    differing = [name for name in a if a[name] != b[name]]
    assert not differing, f"{len(differing)} file(s) differ between two builds: {differing[:20]}"


def test_the_build_date_comes_from_source_date_epoch(tmp_path_factory):
    site = sites.real_site(tmp_path_factory)
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>([^<]*)</lastmod>", sitemap)) == {sites.TODAY}
    packed = (site / "sitemap.xml.gz").read_bytes()
    assert struct.unpack("<I", packed[4:8])[0] == sites.SOURCE_DATE_EPOCH  # gzip header MTIME
    assert gzip.decompress(packed).decode("utf-8") == sitemap
