package dev.lia.wasi;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;

/** Maps the host's I/O failures to preview1 errnos. */
final class HostErrors {
    private HostErrors() {}

    static WasiError of(IOException e) {
        return new WasiError(errno(e));
    }

    static int errno(IOException e) {
        if (e instanceof NoSuchFileException) return WasiErrno.ENOENT;
        if (e instanceof FileAlreadyExistsException) return WasiErrno.EEXIST;
        if (e instanceof DirectoryNotEmptyException) return WasiErrno.ENOTEMPTY;
        if (e instanceof AccessDeniedException) return WasiErrno.EACCES;
        if (e instanceof NotDirectoryException) return WasiErrno.ENOTDIR;
        if (e instanceof NotLinkException) return WasiErrno.EINVAL;
        if (e instanceof FileSystemLoopException) return WasiErrno.ELOOP;
        if (e instanceof AtomicMoveNotSupportedException) return WasiErrno.EXDEV;
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return switch (f.getReason()) {
                case "Not a directory" -> WasiErrno.ENOTDIR;
                case "Is a directory" -> WasiErrno.EISDIR;
                case "File name too long" -> WasiErrno.ENAMETOOLONG;
                case "Read-only file system" -> WasiErrno.EROFS;
                case "No space left on device" -> WasiErrno.ENOSPC;
                case "Too many levels of symbolic links" -> WasiErrno.ELOOP;
                case "Operation not permitted" -> WasiErrno.EPERM;
                case "Permission denied" -> WasiErrno.EACCES;
                case "Directory not empty" -> WasiErrno.ENOTEMPTY;
                case "Invalid argument" -> WasiErrno.EINVAL;
                case "Invalid cross-device link" -> WasiErrno.EXDEV;
                case "File exists" -> WasiErrno.EEXIST;
                case "File too large" -> WasiErrno.EFBIG;
                default -> WasiErrno.EIO;
            };
        }
        return WasiErrno.EIO;
    }
}
