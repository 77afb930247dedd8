package io.xfs.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded ZooKeeper is reachable on loopback only, runs no AdminServer, and keeps its data private. */
class EmbeddedZooKeeperTest {

    @Test
    void listensOnLoopbackOnlyWithoutAdminServer(@TempDir Path dir) throws Exception {
        int port = freePort();
        int adminPort = freePort();
        // Were the AdminServer started, it would listen here rather than on 8080, which may be taken.
        System.setProperty("zookeeper.admin.serverPort", Integer.toString(adminPort));
        Path dataDir = dir.resolve("zookeeper");
        try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(dataDir, "127.0.0.1", port)) {
            assertThat(zk.connectString()).isEqualTo("127.0.0.1:" + port);
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                    java.nio.file.Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
            assertThat(fourLetterWord(new InetSocketAddress("127.0.0.1", port), "srvr")).contains("Zookeeper version");

            Optional<InetAddress> external = nonLoopbackAddress();
            assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address");
            assertThatThrownBy(() -> fourLetterWord(new InetSocketAddress(external.get(), port), "srvr"))
                    .as("ZooKeeper on %s:%d", external.get(), port)
                    .isInstanceOf(SocketException.class);
            assertThatThrownBy(() -> fourLetterWord(new InetSocketAddress("127.0.0.1", adminPort), "GET /"))
                    .as("AdminServer port").isInstanceOf(SocketException.class);
        } finally {
            System.clearProperty("zookeeper.admin.serverPort");
        }
    }

    private static String fourLetterWord(InetSocketAddress address, String word) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address, 2_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(word.getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
