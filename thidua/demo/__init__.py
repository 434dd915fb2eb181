"""The bundled demo sample: portals.json and articles.jsonl, read as package data."""
