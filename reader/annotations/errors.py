"""The one error the annotation store raises for problems a user can act on."""

from __future__ import annotations


class StoreError(Exception):
    """A database problem; the message is one sentence naming the file and what to do."""
