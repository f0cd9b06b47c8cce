package io.dstruct.docs;

import static io.dstruct.docs.Tour.chapter;
import static io.dstruct.docs.Tour.did;
import static io.dstruct.docs.Tour.step;

import io.dstruct.Codecs;
import io.dstruct.Ds;
import io.dstruct.Subscription;
import io.dstruct.Topic;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RTopic;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.codec.StringCodec;

/**
 * The tour's chapter on Topic: fire-and-forget broadcast on Redis pub/sub, as redis-py's {@code publish} and
 * {@code pubsub()} have it.
 *
 * <p>{@link Tour#main} runs it. A topic keeps nothing in Redis, so a rerun prints the same transcript.
 */
final class TopicTour {
  private TopicTour() {}

  static void topic(Ds ds) throws InterruptedException {
    chapter("Topic: broadcast on Redis pub/sub, fire and forget");
    // tag::topic-basics[]
    Topic<String> news = ds.topic("tour-news", Codecs.string());   // the Redis channel {tour-news}:topic
    long nobody = news.publish("nobody listens yet");              // 0: no subscriber, so the message is gone
    BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
    Subscription subscription = news.subscribe(inbox::add);        // returns once Redis confirmed SUBSCRIBE
    long receivers = news.publish("hello");                        // 1: the connections that got it
    String got = inbox.poll(10, TimeUnit.SECONDS);                 // hello, on Redisson's listener thread
    subscription.close();                                          // unsubscribes
    long after = news.publish("too late");                         // 0 again
    // end::topic-basics[]
    did("Topic<String> news = ds.topic(\"tour-news\", Codecs.string())");
    step("news.channel()", news.channel());
    step("news.publish(\"nobody listens yet\")", nobody + "   (no subscriber: nobody will ever see it)");
    did("Subscription subscription = news.subscribe(inbox::add)");
    step("news.publish(\"hello\")", receivers);
    step("inbox.poll(10, TimeUnit.SECONDS)", got);
    did("subscription.close()");
    step("news.publish(\"too late\")", after);
    step("inbox.isEmpty()", inbox.isEmpty() + "   (the first and the last message reached no one: Redis keeps nothing)");

    // tag::topic-errors[]
    Topic<Long> prices = ds.topic("tour-prices", Codecs.longs());
    BlockingQueue<Long> seen = new LinkedBlockingQueue<>();
    BlockingQueue<Throwable> problems = new LinkedBlockingQueue<>();
    Subscription watching = prices.subscribe(seen::add, problems::add); // onError: decoding and listener failures
    ds.redisson().getTopic(prices.channel(), StringCodec.INSTANCE).publish("not a number"); // another writer
    prices.publish(42L);
    Long price = seen.poll(10, TimeUnit.SECONDS);               // 42: the subscription went on
    Throwable problem = problems.poll(10, TimeUnit.SECONDS);    // a DsCodecException naming the channel
    watching.close();
    // end::topic-errors[]
    did("ds.redisson().getTopic(prices.channel(), StringCodec.INSTANCE).publish(\"not a number\")");
    did("prices.publish(42L)");
    step("seen.poll(10, TimeUnit.SECONDS)", price);
    step("problems.poll(10, TimeUnit.SECONDS)", problem == null ? null
        : problem.getClass().getSimpleName() + ": " + problem.getMessage());

    // What a Python process subscribed to the channel reads: the typed() codec is redis-dict's format.
    Topic<Object> events = ds.topic("tour-events");
    BlockingQueue<String> wire = new LinkedBlockingQueue<>();
    RTopic raw = ds.redisson().getTopic(events.channel(), ByteArrayCodec.INSTANCE);
    int rawId = raw.addListener(byte[].class, (channel, bytes) -> wire.add(new String(bytes, StandardCharsets.UTF_8)));
    events.publish(List.of(1L, 2L, 3L, 4L, Map.of("a", 2L, "b", 3L)));
    did("ds.topic(\"tour-events\").publish(List.of(1L, 2L, 3L, 4L, Map.of(\"a\", 2L, \"b\", 3L)))");
    step("a raw subscriber of {tour-events}:topic (what redis-py's pubsub() reads)", wire.poll(10, TimeUnit.SECONDS));
    raw.removeListener(rawId);
  }
}
