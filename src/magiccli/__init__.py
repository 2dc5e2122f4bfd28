"""magiccli: read the 1945 Togo–Sato peace-feeler cables and the events around them."""

__version__ = "0.3.0.dev0"
