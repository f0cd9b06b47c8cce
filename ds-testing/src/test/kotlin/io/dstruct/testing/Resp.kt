package io.dstruct.testing

import java.io.BufferedInputStream
import java.io.IOException
import java.net.InetSocketAddress
import java.net.Socket

/**
 * A test-only Redis connection speaking raw RESP over a socket, so that tests of ds-testing need no client library.
 *
 * Replies come back as Kotlin values: a simple string or bulk string as [String], a null bulk string as `null`,
 * an integer as [Long], an array as [List]. An error reply throws [RespError].
 */
class Resp(host: String, port: Int) : AutoCloseable {

    constructor(uri: RedisUri) : this(uri.host(), uri.port())

    private val socket = Socket().apply {
        connect(InetSocketAddress(host, port), 2_000)
        soTimeout = 5_000
    }
    private val input = BufferedInputStream(socket.getInputStream())
    private val output = socket.getOutputStream()

    /** Sends [line] as an inline command (`PING\r\n`) and returns the reply. */
    fun inline(line: String): Any? {
        output.write("$line\r\n".toByteArray())
        output.flush()
        return readReply()
    }

    /** Sends [args] as a RESP array of bulk strings and returns the reply. */
    fun command(vararg args: String): Any? {
        val request = StringBuilder("*${args.size}\r\n")
        for (arg in args) {
            request.append("$").append(arg.toByteArray().size).append("\r\n").append(arg).append("\r\n")
        }
        output.write(request.toString().toByteArray())
        output.flush()
        return readReply()
    }

    private fun readReply(): Any? {
        val line = readLine()
        val body = line.substring(1)
        return when (line[0]) {
            '+' -> body
            '-' -> throw RespError(body)
            ':' -> body.toLong()
            '$' -> {
                val length = body.toInt()
                if (length < 0) {
                    null
                } else {
                    val bytes = input.readNBytes(length + 2)
                    String(bytes, 0, length)
                }
            }
            '*' -> {
                val count = body.toInt()
                if (count < 0) null else List(count) { readReply() }
            }
            else -> throw IOException("not a RESP reply: $line")
        }
    }

    private fun readLine(): String {
        val line = StringBuilder()
        while (true) {
            val b = input.read()
            if (b < 0) throw IOException("connection closed after '$line'")
            if (b == '\r'.code) {
                input.read()
                return line.toString()
            }
            line.append(b.toChar())
        }
    }

    override fun close() {
        socket.close()
    }

    /** An error reply from Redis, such as `ERR unknown command`. */
    class RespError(message: String) : RuntimeException(message)

    companion object {
        /** Opens a connection to [uri], sends `PING` inline and returns the raw reply line's content. */
        fun ping(uri: String): Any? = Resp(RedisUri(uri)).use { it.inline("PING") }
    }
}
