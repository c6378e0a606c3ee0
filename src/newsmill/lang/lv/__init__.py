"""Latvian analysis: tokens, lemmas and tags, named entities in base form, dates on the calendar."""
