"""A local test web site (Vietnamese government portal look-alike) served on 127.0.0.1."""
