package io.dstruct.scripts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of one Lua script as Redis runs it, with its includes inlined, and its SHA-1 digest.
 *
 * <p>A script may pull in a shared helper with a line {@code --@include name}, which is replaced by
 * the file {@code includes/name.lua}. An include may not include anything itself, and a script may
 * include each helper once; both are checked when the script is loaded. Instances are immutable.
 *
 * @param name the script's file name without {@code .lua}, such as {@code dict_set}
 * @param text the script as sent to Redis
 * @param sha1 the lowercase hex SHA-1 of {@code text}, as EVALSHA expects
 */
public record LuaSource(String name, String text, String sha1) {
  /** The classpath folder that holds the scripts. */
  public static final String ROOT = "io/dstruct/scripts/";

  private static final Pattern INCLUDE = Pattern.compile("^--@include\\s+([a-z0-9_]+)\\s*$", Pattern.MULTILINE);

  /**
   * Loads the script {@code name} from the classpath and inlines its includes.
   *
   * @param name the script's file name without {@code .lua}, under {@link #ROOT}
   * @return the script with its includes inlined, and its SHA-1
   * @throws IllegalStateException if the script or one of its includes is missing, or an include
   *     repeats or nests
   */
  public static LuaSource load(String name) {
    String body = read(ROOT + name + ".lua");
    StringBuilder out = new StringBuilder();
    List<String> seen = new ArrayList<>();
    Matcher m = INCLUDE.matcher(body);
    while (m.find()) {
      String include = m.group(1);
      if (seen.contains(include)) {
        throw new IllegalStateException("script " + name + " includes '" + include + "' twice");
      }
      seen.add(include);
      String helper = read(ROOT + "includes/" + include + ".lua");
      if (INCLUDE.matcher(helper).find()) {
        throw new IllegalStateException("include '" + include + "' may not include another (script " + name + ")");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(helper.stripTrailing()));
    }
    m.appendTail(out);
    String text = out.toString();
    return new LuaSource(name, text, sha1(text));
  }

  /** Returns the raw text of a classpath resource, failing fast when it is missing. */
  static String read(String path) {
    try (InputStream in = LuaSource.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("ds script resource is missing from the classpath: " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read ds script resource " + path, e);
    }
  }

  private static String sha1(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is not available", e);
    }
  }
}
