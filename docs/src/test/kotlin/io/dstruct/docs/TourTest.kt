package io.dstruct.docs

import io.kotest.core.spec.style.FunSpec
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
        text shouldContain ">>> 'foo' in dic\nfalse"
        text shouldContain ">>> dic['foo']\n42"
        text shouldContain "[bar:baz, bar:foo]"
        text shouldContain ">>> redis> GET bar:foo\nint:42"
        text shouldContain "hits['page']\n8000"
        text shouldContain ">>> x['a']\n100"
        text shouldContain "distinct ids\n100000"
        text shouldContain ">>> x.append('a')\n1"
        text shouldContain ">>> x.pop()\nb"
        text shouldContain ">>> x.pop(blocking=True)\na"
        text shouldContain "distinct jobs taken (each went to exactly one consumer)\n100"
        text shouldContain "sum of the jobs taken\n5050"
        text shouldContain "...   break\n6\n7\n8\n9\n10\n11\n"
        text shouldContain "the next value of the counter is 12"
        text shouldContain ">>> x['a'] = 100\n>>> x\n{a=100}"
        text shouldContain ">>> counter.count(DAY, at)\n1"
        text shouldContain "End of the tour."
    }
})
