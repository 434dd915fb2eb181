"""extract: one article in, one emulation-event record out (shared/spec/extraction-contract.md)."""
from extract.pipeline import EXTRACTOR_VERSION, extract_article
from extract.source import read_text_article

__all__ = ["EXTRACTOR_VERSION", "extract_article", "read_text_article"]
