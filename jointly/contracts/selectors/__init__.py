"""Every read of the contracts stage beyond a lookup, already narrowed to what the person may see."""
