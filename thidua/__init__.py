"""thidua: the public record of Vietnam's local emulation movement, from portal news."""
__version__ = "0.1.0"
