"""Offline entity extraction: people, organisations, places, dates, quantities."""

from reader.entities.extract import entities_for, extract_entities
from reader.entities.model import Entity, Label

__all__ = ["Entity", "Label", "entities_for", "extract_entities"]
