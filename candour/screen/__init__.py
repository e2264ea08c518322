"""candour.screen"""
