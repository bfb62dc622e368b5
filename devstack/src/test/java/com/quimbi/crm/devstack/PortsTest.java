package com.quimbi.crm.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void freePortsAreFreeAndNeverHandedOutTwice() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            int port = Ports.free();
            assertThat(Ports.isFree(port)).isTrue();
            assertThat(ports.add(port)).as("port %d handed out twice", port).isTrue();
        }
    }

    @Test
    void zeroMeansPickAFreePortAnythingElseIsKept() {
        assertThat(Ports.orFree(19092)).isEqualTo(19092);
        assertThat(Ports.orFree(0)).isPositive();
    }

    @Test
    void aPortInUseIsReportedWithTheComponentName() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            int port = socket.getLocalPort();
            assertThat(Ports.isFree(port)).isFalse();
            assertThatThrownBy(() -> Ports.requireFree(port, "kafka"))
                    .hasMessageContaining("port " + port + " for kafka is already in use");
        }
    }
}
