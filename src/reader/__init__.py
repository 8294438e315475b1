"""Reader: an offline, bilingual reader for a bundled document."""

__version__ = "0.1.0"
