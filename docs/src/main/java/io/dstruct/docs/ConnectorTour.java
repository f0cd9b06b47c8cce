package io.dstruct.docs;

import static io.dstruct.docs.Tour.chapter;
import static io.dstruct.docs.Tour.did;
import static io.dstruct.docs.Tour.step;

import io.dstruct.Codecs;
import io.dstruct.Connector;
import io.dstruct.ConnectorOptions;
import io.dstruct.DeadLetter;
import io.dstruct.Delivery;
import io.dstruct.Ds;
import io.dstruct.DsLeaseException;
import io.dstruct.DsTimeoutException;
import io.dstruct.SendOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.redisson.api.RStream;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.api.stream.StreamCreateGroupArgs;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.api.stream.StreamRangeArgs;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;

/**
 * The tour's chapters on Connector: desir's send and receive between named clients, then what makes it
 * reliable: a receiver that crashes, a lease that runs out, dead letters, a payload that does not decode, a
 * delayed send, and request and reply.
 *
 * <p>{@link Tour#main} runs them; each connector's keys are deleted first and last, so a rerun against the same
 * Redis prints the same transcript. The times of the envelopes (the Redis server's clock) are printed as seconds
 * after the first one, the only part that would differ from one run to the next.
 */
final class ConnectorTour {
  private ConnectorTour() {}

  private static final List<String> NAMES = List.of("toto", "tata", "tour-web", "tour-jobs", "tour-mail",
      "tour-tally", "tour-meter", "tour-shop", "tour-pricing");

  static void connector(Ds ds, String uri) throws InterruptedException {
    NAMES.forEach(name -> ds.connector(name).delete());
    desir(ds);
    python(ds);
    crash(ds, uri);
    deadLetters(ds);
    delayed(ds);
    requestReply(ds);
    NAMES.forEach(name -> ds.connector(name).delete());
  }

  private static void desir(Ds ds) {
    chapter("Connector: message passing between named services (desir's Connector)");
    Tour.python("desir",
        "On client \"toto\" you do this:",
        ">>> import desir",
        ">>> n=desir.Redis()",
        ">>> c=n.Connector(\"toto\",timeout=5)",
        "On client \"tata\" you do the same:",
        ">>> import desir",
        ">>> n=desir.Redis()",
        ">>> d=n.Connector(\"tata\",timeout=5)",
        ">>> v=[1,2,3,4,dict(a=2,b=3)]",
        ">>> c.send(\"tata\",v)",
        ">>> c.send(\"tata\",v)",
        ">>> c.send(\"tata\",v)",
        "Now let\u00b4s go back to client \"tata\" and see the result:",
        ">>> for v in d:",
        "...  print v",
        "... ",
        "['toto', 1288551730.8449249, [1, 2, 3, 4, {'a': 2, 'b': 3}]]",
        "['toto', 1288551730.8463399, [1, 2, 3, 4, {'a': 2, 'b': 3}]]",
        "['toto', 1288551730.8468609, [1, 2, 3, 4, {'a': 2, 'b': 3}]]",
        ">>> ");
    Instant before = Instant.now();
    // tag::connector-desir[]
    Connector<Object> toto = ds.connector("toto");   // typed() codec: the format Python services read and write
    Connector<Object> tata = ds.connector("tata");
    Object v = List.of(1L, 2L, 3L, 4L, Map.of("a", 2L, "b", 3L));
    String first = toto.send("tata", v);              // the message id; only tata's keys are written
    String second = toto.send("tata", v);
    String third = toto.send("tata", v);
    // end::connector-desir[]
    Map<String, String> wire = ds.redisson().<String, String>getStream("{tata}:connector:inbox", StringCodec.INSTANCE)
        .range(StreamRangeArgs.startId(StreamMessageId.MIN).endId(StreamMessageId.MAX).count(1))
        .values().iterator().next();
    // tag::connector-iterate[]
    List<Delivery<Object>> envelopes = new ArrayList<>();
    for (Delivery<Object> d : tata.iterate(Duration.ofSeconds(1))) {   // ends after 1 s without a message
      envelopes.add(d);                                               // d.from(), d.sentAt(), d.payload()
      d.ack();                                                        // done: never delivered again
    }
    // end::connector-iterate[]
    Instant after = Instant.now();
    did("Connector<Object> toto = ds.connector(\"toto\")");
    did("Connector<Object> tata = ds.connector(\"tata\")");
    did("Object v = List.of(1L, 2L, 3L, 4L, Map.of(\"a\", 2L, \"b\", 3L))");
    did("toto.send(\"tata\", v)   // three times");
    step("the inbox entry's fields, as redis-cli XRANGE shows them", wire.keySet());
    step("its payload", wire.get("payload"));
    did("for (Delivery<Object> d : tata.iterate(Duration.ofSeconds(1))) { envelopes.add(d); d.ack(); }");
    Instant t0 = envelopes.get(0).sentAt();
    did("// t0 = envelopes.get(0).sentAt(): the Redis server's time of the first send, an Instant");
    for (Delivery<Object> d : envelopes) {
      step("List.of(d.from(), d.sentAt(), d.payload())",
          List.of(d.from(), "t0 + " + Duration.between(t0, d.sentAt()).toSeconds() + " s", d.payload()));
    }
    step("// the loop ended by itself, after 1 s without a message; envelopes.size()", envelopes.size());
    step("envelopes' ids are what send returned, in order",
        envelopes.stream().map(Delivery::id).toList().equals(List.of(first, second, third)));
    step("each d.attempt()", envelopes.stream().map(Delivery::attempt).toList());
    step("every d.sentAt() (the Redis server's clock) falls within the sends and the loop",
        envelopes.stream().allMatch(d -> !d.sentAt().isBefore(before.minusSeconds(1))
            && !d.sentAt().isAfter(after.plusSeconds(1))));
    step("tata.stats()", tata.stats());
    step("ds.redisson().getKeys().getKeysStreamByPattern(\"{toto}*\").count()",
        ds.redisson().getKeys().getKeysStreamByPattern("{toto}*").count() + "   (a send writes the receiver's keys only)");
  }

  /** What a Python service sends: the envelope written by hand, as redis-py's xadd would write it. */
  private static void python(Ds ds) throws InterruptedException {
    chapter("Connector: a message from a Python service (the envelope on the wire)");
    // tag::connector-python[]
    RStream<String, String> inbox = ds.redisson().getStream("{tata}:connector:inbox", StringCodec.INSTANCE);
    try {
      inbox.createGroup(StreamCreateGroupArgs.name("ds").id(StreamMessageId.ALL).makeStream());   // XGROUP CREATE
    } catch (RedisException e) {
      if (!String.valueOf(e.getMessage()).contains("BUSYGROUP")) {   // the group exists: fine
        throw e;
      }
    }
    Map<String, String> envelope = new LinkedHashMap<>();
    envelope.put("id", "0123456789abcdef01234567");          // any id unique to the message
    envelope.put("from", "billing");                          // the sender's connector name
    envelope.put("sentAt", "1700000000000");                  // Unix ms
    envelope.put("attempt", "0");
    envelope.put("payload", "dict:{\"order\": 42, \"paid\": true}");   // the typed() codec's form
    inbox.add(StreamAddArgs.entries(envelope));               // XADD {tata}:connector:inbox * id ... payload ...
    // end::connector-python[]
    did("XGROUP CREATE {tata}:connector:inbox ds 0 MKSTREAM   // BUSYGROUP: it exists already");
    did("XADD {tata}:connector:inbox * id 0123456789abcdef01234567 from billing sentAt 1700000000000 attempt 0 "
        + "payload 'dict:{\"order\": 42, \"paid\": true}'");
    Connector<Object> tata = ds.connector("tata");
    Delivery<Object> d = receive(tata);
    step("d.id()", d.id());
    step("d.from()", d.from());
    step("d.sentAt()", d.sentAt());
    step("d.payload()", d.payload());
    d.ack();
  }

  private static void crash(Ds ds, String uri) throws InterruptedException {
    chapter("Connector: a receiver crashes, and another gets the message (at-least-once)");
    Connector<String> web = ds.connector("tour-web", Codecs.string());
    // tag::connector-crash[]
    ConnectorOptions quick = ConnectorOptions.defaults().withVisibilityTimeout(Duration.ofSeconds(1));
    String id = web.send("tour-jobs", "resize photo 42");
    Delivery<String> taken;
    try (Ds crashing = Ds.connect(uri)) {                               // another process, in effect
      taken = crashing.connector("tour-jobs", Codecs.string(), quick).receive(Duration.ofSeconds(5));
      // it dies here: no ack, and its connections are gone
    }
    Connector<String> jobs = ds.connector("tour-jobs", Codecs.string(), quick);
    Delivery<String> again = jobs.receive(Duration.ofSeconds(10));     // once the 1 s lease has run out
    again.ack();
    // end::connector-crash[]
    did("Connector<String> web = ds.connector(\"tour-web\", Codecs.string())");
    did("ConnectorOptions quick = ConnectorOptions.defaults().withVisibilityTimeout(Duration.ofSeconds(1))");
    did("web.send(\"tour-jobs\", \"resize photo 42\")");
    did("// a second Ds (another process, in effect) receives as tour-jobs:");
    step("taken.payload()", nonNull(taken).payload());
    step("taken.attempt()", taken.attempt());
    did("crashing.close()   // no ack: it crashed while it held the lease");
    did("Connector<String> jobs = ds.connector(\"tour-jobs\", Codecs.string(), quick)");
    step("jobs.receive(Duration.ofSeconds(10)).payload()", nonNull(again).payload());
    step("again.attempt()", again.attempt());
    step("again.id().equals(taken.id())", again.id().equals(taken.id()) && again.id().equals(id));
    did("again.ack()");
    step("jobs.stats()", jobs.stats());

    // tag::connector-stale[]
    web.send("tour-jobs", "resize photo 43");
    Delivery<String> slow = jobs.receive(Duration.ofSeconds(5));       // attempt 1, then it hangs for too long
    Delivery<String> next = jobs.receive(Duration.ofSeconds(10));      // its lease ran out: attempt 2, here
    String refused;
    try {
      slow.ack();                                                      // too late: another delivery holds the lease
      refused = "acked";
    } catch (DsLeaseException e) {
      refused = "throws DsLeaseException, reason() " + e.reason();     // NOT_LEASED; nothing written
    }
    next.ack();
    // end::connector-stale[]
    did("web.send(\"tour-jobs\", \"resize photo 43\")");
    step("slow = jobs.receive(Duration.ofSeconds(5)); slow.attempt()", slow.attempt());
    did("// slow hangs for longer than the visibility timeout");
    step("next = jobs.receive(Duration.ofSeconds(10)); next.attempt()", next.attempt());
    step("slow.ack()", refused);
    did("next.ack()");
    step("jobs.stats()", jobs.stats());
  }

  private static void deadLetters(Ds ds) throws InterruptedException {
    chapter("Connector: dead letters, poison payloads and replay");
    Connector<String> web = ds.connector("tour-web", Codecs.string());
    // tag::connector-dead[]
    ConnectorOptions three = ConnectorOptions.defaults().withMaxAttempts(3);
    Connector<String> mail = ds.connector("tour-mail", Codecs.string(), three);
    web.send("tour-mail", "to: nobody@example.invalid");
    for (Delivery<String> d : mail.iterate(Duration.ofMillis(200))) {
      d.nack(Duration.ZERO, "SMTP 550 on attempt " + d.attempt());   // give it back; each failure counts
    }
    DeadLetter<String> dead = mail.deadLetters().get(0);              // after 3 attempts, with the last error
    boolean replayed = mail.replay(dead.id());                        // back in the inbox, from attempt 1
    // end::connector-dead[]
    did("ConnectorOptions three = ConnectorOptions.defaults().withMaxAttempts(3)");
    did("web.send(\"tour-mail\", \"to: nobody@example.invalid\")");
    did("for (Delivery<String> d : mail.iterate(Duration.ofMillis(200))) { d.nack(Duration.ZERO, \"SMTP 550 on attempt \" + d.attempt()); }");
    step("dead.payload()", dead.payload());
    step("dead.attempts()", dead.attempts());
    step("dead.error()", dead.error());
    step("dead.from()", dead.from());
    step("mail.replay(dead.id())", replayed);
    Delivery<String> back = receive(mail);
    step("mail.receive(Duration.ofSeconds(5)).attempt()", back.attempt());
    step("back.lastError()", back.lastError());
    back.ack();
    step("mail.stats()", mail.stats());

    // tag::connector-poison[]
    Connector<Long> tally = ds.connector("tour-tally", Codecs.longs());
    web.send("tour-tally", "forty-two");                               // a string where a Long is expected
    ds.connector("tour-meter", Codecs.longs()).send("tour-tally", 42L);
    Delivery<Long> fine = tally.receive(Duration.ofSeconds(5));        // 42: the poison did not block it
    fine.ack();
    // end::connector-poison[]
    DeadLetter<Long> poison = firstDeadLetter(tally);
    did("web.send(\"tour-tally\", \"forty-two\")");
    did("ds.connector(\"tour-meter\", Codecs.longs()).send(\"tour-tally\", 42L)");
    step("tally.receive(Duration.ofSeconds(5)).payload()", fine.payload());
    step("tally.deadLetters().get(0).error()", poison.error());
    step("its attempts()", poison.attempts());
    step("new String(its rawPayload(), UTF_8)", new String(poison.rawPayload(), java.nio.charset.StandardCharsets.UTF_8));
  }

  private static void delayed(Ds ds) throws InterruptedException {
    chapter("Connector: delayed send");
    Connector<String> web = ds.connector("tour-web", Codecs.string());
    Connector<String> mail = ds.connector("tour-mail", Codecs.string());
    // tag::connector-delayed[]
    long start = System.nanoTime();
    web.send("tour-mail", "your cart is waiting", SendOptions.delay(Duration.ofMillis(500)));
    Delivery<String> early = mail.receive(Duration.ZERO);             // null: not due yet
    long waiting = mail.stats().delayed();                            // 1
    Delivery<String> due = mail.receive(Duration.ofSeconds(5));       // no earlier than 0.5 s after the send
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    due.ack();
    // end::connector-delayed[]
    did("web.send(\"tour-mail\", \"your cart is waiting\", SendOptions.delay(Duration.ofMillis(500)))");
    step("mail.receive(Duration.ZERO)", early);
    step("mail.stats().delayed()", waiting);
    step("mail.receive(Duration.ofSeconds(5)).payload()", due.payload());
    step("came no earlier than 500 ms after the send", elapsedMs >= 500);
  }

  private static void requestReply(Ds ds) throws InterruptedException {
    chapter("Connector: request and reply");
    // tag::connector-request[]
    Connector<Object> shop = ds.connector("tour-shop");
    Connector<Object> pricing = ds.connector("tour-pricing");
    Thread service = new Thread(() -> {
      for (Delivery<Object> d : pricing.iterate(Duration.ofSeconds(1))) {
        d.reply("price of " + d.payload() + ": 42");   // into the requester's own mailbox for this request
        d.ack();
      }
    });
    service.start();
    Object price = shop.request("tour-pricing", "book", Duration.ofSeconds(5));   // price of book: 42
    service.join();
    // end::connector-request[]
    did("// a pricing service: for (Delivery<Object> d : pricing.iterate(Duration.ofSeconds(1))) { d.reply(...); d.ack(); }");
    step("shop.request(\"tour-pricing\", \"book\", Duration.ofSeconds(5))", price);

    // tag::connector-late[]
    String timedOut;
    try {
      shop.request("tour-pricing", "pen", Duration.ofMillis(300));      // nobody answers in time
      timedOut = "a reply";
    } catch (DsTimeoutException e) {
      timedOut = "throws DsTimeoutException";
    }
    Delivery<Object> slow = pricing.receive(Duration.ofSeconds(5));     // the request, still in the inbox
    boolean waited = slow.reply("price of pen: 3");                     // false: the requester stopped waiting
    slow.ack();
    long late = shop.stats().lateReplies();                             // 1: counted, and dropped
    // end::connector-late[]
    step("shop.request(\"tour-pricing\", \"pen\", Duration.ofMillis(300))", timedOut);
    step("pricing.receive(Duration.ofSeconds(5)).payload()", slow.payload());
    step("slow.reply(\"price of pen: 3\")", waited);
    step("shop.stats().lateReplies()", late);
  }

  /**
   * Returns the connector's oldest dead letter, waiting up to 5 s for one: a receive dead-letters the poison
   * entries it skips on its way, so the dead letter can land a moment after that receive returned.
   */
  private static <T> DeadLetter<T> firstDeadLetter(Connector<T> c) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    List<DeadLetter<T>> dead = c.deadLetters();
    while (dead.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
      dead = c.deadLetters();
    }
    if (dead.isEmpty()) {
      throw new IllegalStateException("the tour expected a dead letter of " + c.name() + ", and none came");
    }
    return dead.get(0);
  }

    private static <T> Delivery<T> receive(Connector<T> c) throws InterruptedException {
    return nonNull(c.receive(Duration.ofSeconds(5)));
  }

  private static <T> T nonNull(@Nullable T value) {
    if (value == null) {
      throw new IllegalStateException("the tour expected a message, and none came");
    }
    return value;
  }
}
