package io.dstruct.docs

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.io.ByteArrayOutputStream
import java.io.PrintStream

/** Runs the tour as the README's command does, and checks the transcript shows what the guides promise. */
class TourTest : FunSpec({
    test("tour_runsToTheEnd_andShowsTheRedisDictTranscript") {
        val out = ByteArrayOutputStream()
        val saved = System.out
        System.setOut(PrintStream(out, true, Charsets.UTF_8))
        try {
            Tour.main(emptyArray())
        } finally {
            System.setOut(saved)
        }
        val text = out.toString(Charsets.UTF_8)
        print(text)
        text shouldContain "   | >>> 'foo' in dic\n   | False"
        text shouldContain "dic.containsKey(\"foo\")   // false"
        text shouldContain "dic.get(\"foo\")   // 42"
        text shouldContain "[bar:baz, bar:foo]"
        text shouldContain "redis.getBucket(\"bar:foo\", StringCodec.INSTANCE).get()   // int:42"
        text shouldContain "app.size()   // 2"
        text shouldContain "strictApp.size()   // 1"
        text shouldContain "users.get(\"ada\")   // admin"
        text shouldContain "strictApp.put(\"users:bob\", \"guest\")   // throws DsInvalidArgumentException"
        text shouldContain "hits.get(\"page\")   // 8000"
        text shouldContain "x.get(\"a\")   // 100"
        text shouldContain "distinct ids   // 100000"
        text shouldContain "x.append('a')   // 1"
        text shouldContain "x.pop()   // b"
        text shouldContain "x.pop(blocking=True)   // a"
        text shouldContain "distinct jobs taken (each went to exactly one consumer)   // 100"
        text shouldContain "sum of the jobs taken   // 5050"
        text shouldContain "...   break   // 6\n7\n8\n9\n10\n11\n"
        text shouldContain "the next value of the counter is 12"
        text shouldContain "x.put(\"a\", 100L)\nx.toString()   // {a=100}"
        text shouldContain "counter.count(DAY, at)   // 1"
        text shouldContain "   | user.save()\n"
        text shouldContain "   | users = User.loadObjects((1,))\n-- the same with ds (Java):\n"
        text shouldContain "users.get(1L)   // User[id=1, name=John Doe, email=user@domain.com, pwhash=eabc626ec26bc6ae6cb2,"
        text shouldContain "users.find(Query.where(\"name\").eq(\"John Doe\"))   // [User[id=1, name=John Doe,"
        text shouldContain "users.getAll(List.of(1L))   // [User[id=1, name=John Doe,"
        text shouldContain ", {tour-users}:idx:name:John Doe, {tour-users}:meta, {tour-users}:obj:1, {tour-users}:ord:score,"
        text shouldContain "descending().limit(10)) names and scores   // [Jane Roe 140, John Doe 100]"
        text shouldContain "// throws DsUniqueViolationException: unique field 'email' already holds 'user@domain.com' for the object 1"
        text shouldContain "users.getOrInsert(\"email\", new User(\"John D.\", \"user@domain.com\", \"x\", 0)).name()   // John Doe"
        text shouldContain "users.delete(3L)   // true\nusers.delete(3L)   // false\n"
        text shouldContain "ds never scans"
        text shouldContain "throws DsConflictException, storedVersion()   // 2\ntickets.get(t1.id()).note()   // called back"
        text shouldContain "createdAt   // [1060, 1054, 1048]"
        text shouldContain "limit(5)   // [5, 5, 5, 5, 1]"
        text shouldContain "later.get(guest.id())   // null\nlater.purgeExpired()   // 1\n"
        text shouldContain "v2.indexStates()   // {indexed:name=building,"
        text shouldContain "throws DsIndexNotReadyException"
        text shouldContain "v2.reindex()   // 500\n"
        text shouldContain "gets.count()   // 2\ncas.count()   // 1\ngets.totalTime(MICROSECONDS) > 0   // true\n"
        text shouldContain "gauge().value()   // 3.0"
        text shouldContain "v2.verify()   // []"
        text shouldContain "[{id=1, op=insert, version=1}, {id=1, op=update, version=2}, {id=1, op=delete, version=2}]"
        text shouldContain "news.channel()   // {tour-news}:topic"
        text shouldContain "news.publish(\"nobody listens yet\")   // 0"
        text shouldContain "news.publish(\"hello\")   // 1\ninbox.poll(10, TimeUnit.SECONDS)   // hello\n"
        text shouldContain "news.publish(\"too late\")   // 0"
        text shouldContain "inbox.isEmpty()   // true"
        text shouldContain "seen.poll(10, TimeUnit.SECONDS)   // 42"
        text shouldContain "problems.poll(10, TimeUnit.SECONDS)   // DsCodecException: "
        text shouldContain "(key '{tour-prices}:topic')"
        text shouldContain "pubsub() reads)   // list:[1, 2, 3, 4, {\"a\": 2, \"b\": 3}]"
        text shouldContain "   | >>> c.send(\"tata\",v)\n   | >>> c.send(\"tata\",v)\n   | >>> c.send(\"tata\",v)\n"
        text shouldContain "its payload   // list:[1, 2, 3, 4, {\"a\": 2, \"b\": 3}]"
        val envelope = "List.of(d.from(), d.sentAt(), d.payload())   // [toto, t0 + 0 s, [1, 2, 3, 4, {a=2, b=3}]]\n"
        text shouldContain envelope.repeat(3) + "// the loop ended by itself, after 1 s without a message; envelopes.size()   // 3\n"
        text shouldContain "envelopes' ids are what send returned, in order   // true"
        text shouldContain "each d.attempt()   // [1, 1, 1]"
        text shouldContain "falls within the sends and the loop   // true"
        text shouldContain "tata.stats()   // ConnectorStats[inbox=0, leased=0, delayed=0, deadLetters=0, lateReplies=0]"
        text shouldContain "getKeysStreamByPattern(\"{toto}*\").count()   // 0   (a send writes the receiver's keys only)"
        text shouldContain "d.from()   // billing\nd.sentAt()   // 2023-11-14T22:13:20Z\nd.payload()   // {order=42, paid=true}"
        text shouldContain "taken.attempt()   // 1\ncrashing.close()"
        text shouldContain "jobs.receive(Duration.ofSeconds(10)).payload()   // resize photo 42\nagain.attempt()   // 2\n" +
            "again.id().equals(taken.id())   // true"
        text shouldContain "next.attempt()   // 2\nslow.ack()   // throws DsLeaseException, reason() NOT_LEASED"
        text shouldContain "dead.attempts()   // 3\ndead.error()   // SMTP 550 on attempt 3"
        text shouldContain "mail.replay(dead.id())   // true\nmail.receive(Duration.ofSeconds(5)).attempt()   // 1"
        text shouldContain "tally.receive(Duration.ofSeconds(5)).payload()   // 42\ntally.deadLetters().get(0).error()   // the payload does not decode: longs()"
        text shouldContain "mail.receive(Duration.ZERO)   // null\nmail.stats().delayed()   // 1"
        text shouldContain "came no earlier than 500 ms after the send   // true"
        text shouldContain "Duration.ofSeconds(5))   // price of book: 42"
        text shouldContain "Duration.ofMillis(300))   // throws DsTimeoutException"
        text shouldContain "slow.reply(\"price of pen: 3\")   // false\nshop.stats().lateReplies()   // 1"
        // One notation: Python appears only inside the quoted seed sessions, never as a prompt printing a Java value.
        text.lines().filter { it.startsWith(">>>") } shouldBe emptyList()
        text shouldContain "End of the tour."
    }
})
