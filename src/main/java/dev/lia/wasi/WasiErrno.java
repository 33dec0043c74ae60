package dev.lia.wasi;

/** The error numbers of {@code wasi_snapshot_preview1} (the {@code errno} enum of the witx). */
public final class WasiErrno {
    private WasiErrno() {}

    public static final int SUCCESS = 0;
    public static final int E2BIG = 1;
    public static final int EACCES = 2;
    public static final int EAGAIN = 6;
    public static final int EBADF = 8;
    public static final int EBUSY = 10;
    public static final int EEXIST = 20;
    public static final int EFAULT = 21;
    public static final int EFBIG = 22;
    public static final int EILSEQ = 25;
    public static final int EINTR = 27;
    public static final int EINVAL = 28;
    public static final int EIO = 29;
    public static final int EISDIR = 31;
    public static final int ELOOP = 32;
    public static final int EMFILE = 33;
    public static final int ENAMETOOLONG = 37;
    public static final int ENOENT = 44;
    public static final int ENOMEM = 48;
    public static final int ENOSPC = 51;
    public static final int ENOSYS = 52;
    public static final int ENOTDIR = 54;
    public static final int ENOTEMPTY = 55;
    public static final int ENOTSUP = 58;
    public static final int EOVERFLOW = 61;
    public static final int EPERM = 63;
    public static final int EROFS = 69;
    public static final int ESPIPE = 70;
    public static final int EXDEV = 75;
    public static final int ENOTCAPABLE = 76;

    private static final String[] NAMES = {
        "SUCCESS", "2BIG", "ACCES", "ADDRINUSE", "ADDRNOTAVAIL", "AFNOSUPPORT", "AGAIN", "ALREADY", "BADF",
        "BADMSG", "BUSY", "CANCELED", "CHILD", "CONNABORTED", "CONNREFUSED", "CONNRESET", "DEADLK",
        "DESTADDRREQ", "DOM", "DQUOT", "EXIST", "FAULT", "FBIG", "HOSTUNREACH", "IDRM", "ILSEQ",
        "INPROGRESS", "INTR", "INVAL", "IO", "ISCONN", "ISDIR", "LOOP", "MFILE", "MLINK", "MSGSIZE",
        "MULTIHOP", "NAMETOOLONG", "NETDOWN", "NETRESET", "NETUNREACH", "NFILE", "NOBUFS", "NODEV",
        "NOENT", "NOEXEC", "NOLCK", "NOLINK", "NOMEM", "NOMSG", "NOPROTOOPT", "NOSPC", "NOSYS", "NOTCONN",
        "NOTDIR", "NOTEMPTY", "NOTRECOVERABLE", "NOTSOCK", "NOTSUP", "NOTTY", "NXIO", "OVERFLOW",
        "OWNERDEAD", "PERM", "PIPE", "PROTO", "PROTONOSUPPORT", "PROTOTYPE", "RANGE", "ROFS", "SPIPE",
        "SRCH", "STALE", "TIMEDOUT", "TXTBSY", "XDEV", "NOTCAPABLE",
    };

    /** The witx name of an errno ({@code "NOENT"}), or the number if it is not one. */
    public static String name(int errno) {
        return errno >= 0 && errno < NAMES.length ? NAMES[errno] : Integer.toString(errno);
    }
}
