package io.xfs.common.http;

/** Header names shared by the services (the signature of internal calls: {@code InternalSigner.HEADER}). */
public final class XfsHeaders {
    /** Marks a request one sts instance forwarded to another; such a request is never forwarded again. */
    public static final String HOP = "X-Xfs-Hop";
    /** HEAD /fileinfo answers the file size here, since HEAD has no body. */
    public static final String FILESIZE = "X-Xfs-Filesize";

    private XfsHeaders() {
    }
}
