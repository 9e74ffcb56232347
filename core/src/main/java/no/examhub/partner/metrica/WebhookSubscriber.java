package no.examhub.partner.metrica;

import java.util.Set;

/**
 * A test player (Jetpack, Evolve ...) that wants Metrica's events, from the
 * {@code webhook_subscribers} collection.
 *
 * @param name the collection's {@code _id}
 * @param secret its {@code whsec_} signing secret; kept in clear because Examhub signs with it
 * @param kinds which events it wants: {@code tests}, {@code results}, {@code feedback}
 */
public record WebhookSubscriber(String name, String url, String secret, Set<String> kinds) {

  public boolean wants(String kind) {
    return kinds != null && kinds.contains(kind);
  }

  @Override
  public String toString() {
    return "WebhookSubscriber[" + name + ", " + url + ", " + kinds + ", secret hidden]";
  }
}
