package com.polaris.kat.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * TCP ports free on this machine for services a test launches. Ports asked for together are distinct: every one is held
 * open until all are chosen. Asked one after another, the kernel may hand out a port just closed again: two services of one
 * end-to-end run were given the same port and the second failed to start ("Port 32771 was already in use", CI of
 * 2026-12-07). Another process may still take a port between this call and the service's bind.
 */
public final class FreePorts {

    private FreePorts() {
    }

    /** {@code n} distinct ports, each free when chosen. */
    public static int[] distinct(int n) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0);
                held.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing a listening socket that was never accepted on does not fail in practice; the port is free either way
                }
            }
        }
    }

    /** One free port (for a service that binds it before the next one is asked for). */
    public static int one() {
        return distinct(1)[0];
    }
}
