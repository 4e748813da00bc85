"""Who sees the places' records (decision 0013): statistical neighbours are published lists."""

from jointly.accounts.disclosure import disclose

from .models import StatisticalNeighbour

disclose(StatisticalNeighbour)
