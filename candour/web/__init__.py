"""candour.web"""
