package io.dstruct.testing.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public API of one module as sorted text lines, checked in as {@code api/<module>.api}, so that an
 * API change shows up in review.
 *
 * <p>The dump lists every public type of the module's compiled classes outside {@code internal}
 * packages, with its public and protected members in their generic form. A test of each module calls
 * {@link #check}; it fails when the dump differs, and rewrites the file when the system property {@code
 * ds.api.update} is {@code true} ({@code mvn test -Dds.api.update=true}).
 */
public final class ApiDump {
  private ApiDump() {}

  /**
   * Compares the API of the classes compiled next to {@code anchor} with the file {@code dumpFile}.
   *
   * @throws AssertionError if they differ and {@code ds.api.update} is not set
   */
  public static void check(Class<?> anchor, Path dumpFile) {
    String actual = String.join("\n", dump(anchor)) + "\n";
    if (Boolean.getBoolean("ds.api.update")) {
      write(dumpFile, actual);
      return;
    }
    String expected = Files.exists(dumpFile) ? read(dumpFile) : "";
    if (!expected.equals(actual)) {
      throw new AssertionError("The public API differs from " + dumpFile + ". If the change is meant, run "
          + "`mvn test -Dds.api.update=true` and commit the file.\n" + diff(expected, actual));
    }
  }

  /** Returns the API lines of the classes in the class-path root that holds {@code anchor}. */
  public static List<String> dump(Class<?> anchor) {
    Path root;
    try {
      root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
        String name = root.relativize(p).toString().replace('/', '.').replace('\\', '.');
        name = name.substring(0, name.length() - ".class".length());
        if (name.endsWith("package-info") || name.contains(".internal.") || name.endsWith("module-info")) {
          continue;
        }
        Class<?> c = Class.forName(name, false, anchor.getClassLoader());
        if (isVisible(c)) {
          lines.addAll(describe(c));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    return lines;
  }

  private static boolean isVisible(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
      if (!Modifier.isPublic(k.getModifiers()) || k.isSynthetic() || k.isAnonymousClass()) {
        return false;
      }
    }
    return true;
  }

  private static List<String> describe(Class<?> c) {
    List<String> members = new ArrayList<>();
    for (Field f : c.getDeclaredFields()) {
      if (visible(f)) {
        members.add("  " + f.toGenericString());
      }
    }
    for (Constructor<?> k : c.getDeclaredConstructors()) {
      if (visible(k)) {
        members.add("  " + k.toGenericString());
      }
    }
    for (Method m : c.getDeclaredMethods()) {
      if (visible(m) && !m.isBridge()) {
        members.add("  " + m.toGenericString());
      }
    }
    members.sort(null);
    List<String> out = new ArrayList<>();
    out.add(header(c));
    out.addAll(members);
    return out;
  }

  private static String header(Class<?> c) {
    String supers = Stream.concat(
            Stream.ofNullable(c.getGenericSuperclass())
                .filter(t -> t != Object.class && !c.isEnum() && !c.isRecord()),
            Arrays.stream(c.getGenericInterfaces()))
        .map(t -> t.getTypeName())
        .collect(Collectors.joining(", "));
    String kind = c.isAnnotation() ? "@interface" : c.isInterface() ? "interface" : c.isEnum() ? "enum"
        : c.isRecord() ? "record" : "class";
    int mods = c.getModifiers() & (Modifier.ABSTRACT | Modifier.FINAL | Modifier.STATIC);
    if (c.isInterface()) {
      mods &= ~Modifier.ABSTRACT;
    }
    String prefix = mods == 0 ? "" : Modifier.toString(mods) + " ";
    String params = Arrays.stream(c.getTypeParameters()).map(t -> t.getTypeName())
        .collect(Collectors.joining(", "));
    return prefix + kind + " " + c.getName() + (params.isEmpty() ? "" : "<" + params + ">")
        + (supers.isEmpty() ? "" : " : " + supers);
  }

  private static boolean visible(Member m) {
    int mods = m.getModifiers();
    boolean synthetic = m instanceof Executable e ? e.isSynthetic() : ((Field) m).isSynthetic();
    return !synthetic && (Modifier.isPublic(mods) || Modifier.isProtected(mods));
  }

  private static String diff(String expected, String actual) {
    List<String> want = expected.lines().toList();
    List<String> got = actual.lines().toList();
    StringBuilder sb = new StringBuilder();
    want.stream().filter(l -> !got.contains(l)).forEach(l -> sb.append("- ").append(l).append('\n'));
    got.stream().filter(l -> !want.contains(l)).forEach(l -> sb.append("+ ").append(l).append('\n'));
    return sb.toString();
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path p, String text) {
    try {
      Path parent = p.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(p, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
