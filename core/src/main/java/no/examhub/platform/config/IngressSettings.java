package no.examhub.platform.config;

import java.time.Duration;

/**
 * The settings that keep the ingress fair and hard to abuse, grouped so the ingress is wired from
 * one value.
 *
 * @param clientRateLimitPerSecond requests per second per client address, before authentication
 * @param rateLimitMaxKeys buckets each rate limit holds at most (addresses; source and institution)
 * @param trustedProxies addresses or CIDR ranges whose {@code X-Forwarded-For} is believed; empty for none
 * @param idleTimeout a connection on which nothing arrives for this long is closed
 * @param bodyTimeout a request body must have arrived in full within this
 * @param minDataRate bytes per second a body must average after its first second
 * @param insperaTimestampMargin a signed Inspera body whose timestamp is older than the dedup
 *     window minus this is refused
 */
public record IngressSettings(
    int clientRateLimitPerSecond,
    int rateLimitMaxKeys,
    String trustedProxies,
    Duration idleTimeout,
    Duration bodyTimeout,
    int minDataRate,
    Duration insperaTimestampMargin) {}
