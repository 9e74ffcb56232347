package no.examhub.platform.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The routes an instance does not serve because they need a role it does not run
 * ({@code EXAMHUB_ROLES}), e.g. the case queries, which read the Streams stores: each answers
 * {@code 421 70421} naming the role, so a misrouted request is told where it belongs instead of
 * getting a 404 that reads like a wrong path; or, when an instance that runs the role is named
 * ({@link #forwardingTo}), is sent there and its answer passed back ({@link RoleForward}).
 */
public final class RoleElsewhere implements HttpRoutes {
  private final String role;
  private final List<BiConsumer<RoutesConfig, Handler>> routes = new ArrayList<>();
  private Optional<URI> target = Optional.empty();
  private Duration timeout = Duration.ofSeconds(10);

  private RoleElsewhere(String role) {
    this.role = role;
  }

  /** Routes served only by instances with {@code role}. */
  public static RoleElsewhere needs(String role) {
    return new RoleElsewhere(role);
  }

  /**
   * Forwards these routes to {@code target} (an instance that runs the role), when given, instead of
   * answering 421.
   *
   * @param timeout how long the target may take to answer in full
   */
  public RoleElsewhere forwardingTo(Optional<URI> target, Duration timeout) {
    this.target = target;
    this.timeout = timeout;
    return this;
  }

  public RoleElsewhere get(String path) {
    routes.add((r, h) -> r.get(path, h));
    return this;
  }

  public RoleElsewhere post(String path) {
    routes.add((r, h) -> r.post(path, h));
    return this;
  }

  public RoleElsewhere put(String path) {
    routes.add((r, h) -> r.put(path, h));
    return this;
  }

  @Override
  public void register(RoutesConfig config) {
    Handler refuse = ctx -> {
      throw new ApiException(ErrorCode.ROLE_ELSEWHERE, "Served by instances whose EXAMHUB_ROLES include "
          + role + "; this one does not run it.");
    };
    Handler handler = target.<Handler>map(t -> new RoleForward(t, timeout, refuse)).orElse(refuse);
    routes.forEach(r -> r.accept(config, handler));
  }
}
