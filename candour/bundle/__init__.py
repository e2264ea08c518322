"""The bundle contract as data (spec/bundle.md)."""

from candour.bundle.contract import RANKS, TABLES, VOCABULARIES, Column, Table, seniority

__all__ = ["RANKS", "TABLES", "VOCABULARIES", "Column", "Table", "seniority"]
