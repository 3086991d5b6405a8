"""Stand-in for the `pathlib2` backport, which Debian does not package: the standard `pathlib`.

Used only when running the ClearML SDK from source for the scripts in scripts/sdk-compat.
"""
from pathlib import *  # noqa: F401,F403
from pathlib import Path, PosixPath, PurePath, PurePosixPath, PureWindowsPath, WindowsPath  # noqa: F401
