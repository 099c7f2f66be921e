"""Importers of reference data into the register (INSEE's SIRENE stock files)."""
