"""The checks of what editors write, one module each; registry.py holds the one list of them."""
