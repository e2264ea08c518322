"""candour.generate"""
