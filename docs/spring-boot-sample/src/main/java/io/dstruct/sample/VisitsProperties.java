package io.dstruct.sample;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sample's own settings: {@code visits.namespace}, the Dict namespace of the counts.
 *
 * @param namespace the namespace, {@code visits} unless set
 */
@ConfigurationProperties("visits")
public record VisitsProperties(@DefaultValue("visits") String namespace) {}
