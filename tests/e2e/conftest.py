"""Platforms for the end-to-end modules. Starting one costs more than most modules' tests, so
the modules that need no settings of their own share one: each test makes the data it looks at
(its own organisations, keys, needs). A module whose tests count everything on the platform
(per-region totals, whole lists, the outbox) is marked `own_platform` and gets a fresh one;
modules that need other settings start theirs under their own `platform` fixture."""
from contextlib import contextmanager

import pytest

from deploy.demo_data import load_demo
from tests.support.platform import running_platform
from tests.support.rabbitmq import private_vhost


@contextmanager
def _fresh_platform(tmp_path_factory, name: str):
    with private_vhost() as vhost_uri, running_platform(tmp_path_factory.mktemp(name), vhost_uri) as running:
        yield running


@pytest.fixture(scope="session")
def shared_platform(tmp_path_factory):
    with _fresh_platform(tmp_path_factory, "shared-platform") as running:
        yield running


@pytest.fixture(scope="module")
def platform(request, tmp_path_factory):
    if request.node.get_closest_marker("own_platform") is None:
        yield request.getfixturevalue("shared_platform")
        return
    with _fresh_platform(tmp_path_factory, "platform") as running:
        yield running


@pytest.fixture(scope="session")
def demo_platform(tmp_path_factory):
    """The demo set, loaded once for the modules that check it: it counts whole lists."""
    with _fresh_platform(tmp_path_factory, "demo-platform") as running:
        yield running


@pytest.fixture(scope="session")
def demo_loaded(demo_platform) -> str:
    """What loading the demo printed."""
    return load_demo(demo_platform.url.rsplit("/api/v1", 1)[0], demo_platform.operator_key)
