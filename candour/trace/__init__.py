"""candour.trace"""
