package no.examhub.platform.http;

import java.util.function.BooleanSupplier;

/**
 * A readiness check with more to say than up or down: {@link #state()} is shown on
 * {@code /health/ready}; only {@code DOWN} makes the instance not ready. A part that is still
 * loading (the Metrica results queue after a start) says {@code LOADING} without taking the
 * webhooks of the instance out of the load balancer.
 */
public interface ReadinessCheck extends BooleanSupplier {
  String UP = "UP";
  String DOWN = "DOWN";
  String LOADING = "LOADING";

  String state();

  @Override
  default boolean getAsBoolean() {
    return !DOWN.equals(state());
  }
}
