"""Imported by the crawl's forkserver only: the extractor and its models (gazetteer, matchers, tokenizer)
loaded once, so that every extractor worker forks with them instead of a 1.5 s start-up of its own.

The server also leaves without tearing those models down (0.3 s that a caller reading the crawl's
output would wait for, as the server holds its stdout and stderr open)."""
import atexit
import os

from extract import extract_article
from schema import Article
from thidua.units import ensure_units  # noqa: F401 - the workers fill the units table too

extract_article(Article(text="Sáng 5/3, Cụm thi đua số 1 gồm các huyện A, B họp sơ kết thi đua."))
atexit.register(os._exit, 0)
