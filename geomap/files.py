"""Writing output files: whole or not at all, only ever as regular files, or to stdout.

Every writer in geomap goes through :func:`atomic_write_bytes`, so these rules hold for
every output:

- The data goes to a temporary file beside the target, which is then renamed over it:
  a crash, a full disk or a read-only file system never leaves a half-written file.
- An existing target must be a regular file. A symbolic link, a folder, a device node,
  a FIFO or a socket is refused with one line and left as it is: renaming over
  ``/dev/full`` as root, or over a link, would replace it. (A link among the *parent*
  folders is fine: only the last part of the path is checked.)
- ``-`` is standard output, written as a stream (``./-`` is a file called ``-``).
- File-system failures (disk full, read-only, permission denied, a parent that is a
  file) become a :class:`~geomap.errors.GeomapError` naming the path.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
import tempfile
from pathlib import Path

from geomap.errors import GeomapError

__all__ = [
    "STDOUT",
    "atomic_write_bytes",
    "atomic_write_text",
    "check_output_dir",
    "check_output_path",
    "os_reason",
    "reproducible_npz",
]

STDOUT = "-"
"""The output path that means standard output."""

_REASONS = {
    errno.ENOSPC: "no space left on the disk",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOTDIR: "a folder on the way is a file",
    errno.EISDIR: "it is a folder",
    errno.ENAMETOOLONG: "the name is too long",
}
_SURROGATE = re.compile("[\ud800-\udfff]")


def os_reason(error: OSError) -> str:
    """Why an OS call failed, in words a user can act on."""
    return _REASONS.get(error.errno or 0) or error.strerror or type(error).__name__


def check_output_path(path: str | os.PathLike[str]) -> Path:
    """``path`` as a Path, if a regular file may be written there; else a GeomapError.

    Called by every writer and, before any work starts, by commands for the outputs
    they will write. ``-`` (standard output) always passes.
    """
    target = Path(path)
    if os.fspath(path) == STDOUT:
        return target
    _check_target(target)
    _check_folder(target.parent, target)
    return target


def check_output_dir(path: str | os.PathLike[str]) -> Path:
    """``path`` as a Path, if it is (or can be made) a folder we may write in.

    The folder need not exist: its nearest existing ancestor must then be a
    writable folder, so a parent that is a file or a read-only file system stops
    the run before any work.
    """
    folder = Path(path)
    _check_folder(folder, folder)
    return folder


def _check_folder(folder: Path, named: Path) -> None:
    """Raise a GeomapError about ``named`` unless ``folder`` is or can be made writable."""
    existing = folder
    while True:
        try:
            info = existing.stat()  # follows links: a linked folder is a folder
            break
        except (FileNotFoundError, NotADirectoryError):
            if existing.is_symlink():  # a link to nothing: mkdir would fail after the work
                raise GeomapError(
                    f"{named}: cannot write there: {existing} is a link to a folder that "
                    "does not exist"
                ) from None
            if existing.parent == existing:  # "." or "/" is missing: the cwd was removed
                raise GeomapError(f"{named}: cannot write there: {existing} is gone") from None
            existing = existing.parent
        except OSError as e:
            raise GeomapError(f"{named}: cannot write there: {os_reason(e)}") from None
    if not stat.S_ISDIR(info.st_mode):
        raise GeomapError(f"{named}: cannot write there: {existing} is not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        read_only = os.statvfs(existing).f_flag & os.ST_RDONLY
        reason = "is on a read-only file system" if read_only else "is not writable"
        raise GeomapError(f"{named}: cannot write there: {existing} {reason}")


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write to a temporary file beside ``path``, then rename it into place.

    ``-`` writes to standard output instead. See the module's rules for what is refused.
    """
    if os.fspath(path) == STDOUT:
        sys.stdout.flush()  # whatever was printed before stays before
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return Path(STDOUT)
    target = check_output_path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as e:
        raise GeomapError(f"{target}: cannot write: {os_reason(e)}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp's 0600 would hide the file from others
        _check_target(target)  # again: it may have become a link while we wrote
        os.replace(tmp, target)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise GeomapError(f"{target}: cannot write: {os_reason(e)}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def atomic_write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Like :func:`atomic_write_bytes`, as UTF-8.

    A lone surrogate (from a file name that was not UTF-8) becomes U+FFFD, so the
    output is always valid UTF-8.
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        data = _SURROGATE.sub("\ufffd", text).encode("utf-8")
    return atomic_write_bytes(path, data)


def _check_target(target: Path) -> None:
    """Refuse to replace anything but a regular file (or nothing)."""
    try:
        info = target.lstat()
    except (FileNotFoundError, NotADirectoryError):
        return  # a missing parent is check_output_dir's to report
    except OSError as e:
        raise GeomapError(f"{target}: cannot write: {os_reason(e)}") from None
    mode = info.st_mode
    if stat.S_ISLNK(mode):
        raise GeomapError(
            f"{target}: is a symbolic link, which geomap does not replace: "
            "give the path of the file it points to, or remove the link"
        )
    if stat.S_ISDIR(mode):
        raise GeomapError(f"{target}: is a folder, not a file")
    if not stat.S_ISREG(mode):
        kind = "device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else (
            "FIFO" if stat.S_ISFIFO(mode) else "socket" if stat.S_ISSOCK(mode) else "special file"
        )  # fmt: skip
        raise GeomapError(
            f"{target}: is a {kind}, not a regular file; geomap writes only regular files"
            " (use - for standard output)"
        )


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def reproducible_npz(arrays: dict) -> bytes:
    """What ``numpy.savez_compressed`` writes, but the same bytes for the same arrays (no
    timestamps, no pickle), so a rebuild that changes nothing changes no committed file."""
    import io
    import zipfile

    import numpy as np  # only the data builders need it

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, array in arrays.items():
            member = io.BytesIO()
            np.lib.format.write_array(member, np.ascontiguousarray(array), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            archive.writestr(info, member.getvalue(), compress_type=zipfile.ZIP_DEFLATED,
                             compresslevel=9)  # fmt: skip
    return buffer.getvalue()
