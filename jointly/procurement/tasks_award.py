"""The standstill clock: standstills that have ended conclude the award, idempotently."""
