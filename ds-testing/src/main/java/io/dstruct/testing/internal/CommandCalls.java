package io.dstruct.testing.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many times a test server has run each command, read from {@code INFO commandstats}: the counts
 * that tests compare before and after an operation to prove what it sent (commands run inside a script
 * count too).
 */
public final class CommandCalls {
  private CommandCalls() {}

  /** Returns the calls per command name, lower case (such as {@code blmove}), of the server at {@code host:port}. */
  public static Map<String, Long> of(String host, int port) {
    String info;
    try (Resp resp = new Resp(host, port)) {
      info = (String) resp.call(List.of("INFO", "commandstats"));
    }
    Map<String, Long> calls = new LinkedHashMap<>();
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("cmdstat_")) {
        String name = line.substring("cmdstat_".length(), line.indexOf(':'));
        int at = line.indexOf("calls=") + "calls=".length();
        int end = line.indexOf(',', at);
        calls.put(name, Long.parseLong(line.substring(at, end < 0 ? line.length() : end)));
      }
    }
    return calls;
  }

  /** Returns how many more times each command ran in {@code after} than in {@code before}; commands that did not run are left out. */
  public static Map<String, Long> since(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> more = new LinkedHashMap<>();
    after.forEach((name, n) -> {
      long d = n - before.getOrDefault(name, 0L);
      if (d > 0) {
        more.put(name, d);
      }
    });
    return more;
  }
}
