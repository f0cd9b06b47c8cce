package io.dstruct.internal

import io.dstruct.Codecs
import io.dstruct.Ds
import io.dstruct.testing.EmbeddedRedis
import io.dstruct.testing.TestRedis
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import java.io.BufferedInputStream
import java.io.InputStream
import java.net.Socket
import java.net.URI

/**
 * The de-duplication of SCAN walks, against a real SCAN that returns keys twice: a walk whose table shrinks under its
 * cursor (Redis resizes a table that is less than 10% full) repeats the keys of the bucket it is in.
 */
class DistinctTest : FunSpec({
    test("distinct_returnsEachKeyOnce_ofARealScanThatRepeatsKeys") {
        EmbeddedRedis.start().use { server ->
            Resp(server.uri()).use { redis ->
                val n = 300
                val fill = "for i = 1, tonumber(ARGV[2]) do redis.call('SET', ARGV[1] .. i, 'x') end return 1"
                val drop = "for i = 1, tonumber(ARGV[2]) do redis.call('DEL', ARGV[1] .. i) end return 1"
                redis.call("EVAL", fill, "0", "d:", n.toString())
                val raw = mutableListOf<String>()
                var cursor = "0"
                var cycles = 0
                do {
                    // Grow the table with other keys, walk a step, shrink it back, walk one bucket: the shrink makes
                    // the cursor land in a bucket that holds keys the walk already returned.
                    redis.call("EVAL", fill, "0", "f:", "5000")
                    redis.awaitTable { it >= 8192 }
                    cursor = redis.scan(cursor, 100, raw)
                    redis.call("EVAL", drop, "0", "f:", "5000")
                    redis.awaitTable { it <= 512 }
                    if (cursor != "0") cursor = redis.scan(cursor, 1, raw)
                    cycles++
                } while (cursor != "0" && cycles < 1_000)

                println("SCAN returned ${raw.size} keys for $n distinct ones, in $cycles grow-and-shrink cycles")
                val all = (1..n).map { "d:$it" }.toSet()
                raw.toSet() shouldBe all
                (raw.size - all.size) shouldBeGreaterThan 0     // the real SCAN returned keys twice
                val distinct = Distinct.of(raw.iterator()).asSequence().toList()
                distinct.size shouldBe n
                distinct.toSet() shouldBe all
            }
        }
    }

    test("dictSizeAndKeys_countEachKeyOnce_andHashDictFieldsOnce") {
        Ds.connect(TestRedis.uri()).use { ds ->
            val d = ds.dict(TestRedis.namespace("distinct"), Codecs.longs())
            d.putAll((0 until 1_200).associate { "k$it" to it.toLong() })
            d.size shouldBe 1_200
            d.keys.toList().size shouldBe 1_200
            d.entries.toList().size shouldBe 1_200
            val h = ds.hashDict(TestRedis.namespace("distinct"), Codecs.longs())
            h.putAll((0 until 1_000).associate { "f$it" to it.toLong() })
            h.keys.toList().size shouldBe 1_000
            h.entries.toList().size shouldBe 1_000
        }
    }
})

/** A minimal RESP client: this test must drive SCAN one call at a time and read DEBUG HTSTATS. */
private class Resp(uri: String) : AutoCloseable {
    private val socket = URI(uri).let { Socket(it.host, it.port) }
    private val input: InputStream = BufferedInputStream(socket.getInputStream())

    fun call(vararg args: String): Any? {
        val b = StringBuilder("*${args.size}\r\n")
        for (a in args) b.append("$").append(a.toByteArray().size).append("\r\n").append(a).append("\r\n")
        socket.getOutputStream().apply { write(b.toString().toByteArray()); flush() }
        return read()
    }

    /** One SCAN call from [cursor]; adds its keys to [into] and returns the next cursor. */
    fun scan(cursor: String, count: Int, into: MutableList<String>): String {
        @Suppress("UNCHECKED_CAST")
        val reply = call("SCAN", cursor, "MATCH", "d:*", "COUNT", count.toString()) as List<Any?>
        @Suppress("UNCHECKED_CAST")
        into += reply[1] as List<String>
        return reply[0] as String
    }

    /** Waits until the main table of database 0 is not rehashing and its size satisfies [ok]. */
    fun awaitTable(ok: (Int) -> Boolean) {
        repeat(2_000) {
            val stats = call("DEBUG", "HTSTATS", "0") as String
            val main = stats.substringBefore("[Expires HT]")
            val size = Regex("""table size: (\d+)""").find(main)!!.groupValues[1].toInt()
            if (ok(size) && !main.contains("rehashing target")) return
            Thread.sleep(10)
        }
        error("the table did not resize")
    }

    private fun line(): String {
        val b = StringBuilder()
        while (true) {
            val c = input.read()
            if (c == '\r'.code) {
                input.read()
                return b.toString()
            }
            b.append(c.toChar())
        }
    }

    private fun read(): Any? {
        val l = line()
        return when (l[0]) {
            '+' -> l.substring(1)
            ':' -> l.substring(1).toLong()
            '-' -> error(l)
            '$' -> l.substring(1).toInt().let { len ->
                if (len < 0) null else ByteArray(len).also { buf ->
                    var at = 0
                    while (at < len) at += input.read(buf, at, len - at)
                    line()
                }.toString(Charsets.UTF_8)
            }
            '*' -> (0 until l.substring(1).toInt()).map { read() }
            else -> error("bad reply $l")
        }
    }

    override fun close() = socket.close()
}
