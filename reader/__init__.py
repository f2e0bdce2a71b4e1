"""reader: a keyboard-first terminal reader for people who check the news."""

from reader import code_cache as _code_cache
from reader import regex_cache as _regex_cache

__version__ = "0.1.0"

# before any module of ours (or Textual) compiles its regexes: see regex_cache
_regex_cache.load()
# before any dataclass of ours (or Textual's) is made: see code_cache
_code_cache.install()
