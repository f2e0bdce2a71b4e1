"""reader: a keyboard-first terminal reader for people who check the news."""

from reader import regex_cache as _regex_cache

__version__ = "0.1.0"

# before any module of ours (or Textual) compiles its regexes: see regex_cache
_regex_cache.load()
