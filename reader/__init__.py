"""reader: a keyboard-first terminal reader for people who check the news."""

__version__ = "0.1.0"
