package no.examhub.platform.http;

import io.javalin.config.RoutesConfig;

/** A group of endpoints that adds itself to the server; one per partner or operator feature. */
@FunctionalInterface
public interface HttpRoutes {
  void register(RoutesConfig routes);
}
