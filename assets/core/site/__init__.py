"""The static site published with every release (``site/``): see ``build.build_site``."""
