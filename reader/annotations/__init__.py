"""Annotations: the model, re-anchoring on edited text, and the TinyDB store (no textual)."""
