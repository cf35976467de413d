"""geomap: news articles about incidents, turned into maps."""

__version__ = "0.1.0"
