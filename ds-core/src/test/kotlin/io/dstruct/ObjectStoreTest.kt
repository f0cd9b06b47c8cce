package io.dstruct

import io.dstruct.testing.TestRedis

/** The [ObjectStoreContract] on the test Redis (a single server). */
class ObjectStoreTest : ObjectStoreContract({ Ds.connect(TestRedis.uri()) })
