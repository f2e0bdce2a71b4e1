"""Reading a folder of articles: decoding, cleaning, metadata, stable ids."""

from reader.corpus.article import UNKNOWN, Article, MetaField, Provenance
from reader.corpus.loader import Corpus, CorpusError, LoadProblem, load_article, load_corpus

__all__ = [
    "UNKNOWN",
    "Article",
    "Corpus",
    "CorpusError",
    "LoadProblem",
    "MetaField",
    "Provenance",
    "load_article",
    "load_corpus",
]
