"""Duplicate detection: exact copies by normalised-text hash, near copies by MinHash + LSH."""
