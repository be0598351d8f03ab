"""A parallel build (-j 2) gives the same pages as a serial one."""

from __future__ import annotations

from helpers import article, html_mtimes


def test_parallel_build_equals_serial(make_app, copy_root):
    serial = make_app("html", srcdir=copy_root("archive", "serial"))
    serial.build()
    serial.cleanup()  # a second app in one process needs docutils' registry reset
    parallel = make_app("html", srcdir=copy_root("archive", "parallel"), parallel=2)
    assert parallel.is_parallel_allowed("read") and parallel.is_parallel_allowed("write")
    parallel.build()
    assert serial.warning.getvalue() == parallel.warning.getvalue() == ""
    pages = sorted(html_mtimes(serial.outdir))
    assert pages == sorted(html_mtimes(parallel.outdir))
    assert len(pages) > 15
    for page in pages:
        assert str(article(serial.outdir, page)) == str(article(parallel.outdir, page)), page
