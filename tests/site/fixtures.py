"""pytest fixtures for the local test site. Import them into a test module or conftest:

    from tests.site.fixtures import site, site_module  # noqa: F401
"""
from __future__ import annotations

import pytest

from tests.site.server import TestSite


@pytest.fixture
def site():
    """A fresh test site per test (starting one takes a few milliseconds)."""
    with TestSite(slow_seconds=3.0) as s:
        yield s


@pytest.fixture(scope="module")
def site_module():
    """One test site for a module; call `site_module.reset()` where the log matters."""
    with TestSite(slow_seconds=3.0) as s:
        yield s
