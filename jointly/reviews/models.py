"""reviews: models arrive with their issue-11 part."""
