"""Packaging that pyproject.toml cannot say: the top-level ``data/`` and
``assets/`` folders are shipped inside the ``timeline`` package (as
``timeline/_data`` and ``timeline/_assets``) so an installed app finds them
(see :mod:`timeline.resources`). Everything else is in pyproject.toml."""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["timeline", "timeline.*", "layouts", "layouts.*"]) + ["timeline._data", "timeline._assets"],
    package_dir={"timeline._data": "data", "timeline._assets": "assets"},
    package_data={"timeline._data": ["*.yaml", "*.yml", "*.json"], "timeline._assets": ["*", "**/*"]},
)
