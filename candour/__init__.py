"""candour: evidence analysis for inquiries into institutional failure around CSE."""

__version__ = "0.1.0"
