"""Raw-page compression: CPU per page and ratio of the codecs pipelines/raw_pages.py could use,
on the real pages of ../shared/bench/aeb.

    .venv/bin/python bench/raw_pages.py

Prints, per codec and level: ms to compress one page, ms to decompress it, and the ratio
(HTML bytes / compressed bytes). The one in use is marked.
"""

from __future__ import annotations

import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crawl import aeb_pages  # bench/crawl.py, beside this script

from pipelines.raw_pages import CODEC, ZSTD_LEVEL, zstd


def measure(pages: list[bytes], compress: Callable, decompress: Callable) -> tuple[float, ...]:
    started = time.process_time()
    packed = [compress(page) for page in pages]
    packing = (time.process_time() - started) / len(pages)
    started = time.process_time()
    for blob in packed:
        decompress(blob)
    unpacking = (time.process_time() - started) / len(pages)
    ratio = sum(map(len, pages)) / sum(map(len, packed))
    return packing * 1000, unpacking * 1000, ratio


def main() -> None:
    pages = [html.encode("utf-8") for html in aeb_pages()]
    average = sum(map(len, pages)) / len(pages) / 1024
    print(f"{len(pages)} pages of ../shared/bench/aeb, {average:.0f} KiB of HTML on average")
    print(f"{'codec':10} {'compress ms':>12} {'decompress ms':>14} {'ratio':>6}")
    codecs = [
        ("zlib", level, lambda p, lv=level: zlib.compress(p, lv), zlib.decompress)
        for level in (1, 6)
    ] + [
        ("zstd", level, lambda p, lv=level: zstd.compress(p, level=lv), zstd.decompress)
        for level in (-1, 1, 3)
    ]
    for name, level, compress, decompress in codecs:
        packing, unpacking, ratio = measure(pages, compress, decompress)
        label = f"{name} {level}"
        in_use = "  <- in use" if (name, level) == (CODEC, ZSTD_LEVEL) else ""
        print(f"{label:10} {packing:12.3f} {unpacking:14.3f} {ratio:6.2f}{in_use}")


if __name__ == "__main__":
    main()
