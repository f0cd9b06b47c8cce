package io.dstruct

import io.dstruct.testing.EmbeddedRedisCluster
import org.redisson.config.Config

/**
 * The Connector's contracts on a real three-master Redis Cluster: every key of a connector shares its `{name}` hash
 * tag, so each script runs on the master that owns the connector's slot, and a send touches only the receiver's.
 * Each spec gets a cluster of its own, started when the spec first connects and stopped once it is done.
 */
class ConnectorClusterTest private constructor(c: SpecCluster) : ConnectorContract(c::connect, c::close) {
    constructor() : this(SpecCluster())
}

/** The [ConnectorRedeliveryContract] on a three-master Redis Cluster. */
class ConnectorRedeliveryClusterTest private constructor(c: SpecCluster) :
    ConnectorRedeliveryContract(c::connect, c::close) {
    constructor() : this(SpecCluster())
}

/** The [ConnectorRequestContract] on a three-master Redis Cluster. */
class ConnectorRequestClusterTest private constructor(c: SpecCluster) : ConnectorRequestContract(c::connect, c::close) {
    constructor() : this(SpecCluster())
}

/** The [ConnectorConcurrencyContract] on a three-master Redis Cluster. */
class ConnectorConcurrencyClusterTest private constructor(c: SpecCluster) :
    ConnectorConcurrencyContract(c::connect, c::close) {
    constructor() : this(SpecCluster())
}

/** The [ConnectorBadInputContract] on a three-master Redis Cluster. */
class ConnectorBadInputClusterTest private constructor(c: SpecCluster) : ConnectorBadInputContract(c::connect, c::close) {
    constructor() : this(SpecCluster())
}

/** The [ConnectorDelayContract] on a three-master Redis Cluster. */
class ConnectorDelayClusterTest private constructor(c: SpecCluster) : ConnectorDelayContract(c::connect, c::close) {
    constructor() : this(SpecCluster())
}

/** A three-master cluster for one spec: started by the first [connect], stopped by [close]. */
internal class SpecCluster {
    private var nodes: EmbeddedRedisCluster? = null

    /** Opens a Ds on the cluster, starting the cluster first if this is the first call. */
    @Synchronized
    fun connect(): Ds {
        val cluster = nodes ?: EmbeddedRedisCluster.start(3).also { nodes = it }
        return Ds.connect(Config().apply { useClusterServers().addNodeAddress(*cluster.uris().toTypedArray()) })
    }

    /** Stops the cluster, if it was started. */
    @Synchronized
    fun close() {
        nodes?.close()
        nodes = null
    }
}
