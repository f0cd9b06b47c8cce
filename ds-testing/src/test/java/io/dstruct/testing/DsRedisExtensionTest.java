package io.dstruct.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DsRedisExtension.class)
class DsRedisExtensionTest {

  private final RedisUri fromConstructor;

  DsRedisExtensionTest(RedisUri redis) {
    this.fromConstructor = redis;
  }

  @Test
  void resolveParameter_injectsSharedUri(RedisUri redis) {
    assertEquals(TestRedis.uri(), redis.value());
    assertEquals(redis, fromConstructor);
  }

  @Test
  void resolveParameter_uriAnswersPing(RedisUri redis) throws IOException {
    assertEquals("+PONG", inlineCommand(redis, "PING"));
  }

  /** Sends one inline command over a fresh socket and returns the first reply line. */
  private static String inlineCommand(RedisUri redis, String command) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(redis.host(), redis.port()), 2_000);
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      return in.readLine();
    }
  }
}
