"""Scenario files: pydantic models, a YAML loader with file:line errors, and the bundled scenarios."""
