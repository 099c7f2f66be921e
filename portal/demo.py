def load(stdout) -> None:
    """News, agenda and focus blocks of the home page (filled by the portal work)."""
