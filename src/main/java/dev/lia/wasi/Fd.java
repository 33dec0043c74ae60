package dev.lia.wasi;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** An open file descriptor: its type, flags and rights, and what it refers to. */
abstract class Fd {
    static final int FILETYPE_UNKNOWN = 0;
    static final int FILETYPE_CHARACTER_DEVICE = 2;
    static final int FILETYPE_DIRECTORY = 3;
    static final int FILETYPE_REGULAR_FILE = 4;
    static final int FILETYPE_SYMBOLIC_LINK = 7;

    static final int FDFLAG_APPEND = 1;
    static final int FDFLAG_DSYNC = 2;
    static final int FDFLAG_NONBLOCK = 4;
    static final int FDFLAG_RSYNC = 8;
    static final int FDFLAG_SYNC = 16;
    static final int FDFLAGS_ALL = 31;

    final int filetype;
    long rightsBase;
    long rightsInheriting;
    int flags;

    Fd(int filetype, long rightsBase, long rightsInheriting, int flags) {
        this.filetype = filetype;
        this.rightsBase = rightsBase;
        this.rightsInheriting = rightsInheriting;
        this.flags = flags;
    }

    /** Fails with {@code ENOTCAPABLE} unless this descriptor has every right in {@code rights}. */
    void require(long rights) throws WasiError {
        if ((rightsBase & rights) != rights) throw new WasiError(WasiErrno.ENOTCAPABLE);
    }

    void close() throws IOException {}

    /** Standard input. */
    static final class Input extends Fd {
        final WasiStdin in;

        Input(WasiStdin in) {
            super(FILETYPE_CHARACTER_DEVICE, Rights.STDIN, 0, 0);
            this.in = in;
        }
    }

    /** Standard output or error. */
    static final class Output extends Fd {
        final OutputStream out;

        Output(OutputStream out) {
            super(FILETYPE_CHARACTER_DEVICE, Rights.STDOUT, 0, 0);
            this.out = out;
        }

        @Override
        void close() throws IOException {
            out.flush();
        }
    }

    /** A regular file beneath a preopen. */
    static final class File extends Fd {
        final FileChannel channel;
        final Sandbox.Root root;
        final Path host;

        File(FileChannel channel, Sandbox.Root root, Path host, long rightsBase, int flags) {
            super(FILETYPE_REGULAR_FILE, rightsBase, 0, flags);
            this.channel = channel;
            this.root = root;
            this.host = host;
        }

        @Override
        void close() throws IOException {
            channel.close();
        }
    }

    /** A directory: a preopen (with its guest name) or one opened beneath it. */
    static final class Dir extends Fd {
        final Sandbox.Root root;
        /** The directory on the host: inside {@code root}, with no symbolic link below the root. */
        final Path host;
        /** The preopen's guest path, or null for a directory opened by the program. */
        final String preopenName;

        Dir(Sandbox.Root root, Path host, String preopenName, long rightsBase, long rightsInheriting) {
            super(FILETYPE_DIRECTORY, rightsBase, rightsInheriting, 0);
            this.root = root;
            this.host = host;
            this.preopenName = preopenName;
        }
    }
}
