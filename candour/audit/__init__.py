"""candour.audit"""
