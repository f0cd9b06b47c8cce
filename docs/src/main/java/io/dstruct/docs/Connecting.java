package io.dstruct.docs;

import io.dstruct.Dict;
import io.dstruct.Ds;
import io.dstruct.DsConnectionException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.redisson.config.EqualJitterDelay;
import org.redisson.config.ReadMode;

/**
 * The code of docs/connecting.md: each way to connect a {@link Ds}, compiled so the guide cannot rot.
 *
 * <p>The tour does not run these methods: they name servers that the tour does not have.
 */
final class Connecting {
  private Connecting() {}

  static void url() {
    // tag::connect-url[]
    try (Ds ds = Ds.connect("redis://app:s3cret@10.0.0.5:6379/3")) {   // user, password, database 3
      ds.dict("sessions").put("ada", "token-1");
    } catch (DsConnectionException e) {
      // "cannot connect to Redis at redis://app:***@10.0.0.5:6379/3: ..."; e.getCause() is Redisson's exception
    }
    // end::connect-url[]
  }

  static Ds single() {
    // tag::connect-single[]
    Config config = new Config();
    config.setPassword("s3cret");
    config.useSingleServer()
        .setAddress("redis://10.0.0.5:6379")
        .setDatabase(3)
        .setConnectionPoolSize(64)          // connections for commands (default 64)
        .setConnectionMinimumIdleSize(8)    // opened at start (default 24)
        .setConnectTimeout(5_000)           // ms to open a connection (default 10,000)
        .setTimeout(2_000)                  // ms to wait for a reply (default 3,000)
        .setRetryAttempts(3)                // resends of reads and of Redisson's own calls; never of ds writes
        .setRetryDelay(new EqualJitterDelay(Duration.ofMillis(100), Duration.ofSeconds(2)));
    Ds ds = Ds.connect(config);
    // end::connect-single[]
    return ds;
  }

  static Ds cluster() {
    // tag::connect-cluster[]
    Config config = new Config();
    config.useClusterServers()
        .addNodeAddress("redis://10.0.0.1:7000", "redis://10.0.0.2:7000", "redis://10.0.0.3:7000")
        .setScanInterval(2_000)             // ms between topology checks (default 5,000)
        .setReadMode(ReadMode.MASTER);      // read from masters: a read sees every write before it
    Ds ds = Ds.connect(config);
    // end::connect-cluster[]
    return ds;
  }

  static Ds sentinel() {
    // tag::connect-sentinel[]
    Config config = new Config();
    config.useSentinelServers()
        .setMasterName("mymaster")
        .addSentinelAddress("redis://10.0.0.1:26379", "redis://10.0.0.2:26379", "redis://10.0.0.3:26379")
        .setDatabase(0)
        .setReadMode(ReadMode.MASTER);
    Ds ds = Ds.connect(config);
    // end::connect-sentinel[]
    return ds;
  }

  static Ds tls() throws MalformedURLException {
    // tag::connect-tls[]
    Config config = new Config();
    config.setSslTruststore(URI.create("file:///etc/ds/truststore.p12").toURL());
    config.setSslTruststorePassword("changeit");
    config.useSingleServer().setAddress("rediss://redis.example.com:6380");   // rediss: TLS
    Ds ds = Ds.connect(config);
    // end::connect-tls[]
    return ds;
  }

  static void closing(String url) {
    // tag::connect-close[]
    try (Ds ds = Ds.connect(url)) {
      ds.dict("bar").put("foo", 42L);
    }                                   // close(): shuts down the Redisson client that connect created
    // end::connect-close[]
  }

  static void wrap() {
    // tag::connect-wrap[]
    RedissonClient redisson = Redisson.create(new Config());   // a client your application already has
    Ds ds = Ds.wrap(redisson);                                  // ds uses it; ds.close() leaves it open
    Dict<Object> dic = ds.dict("bar");
    RedissonClient same = ds.redisson();                        // the client under any Ds, for what ds lacks
    same.getTopic("events").publish("bar changed");
    ds.close();
    redisson.shutdown();                                        // yours to close
    // end::connect-wrap[]
  }
}
