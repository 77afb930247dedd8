package io.xfs.proxy;

import java.util.Map;

/**
 * Runs the test cluster with the proxy's production defaults on port 2232 until killed, for trying the API
 * by hand and for the curl examples in docs/api.md. Run from the test classpath:
 * {@code java -cp <test classpath> io.xfs.proxy.DocsCluster}.
 */
public final class DocsCluster {
    private DocsCluster() {
    }

    public static void main(String[] args) throws Exception {
        ProxyCluster cluster = new ProxyCluster(Map.of(
                "server.port", 2232,
                "xfs.chunk-size", "4MB",
                "xfs.max-file-size", "1GB"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                cluster.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }));
        System.out.println("xfs test cluster ready: proxy " + cluster.proxyUri() + ", directory " + cluster.directoryUri());
        Thread.currentThread().join();
    }
}
