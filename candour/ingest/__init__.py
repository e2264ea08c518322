"""candour.ingest"""
