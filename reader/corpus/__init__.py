"""Reading a folder of articles: decoding, cleaning, metadata, stable ids."""

from reader.corpus.article import UNKNOWN, Article, MetaField, Provenance
from reader.corpus.cache import MetadataCache
from reader.corpus.errors import ArticleError, CorpusError, LoadProblem, ProblemKind
from reader.corpus.loader import (
    MAX_ARTICLE_BYTES,
    ArticleFile,
    Corpus,
    find_article_files,
    iter_corpus,
    load_article,
    load_corpus,
    read_article_file,
)
from reader.corpus.textstore import TextRef, TextStore

__all__ = [
    "MAX_ARTICLE_BYTES",
    "UNKNOWN",
    "Article",
    "ArticleError",
    "ArticleFile",
    "Corpus",
    "CorpusError",
    "LoadProblem",
    "MetaField",
    "MetadataCache",
    "ProblemKind",
    "Provenance",
    "TextRef",
    "TextStore",
    "find_article_files",
    "iter_corpus",
    "load_article",
    "load_corpus",
    "read_article_file",
]
