"""The corpus store: a versioned SQLite database with full-text search, one writer at a time."""
