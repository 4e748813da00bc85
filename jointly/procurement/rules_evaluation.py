"""Who may see and take part in evaluation and award."""
