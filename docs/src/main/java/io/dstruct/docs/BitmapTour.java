package io.dstruct.docs;

import io.dstruct.BitmapCounter;
import io.dstruct.BitmapCounterOptions;
import io.dstruct.Ds;
import io.dstruct.DsInvalidArgumentException;
import io.dstruct.DsWrongTypeException;
import io.dstruct.IdMapper;
import io.dstruct.Resolution;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.TreeSet;
import org.redisson.client.codec.StringCodec;

/** The tour chapter of BitmapCounter and IdMapper. */
final class BitmapTour {
  private BitmapTour() {}

  static void bitmapCounter(Ds ds) {
    Tour.chapter("BitmapCounter: unique ids per time slot (Kickass-Redis bitmap_counter)");
    for (String name : List.of("tour-unique-users", "tour-visits", "tour-clicks", "tour-logins")) {
      ds.redisson().getKeys().deleteByPattern("{" + name + "}:*");
    }
    // tag::bitmap-basics[]
    BitmapCounter counter = ds.bitmapCounter("tour-unique-users", Resolution.DAY);   // a daily counter
    Instant at = Instant.now();                           // one instant, so all three calls see one day
    counter.add(3, at);                                   // user 3 was seen: bit 3 of that day's bitmap
    long today = counter.count(Resolution.DAY, at);       // 1: BITCOUNT of that day's bitmap
    boolean seen = counter.contains(3, Resolution.DAY, at);   // true: GETBIT
    // end::bitmap-basics[]
    Tour.did("counter.add(3, at)");
    Tour.step("counter.count(DAY, at)", today);
    Tour.step("counter.contains(3, DAY, at)", seen);
    Tour.step("redis> KEYS {tour-unique-users}:*", keys(ds, "tour-unique-users"));

    // tag::bitmap-options[]
    BitmapCounter visits = ds.bitmapCounter("tour-visits",
        BitmapCounterOptions.of(Resolution.HOUR, Resolution.DAY, Resolution.WEEK, Resolution.MONTH)
            .withZone(ZoneId.of("America/New_York"))          // slots follow New York's calendar
            .withFirstDayOfWeek(DayOfWeek.SUNDAY)             // weeks start on Sunday
            .withRetention(Resolution.HOUR, Duration.ofDays(2))
            .withRetention(Resolution.DAY, Duration.ofDays(90)));
    // end::bitmap-options[]
    ZonedDateTime newYork = ZonedDateTime.now(ZoneId.of("America/New_York"));
    Instant now = newYork.toInstant();
    Instant yesterday = newYork.minusDays(1).toInstant();
    Instant twoDaysAgo = newYork.minusDays(2).toInstant();
    // tag::bitmap-add[]
    visits.add(3, twoDaysAgo);                                  // one script: hour, day, week and month
    visits.addAll(new long[] {3, 4, 5}, yesterday);             // one script for the whole batch
    visits.addAll(new long[] {3, 5, 6, 7}, now);
    // end::bitmap-add[]
    Tour.did("visits.add(3, twoDaysAgo); visits.addAll([3, 4, 5], yesterday); visits.addAll([3, 5, 6, 7], now)");
    Tour.step("visits.slot(DAY, now)", visits.slot(Resolution.DAY, now));
    Tour.step("visits.slot(HOUR, now).redisKey()", visits.slot(Resolution.HOUR, now).redisKey());
    String dayKey = visits.slot(Resolution.DAY, now).redisKey();
    long pttl = ds.redisson().getBucket(dayKey).remainTimeToLive();
    Tour.step("redis> PTTL " + dayKey + "   (the day's end + 90 days)", "about " + Math.round(pttl / 86_400_000.0) + " days");
    // tag::bitmap-ranges[]
    long unique = visits.countUnion(Resolution.DAY, twoDaysAgo, now);         // 5: BITOP OR, BITCOUNT, DEL
    long everyDay = visits.countIntersection(Resolution.DAY, twoDaysAgo, now); // 1: BITOP AND (user 3)
    List<Long> row = visits.cohort(Resolution.DAY, twoDaysAgo, 3);            // [1, 1, 1]: user 3 came back
    // end::bitmap-ranges[]
    Tour.step("visits.countUnion(DAY, twoDaysAgo, now)", unique);
    Tour.step("visits.countIntersection(DAY, twoDaysAgo, now)", everyDay);
    Tour.step("visits.cohort(DAY, twoDaysAgo, 3)", row);
    Tour.step("visits.cohort(DAY, yesterday, 2)", visits.cohort(Resolution.DAY, yesterday, 2));

    // tag::bitmap-rollup[]
    BitmapCounter clicks = ds.bitmapCounter("tour-clicks", Resolution.HOUR);    // writers keep hours only
    Instant nine = LocalDate.now(ZoneOffset.UTC).atTime(9, 0).toInstant(ZoneOffset.UTC);
    clicks.addAll(new long[] {1, 2}, nine);
    clicks.addAll(new long[] {2, 3}, nine.plus(Duration.ofHours(1)));
    BitmapCounter nightly = ds.bitmapCounter("tour-clicks", Resolution.HOUR, Resolution.DAY);  // the rollup job
    long day = nightly.rollup(Resolution.HOUR, Resolution.DAY, nine);         // 3: BITOP OR of the day's hours
    // end::bitmap-rollup[]
    Tour.step("nightly.rollup(HOUR, DAY, today)", day);

    // tag::bitmap-idmapper[]
    BitmapCounter logins = ds.bitmapCounter("tour-logins", Resolution.DAY);
    IdMapper users = logins.idMapper();                     // dense numbers for string ids
    long ada = users.idOf("ada@example.com");               // 0: the first string seen
    long[] ids = users.idsOf(List.of("bob@example.com", "ada@example.com"));   // [1, 0]: one script
    logins.addAll(ids);
    String who = users.stringOf(1);                         // bob@example.com
    // end::bitmap-idmapper[]
    Tour.step("users.idOf('ada@example.com')", ada);
    Tour.step("users.idsOf(['bob@example.com', 'ada@example.com'])", java.util.Arrays.toString(ids));
    Tour.step("users.stringOf(1)", who);
    Tour.step("logins.count(DAY)", logins.count(Resolution.DAY));
    Tour.step("redis> KEYS {tour-logins}:*", keys(ds, "tour-logins"));

    try {
      visits.add(-1);
    } catch (DsInvalidArgumentException e) {
      Tour.step("visits.add(-1)", e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    ds.redisson().getMap("{tour-unique-users}:bitmap:day:2000-01-01", StringCodec.INSTANCE).put("f", "v");
    try {
      counter.count(Resolution.DAY, Instant.parse("2000-01-01T12:00:00Z"));
    } catch (DsWrongTypeException e) {
      Tour.step("counter.count(DAY, 2000-01-01) where that slot's key is a hash",
          e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    for (String name : List.of("tour-unique-users", "tour-visits", "tour-clicks", "tour-logins")) {
      ds.redisson().getKeys().deleteByPattern("{" + name + "}:*");
    }
  }

  private static TreeSet<String> keys(Ds ds, String name) {
    TreeSet<String> keys = new TreeSet<>();
    ds.redisson().getKeys().getKeysByPattern("{" + name + "}:*").forEach(keys::add);
    return keys;
  }
}
