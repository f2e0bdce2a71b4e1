"""Triage: check-worthy claims, quotes and sourcing, entity index, timeline,
related articles and article comparison. Pure core: no textual import."""
