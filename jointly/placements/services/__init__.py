"""Every write of micro-commissioning: frameworks, the DPIA and personal details, requests, offers, budgets."""
