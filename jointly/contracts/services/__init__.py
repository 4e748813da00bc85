"""Every write of the contracts stage, one module per part (contracts here; variations, invoices… beside it)."""
