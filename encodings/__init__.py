"""The law, as ASP rules: one file per rule family of the catalogue (see docs/rules.md)."""
