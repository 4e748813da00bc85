"""Procurement writes, one module per part of the stage."""
