package io.dstruct.testing;

import io.dstruct.testing.internal.FreePort;
import io.dstruct.testing.internal.RedisBinary;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;
import redis.embedded.RedisServer;

/**
 * A redis-server process of its own, on a free port of 127.0.0.1, that a test may stop and restart.
 *
 * <p>Use it for tests that take a server away, such as checking that a client reconnects after Redis restarts.
 * Tests that only need some Redis should use {@link TestRedis#uri()}, which is shared by the whole JVM.
 *
 * <pre>{@code
 * try (EmbeddedRedis redis = EmbeddedRedis.start()) {
 *   connect(redis.uri());
 *   redis.restart(); // same port, empty data set
 * }
 * }</pre>
 *
 * <p>The server is the Redis 6.2 binary shipped in the embedded-redis jar (Linux, macOS and Windows builds). It
 * keeps nothing on disk: snapshots ({@code save ""}) and the append-only file ({@code appendonly no}) are off, so
 * every start begins with an empty data set. A server that is not closed is stopped when the JVM exits.
 *
 * <p>Thread-safety: all methods may be called from any thread; {@link #stop()}, {@link #restart()} and
 * {@link #close()} are serialized.
 */
public final class EmbeddedRedis implements AutoCloseable {

  private static final String HOST = "127.0.0.1";
  /** How many free ports {@link #start()} tries; another process may take a port between its pick and its bind. */
  private static final int START_ATTEMPTS = 3;

  private final int port;
  private final RedisServer server;
  private final Thread shutdownHook;
  private boolean closed;

  private EmbeddedRedis(int port, RedisServer server) {
    this.port = port;
    this.server = server;
    this.shutdownHook = new Thread(this::stopQuietly, "ds-testing-redis-" + port);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts a redis-server on a free port of 127.0.0.1 and waits until it accepts connections.
   *
   * @return the running server
   * @throws UncheckedIOException if the server does not start, for example because the embedded-redis jar has no
   *     binary for this platform or the binary cannot run here
   */
  public static EmbeddedRedis start() {
    return start(null, java.util.List.of(), FreePort::pick);
  }

  /**
   * Starts a redis-server as {@link #start()} does, but one that keeps its data across {@link #restart()}: an
   * append-only file in {@code dataDir}, written and fsynced on every write ({@code appendfsync always}).
   *
   * <p>For tests of what survives a server restart, such as an id generator that must never hand out an id twice.
   *
   * @param dataDir an existing directory for the server's files
   * @return the running server
   * @throws UncheckedIOException if the server does not start
   */
  public static EmbeddedRedis startPersistent(java.nio.file.Path dataDir) {
    return start(dataDir, java.util.List.of(), FreePort::pick);
  }

  /** Starts a server with extra redis.conf settings, such as those of a cluster node. */
  static EmbeddedRedis start(java.nio.file.@Nullable Path dataDir, java.util.List<String> settings,
      java.util.function.IntSupplier ports) {
    IOException failure = null;
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      int port = ports.getAsInt();
      try {
        RedisServer server = newServer(port, dataDir, settings);
        server.start();
        return new EmbeddedRedis(port, server);
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    throw new UncheckedIOException(
        "could not start an embedded redis-server in " + START_ATTEMPTS + " attempts", failure);
  }

  private static RedisServer newServer(int port, java.nio.file.@Nullable Path dataDir, java.util.List<String> settings)
      throws IOException {
    var builder = RedisServer.newRedisServer();
    settings.forEach(builder::setting);
    return builder
        .executableProvider(RedisBinary::file)
        .bind(HOST)
        .port(port)
        .setting("save \"\"")
        .settingIf(dataDir == null, "appendonly no")
        .settingIf(dataDir != null, "appendonly yes")
        .settingIf(dataDir != null, "appendfsync always")
        .settingIf(dataDir != null, "dir " + dataDir)
        // Read the server's log so that it never blocks on a full pipe; the lines themselves are not needed.
        .soutListener(line -> {})
        .serrListener(line -> {})
        .build();
  }

  /**
   * Returns this server's URI.
   *
   * @return {@code redis://127.0.0.1:<port>}
   */
  public String uri() {
    return "redis://" + HOST + ":" + port;
  }

  /**
   * Returns the port this server listens on, which stays the same across restarts.
   *
   * @return the port on 127.0.0.1
   */
  public int port() {
    return port;
  }

  /**
   * Stops the server and waits for its process to exit. Does nothing if it is already stopped.
   *
   * <p>The data set is lost. {@link #restart()} starts the server again on the same port.
   *
   * @throws UncheckedIOException if interrupted while waiting for the process to exit
   */
  public synchronized void stop() {
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException("could not stop the embedded redis-server on port " + port, e);
    }
  }

  /**
   * Stops the server if it runs, then starts it again on the same port and waits until it accepts connections.
   *
   * <p>The new server has an empty data set. Clients connected before see their connections closed.
   *
   * @throws IllegalStateException if this server was {@linkplain #close() closed}
   * @throws UncheckedIOException if the server does not start again, for example because another process took
   *     the port while it was stopped
   */
  public synchronized void restart() {
    if (closed) {
      throw new IllegalStateException("this EmbeddedRedis is closed: " + uri());
    }
    stop();
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not restart the embedded redis-server on port " + port, e);
    }
  }

  /**
   * Stops the server for good: after this, {@link #restart()} throws. Closing twice does nothing.
   *
   * @throws UncheckedIOException if interrupted while waiting for the process to exit
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down; the hook may be the caller.
    }
  }

  private void stopQuietly() {
    try {
      stop();
    } catch (RuntimeException e) {
      // The JVM is exiting; there is no one left to tell.
    }
  }

  /**
   * Returns a description for logs.
   *
   * @return {@code EmbeddedRedis[redis://127.0.0.1:<port>]}
   */
  @Override
  public String toString() {
    return "EmbeddedRedis[" + uri() + "]";
  }
}
