"""The background job that runs an uploaded spend file."""
