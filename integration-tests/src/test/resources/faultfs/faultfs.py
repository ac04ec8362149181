#!/usr/bin/python3
"""A passthrough FUSE file system whose fsync fails on demand, as a disk whose write-back fails does.

    faultfs.py BACKING_DIR MOUNT_POINT

Every operation goes to BACKING_DIR (the "disk"). The kernel's page cache keeps file pages across opens
(kernel_cache), as it does for a local file system. Until a file is fsynced, the bytes each write replaced
are kept; when an fsync fails they are put back, so the writes since the file's last good fsync never reach
the disk, while the page cache still shows them: what Linux does when the write-back of dirty pages fails
(the pages are marked clean, the error goes to one fsync, the next fsync succeeds).

Control, by writing to the file .faultfs in the mount's root:
    fail N [SUFFIX]   the next N fsyncs (of files whose names end with SUFFIX, or of any file) fail with EIO and lose
                      what that file was written since its last good fsync
    ok                fsyncs succeed again
    power-loss SEED   at the unmount (after the kernel has written back its dirty pages), each 4 KiB page written since
                      its file's last good fsync reaches the disk or not, at random from SEED: a power loss, which can
                      tear a record across pages and keep a later one whole
Each injected failure and power loss is logged on standard output, one line each ("fsync failed (injected): ...",
"power loss (seed S): ...").

Needs python3-fusepy (libfuse2) and root (or fusermount). Runs in the foreground; unmount to stop it.
"""
import errno
import os
import random
import sys
import threading

from fusepy import FUSE, FuseOSError, Operations

CONTROL = '/.faultfs'
PAGE = 4096


class FaultFs(Operations):
    use_ns = True
    # Left to the kernel: byte-range and flock locks are then local to this machine, as on a local file system.
    lock = None
    bmap = None
    ioctl = None
    getxattr = None
    listxattr = None
    setxattr = None
    removexattr = None

    def __init__(self, backing):
        self.backing = os.path.realpath(backing)
        self.guard = threading.Lock()
        self.undo = {}          # backing path -> (size before the first unsynced write, [(offset, replaced bytes)])
        self.to_fail = 0
        self.fail_suffix = ''
        self.power_loss_seed = None

    def _path(self, path):
        return self.backing + path

    # --- attributes and directories ------------------------------------------------------------------------------

    def getattr(self, path, fh=None):
        if path == CONTROL:
            return {'st_mode': 0o100200, 'st_nlink': 1, 'st_size': 0}
        st = os.lstat(self._path(path))
        return {key: getattr(st, key) for key in ('st_mode', 'st_nlink', 'st_uid', 'st_gid', 'st_size',
                                                   'st_atime_ns', 'st_mtime_ns', 'st_ctime_ns', 'st_blocks')} | {
            'st_atime': st.st_atime_ns, 'st_mtime': st.st_mtime_ns, 'st_ctime': st.st_ctime_ns}

    def access(self, path, amode):
        if path != CONTROL and not os.access(self._path(path), amode):
            raise FuseOSError(errno.EACCES)

    def readdir(self, path, fh):
        return ['.', '..'] + os.listdir(self._path(path))

    def mkdir(self, path, mode):
        os.mkdir(self._path(path), mode)

    def rmdir(self, path):
        os.rmdir(self._path(path))

    def unlink(self, path):
        with self.guard:
            self.undo.pop(self._path(path), None)
        os.unlink(self._path(path))

    def rename(self, old, new):
        with self.guard:
            moved = self.undo.pop(self._path(old), None)
            self.undo.pop(self._path(new), None)
            if moved is not None:
                self.undo[self._path(new)] = moved
        os.rename(self._path(old), self._path(new))

    def link(self, target, source):
        os.link(self._path(source), self._path(target))

    def symlink(self, target, source):
        os.symlink(source, self._path(target))

    def readlink(self, path):
        return os.readlink(self._path(path))

    def chmod(self, path, mode):
        os.chmod(self._path(path), mode)

    def chown(self, path, uid, gid):
        os.chown(self._path(path), uid, gid)

    def utimens(self, path, times=None):
        os.utime(self._path(path), ns=times)

    def statfs(self, path):
        st = os.statvfs(self._path(path))
        return {key: getattr(st, key) for key in ('f_bavail', 'f_bfree', 'f_blocks', 'f_bsize', 'f_favail',
                                                   'f_ffree', 'f_files', 'f_flag', 'f_frsize', 'f_namemax')}

    def fsyncdir(self, path, datasync, fh):
        return 0

    # --- files ---------------------------------------------------------------------------------------------------

    def open(self, path, flags):
        if path == CONTROL:
            return 0
        # Read-write whatever the caller asked: the kernel reads pages through any open file, and so does _remember.
        # Without O_DIRECT, which would need aligned buffers here; the kernel syncs an O_DSYNC write with an fsync call.
        return os.open(self._path(path), (flags & ~(os.O_APPEND | os.O_ACCMODE | os.O_TRUNC | os.O_DIRECT)) | os.O_RDWR)

    def create(self, path, mode, fi=None):
        return os.open(self._path(path), os.O_RDWR | os.O_CREAT | os.O_TRUNC, mode)

    def read(self, path, size, offset, fh):
        return os.pread(fh, size, offset)

    def write(self, path, data, offset, fh):
        if path == CONTROL:
            self._control(data.decode().split())
            return len(data)
        self._remember(self._path(path), fh, offset, len(data))
        return os.pwrite(fh, data, offset)

    def truncate(self, path, length, fh=None):
        if path == CONTROL:
            return
        real = self._path(path)
        with self.guard:
            self._entry(real)
        os.truncate(real, length)

    def flush(self, path, fh):
        return 0

    def release(self, path, fh):
        if path != CONTROL:
            os.close(fh)
        return 0

    def fsync(self, path, datasync, fh):
        if path == CONTROL:
            return 0
        real = self._path(path)
        with self.guard:
            if self.to_fail > 0 and path.endswith(self.fail_suffix):
                self.to_fail -= 1
                lost = self._roll_back(real)
                print('fsync failed (injected): %s, %d writes since its last good fsync lost' % (path, lost), flush=True)
                raise FuseOSError(errno.EIO)
            self.undo.pop(real, None)
        os.fdatasync(fh) if datasync else os.fsync(fh)
        return 0

    # --- what the disk never got ---------------------------------------------------------------------------------

    def _control(self, words):
        with self.guard:
            if words[:1] == ['fail'] and len(words) in (2, 3) and words[1].isdigit():
                self.to_fail = int(words[1])
                self.fail_suffix = words[2] if len(words) == 3 else ''
            elif words == ['ok']:
                self.to_fail = 0
            elif words[:1] == ['power-loss'] and len(words) == 2 and words[1].isdigit():
                self.power_loss_seed = int(words[1])
            else:
                raise FuseOSError(errno.EINVAL)

    def _entry(self, real):
        entry = self.undo.get(real)
        if entry is None:
            entry = (os.stat(real).st_size, [])
            self.undo[real] = entry
        return entry

    def _remember(self, real, fh, offset, length):
        with self.guard:
            size, replaced = self._entry(real)
            replaced.append((offset, os.pread(fh, length, offset)))

    def _roll_back(self, real):
        entry = self.undo.pop(real, None)
        if entry is None:
            return 0
        size, replaced = entry
        fd = os.open(real, os.O_WRONLY)
        try:
            for offset, old in reversed(replaced):
                os.pwrite(fd, old, offset)
            os.ftruncate(fd, size)
        finally:
            os.close(fd)
        return len(replaced)


    def destroy(self, path):
        if self.power_loss_seed is None:
            return
        chance = random.Random(self.power_loss_seed)
        files = dropped = kept = 0
        for real in sorted(self.undo):
            size, replaced = self.undo[real]
            original = {}       # page -> {offset: the byte at the file's last good fsync}
            for offset, old in replaced:
                for i in range(len(old)):
                    original.setdefault((offset + i) // PAGE, {}).setdefault(offset + i, old[i])
            lost = [page for page in sorted(original) if chance.random() < 0.5]
            files += 1
            dropped += len(lost)
            kept += len(original) - len(lost)
            fd = os.open(real, os.O_WRONLY)
            try:
                for page in lost:
                    for offset, byte in original[page].items():
                        os.pwrite(fd, bytes([byte]), offset)
                if os.fstat(fd).st_size > size and all(page in lost for page in original if page * PAGE >= size):
                    os.ftruncate(fd, size)
            finally:
                os.close(fd)
        self.undo.clear()
        print('power loss (seed %d): %d files written since their last fsync, %d pages lost, %d reached the disk'
              % (self.power_loss_seed, files, dropped, kept), flush=True)


def main():
    if len(sys.argv) != 3:
        sys.exit('usage: faultfs.py BACKING_DIR MOUNT_POINT')
    FUSE(FaultFs(sys.argv[1]), sys.argv[2], foreground=True, nothreads=False, kernel_cache=True,
         big_writes=True, max_write=131072, fsname='faultfs', subtype='faultfs')


if __name__ == '__main__':
    main()
