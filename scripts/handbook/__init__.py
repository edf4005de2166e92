"""Policy Service Handbook content pipeline: load, validate, model and render YAML records.

This package knows nothing about MkDocs; `scripts/hooks.py` adapts it to the site build.
"""
