"""The closing clock: open opportunities whose closing time has passed close, idempotently."""
