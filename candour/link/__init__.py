"""candour.link"""
