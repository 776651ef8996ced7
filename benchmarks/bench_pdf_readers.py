#!/usr/bin/env python3
"""Compare the two PDF libraries considered for the reader (issue 13): pypdf and pdfplumber.

For each PDF fixture it prints, per library, the seconds to extract the text of all pages
(median of ``--repeat`` runs; pypdf in layout mode, pdfplumber's words with size and font, as
``honlea_kg.reader.pdf`` asks for them), and what the output lets a reader decide:

- ``sizes``: whether font sizes come with the text (pypdf: no; pdfplumber: per character), which
  is what tells a superscript footnote marker and a footnote area in a smaller size;
- ``marker_glued``: whether the footnote marker of the HONLAP 44 / HONLAF 33 footnote paragraphs is
  glued into the text as an ordinary digit (``session,1`` or ``session, 1``);
- and the whole honlea-kg PDF reader's time (``reader``), for the ratio against plain extraction.

    .venv/bin/python benchmarks/bench_pdf_readers.py [--repeat 3]

Figures are wall-clock seconds on this machine (shared: compare the ratios in one run).
"""

from __future__ import annotations

import argparse
import logging
import re
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PDFS = [ROOT / "tests/fixtures/office/honlaf-33.pdf", ROOT / "tests/fixtures/shared/honlap-44/honlap-44.pdf",
        ROOT / "tests/fixtures/forms/honlea-europe-12-2017.pdf"]


def with_pypdf(path: Path) -> str:
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    return "\n".join(p.extract_text(extraction_mode="layout") or "" for p in PdfReader(str(path)).pages)


def with_pdfplumber(path: Path) -> str:
    import pdfplumber

    out = []
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            words = page.extract_words(x_tolerance=1.5, y_tolerance=2, extra_attrs=["size", "fontname"])
            out.append(" ".join(w["text"] for w in words))
    return "\n".join(out)


def with_reader(path: Path) -> str:
    from honlea_kg.reader import read_report

    return read_report(path).text


def timed(fn, path: Path, repeat: int) -> tuple[float, str]:
    times, text = [], ""
    for _ in range(repeat):
        t = time.perf_counter()
        text = fn(path)
        times.append(time.perf_counter() - t)
    return statistics.median(times), text


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    glued = re.compile(r"session,\s?1\b")
    for path in PDFS:
        if not path.exists():
            continue
        t_pypdf, text_pypdf = timed(with_pypdf, path, args.repeat)
        t_plumber, text_plumber = timed(with_pdfplumber, path, args.repeat)
        t_reader, text_reader = timed(with_reader, path, args.repeat)
        print(f"{path.name}: pypdf_s={t_pypdf:.2f} pdfplumber_s={t_plumber:.2f} reader_s={t_reader:.2f} "
              f"pdfplumber/pypdf={t_plumber / t_pypdf:.1f}x reader/pypdf={t_reader / t_pypdf:.1f}x "
              f"sizes: pypdf=no pdfplumber=yes "
              f"marker_glued: pypdf={bool(glued.search(text_pypdf))} reader={bool(glued.search(text_reader))}")


if __name__ == "__main__":
    main()
