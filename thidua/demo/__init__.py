"""The demo: a bundled sample of portal sites (five CMS styles, one province) and the run against it."""
