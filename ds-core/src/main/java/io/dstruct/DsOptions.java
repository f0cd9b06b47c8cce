package io.dstruct;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The settings of one {@link Ds} client that are not Redisson's: where its metrics go.
 *
 * <pre>{@code
 * Ds ds = Ds.connect("redis://127.0.0.1:6379", DsOptions.defaults().withMeterRegistry(registry));
 * }</pre>
 *
 * <p>Metrics are off unless a {@link MeterRegistry} is given; then ds records the meters that
 * docs/observability.md lists. Micrometer ({@code io.micrometer:micrometer-core}) is an optional dependency
 * of ds-core: add it to use {@link #withMeterRegistry}; without it, ds never loads a Micrometer class.
 *
 * <p>Immutable and thread-safe: each {@code with} method returns a new instance.
 */
public final class DsOptions {
  private static final DsOptions DEFAULTS = new DsOptions(null);

  private final @Nullable Object meterRegistry;

  private DsOptions(@Nullable Object meterRegistry) {
    this.meterRegistry = meterRegistry;
  }

  /**
   * Returns the defaults: no metrics.
   *
   * @return the default options, shared
   */
  public static DsOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns these options with ds's meters recorded in {@code registry}.
   *
   * @param registry the registry that receives ds's meters
   * @return the new options
   */
  public DsOptions withMeterRegistry(MeterRegistry registry) {
    return new DsOptions(Objects.requireNonNull(registry, "registry"));
  }

  /**
   * Returns the registry of ds's meters, or null when metrics are off.
   *
   * @return the meter registry, or null
   */
  public @Nullable MeterRegistry meterRegistry() {
    return (MeterRegistry) meterRegistry;
  }

  @Override
  public String toString() {
    return "DsOptions{meterRegistry=" + (meterRegistry == null ? "none" : meterRegistry.getClass().getName()) + "}";
  }
}
