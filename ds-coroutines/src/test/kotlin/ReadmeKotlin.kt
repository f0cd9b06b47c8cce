import io.dstruct.Ds
import io.dstruct.coroutines.dict
import kotlinx.serialization.Serializable

@Serializable data class User(val name: String, val age: Int)

suspend fun main() = Ds.connect(System.getenv("REDIS_URL") ?: "redis://127.0.0.1:6379").use { ds ->
    val users = ds.dict<User>("users")      // kotlinx.serialization JSON
    users["ada"] = User("Ada", 36)          // suspend operator set
    users.entries().collect { (k, v) -> println("$k -> $v") }   // Flow over SCAN pages
    println(users["ada"])                   // suspend operator get: User(name=Ada, age=36)
}
