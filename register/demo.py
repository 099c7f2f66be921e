def load(stdout) -> None:
    """Sample SIRENE extract, customs offices and the seed's operators (filled by the register work)."""
