"""Executors: how the steps are scheduled (in process, local worker processes; Ray later)."""
