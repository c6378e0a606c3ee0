"""Language layer: identification, tokens, and per-language analysis (lemmas, entities, dates)."""
