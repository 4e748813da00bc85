"""Procurement reads, one module per part of the stage. Bid content only through `sealing`."""
