"""candour.ledger"""
