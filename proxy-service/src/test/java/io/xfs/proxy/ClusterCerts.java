package io.xfs.proxy;

import io.xfs.common.tls.TestCa;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The PEM files of a test cluster over TLS, made at runtime under one directory: a CA ({@code ca.crt}) and a
 * certificate and key per service, configured as an operator would (docs/operations.md, "TLS"): each service's
 * SSL bundle {@code xfs} names its own certificate and key and trusts the CA; the internal ports (directory,
 * stores) ask their clients for a certificate from it.
 */
public final class ClusterCerts {
    private final TestCa ca;
    private final Path dir;
    private final Path caFile;

    public ClusterCerts(Path dir) {
        this.ca = TestCa.create("xfs test cluster CA");
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            this.caFile = ca.writeCa(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TestCa ca() {
        return ca;
    }

    /**
     * The TLS settings of one service, with a certificate of its own.
     *
     * @param internal true for the directory and the stores: only holders of a certificate from the CA get in
     */
    public Map<String, Object> properties(String service, boolean internal) {
        try {
            Path certificate = TestCa.write(ca.issue(service), dir, service);
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("spring.ssl.bundle.pem.xfs.keystore.certificate", "file:" + certificate);
            properties.put("spring.ssl.bundle.pem.xfs.keystore.private-key", "file:" + dir.resolve(service + ".key"));
            properties.put("spring.ssl.bundle.pem.xfs.truststore.certificate", "file:" + caFile);
            properties.put("server.ssl.bundle", "xfs");
            properties.put("server.ssl.client-auth", internal ? "need" : "none");
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client's context: a certificate of its own from the CA, and trust in the CA only. */
    public SSLContext clientContext(String name) {
        return ca.context(ca.issue(name));
    }
}
