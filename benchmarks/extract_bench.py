"""Extractor speed against the underthesea.ner baseline, warm start and peak memory.

    .venv/bin/python benchmarks/extract_bench.py [--repeat 5] [FOLDER]

Reads the dev corpus (../shared/corpus/dev) when present, else tests/fixtures/articles. Targets
(issue 4): ≥ 50× the ner baseline (≥ 50 articles/s on one core), warm start ≤ 2 s, peak ≤ 400 MB.
"""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def warm_start() -> float:
    """Seconds for a fresh process to import thidua and extract one short article (gazetteer loaded)."""
    code = ("import time; t=time.perf_counter(); from extract import extract_article; from schema import Article; "
            "extract_article(Article(text='Sáng 5/3, Cụm thi đua số 2 gồm các huyện Tân Phước, Cái Bè ký kết giao ước thi đua.')); "
            "print(time.perf_counter()-t)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return float(out.stdout.strip())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    folder = args.folder or next(p for p in (ROOT.parent / "shared" / "corpus" / "dev", ROOT / "tests" / "fixtures" / "articles")
                                 if p.is_dir())
    start = warm_start()
    from extract import extract_article, read_text_article
    articles = [read_text_article(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]
    extract_article(articles[0])                        # models and matchers built once per process
    t = time.perf_counter()
    for _ in range(args.repeat):
        for a in articles:
            extract_article(a)
    ours = args.repeat * len(articles) / (time.perf_counter() - t)
    import underthesea
    underthesea.ner(articles[0].text[:200])
    t = time.perf_counter()
    for a in articles:
        underthesea.ner(a.text)
    ner = len(articles) / (time.perf_counter() - t)
    t = time.perf_counter()
    for a in articles:
        underthesea.word_tokenize(a.text)
    wt = len(articles) / (time.perf_counter() - t)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles              {len(articles)} from {folder}")
    print(f"thidua extract        {ours:8.1f} articles/s")
    print(f"underthesea.ner       {ner:8.1f} articles/s   ratio {ours / ner:6.1f}x  (target ≥ 50x)")
    print(f"underthesea.word_tok  {wt:8.1f} articles/s   ratio {ours / wt:6.1f}x")
    print(f"warm start            {start:8.2f} s          (target ≤ 2 s)")
    print(f"peak memory           {peak:8.0f} MB         (target ≤ 400 MB)")


if __name__ == "__main__":
    main()
