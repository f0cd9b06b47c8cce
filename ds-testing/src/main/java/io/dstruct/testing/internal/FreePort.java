package io.dstruct.testing.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Finds a TCP port on the loopback address that no one is listening on.
 *
 * <p>The port is free when this returns, but another process may take it before the caller binds it: callers retry
 * with a new port when binding fails. Not public API.
 */
public final class FreePort {

  private FreePort() {}

  /**
   * Returns a port that was free on 127.0.0.1 a moment ago.
   *
   * @return a port from the operating system's ephemeral range
   * @throws UncheckedIOException if no socket can be opened
   */
  public static int pick() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("could not open a socket to find a free port", e);
    }
  }
}
