"""Partner Atlas: an offline world-map dashboard of a university's international partnerships."""

__version__ = "0.1.0"
