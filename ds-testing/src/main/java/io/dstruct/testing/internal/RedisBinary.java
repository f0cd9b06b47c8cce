package io.dstruct.testing.internal;

import java.io.File;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import redis.embedded.core.ExecutableProvider;

/**
 * The redis-server executable that ships inside the embedded-redis jar, copied to a temporary file once per JVM.
 *
 * <p>Without this, every server built would copy the 10 MB binary again. The copy is deleted when the JVM exits.
 * Thread-safe. Not public API.
 */
public final class RedisBinary {

  private static @Nullable File file;

  private RedisBinary() {}

  /**
   * Returns the executable, copying it out of the jar on first use.
   *
   * @return an executable redis-server for this operating system and architecture
   * @throws IOException if the jar has no binary for this platform or it cannot be copied
   */
  public static synchronized File file() throws IOException {
    File current = file;
    if (current == null || !current.canExecute()) {
      current = ExecutableProvider.newJarResourceProvider().get();
      file = current;
    }
    return current;
  }
}
