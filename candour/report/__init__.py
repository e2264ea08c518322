"""candour.report"""
