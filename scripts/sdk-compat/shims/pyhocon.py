"""Import stand-in for `pyhocon` (not packaged by Debian), for recording only.

The seed's automation.utils imports `from pyhocon import ConfigFactory`; the ClearML SDK ships
its own copy of pyhocon as clearml.utilities.pyhocon, which this module re-exports. Used only by
scripts/sdk-compat/record_fixtures.py, never by cdk-style itself.
"""
from clearml.utilities.pyhocon import ConfigFactory, ConfigTree, HOCONConverter  # noqa: F401
