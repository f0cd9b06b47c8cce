package io.dstruct.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A TCP proxy in front of a Redis server that injects network faults: late replies, a lost reply,
 * and cut connections.
 *
 * <p>Point the client under test at {@link #uri()} instead of the server's own URI. Every byte is
 * forwarded as it is until a test asks for a fault:
 * <ul>
 *   <li>{@link #delayReplies(Duration)}: the reply to each command sent from then on reaches the
 *       client that much later than Redis sent it. The command has run; only its reply is late, so a
 *       client with a shorter response timeout sees a timeout for a command that took effect.
 *   <li>{@link #dropNextReply(String)}: the next reply to a command of that name is swallowed, and
 *       its connection is then closed, as when a reply is lost with the network. The command ran;
 *       its client never learns so.
 *   <li>{@link #cutConnections()}: every open connection is closed at once, in both directions,
 *       whatever was in flight.
 * </ul>
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start(TestRedis.uri())) {
 *   Ds ds = Ds.connect(proxy.uri());
 *   proxy.dropNextReply("EVALSHA");
 *   // the next script call runs in Redis, and its caller sees a lost reply
 * }
 * }</pre>
 *
 * <p>The proxy reads the RESP protocol (RESP2 and RESP3) to find where each command and each reply
 * ends, so it works only with plain-text {@code redis://} connections, not {@code rediss://}. A
 * connection in pub/sub mode gets pushed messages that answer no command; leave it out of {@link
 * #dropNextReply(String)} tests. It listens on 127.0.0.1 on a free port and uses two daemon threads
 * per connection.
 *
 * <p>Thread-safety: all methods may be called from any thread.
 */
public final class FaultProxy implements AutoCloseable {
  private static final String ANY = "";

  private final RedisUri target;
  private final ServerSocket listener;
  private final Set<Link> links = ConcurrentHashMap.newKeySet();
  private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);
  private final AtomicReference<@Nullable String> dropNext = new AtomicReference<>();
  private final AtomicInteger dropped = new AtomicInteger();
  private volatile boolean closed;

  private FaultProxy(RedisUri target, ServerSocket listener) {
    this.target = target;
    this.listener = listener;
    Thread accept = new Thread(this::acceptLoop, "ds-fault-proxy-" + listener.getLocalPort());
    accept.setDaemon(true);
    accept.start();
  }

  /**
   * Starts a proxy that forwards to the Redis at {@code redisUri}.
   *
   * @param redisUri a {@code redis://} URI, such as {@link TestRedis#uri()}
   * @return the running proxy, which forwards everything until a fault is asked for
   * @throws IllegalArgumentException if {@code redisUri} is not a {@code redis://} URI
   * @throws UncheckedIOException if no local port can be opened
   */
  public static FaultProxy start(String redisUri) {
    RedisUri target = new RedisUri(redisUri);
    if (!redisUri.startsWith("redis://")) {
      throw new IllegalArgumentException("FaultProxy reads the protocol, so it needs a plain redis:// URI, not TLS");
    }
    try {
      return new FaultProxy(target, new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a local port for the proxy", e);
    }
  }

  /**
   * Returns the URI to connect to: the target's URI, with its user, password and database, but this
   * proxy's host and port.
   *
   * @return a URI such as {@code redis://127.0.0.1:40231}
   */
  public String uri() {
    String v = target.value();
    int start = v.indexOf("://") + 3;
    int slash = v.indexOf('/', start);
    int end = slash < 0 ? v.length() : slash;
    int at = v.lastIndexOf('@', end);
    int hostStart = at >= start ? at + 1 : start;
    return v.substring(0, hostStart) + "127.0.0.1:" + port() + v.substring(end);
  }

  /**
   * Returns the local port the proxy listens on.
   *
   * @return the port on 127.0.0.1
   */
  public int port() {
    return listener.getLocalPort();
  }

  /**
   * Holds back the reply to every command sent from now on for {@code delay} after Redis sent it;
   * {@link Duration#ZERO} stops delaying the commands sent after it. A command's delay is the one asked
   * for when it passed through, so a reply is late exactly when its command was sent while delaying,
   * however soon the delay is lifted. Commands still reach Redis at once.
   *
   * @param delay how late replies arrive
   * @throws IllegalArgumentException if {@code delay} is negative
   */
  public void delayReplies(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("negative delay: " + delay);
    }
    this.delay.set(delay);
  }

  /**
   * Swallows the next reply to a command named {@code command} (case-insensitive, such as {@code
   * "EVALSHA"} or {@code "SET"}), on any connection, and then closes that connection. Redis has run
   * the command; the client never gets its reply. A later call replaces a request not yet used.
   *
   * @param command the command's name
   */
  public void dropNextReply(String command) {
    dropNext.set(command.toUpperCase(Locale.ROOT));
  }

  /** Swallows the next reply to any command, as {@link #dropNextReply(String)} does for one name. */
  public void dropNextReply() {
    dropNext.set(ANY);
  }

  /**
   * Returns how many replies were swallowed so far.
   *
   * @return the count, from 0
   */
  public int droppedReplies() {
    return dropped.get();
  }

  /**
   * Closes every connection open through the proxy now, in both directions. New connections are
   * still accepted, so a client that reconnects gets through again.
   *
   * @return how many connections were closed
   */
  public int cutConnections() {
    int n = 0;
    for (Link l : links) {
      l.close();
      n++;
    }
    return n;
  }

  /**
   * Returns how many connections are open through the proxy.
   *
   * @return the count, from 0
   */
  public int connections() {
    return links.size();
  }

  /** Stops accepting and closes every connection. */
  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      // already closed
    }
    cutConnections();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket();
        try {
          server.connect(new InetSocketAddress(target.host(), target.port()), 5_000);
        } catch (IOException e) {
          client.close();
          continue;
        }
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        new Link(client, server).start();
      } catch (IOException e) {
        if (!closed) {
          continue;
        }
        return;
      }
    }
  }

  /** One client connection and its connection to Redis. */
  private final class Link {
    private final Socket client;
    private final Socket server;
    /** The commands sent and not answered yet, in order, each with the delay asked for when it was sent. */
    private final ConcurrentLinkedQueue<Sent> pending = new ConcurrentLinkedQueue<>();

    Link(Socket client, Socket server) {
      this.client = client;
      this.server = server;
    }

    void start() {
      links.add(this);
      if (closed) {
        close();
        return;
      }
      thread("up", this::commands);
      thread("down", this::replies);
    }

    private void thread(String name, IoTask task) {
      Thread t = new Thread(() -> {
        try {
          task.run();
        } catch (IOException | RuntimeException e) {
          // the connection is gone, on either side
        } finally {
          close();
        }
      }, "ds-fault-proxy-" + port() + "-" + name);
      t.setDaemon(true);
      t.start();
    }

    /** Client to server: forwards each command whole, noting its name. */
    private void commands() throws IOException {
      InputStream in = new BufferedInputStream(client.getInputStream());
      OutputStream out = server.getOutputStream();
      while (true) {
        ByteArrayOutputStream command = new ByteArrayOutputStream();
        String name = Frames.command(in, command);
        if (name == null) {
          return;
        }
        pending.add(new Sent(name, delay.get().toNanos()));
        out.write(command.toByteArray());
        out.flush();
      }
    }

    /** Server to client: forwards each reply whole, late or not at all as asked. */
    private void replies() throws IOException {
      InputStream in = new BufferedInputStream(server.getInputStream());
      OutputStream out = client.getOutputStream();
      while (true) {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        if (!Frames.value(in, reply)) {
          return;
        }
        long arrived = System.nanoTime();
        Sent to = pending.poll();
        String drop = dropNext.get();
        if (drop != null && (drop.equals(ANY) || (to != null && drop.equals(to.name())))
            && dropNext.compareAndSet(drop, null)) {
          dropped.incrementAndGet();
          return; // swallowed; closing the connection is what a lost reply looks like
        }
        long waitNanos = arrived + (to == null ? 0 : to.delayNanos()) - System.nanoTime();
        if (waitNanos > 0) {
          try {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        out.write(reply.toByteArray());
        out.flush();
      }
    }

    /** A command on its way: its name, and how long to hold back its reply. */
    private record Sent(String name, long delayNanos) {}

    void close() {
      links.remove(this);
      quietly(client);
      quietly(server);
    }
  }

  private static void quietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @FunctionalInterface
  private interface IoTask {
    void run() throws IOException;
  }

  /** Reads whole RESP frames, copying their bytes. */
  private static final class Frames {
    private Frames() {}

    /** Copies one command and returns its upper-case name, or null at the end of the stream. */
    static @Nullable String command(InputStream in, ByteArrayOutputStream out) throws IOException {
      int first = in.read();
      if (first < 0) {
        return null;
      }
      out.write(first);
      if (first != '*') { // an inline command: one line of words
        String line = (char) first + line(in, out);
        String[] words = line.trim().split("\\s+", 2);
        return words[0].toUpperCase(Locale.ROOT);
      }
      int n = Integer.parseInt(line(in, out));
      String name = "";
      for (int i = 0; i < n; i++) {
        int type = in.read();
        if (type < 0) {
          throw new IOException("connection closed inside a command");
        }
        out.write(type);
        int len = Integer.parseInt(line(in, out));
        byte[] data = in.readNBytes(len + 2);
        out.write(data);
        if (i == 0) {
          name = new String(data, 0, Math.max(0, data.length - 2), StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
        }
      }
      return name;
    }

    /** Copies one reply (any RESP2 or RESP3 type); false at the end of the stream. */
    static boolean value(InputStream in, ByteArrayOutputStream out) throws IOException {
      int type = in.read();
      if (type < 0) {
        return false;
      }
      out.write(type);
      String line = line(in, out);
      switch (type) {
        case '$', '!', '=' -> {
          int len = Integer.parseInt(line);
          if (len >= 0) {
            out.write(in.readNBytes(len + 2));
          }
        }
        case '*', '~', '>' -> items(in, out, Integer.parseInt(line));
        case '%', '|' -> items(in, out, 2 * Integer.parseInt(line));
        default -> { } // + - : _ , # ( are one line
      }
      if (type == '|') { // attributes come before the reply they describe
        return value(in, out);
      }
      return true;
    }

    private static void items(InputStream in, ByteArrayOutputStream out, int n) throws IOException {
      for (int i = 0; i < n; i++) {
        if (!value(in, out)) {
          throw new IOException("connection closed inside a reply");
        }
      }
    }

    /** Copies a line with its CRLF and returns it without. */
    private static String line(InputStream in, ByteArrayOutputStream out) throws IOException {
      StringBuilder b = new StringBuilder();
      while (true) {
        int c = in.read();
        if (c < 0) {
          throw new IOException("connection closed inside a line");
        }
        out.write(c);
        if (c == '\n') {
          int len = b.length();
          return len > 0 && b.charAt(len - 1) == '\r' ? b.substring(0, len - 1) : b.toString();
        }
        b.append((char) c);
      }
    }
  }
}
