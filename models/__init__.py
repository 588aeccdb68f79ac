"""Trained models that ship with clausewatch (package data; see ATTRIBUTION.md)."""
