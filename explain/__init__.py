"""Justification graphs for nonref's answers (built from the same rules that derive them)."""
