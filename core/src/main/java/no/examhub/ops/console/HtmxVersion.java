package no.examhub.ops.console;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The htmx WebJar's version, read from its own pom.properties: the pom's version is the only place it is written. */
final class HtmxVersion {
  static final String VERSION = read();

  private HtmxVersion() {}

  private static String read() {
    try (InputStream in = HtmxVersion.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/htmx.org/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException("the htmx WebJar is not on the classpath");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the htmx WebJar's version", e);
    }
  }
}
